package org.sersic4j.learn.deblend;

import static org.sersic4j.io.YamlConfigs.or;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sersic4j.learn.TrainingConfig;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.io.YamlConfigs;
import org.sersic4j.render.sim.Range;
import org.sersic4j.render.sim.SimulationConfig.Combine;

/**
 * A run of the three deblending autoencoders of "An Evaluation of Autoencoder Based Models for Galaxy Deblending" and
 * of their campaign, read from YAML ({@code configs/deblend.yaml}): the seed, the galaxies rendered on the fly (the
 * CNN's {@link TrainingConfig.Data}: the central galaxy), the companion and how the two are combined, which models to
 * train, each model's architecture and schedule, and the held-out evaluation. Every key has a default (the campaign's
 * CPU recipe); unknown keys are errors naming the key.
 *
 * @param seed       the whole run is a function of it
 * @param data       the central galaxy, PSF and noise of each stamp
 * @param blend      the companion and the combination
 * @param models     which deblenders to train and score, in report order (conv, vaegan, vae)
 * @param conv       the convolutional autoencoder ({@link ConvDeblender})
 * @param vae        the variational autoencoder ({@link VaeDeblender})
 * @param vaegan     the discriminator and schedule of the VAE-GAN ({@link VaeGanDeblender}; its generator is {@code vae}'s
 *                   architecture)
 * @param evaluation the held-out scoring and the fits
 */
