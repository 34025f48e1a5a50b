package org.sersic4j.fit;

/**
 * A likelihood written as least-squares residuals over the fitted pixels: r_i = sign(m_i − m*_i)·√(D_i(m_i) −
 * D_i(m*_i)), with D_i = −2 ln L_i of pixel i and m*_i its own best value, so that Σ r² = −2 ln L + const and a
 * Levenberg–Marquardt fit of the residuals is a maximum-likelihood fit. The residuals are smooth through zero.
 */
interface PixelStatistic {
    /**
     * Residuals and their derivatives d r_i/d m_i for the model values {@code model[pixel[j]]} of the fitted pixels
     * ({@code sky} is added to every model value). Returns false when a residual is not finite.
     */
    boolean residuals(double[] model, double sky, double[] r, double[] drdm);

    /** The per-pixel variance [ADU²] that goes with a model value, for reduced χ² and the Gaussian log-likelihood. */
    double variance(int j, double modelValue);
}
