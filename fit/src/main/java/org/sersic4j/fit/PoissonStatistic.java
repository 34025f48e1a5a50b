package org.sersic4j.fit;

import org.sersic4j.render.sim.NoiseModel;

/**
 * Poisson maximum likelihood (the Cash statistic) on electrons. A pixel holds C = GAIN·(m + SKY) + RDNOISE² expected
 * electrons, the read-noise variance added as Poisson-like counts (the usual approximation); the data hold
 * C_d = GAIN·(d + SKY) + RDNOISE², clipped at 0. D(C) = 2(C − C_d ln C) is smallest at C = C_d, and
 * D(C) − D(C_d) = 2 C_d (x − ln(1 + x)) with x = (C − C_d)/C_d, evaluated without cancellation near x = 0.
 */
final class PoissonStatistic implements PixelStatistic {
    private final int[] pixel;
    private final double[] counts;
    private final double gain, offset;
    private final NoiseModel noise;

    PoissonStatistic(int[] pixel, double[] data, NoiseModel noise) {
        this.pixel = pixel;
        this.noise = noise;
        this.gain = noise.gain();
        this.offset = gain * noise.sky() + noise.rdnoise() * noise.rdnoise();
        this.counts = new double[data.length];
        for (int j = 0; j < data.length; j++) counts[j] = Math.max(0, gain * data[j] + offset);
    }

    @Override
    public boolean residuals(double[] model, double sky, double[] r, double[] drdm) {
        boolean finite = true;
        for (int j = 0; j < pixel.length; j++) {
            double c = gain * (model[pixel[j]] + sky) + offset, cd = counts[j];
            if (!(c > 0)) {
                r[j] = Double.NaN;
                drdm[j] = Double.NaN;
                finite = false;
                continue;
            }
            if (cd == 0) {
                // No electrons observed: D(C) − D(0⁺) = 2C.
                r[j] = Math.sqrt(2 * c);
                drdm[j] = gain / r[j];
                continue;
            }
            double x = (c - cd) / cd, g = g2(x), s = Math.sqrt(g), k = Math.sqrt(2 * cd);
            r[j] = k * x * s;
            drdm[j] = k * (s + x * g2Slope(x, g) / (2 * s)) * gain / cd;
        }
        return finite;
    }

    @Override
    public double variance(int j, double modelValue) {
        return noise.variance(modelValue);
    }

    /**
     * (x − ln(1 + x))/x², positive for x > −1. Beyond {@link #HUGE} it is divided by x twice, since x² would overflow
     * to ∞ and make it 0 (a model 1e150 times the data would then fit perfectly).
     */
    static double g2(double x) {
        if (Math.abs(x) < 1e-2) return 0.5 + x * (-1.0 / 3 + x * (0.25 + x * (-0.2 + x * (1.0 / 6 + x * (-1.0 / 7)))));
        if (x > HUGE) return (1 - Math.log1p(x) / x) / x;
        return (x - Math.log1p(x)) / (x * x);
    }

    /** Where x² is far from overflowing a double (1e200 of 1.8e308). */
    static final double HUGE = 1e100;

    /** d/dx of {@link #g2}, given its value g. */
    static double g2Slope(double x, double g) {
        if (Math.abs(x) < 1e-2) return -1.0 / 3 + x * (0.5 + x * (-0.6 + x * (2.0 / 3 + x * (-5.0 / 7))));
        if (x > HUGE) return 1 / x / (1 + x) - 2 * g / x;   // x(1 + x) would overflow
        return 1 / (x * (1 + x)) - 2 * g / x;
    }
}
