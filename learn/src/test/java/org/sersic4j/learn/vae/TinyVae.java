package org.sersic4j.learn.vae;

import java.util.List;
import org.sersic4j.learn.TinyTraining;
import org.sersic4j.learn.TrainingConfig;

/** A tiny, fast VAE configuration for tests: the CNN tests' 32×32 stamps of bright galaxies, layers of 16 units. */
final class TinyVae {
    private TinyVae() {}

    static VaeConfig config(int batchesPerEpoch, int epochs) {
        TrainingConfig.Data d = TinyTraining.config("unused", 1, 1).data();
        return new VaeConfig(5, d, new VaeConfig.Network(4, List.of(16, 16), List.of(16, 16)),
                new VaeConfig.Training(32, batchesPerEpoch, epochs, 2, 3e-3, 5), new VaeConfig.Evaluation(40, 3, 1));
    }
}