public record DeblendConfig(long seed, TrainingConfig.Data data, Blend blend, List<String> models, Conv conv, Vae vae,
                            VaeGan vaegan, Evaluation evaluation) {
    /** The model names, in the paper's ranking order. */
    public static final List<String> MODELS = List.of("conv", "vaegan", "vae");

    public DeblendConfig {
        if (data == null) data = TrainingConfig.Data.DEFAULT;
        if (blend == null) blend = Blend.DEFAULT;
        if (models == null || models.isEmpty()) models = MODELS;
        models = models.stream().map(m -> m.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        for (String m : models)
            if (!MODELS.contains(m)) throw new IllegalArgumentException("models: unknown model '" + m + "'; known: " + String.join(", ", MODELS));
        if (conv == null) conv = Conv.DEFAULT;
        if (vae == null) vae = Vae.DEFAULT;
        if (vaegan == null) vaegan = VaeGan.DEFAULT;
        if (evaluation == null) evaluation = Evaluation.DEFAULT;
        int s = data.stampSize();
        if (s % 16 != 0) throw new IllegalArgumentException("data.stampSize: the deblenders halve it four times, so it must be a "
                + "multiple of 16 (got " + s + ")");
        if (blend.separation.max() > s / 2.0)
            throw new IllegalArgumentException("blend.separation: at most half the stamp (" + s / 2.0 + " px), got " + blend.separation);
    }

    @JsonCreator
    static DeblendConfig create(@JsonProperty("seed") Long seed, @JsonProperty("data") TrainingConfig.Data data,
                                @JsonProperty("blend") Blend blend, @JsonProperty("models") List<String> models,
                                @JsonProperty("conv") Conv conv, @JsonProperty("vae") Vae vae, @JsonProperty("vaegan") VaeGan vaegan,
                                @JsonProperty("evaluation") Evaluation evaluation) {
        return new DeblendConfig(seed == null ? 23 : seed, data, blend, models, conv, vae, vaegan, evaluation);
    }

    /** The defaults: the campaign's CPU recipe. */
    public static DeblendConfig defaults() {
        return create(null, null, null, null, null, null, null, null);
    }

    /** The same run with another wall-clock budget for each model's training [min]. */
    public DeblendConfig withMaxMinutes(double perModel) {
        return new DeblendConfig(seed, data, blend, models, new Conv(conv.channels, conv.kernel, conv.training.withMaxMinutes(perModel)),
                new Vae(vae.channels, vae.kernel, vae.dense, vae.latent, vae.decoder, vae.klWeight, vae.training.withMaxMinutes(perModel)),
                new VaeGan(vaegan.discriminator, vaegan.kernel, vaegan.dense, vaegan.ganWeight, vaegan.training.withMaxMinutes(perModel)),
                evaluation);
    }

    /** The same run with another number of held-out blends (and at most that many fits). */
    public DeblendConfig withHeldOut(int heldOut) {
        return new DeblendConfig(seed, data, blend, models, conv, vae, vaegan,
                new Evaluation(heldOut, evaluation.gallery, Math.min(evaluation.fits, heldOut), evaluation.threads));
    }

    /** The same run with only these models. */
    public DeblendConfig withModels(List<String> names) {
        return new DeblendConfig(seed, data, blend, names, conv, vae, vaegan, evaluation);
    }

    /** The schedule of model {@code name}. */
    public Training training(String name) {
        return switch (name) {
            case "conv" -> conv.training;
            case "vae" -> vae.training;
            case "vaegan" -> vaegan.training;
            default -> throw new IllegalArgumentException("unknown model '" + name + "'");
        };
    }

    /**
     * The companion galaxy: its parameters from the same ranges as the central one, at a distance uniform in
     * {@code separation} and an angle uniform in [0, 2π) from the central galaxy's centre, with the same PSF.
     *
     * @param separation [px]
     * @param combine    {@code sum} (the physical blend) or {@code max} (the paper's pixel-wise maximum)
     */
    public record Blend(Range separation, Combine combine) {
        /** 5–12 px, summed. */
        public static final Blend DEFAULT = new Blend(Range.of(5, 12), Combine.SUM);

        public Blend {
            if (separation == null) separation = DEFAULT.separation;
            if (combine == null) combine = Combine.SUM;
            if (!(separation.min() >= 0)) throw new IllegalArgumentException("blend.separation: must be >= 0 (got " + separation + ")");
        }

        @JsonCreator
        static Blend create(@JsonProperty("separation") Range separation, @JsonProperty("combine") String combine) {
            if (combine == null) return new Blend(separation, null);
            for (Combine c : Combine.values()) if (c.name().equalsIgnoreCase(combine.trim())) return new Blend(separation, c);
            throw new IllegalArgumentException("blend.combine: must be one of sum, max (got '" + combine + "')");
        }
    }

    /**
     * The convolutional autoencoder: {@code channels.size()} 3×3 (or {@code kernel}) stride-2 ReLU convolutions, then
     * their mirror of transposed convolutions back to one channel with a sigmoid; mean squared error on the target.
     *
     * @param channels encoder widths (the paper: 64, 128, 256, 512)
     * @param kernel   kernel side (the paper: 3)
     * @param training its schedule
     */
    public record Conv(List<Integer> channels, int kernel, Training training) {
        /** The paper's: 3×3, 64, 128, 256, 512. */
        public static final Conv DEFAULT = new Conv(List.of(64, 128, 256, 512), 3, Training.DEFAULT);

        public Conv {
            channels = widths("conv.channels", channels, List.of(64, 128, 256, 512), 4);
            if (kernel < 1) throw new IllegalArgumentException("conv.kernel: must be >= 1 (got " + kernel + ")");
            if (training == null) training = Training.DEFAULT;
        }

        @JsonCreator
        static Conv create(@JsonProperty("channels") List<Integer> channels, @JsonProperty("kernel") Integer kernel,
                           @JsonProperty("training") Training training) {
            return new Conv(channels, or(kernel, 3), training);
        }
    }

    /**
     * The variational autoencoder: {@code channels.size()} 5×5 stride-2 ReLU convolutions, a dense ReLU layer of
     * {@code dense}, μ and log σ² of dimension {@code latent}, z = μ + σ·ε, a dense layer to the last encoder
     * width × (S/2^k)², then transposed convolutions through {@code decoder} back to one channel with a sigmoid. Loss:
     * the binary cross-entropy against the target summed over pixels, plus {@code klWeight} × KL(q(z|x) ‖ N(0, I)).
     *
     * @param channels encoder widths (the paper: 64, 128, 256)
     * @param kernel   kernel side (the paper: 5)
     * @param dense    the fully connected layer (the paper: 2048)
     * @param latent   dimension of z (the paper does not state it)
     * @param decoder  widths of the transposed convolutions before the last (the paper: 128, 32)
     * @param klWeight weight of the KL term (1: the ELBO)
     * @param training its schedule
     */
    public record Vae(List<Integer> channels, int kernel, int dense, int latent, List<Integer> decoder, double klWeight,
                      Training training) {
        /** The paper's widths halved, a dense layer of 512 and a latent of 64, to fit the CPU budget. */
        public static final Vae DEFAULT = new Vae(List.of(32, 64, 128), 5, 512, 64, List.of(64, 16), 1, Training.DEFAULT);

        public Vae {
            channels = widths("vae.channels", channels, List.of(32, 64, 128), 0);
            if (channels.size() < 2) throw new IllegalArgumentException("vae.channels: needs 2 to 4 layers (got " + channels.size() + ")");
            if (decoder == null || decoder.isEmpty()) decoder = List.of(64, 16);
            decoder = widths("vae.decoder", decoder, decoder, channels.size() - 1);
            if (kernel < 1) throw new IllegalArgumentException("vae.kernel: must be >= 1 (got " + kernel + ")");
            if (dense < 1) throw new IllegalArgumentException("vae.dense: must be >= 1 (got " + dense + ")");
            if (latent < 1) throw new IllegalArgumentException("vae.latent: must be >= 1 (got " + latent + ")");
            if (!(klWeight >= 0)) throw new IllegalArgumentException("vae.klWeight: must be >= 0 (got " + klWeight + ")");
            if (training == null) training = Training.DEFAULT;
        }

        @JsonCreator
        static Vae create(@JsonProperty("channels") List<Integer> channels, @JsonProperty("kernel") Integer kernel,
                          @JsonProperty("dense") Integer dense, @JsonProperty("latent") Integer latent,
                          @JsonProperty("decoder") List<Integer> decoder, @JsonProperty("klWeight") Double klWeight,
                          @JsonProperty("training") Training training) {
            return new Vae(channels, or(kernel, 5), or(dense, 512), or(latent, 64), decoder, or(klWeight, 1.0), training);
        }
    }

    /**
     * The VAE-GAN: {@code vae}'s generator plus a discriminator of {@code discriminator.size()} ReLU convolutions
     * (stride 2 except the last, which keeps the size), a dense ReLU layer of {@code dense} and one logit. The
     * discriminator learns to tell targets from reconstructions; the generator's loss adds {@code ganWeight} × the
     * non-saturating adversarial loss −ln D(x̂) to the VAE's. One discriminator step, then one generator step, per batch.
     *
     * @param discriminator widths (the paper: 32, 128, 256, 256)
     * @param kernel        kernel side
     * @param dense         the fully connected layer (the paper: 512)
     * @param ganWeight     weight γ of the adversarial term
     * @param training      its schedule (both networks use its learning rate)
     */
    public record VaeGan(List<Integer> discriminator, int kernel, int dense, double ganWeight, Training training) {
        /** The paper's widths halved and a dense layer of 256. */
        public static final VaeGan DEFAULT = new VaeGan(List.of(16, 64, 128, 128), 5, 256, 1, Training.DEFAULT);

        public VaeGan {
            discriminator = widths("vaegan.discriminator", discriminator, List.of(16, 64, 128, 128), 0);
            if (kernel < 1) throw new IllegalArgumentException("vaegan.kernel: must be >= 1 (got " + kernel + ")");
            if (dense < 1) throw new IllegalArgumentException("vaegan.dense: must be >= 1 (got " + dense + ")");
            if (!(ganWeight >= 0)) throw new IllegalArgumentException("vaegan.ganWeight: must be >= 0 (got " + ganWeight + ")");
            if (training == null) training = Training.DEFAULT;
        }

        @JsonCreator
        static VaeGan create(@JsonProperty("discriminator") List<Integer> discriminator, @JsonProperty("kernel") Integer kernel,
                             @JsonProperty("dense") Integer dense, @JsonProperty("ganWeight") Double ganWeight,
                             @JsonProperty("training") Training training) {
            return new VaeGan(discriminator, or(kernel, 5), or(dense, 256), or(ganWeight, 1.0), training);
        }
    }

    /**
     * One model's optimiser (Adam, constant step) and schedule: training stops at {@code maxEpochs} or when its
     * budget is spent (checked after every batch); the model with the lowest validation MSE is kept.
     *
     * @param batchSize         blends per batch
     * @param batchesPerEpoch   batches between validations (every batch is new blends)
     * @param maxEpochs         upper bound on epochs
     * @param validationBatches size of the fixed validation stream, in batches
     * @param learningRate      Adam's step
     * @param maxMinutes        wall-clock budget of this model
     */
    public record Training(int batchSize, int batchesPerEpoch, int maxEpochs, int validationBatches, double learningRate,
                           double maxMinutes) {
        /** 7 minutes per model, three models within the 21 minutes of the campaign's training. */
        public static final Training DEFAULT = new Training(16, 50, 1000, 8, 1e-3, 7);

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

        /** This schedule with another budget. */
        public Training withMaxMinutes(double minutes) {
            return new Training(batchSize, batchesPerEpoch, maxEpochs, validationBatches, learningRate, minutes);
        }
    }

    /**
     * The held-out evaluation.
     *
     * @param heldOut blends rendered from another seed and scored (MSE, PSNR, SSIM)
     * @param gallery blends shown in the report's gallery
     * @param fits    of the held-out blends, how many are also fitted with Levenberg–Marquardt (isolated galaxy, raw
     *                blend, each deblended output); 0 skips the fits
     * @param threads threads for the fits (0: every core)
     */
    public record Evaluation(int heldOut, int gallery, int fits, int threads) {
        /** 500 blends, a gallery of 8, 300 fitted, every core. */
        public static final Evaluation DEFAULT = new Evaluation(500, 8, 300, 0);

        public Evaluation {
            if (heldOut < 1) throw new IllegalArgumentException("evaluation.heldOut: must be >= 1 (got " + heldOut + ")");
            if (gallery < 0) throw new IllegalArgumentException("evaluation.gallery: must be >= 0 (got " + gallery + ")");
            if (fits < 0 || fits > heldOut)
                throw new IllegalArgumentException("evaluation.fits: must be in [0, heldOut = " + heldOut + "] (got " + fits + ")");
            if (threads < 0) throw new IllegalArgumentException("evaluation.threads: must be >= 0 (got " + threads + ")");
        }

        @JsonCreator
        static Evaluation create(@JsonProperty("heldOut") Integer heldOut, @JsonProperty("gallery") Integer gallery,
                                 @JsonProperty("fits") Integer fits, @JsonProperty("threads") Integer threads) {
            int h = or(heldOut, DEFAULT.heldOut);
            return new Evaluation(h, or(gallery, DEFAULT.gallery), or(fits, Math.min(DEFAULT.fits, h)), or(threads, DEFAULT.threads));
        }
    }

    private static List<Integer> widths(String key, List<Integer> given, List<Integer> fallback, int exactly) {
        List<Integer> w = List.copyOf(given == null || given.isEmpty() ? fallback : given);
        if (w.stream().anyMatch(v -> v == null || v < 1)) throw new IllegalArgumentException(key + ": widths must be >= 1 (got " + w + ")");
        if (exactly > 0 && w.size() != exactly)
            throw new IllegalArgumentException(key + ": needs exactly " + exactly + " widths (got " + w.size() + ")");
        if (exactly == 0 && w.size() > 4) throw new IllegalArgumentException(key + ": at most 4 layers (got " + w.size() + ")");
        return w;
    }

    /**
     * Reads a YAML deblending configuration; an empty file gives the defaults.
     *
     * @throws InvalidInputException naming the file and the offending key
     */
    public static DeblendConfig load(Path file) {
        return YamlConfigs.load(file, "deblending configuration", DeblendConfig.class, DeblendConfig::defaults);
    }

    /** This configuration as YAML with every key filled in (provenance). */
    public String toYaml() {
        return YamlConfigs.toYaml(this);
    }
}
