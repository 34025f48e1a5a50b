package org.sersic4j.validation.fit;

import org.sersic4j.render.sim.Range;
import org.sersic4j.render.sim.SimulationConfig;

/**
 * The truth set on which fits are judged: the conditional-autoencoder paper's ranges drawn uniformly (flux
 * 500–50,000 ADU, r_e 0.3–5″, n 0.5–4, ellipticity 0–0.6, PA 0–180°), 64×64 stamps at 0.2″/px with the centre within
 * 3 px of the stamp's, a round Moffat PSF of FWHM 4 px (0.8″) and β 3.5, sky 100 ADU, read noise 5 e⁻, gain 1.
 * Rendered with the accurate default settings (half-pixel cells).
 */
public final class FitTruthSet {
    private FitTruthSet() {}

    /** The configuration for {@code count} stamps from {@code seed}. */
    public static SimulationConfig config(int count, long seed) {
        SimulationConfig d = SimulationConfig.defaults();
        return d.withCount(count).withSeed(seed).withSize(64).withPixelScale(0.2)
                .withNoise(new SimulationConfig.Noise(100, 1, 5))
                .withRanges(SimulationConfig.Ranges.DEFAULT)
                .withPsf(SimulationConfig.Psf.DEFAULT.withFwhm(Range.fixed(0.8)));
    }
}
