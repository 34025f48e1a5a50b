package org.sersic4j.learn.deblend;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sersic4j.learn.EpochLoop;
import org.sersic4j.learn.ModelCard;
import org.sersic4j.learn.ModelStore;
import org.sersic4j.learn.TrainingConfig;
import org.sersic4j.learn.TrainingStream;
import org.sersic4j.io.AtomicWrite;

/**
 * Trains one deblender ({@link ConvDeblender}, {@link VaeDeblender} or {@link VaeGanDeblender}: the model is the
 * strategy, this is the loop) on blends rendered on the fly ({@link BlendBatchRenderer}, new blends in every batch, the
 * next batch rendered while the network trains on this one): one {@link Deblender#step} per batch, the mean squared
 * error of the deblended output on a fixed validation stream after every epoch, the best model by that error kept
 * ({@code deblender-<model>.sd} + its {@code .json} card), and a wall-clock budget checked after every batch (the
 * epoch it interrupts is validated and counted).
 */
public final class DeblendTrainer {
    /** Seed offset of the validation stream (the CNN's). */
    public static final long VALIDATION_SEED_OFFSET = TrainingStream.VALIDATION_SEED_OFFSET;

    private final DeblendConfig cfg;
    private final Path dir;
    private final PrintStream log;
    private final boolean progress;

    /** A trainer writing into {@code dir}, logging to {@code log}, with a progress bar when {@code progress}. */
    public DeblendTrainer(DeblendConfig cfg, Path dir, PrintStream log, boolean progress) {
        this.cfg = cfg;
        this.dir = dir;
        this.log = log;
        this.progress = progress;
    }

    /**
     * What one model's training achieved.
     *
     * @param history per epoch: {epoch, mean training objective, validation MSE, minutes}
     */
    public record Result(Deblender.Kind kind, Path model, long parameters, int epochs, long samples, double finalTrainLoss,
                         double bestValidationMse, int bestEpoch, double minutes, String stoppedBecause, List<double[]> history) {}

    /** The model file of {@code kind} in {@code dir}. */
    public static Path modelFile(Path dir, Deblender.Kind kind) {
        return dir.resolve("deblender-" + kind.id() + ".sd");
    }

    /** A new, untrained deblender of {@code kind}. */
    public static Deblender create(DeblendConfig cfg, Deblender.Kind kind) {
        return switch (kind) {
            case CONV -> new ConvDeblender(cfg);
            case VAE -> new VaeDeblender(cfg);
            case VAEGAN -> new VaeGanDeblender(cfg);
        };
    }

    /**
     * Trains {@code kind} from scratch on {@code blends}' stream.
     *
     * @throws IllegalStateException when no epoch gave a finite validation error (nothing worth saving)
     */
    public Result train(Deblender.Kind kind, BlendBatchRenderer blends) throws IOException {
        Files.createDirectories(dir);
        AtomicWrite.writeString(dir.resolve("deblend-config.yaml"), cfg.toYaml());
        long t0 = System.nanoTime();
        DeblendConfig.Training tr = cfg.training(kind.id());
        int b = tr.batchSize(), s = cfg.data().stampSize();
        List<INDArray[]> validation = new ArrayList<>();
        for (int k = 0; k < tr.validationBatches(); k++) {
            BlendBatch v = blends.render(cfg.seed() + VALIDATION_SEED_OFFSET, (long) k * b, b, false);
            validation.add(new INDArray[] {Deblender.images(v.inputs(), b, s), Deblender.images(v.targets(), b, s)});
        }
        Deblender net = create(cfg, kind);
        log.printf("%s: %,d parameters; %d batches of %d blends per epoch; validation %d blends; budget %.1f min%n", kind.label(),
                net.parameters(), tr.batchesPerEpoch(), b, b * tr.validationBatches(), tr.maxMinutes());
        Path model = modelFile(dir, kind);
        ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "blend-prefetch");
            t.setDaemon(true);
            return t;
        });
        EpochLoop.Outcome o;
        try {
            List<CompletableFuture<BlendBatch>> next = new ArrayList<>(List.of(render(prefetch, blends, 0, b)));
            o = EpochLoop.run(kind.label() + " ", b, tr.batchesPerEpoch(), tr.maxEpochs(), tr.maxMinutes(), t0, progress, log, () -> { },
                    i -> {
                        BlendBatch batch = next.get(0).join();
                        next.set(0, render(prefetch, blends, (i + 1) * b, b));
                        return net.step(Deblender.images(batch.inputs(), b, s), Deblender.images(batch.targets(), b, s), cfg.seed() * 31 + i)
                                .get(Deblender.LOSS);
                    },
                    () -> new double[] {validationMse(net, validation)},
                    (epoch, samples, best, minutes, lastTrain, history) -> net.save(model, card(kind, net, epoch, samples, best, minutes,
                            lastTrain, history)),
                    (row, better) -> String.format(Locale.ROOT, "%s epoch %d: training objective %.5g, validation MSE %.4e%s, %.1f min",
                            kind.label(), (int) row[0], row[1], row[2], better ? " (best)" : "", row[3]));
        } finally {
            prefetch.shutdownNow();
        }
        if (o.bestEpoch() == 0)
            throw new IllegalStateException(kind.label() + " training gave no model with a finite validation error (" + o.stoppedBecause() + ")");
        Result r = new Result(kind, model, net.parameters(), o.epochs(), o.samples(), o.finalTrainLoss(), o.bestValidationLoss(),
                o.bestEpoch(), o.minutes(), o.stoppedBecause(), o.history());
        Deblender.Loaded kept = Deblender.load(model);
        ModelStore.writeCard(model, EpochLoop.withRunEnd(kept.card(), o));
        return r;
    }

    private CompletableFuture<BlendBatch> render(ExecutorService ex, BlendBatchRenderer blends, long first, int size) {
        return CompletableFuture.supplyAsync(() -> blends.render(cfg.seed(), first, size, false), ex);
    }

    private static double validationMse(Deblender net, List<INDArray[]> validation) {
        double s = 0;
        for (INDArray[] v : validation) s += net.mse(v[0], v[1]);
        return s / validation.size();
    }

    private ModelCard card(Deblender.Kind kind, Deblender net, int epochs, long samples, double best, double minutes, double trainLoss,
                           List<double[]> history) {
        TrainingConfig.Data d = cfg.data();
        Map<String, Object> training = ModelCard.provenance(cfg.toYaml(), cfg.seed(), epochs, samples, best, minutes, history);
        training.put("final_train_loss", trainLoss);
        training.put("parameters", net.parameters());
        training.put("loss", kind == Deblender.Kind.CONV ? "mean squared error per pixel against the target"
                : "binary cross-entropy summed over pixels + KL" + (kind == Deblender.Kind.VAEGAN ? " + ganWeight x adversarial" : "")
                + ", mean per blend");
        training.put("validation_metric", "mean squared error per pixel of the deblended output against the target");
        training.put("normalisation", BlendBatchRenderer.NORMALISATION);
        Map<String, Object> blend = new LinkedHashMap<>();   // ordered, so that the card is the same from run to run
        blend.put("separation", cfg.blend().separation().toString());
        blend.put("combine", cfg.blend().combine().name().toLowerCase());
        training.put("blend", blend);
        return new ModelCard(ModelCard.FORMAT, kind.cardKind(), d.stampSize(), d.psfSize(), d.pixelScale(), d.zeropoint(), null,
                ModelCard.galaxyRanges(d), d.psf().types().stream().map(TrainingConfig::lower).toList(), 0, 0, null, null, training);
    }

}
