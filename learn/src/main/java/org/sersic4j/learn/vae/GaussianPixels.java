package org.sersic4j.learn.vae;

/**
 * Per-pixel Gaussian statistics of a stamp against a model, in double precision: the log-likelihood with one variance
 * per pixel given as its natural logarithm (the VAE's decoder output), and the mean squared error.
 */
public final class GaussianPixels {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private GaussianPixels() {}

    /**
     * Σₖ −½ [ln 2π + vₖ + (xₖ − μₖ)² e^(−vₖ)] over {@code n} pixels, vₖ = ln σₖ².
     *
     * @param x       the data, from {@code xOffset}
     * @param mean    μ, from {@code offset}
     * @param logVar  ln σ², from {@code offset}
     */
    public static double logLikelihood(float[] x, int xOffset, float[] mean, float[] logVar, int offset, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            double v = logVar[offset + k], d = x[xOffset + k] - (double) mean[offset + k];
            s += LOG_2PI + v + d * d * Math.exp(-v);
        }
        return -0.5 * s;
    }

    /** Σₖ (xₖ − mₖ)² / n over {@code n} pixels. */
    public static double meanSquaredError(float[] x, int xOffset, float[] model, int offset, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            double d = x[xOffset + k] - (double) model[offset + k];
            s += d * d;
        }
        return s / n;
    }
}
