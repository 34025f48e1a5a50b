package org.sersic4j.render;

/**
 * Every accuracy knob of the renderer in one place (GalSim's GSParams idea).
 *
 * @param oversample cells per pixel along each axis on which the profile is integrated before PSF convolution
 *                   (1 = pixel-sized cells; 2 is needed for ~1e-3 accuracy on compact, cuspy galaxies). Without a
 *                   PSF the cells are the pixels and this plays no part: the cusp is integrated exactly.
 * @param tolerance  target relative integration error of each cell; the faintest cells together lose at most
 *                   tolerance × flux
 */
public record RenderSettings(int oversample, double tolerance) {

    /** The defaults, the settings that pass the accuracy tests: half-pixel cells under a PSF, tolerance 1e-5. */
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
