package org.sersic4j.learn;

import java.util.List;
import org.sersic4j.render.sim.Range;
import org.sersic4j.render.sim.SimulationConfig;

/** A tiny, fast training configuration for tests: 32×32 stamps, bright galaxies, a small network. */
public final class TinyTraining {
    private TinyTraining() {}

    public static TrainingConfig config(String out, int batchesPerEpoch, int epochs) {
        TrainingConfig.Data d = new TrainingConfig.Data(32, 15, 0.2, 30,
                new SimulationConfig.Ranges(Range.of(20000, 50000), Range.of(0.4, 1.2), Range.of(0.5, 4), Range.of(0, 0.5), Range.of(0, 180), 1),
                new TrainingConfig.PsfRanges(List.of(SimulationConfig.PsfType.GAUSSIAN), Range.of(2, 3), Range.of(3, 3)),
                TrainingConfig.NoiseRanges.DEFAULT, 1, "java");
        TrainingConfig.Network n = new TrainingConfig.Network(2, List.of(8, 16, 16), List.of(4), 32, 0.1, TrainingConfig.Downsample.POOL);
        TrainingConfig.Training t = new TrainingConfig.Training(32, batchesPerEpoch, epochs, 2, 3e-3, 1.0, 100, 0.5, 10, 4);
        return new TrainingConfig(out, 11, d, n, t);
    }
}
