package org.sersic4j.compare.run;

import java.nio.file.Path;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.sim.Range;
import org.sersic4j.render.sim.SimulationConfig;
import org.sersic4j.render.sim.Simulator;

/**
 * A tiny truth set written by the simulator: 32×32 stamps at 0.2″/px, a 15×15 Moffat PSF of FWHM 0.6″ (3 px), flux
 * 2,000–50,000 ADU, r_e 0.4–0.8″ (2–4 px), n 0.5–4, sky 100 ADU, gain 1, read noise 5 e⁻.
 */
final class SmallTruthSet {
    private SmallTruthSet() {}

    static Path write(Path dir, int count, long seed) {
        SimulationConfig.Psf psf = new SimulationConfig.Psf(SimulationConfig.PsfMode.FIXED, SimulationConfig.PsfType.MOFFAT,
                Range.fixed(0.6), Range.fixed(3.5), Range.fixed(0), Range.fixed(0), 15);
        SimulationConfig cfg = SimulationConfig.defaults().withCount(count).withSeed(seed).withSize(32)
                .withNoise(new SimulationConfig.Noise(100, 1, 5)).withPsf(psf)
                .withRanges(new SimulationConfig.Ranges(Range.of(2000, 50000), Range.of(0.4, 0.8), Range.of(0.5, 4),
                        Range.of(0, 0.5), Range.of(0, 180), 1));
        new Simulator(cfg, new JavaReferenceRenderer(), dir).withProgress(false).run();
        return dir;
    }
}
