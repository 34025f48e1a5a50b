package org.sersic4j.render;

/**
 * Every accuracy knob of the renderer in one place (GalSim's GSParams idea).
 *
 * @param oversample cells per pixel along each axis on which the profile is integrated before PSF convolution
 *                   (1 = the pixel grid; 2–4 help very compact, cuspy galaxies). Without a PSF it must be 1.
 * @param tolerance  target integration error of one cell, relative to the galaxy's peak surface brightness scale
 */
public record RenderSettings(int oversample, double tolerance) {

    /** The defaults: pixel grid, 1e-6 relative tolerance. These pass the accuracy tests. */
    public static final RenderSettings DEFAULT = new RenderSettings(2, 1e-5);

    public RenderSettings {
        if (oversample < 1 || oversample > 8) throw new IllegalArgumentException("oversample must be in 1..8 (got " + oversample + ")");
        if (!(tolerance > 0 && tolerance < 0.1)) throw new IllegalArgumentException("tolerance must be in (0, 0.1) (got " + tolerance + ")");
    }

    /** A copy with another oversampling factor. */
    public RenderSettings withOversample(int k) {
        return new RenderSettings(k, tolerance);
    }
}
