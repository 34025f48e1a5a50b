package org.sersic4j.validation.compare;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import org.sersic4j.compare.estimators.CnnEstimator;
import org.sersic4j.learn.Backend;
import org.sersic4j.learn.ModelStore;
import org.sersic4j.learn.cnn.CnnPredictor;

/**
 * The network of a comparison: a model file, or the one shipped with sersic4j, loaded once on first use and shared by
 * the estimators that need it (the network with MC-dropout errors, and its point estimate as a fit's seed).
 */
public final class Network {
    private final Path model;
    private final int mcSamples;
    private final String howToChoose;
    private final Consumer<String> log;
    private CnnPredictor predictor;

    /**
     * A network to load when first asked for.
     *
     * @param model       the model file (its JSON sidecar beside it), or null for the shipped model
     * @param mcSamples   MC-dropout passes of {@link #estimator()} (0: none)
     * @param howToChoose how a user names another model, for the message when the shipped one is missing
     *                    (e.g. {@code "--model M.zip"})
     * @param log         told which model was loaded and on which backend it runs
     */
    public Network(Path model, int mcSamples, String howToChoose, Consumer<String> log) {
        if (mcSamples < 0) throw new IllegalArgumentException("MC-dropout passes must be >= 0 (got " + mcSamples + ")");
        this.model = model;
        this.mcSamples = mcSamples;
        this.howToChoose = Objects.requireNonNull(howToChoose, "howToChoose");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * The loaded network.
     *
     * @throws IllegalArgumentException when no model file is given and no model ships with this build, saying how to
     *                                  train one and how to name it
     * @throws org.sersic4j.io.InvalidInputException naming a model file that is missing or not a model
     */
    public synchronized CnnPredictor predictor() {
        if (predictor == null) {
            if (model == null && !ModelStore.hasDefault())
                throw new IllegalArgumentException("no network: this build has no shipped model (" + ModelStore.DEFAULT_MODEL
                        + "); train one with 'sersic4j train --config configs/train-cnn.yaml' and give its model.zip with "
                        + howToChoose);
            ModelStore.Loaded m = model == null ? ModelStore.loadDefault() : ModelStore.load(model, false);
            predictor = new CnnPredictor(m);
            log.accept("network " + m.source() + " on " + Backend.describe());
        }
        return predictor;
    }

    /** The network as the estimator {@code cnn}, with the MC-dropout passes asked for. */
    public CnnEstimator estimator() {
        return new CnnEstimator(predictor(), mcSamples);
    }

    /** The network's point estimate alone (no dropout passes), as a seed: a seeded fit's time then holds no passes. */
    public CnnEstimator seed() {
        return new CnnEstimator(predictor(), 0);
    }
}
