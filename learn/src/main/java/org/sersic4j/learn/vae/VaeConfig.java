package org.sersic4j.learn.vae;

import static org.sersic4j.io.YamlConfigs.or;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import org.sersic4j.learn.TrainingConfig;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.io.YamlConfigs;

/**
 * A run of the galaxy VAE ({@link GalaxyVae}) and of its campaign, read from YAML ({@code configs/vae.yaml}): the seed,
 * the galaxies rendered on the fly (the CNN's {@link TrainingConfig.Data}), the network's sizes, the optimiser's
 * schedule and the held-out evaluation; where the results go is the caller's choice. Every key has a default; unknown
 * keys are errors naming the key.
 *
 * @param seed       the whole run is a function of it
 * @param data       what the training stream renders
 * @param network    the architecture
 * @param training   the optimiser and its schedule
 * @param evaluation the held-out comparison against the bivariate Gaussian fit
 */
public record VaeConfig(long seed, TrainingConfig.Data data, Network network, Training training,
                        Evaluation evaluation) {

    public VaeConfig {
        if (data == null) data = TrainingConfig.Data.DEFAULT;
        if (network == null) network = Network.DEFAULT;
        if (training == null) training = Training.DEFAULT;
        if (evaluation == null) evaluation = Evaluation.DEFAULT;
    }

    @JsonCreator
    static VaeConfig create(@JsonProperty("seed") Long seed,
                            @JsonProperty("data") TrainingConfig.Data data, @JsonProperty("network") Network network,
                            @JsonProperty("training") Training training, @JsonProperty("evaluation") Evaluation evaluation) {
        return new VaeConfig(seed == null ? 17 : seed, data, network, training, evaluation);
    }

    /** The defaults: the campaign's recipe. */
    public static VaeConfig defaults() {
        return create(null, null, null, null, null);
    }

    /** The same run with another wall-clock budget. */
    public VaeConfig withMaxMinutes(double maxMinutes) {
        Training t = training;
        return new VaeConfig(seed, data, network, new Training(t.batchSize, t.batchesPerEpoch, t.maxEpochs,
                t.validationBatches, t.learningRate, maxMinutes), evaluation);
    }

    /** The same run with another number of held-out stamps. */
    public VaeConfig withHeldOut(int heldOut) {
        return new VaeConfig(seed, data, network, training, new Evaluation(heldOut, evaluation.gallery, evaluation.threads));
    }

    /**
     * The architecture: the paper's encoder and decoder, each dense ReLU layers, and the latent dimension.
     *
     * @param latent  dimension of z
     * @param encoder widths of the encoder's hidden layers
     * @param decoder widths of the decoder's hidden layers
     */
    public record Network(int latent, List<Integer> encoder, List<Integer> decoder) {
        /** The paper's: latent 8, two layers of 128 on each side. */
        public static final Network DEFAULT = new Network(8, List.of(128, 128), List.of(128, 128));

        public Network {
            if (encoder == null || encoder.isEmpty()) encoder = DEFAULT.encoder;
            if (decoder == null || decoder.isEmpty()) decoder = DEFAULT.decoder;
            encoder = List.copyOf(encoder);
            decoder = List.copyOf(decoder);
            if (latent < 1) throw new IllegalArgumentException("network.latent: must be >= 1 (got " + latent + ")");
            if (encoder.stream().anyMatch(w -> w < 1) || decoder.stream().anyMatch(w -> w < 1))
                throw new IllegalArgumentException("network.encoder, network.decoder: layer widths must be >= 1");
        }

        @JsonCreator
        static Network create(@JsonProperty("latent") Integer latent, @JsonProperty("encoder") List<Integer> encoder,
                              @JsonProperty("decoder") List<Integer> decoder) {
            return new Network(latent == null ? DEFAULT.latent : latent, encoder, decoder);
        }
    }

    /**
     * The optimiser (Adam, constant step) and its schedule; training stops at {@code maxEpochs} or when the budget is
     * spent (checked after every batch).
     *
     * @param batchSize         stamps per batch
     * @param batchesPerEpoch   batches between validations (every batch is new galaxies)
     * @param maxEpochs         upper bound on epochs
     * @param validationBatches size of the fixed held-out validation stream, in batches
     * @param learningRate      Adam's step
     * @param maxMinutes        wall-clock budget for training
     */
    public record Training(int batchSize, int batchesPerEpoch, int maxEpochs, int validationBatches, double learningRate,
                           double maxMinutes) {
        /** Within 30 minutes on a 2-core CPU, campaign included. */
        public static final Training DEFAULT = new Training(64, 200, 1000, 4, 1e-3, 24);

        public Training {
            TrainingConfig.Training.checkSchedule(batchSize, batchesPerEpoch, maxEpochs, validationBatches, learningRate, maxMinutes);
        }

        @JsonCreator
        static Training create(@JsonProperty("batchSize") Integer batchSize, @JsonProperty("batchesPerEpoch") Integer batchesPerEpoch,
                               @JsonProperty("maxEpochs") Integer maxEpochs, @JsonProperty("validationBatches") Integer validationBatches,
                               @JsonProperty("learningRate") Double learningRate, @JsonProperty("maxMinutes") Double maxMinutes) {
            Training d = DEFAULT;
            return new Training(or(batchSize, d.batchSize), or(batchesPerEpoch, d.batchesPerEpoch), or(maxEpochs, d.maxEpochs),
                    or(validationBatches, d.validationBatches), or(learningRate, d.learningRate), or(maxMinutes, d.maxMinutes));
        }
    }

    /**
     * The held-out comparison.
     *
     * @param heldOut stamps rendered from another seed and scored (the paper: 1,000)
     * @param gallery stamps shown in the report's reconstruction gallery
     * @param threads threads for the Gaussian fits (0: every core)
     */
    public record Evaluation(int heldOut, int gallery, int threads) {
        /** The paper's 1,000 held-out stamps, a gallery of 8, every core. */
        public static final Evaluation DEFAULT = new Evaluation(1000, 8, 0);

        public Evaluation {
            if (heldOut < 1) throw new IllegalArgumentException("evaluation.heldOut: must be >= 1 (got " + heldOut + ")");
            if (gallery < 0) throw new IllegalArgumentException("evaluation.gallery: must be >= 0 (got " + gallery + ")");
            if (threads < 0) throw new IllegalArgumentException("evaluation.threads: must be >= 0 (got " + threads + ")");
        }

        @JsonCreator
        static Evaluation create(@JsonProperty("heldOut") Integer heldOut, @JsonProperty("gallery") Integer gallery,
                                 @JsonProperty("threads") Integer threads) {
            return new Evaluation(or(heldOut, DEFAULT.heldOut), or(gallery, DEFAULT.gallery), or(threads, DEFAULT.threads));
        }
    }

    /**
     * Reads a YAML VAE configuration; an empty file gives the defaults.
     *
     * @throws InvalidInputException naming the file and the offending key
     */
    public static VaeConfig load(Path file) {
        return YamlConfigs.load(file, "VAE configuration", VaeConfig.class, VaeConfig::defaults);
    }

    /** This configuration as YAML with every key filled in (provenance). */
    public String toYaml() {
        return YamlConfigs.toYaml(this);
    }

}
