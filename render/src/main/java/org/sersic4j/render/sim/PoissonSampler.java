package org.sersic4j.render.sim;

import org.hipparchus.random.RandomGenerator;
import org.hipparchus.special.Gamma;

/**
 * Exact Poisson deviates, fast for every mean the simulator meets (up to {@link #MAX_MEAN}).
 *
 * <p>Means below 10 use the multiplication (product of uniforms) method; means of 10 and above use Hörmann's
 * transformed rejection with squeeze, PTRS (W. Hörmann, "The transformed rejection method for generating Poisson
 * random variables", Insurance: Mathematics and Economics 12, 1993; the method NumPy uses). PTRS needs about 2.3
 * uniforms per deviate and a log-gamma only in the rare slow path, whatever the mean, so a deviate costs tens of
 * nanoseconds whether the mean is 10 or 1e7. (Hipparchus' {@code RandomDataGenerator.nextPoisson} is exact too but
 * recomputes an expensive set-up on every call, about 1 µs per deviate at mean 1e3, and returns an {@code int}.)
 */
public final class PoissonSampler {

    /** Largest accepted mean: deviates then stay exactly representable as doubles. */
    public static final double MAX_MEAN = 1e15;

    private static final double PTRS_FROM = 10;

    /** log(k!) for small k, for PTRS' slow path. */
    private static final double[] LOG_FACTORIAL = new double[1024];

    static {
        for (int k = 1; k < LOG_FACTORIAL.length; k++) LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
    }

    private PoissonSampler() {}

    /** One Poisson deviate of mean {@code mean} in [0, {@link #MAX_MEAN}] (0 for a zero mean). */
    public static long sample(RandomGenerator rng, double mean) {
        if (!(mean >= 0 && mean <= MAX_MEAN))
            throw new IllegalArgumentException("Poisson mean must be in [0, " + MAX_MEAN + "] (got " + mean + ")");
        if (mean == 0) return 0;
        return mean < PTRS_FROM ? multiplication(rng, mean) : ptrs(rng, mean);
    }

    private static long multiplication(RandomGenerator rng, double mean) {
        double limit = Math.exp(-mean);
        double prod = rng.nextDouble();
        long k = 0;
        while (prod > limit) {
            k++;
            prod *= rng.nextDouble();
        }
        return k;
    }

    private static long ptrs(RandomGenerator rng, double lam) {
        double slam = Math.sqrt(lam);
        double loglam = Math.log(lam);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = rng.nextDouble() - 0.5;
            double v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            double kd = Math.floor((2 * a / us + b) * u + lam + 0.43);
            if (us >= 0.07 && v <= vr) return (long) kd;
            if (kd < 0 || (us < 0.013 && v > us)) continue;
            if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= -lam + kd * loglam - logFactorial(kd)) {
                return (long) kd;
            }
        }
    }

    private static double logFactorial(double k) {
        return k < LOG_FACTORIAL.length ? LOG_FACTORIAL[(int) k] : Gamma.logGamma(k + 1);
    }
}
