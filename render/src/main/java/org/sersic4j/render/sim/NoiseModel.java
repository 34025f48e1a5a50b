package org.sersic4j.render.sim;

import org.hipparchus.random.RandomGenerator;
import org.sersic4j.render.Image;

/**
 * The CCD noise model of the project: photon (Poisson) noise on GAIN·(model + sky) electrons plus Gaussian read
 * noise, for images stored sky-subtracted in ADU.
 *
 * <p>Per-pixel variance in ADU²: {@code (model + sky)/GAIN + (RDNOISE/GAIN)²}, where {@code model + sky} is
 * clipped at zero (a model may ring slightly negative). The signal-to-noise ratio of a stamp is the matched-filter
 * value {@code sqrt(Σ m² / variance(m))} of the noiseless model {@code m}.
 *
 * @param sky     sky level per pixel in ADU (already subtracted from stored images), ≥ 0
 * @param gain    detector gain in e⁻/ADU, &gt; 0
 * @param rdnoise read noise in e⁻ per pixel, ≥ 0
 */
public record NoiseModel(double sky, double gain, double rdnoise) {

    public NoiseModel {
        if (!(Double.isFinite(sky) && sky >= 0)) throw new IllegalArgumentException("sky must be a finite number >= 0 ADU (got " + sky + ")");
        if (!(Double.isFinite(gain) && gain > 0)) throw new IllegalArgumentException("gain must be a finite number > 0 e-/ADU (got " + gain + ")");
        if (!(Double.isFinite(rdnoise) && rdnoise >= 0)) throw new IllegalArgumentException("rdnoise must be a finite number >= 0 e- (got " + rdnoise + ")");
    }

    /** Variance in ADU² of a pixel whose noiseless, sky-subtracted value is {@code model} ADU. */
    public double variance(double model) {
        double rn = rdnoise / gain;
        return Math.max(0.0, model + sky) / gain + rn * rn;
    }

    /** Per-pixel standard deviation (ADU) of a noiseless sky-subtracted model image. */
    public Image sigmaMap(Image model) {
        double[] m = model.pixels();
        double[] s = new double[m.length];
        for (int i = 0; i < m.length; i++) s[i] = Math.sqrt(variance(m[i]));
        return new Image(model.width(), model.height(), s);
    }

    /**
     * A noisy realisation of a noiseless sky-subtracted model (ADU): each pixel draws Poisson(GAIN·(m + sky))
     * electrons, adds N(0, RDNOISE²) electrons of read noise, and is converted back to ADU with the sky
     * subtracted. The pixels are drawn in row-major order from {@code rng}, so a seeded generator gives the
     * same image every time. Photon counts come from {@link PoissonSampler} (exact, fast for any mean), read noise
     * from {@code rng.nextGaussian()}.
     */
    public Image addNoise(Image model, RandomGenerator rng) {
        double[] m = model.pixels();
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            double electrons = poisson(rng, gain * Math.max(0.0, m[i] + sky));
            if (rdnoise > 0) electrons += rdnoise * rng.nextGaussian();
            out[i] = electrons / gain - sky;
        }
        return new Image(model.width(), model.height(), out);
    }

    /** Matched-filter S/N of a noiseless sky-subtracted model: {@code sqrt(Σ m² / variance(m))}. */
    public double snr(Image model) {
        double s = 0;
        for (double v : model.pixels()) {
            double var = variance(v);
            if (var > 0) s += v * v / var;
        }
        return Math.sqrt(s);
    }

    /**
     * A Poisson deviate of mean {@code mean} (0 for a zero or negative mean): exact ({@link PoissonSampler}) up to
     * {@link PoissonSampler#MAX_MEAN} electrons, a rounded normal deviate beyond (never met by real detectors).
     */
    static double poisson(RandomGenerator rng, double mean) {
        if (!(mean > 0)) return 0.0;
        if (mean > PoissonSampler.MAX_MEAN) return Math.max(0.0, Math.rint(mean + Math.sqrt(mean) * rng.nextGaussian()));
        return PoissonSampler.sample(rng, mean);
    }
}
