package org.sersic4j.fit.optim;

/**
 * A scalar function of several variables that returns its value and fills in its gradient.
 *
 * <p>Outside its domain the function may return NaN or an infinity (or leave non-finite gradient components);
 * optimisers treat such points as too far and step back. Implementations must not modify {@code x}.
 */
@FunctionalInterface
public interface DifferentiableObjective {

    /**
     * Evaluates the function at {@code x}.
     *
     * @param x           the point, not modified
     * @param gradientOut receives the gradient at {@code x}; same length as {@code x}
     * @return the value at {@code x}, possibly NaN or infinite outside the domain
     */
    double valueAndGradient(double[] x, double[] gradientOut);
}
