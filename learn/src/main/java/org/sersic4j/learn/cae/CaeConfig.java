package org.sersic4j.learn.cae;

import static org.sersic4j.io.YamlConfigs.or;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import org.sersic4j.learn.TrainingConfig;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.io.YamlConfigs;

/**
 * A run of the conditional autoencoder ({@link ConditionalAutoencoder}) and of its campaign, read from YAML
 * ({@code configs/cae.yaml}): the seed, the galaxies rendered on the fly (the CNN's {@link TrainingConfig.Data}), the
 * input stretch, the network's sizes, the optimiser and the loss weights, and the evaluation. Every key has a default;
 * unknown keys are errors naming the key.
 *
 * @param seed       the whole run is a function of it
 * @param data       what the training stream renders
 * @param input      the fixed stretch that maps ADU into [0, 1] for the binary cross-entropy ({@link CaeInput})
 * @param network    the architecture
 * @param training   the optimiser, its schedule and the loss weights
 * @param evaluation the controlled sets, the latent sweeps and the PCA comparison
 */
public record CaeConfig(long seed, TrainingConfig.Data data, Input input, Network network, Training training,
                        Evaluation evaluation) {

    public CaeConfig {
        if (data == null) data = TrainingConfig.Data.DEFAULT;
        if (input == null) input = Input.DEFAULT;
        if (network == null) network = Network.DEFAULT;
        if (training == null) training = Training.DEFAULT;
        if (evaluation == null) evaluation = Evaluation.DEFAULT;
        int pooled = 1 << network.conv().size();
        if (data.stampSize() % pooled != 0)
            throw new IllegalArgumentException("data.stampSize: must be a multiple of " + pooled + " (one halving per entry of "
                    + "network.conv) for the decoder to restore it (got " + data.stampSize() + ")");
    }

    @JsonCreator
    static CaeConfig create(@JsonProperty("seed") Long seed, @JsonProperty("data") TrainingConfig.Data data,
                            @JsonProperty("input") Input input, @JsonProperty("network") Network network,
                            @JsonProperty("training") Training training, @JsonProperty("evaluation") Evaluation evaluation) {
        return new CaeConfig(seed == null ? 23 : seed, data, input, network, training, evaluation);
    }

    /** The defaults: the campaign's recipe. */
    public static CaeConfig defaults() {
        return create(null, null, null, null, null, null);
    }

    /** The same run with another wall-clock budget for training. */
    public CaeConfig withMaxMinutes(double maxMinutes) {
        Training t = training;
        return new CaeConfig(seed, data, input, network, new Training(t.batchSize, t.batchesPerEpoch, t.maxEpochs, t.validationBatches,
                t.learningRate, t.lambdaPhysical, t.lambdaSparsity, maxMinutes), evaluation);
    }

    /** The same run with another number of held-out stamps for the PCA comparison. */
    public CaeConfig withHeldOut(int heldOut) {
        Evaluation e = evaluation;
        return withEvaluation(new Evaluation(e.controlled, heldOut, e.components, e.sweepSteps, e.sweepRange, e.gallery));
    }

    /** The same run with another evaluation. */
    public CaeConfig withEvaluation(Evaluation e) {
        return new CaeConfig(seed, data, input, network, training, e);
    }

    /**
     * The fixed input stretch x = clip(asinh(v / softening) / asinh(ceiling / softening), 0, 1) of a sky-subtracted
     * stamp v in ADU: the same for every stamp, so the stretched stamp still carries the flux (a per-stamp division by
     * the peak would remove it), and non-linear, so the flux is not a linear function of the pixels.
     *
     * @param softening [ADU] where the stretch turns from linear to logarithmic (about the sky noise σ)
     * @param ceiling   [ADU] the value mapped to 1 (about the brightest central pixel of the training set)
     */
    public record Input(double softening, double ceiling) {
        /** σ of the sky noise is 6–14 ADU in the default data; the brightest pixels reach a few thousand ADU. */
        public static final Input DEFAULT = new Input(10, 10000);

        public Input {
            if (!(softening > 0)) throw new IllegalArgumentException("input.softening: must be > 0 (got " + softening + ")");
            if (!(ceiling > softening)) throw new IllegalArgumentException("input.ceiling: must be > input.softening (got " + ceiling + ")");
        }

        @JsonCreator
        static Input create(@JsonProperty("softening") Double softening, @JsonProperty("ceiling") Double ceiling) {
            return new Input(or(softening, DEFAULT.softening), or(ceiling, DEFAULT.ceiling));
        }
    }

    /**
     * The architecture: 3×3 "same" ReLU convolutions, each followed by 2×2 max pooling, a latent of {@value
     * ConditionalAutoencoder#PHYSICAL} linear (supervised) units and {@code latent − 2} ReLU units, and the mirror
     * decoder (dense, reshape, then per stage 2× upsampling and a convolution, then a one-channel sigmoid convolution).
     *
     * @param latent total latent dimension (the paper: 64, of which 2 physical)
     * @param conv   channels of the encoder's convolutions (the paper: 32, 64); the decoder uses them in reverse
     */
    public record Network(int latent, List<Integer> conv) {
        /**
         * The paper's latent (2 + 62) with a quarter of its channels (8 and 16 instead of 32 and 64): on a 2-core CPU the
         * paper's widths train about a quarter as many steps in the budget. {@code conv: [32, 64]} is the paper's.
         */
        public static final Network DEFAULT = new Network(64, List.of(8, 16));

        public Network {
            if (conv == null || conv.isEmpty()) conv = DEFAULT.conv;
            conv = List.copyOf(conv);
            if (latent <= ConditionalAutoencoder.PHYSICAL)
                throw new IllegalArgumentException("network.latent: must be > " + ConditionalAutoencoder.PHYSICAL + " (got " + latent + ")");
            if (conv.stream().anyMatch(w -> w < 1)) throw new IllegalArgumentException("network.conv: channels must be >= 1");
        }

        @JsonCreator
        static Network create(@JsonProperty("latent") Integer latent, @JsonProperty("conv") List<Integer> conv) {
            return new Network(or(latent, DEFAULT.latent), conv);
        }
    }

    /**
     * The optimiser (Adam, constant step), its schedule and the loss L = BCE + λ1·MSE(physical latents, targets) +
     * λ2·L1(other latents); training stops at {@code maxEpochs} or when the budget is spent (checked after every batch).
     *
     * @param batchSize         stamps per batch (the paper: 64)
     * @param batchesPerEpoch   batches between validations (every batch is new galaxies)
     * @param maxEpochs         upper bound on epochs
     * @param validationBatches size of the fixed held-out validation stream, in batches
     * @param learningRate      Adam's step
     * @param lambdaPhysical    λ1, weight of the mean squared error of the two physical latents
     * @param lambdaSparsity    λ2, weight of the L1 norm of the other latents
     * @param maxMinutes        wall-clock budget for training
     */
    public record Training(int batchSize, int batchesPerEpoch, int maxEpochs, int validationBatches, double learningRate,
                           double lambdaPhysical, double lambdaSparsity, double maxMinutes) {
        /** Within 30 minutes on a 2-core CPU, campaign included: batches of 32 (the paper: 64) for twice the steps. */
        public static final Training DEFAULT = new Training(32, 50, 1000, 4, 1e-3, 1, 1e-3, 24);

        public Training {
            TrainingConfig.Training.checkSchedule(batchSize, batchesPerEpoch, maxEpochs, validationBatches, learningRate, maxMinutes);
            if (!(lambdaPhysical >= 0)) throw new IllegalArgumentException("training.lambdaPhysical: must be >= 0");
            if (!(lambdaSparsity >= 0)) throw new IllegalArgumentException("training.lambdaSparsity: must be >= 0");
        }

        @JsonCreator
        static Training create(@JsonProperty("batchSize") Integer batchSize, @JsonProperty("batchesPerEpoch") Integer batchesPerEpoch,
                               @JsonProperty("maxEpochs") Integer maxEpochs, @JsonProperty("validationBatches") Integer validationBatches,
                               @JsonProperty("learningRate") Double learningRate, @JsonProperty("lambdaPhysical") Double lambdaPhysical,
                               @JsonProperty("lambdaSparsity") Double lambdaSparsity, @JsonProperty("maxMinutes") Double maxMinutes) {
            Training d = DEFAULT;
            return new Training(or(batchSize, d.batchSize), or(batchesPerEpoch, d.batchesPerEpoch), or(maxEpochs, d.maxEpochs),
                    or(validationBatches, d.validationBatches), or(learningRate, d.learningRate), or(lambdaPhysical, d.lambdaPhysical),
                    or(lambdaSparsity, d.lambdaSparsity), or(maxMinutes, d.maxMinutes));
        }
    }

    /**
     * The campaign's measurements.
     *
     * @param controlled stamps in each controlled set (flux varied alone; r_e varied alone)
     * @param heldOut    held-out stamps for the PCA comparison (half fit the PCA and the regressions, half score them)
     * @param components principal components (the paper: 64, the CAE's latent dimension)
     * @param sweepSteps decoded images per latent sweep
     * @param sweepRange each sweep runs the latent from −sweepRange to +sweepRange (the targets span [−1, 1])
     * @param gallery    stamps in the report's reconstruction gallery
     */
    public record Evaluation(int controlled, int heldOut, int components, int sweepSteps, double sweepRange, int gallery) {
        /** 200 stamps per controlled set, 1,000 held out (the paper's data set size: 500 to fit, 500 to score), 64 components, sweeps of 9. */
        public static final Evaluation DEFAULT = new Evaluation(200, 1000, 64, 9, 1.2, 8);

        public Evaluation {
            if (controlled < 3) throw new IllegalArgumentException("evaluation.controlled: must be >= 3 (got " + controlled + ")");
            if (components < 1) throw new IllegalArgumentException("evaluation.components: must be >= 1 (got " + components + ")");
            if (heldOut < 2 * (components + 2))
                throw new IllegalArgumentException("evaluation.heldOut: must be >= 2 × (components + 2) = " + 2 * (components + 2)
                        + " so that both halves can fit a regression on every component (got " + heldOut + ")");
            if (sweepSteps < 2) throw new IllegalArgumentException("evaluation.sweepSteps: must be >= 2 (got " + sweepSteps + ")");
            if (!(sweepRange > 0)) throw new IllegalArgumentException("evaluation.sweepRange: must be > 0 (got " + sweepRange + ")");
            if (gallery < 0) throw new IllegalArgumentException("evaluation.gallery: must be >= 0 (got " + gallery + ")");
        }

        @JsonCreator
        static Evaluation create(@JsonProperty("controlled") Integer controlled, @JsonProperty("heldOut") Integer heldOut,
                                 @JsonProperty("components") Integer components, @JsonProperty("sweepSteps") Integer sweepSteps,
                                 @JsonProperty("sweepRange") Double sweepRange, @JsonProperty("gallery") Integer gallery) {
            Evaluation d = DEFAULT;
            return new Evaluation(or(controlled, d.controlled), or(heldOut, d.heldOut), or(components, d.components),
                    or(sweepSteps, d.sweepSteps), or(sweepRange, d.sweepRange), or(gallery, d.gallery));
        }
    }

    /**
     * Reads a YAML CAE configuration; an empty file gives the defaults.
     *
     * @throws InvalidInputException naming the file and the offending key
     */
    public static CaeConfig load(Path file) {
        return YamlConfigs.load(file, "CAE configuration", CaeConfig.class, CaeConfig::defaults);
    }

    /** This configuration as YAML with every key filled in (provenance). */
    public String toYaml() {
        return YamlConfigs.toYaml(this);
    }
}
