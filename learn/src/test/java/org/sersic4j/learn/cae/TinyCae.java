package org.sersic4j.learn.cae;

import java.util.List;
import org.sersic4j.learn.TrainingConfig;
import org.sersic4j.render.sim.Range;
import org.sersic4j.render.sim.SimulationConfig;

/**
 * A tiny, fast CAE configuration for tests: 32×32 stamps of bright, round-ish galaxies of one PSF whose flux and r_e
 * vary (an easy set), convolutions of 4 and 8 channels, a latent of 2 + 6.
 */
final class TinyCae {
    private TinyCae() {}

    static CaeConfig config(int batchesPerEpoch, int epochs) {
        TrainingConfig.Data d = new TrainingConfig.Data(32, 15, 0.2, 30,
                new SimulationConfig.Ranges(Range.of(2000, 50000), Range.of(0.4, 1.6), Range.of(1, 1.5), Range.of(0, 0.2), Range.of(0, 180), 0.5),
                new TrainingConfig.PsfRanges(List.of(SimulationConfig.PsfType.GAUSSIAN), Range.of(2, 2.5), Range.of(3, 3)),
                TrainingConfig.NoiseRanges.DEFAULT, 1, "java");
        return new CaeConfig(5, d, CaeConfig.Input.DEFAULT, new CaeConfig.Network(8, List.of(4, 8)),
                new CaeConfig.Training(32, batchesPerEpoch, epochs, 2, 3e-3, 1, 1e-3, 5), new CaeConfig.Evaluation(30, 60, 8, 5, 1.2, 3));
    }
}
