package org.sersic4j.learn;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;

/**
 * Trains a {@link GalaxyVae} on galaxies rendered on the fly ({@link TrainingStream}, new galaxies in every batch):
 * one unsupervised step per batch on the negative ELBO, a validation pass on a fixed held-out stream after every
 * epoch, the best model by validation loss kept ({@code model.zip} + {@code model.json}), and a wall-clock budget
 * checked after every batch (the epoch it interrupts is validated and counted). Losses are negative ELBOs in nats per
 * stamp, in the scaled units of {@link VaeInput}.
 */
public final class VaeTrainer {
    /** Seed offset of the held-out validation stream (the CNN's). */
    public static final long VALIDATION_SEED_OFFSET = Trainer.VALIDATION_SEED_OFFSET;

    private final VaeConfig cfg;
    private final Path dir;
    private final PrintStream log;
    private final boolean progress;

    /** A trainer writing into {@code dir}, logging to {@code log}, with a progress bar when {@code progress}. */
    public VaeTrainer(VaeConfig cfg, Path dir, PrintStream log, boolean progress) {
        this.cfg = cfg;
        this.dir = dir;
        this.log = log;
        this.progress = progress;
    }

    /**
     * What a training run achieved.
     *
     * @param history per epoch: {epoch, mean training loss, validation loss, minutes}
     */
    public record Result(Path model, int epochs, long samples, double finalTrainLoss, double bestValidationLoss, int bestEpoch,
                         double minutes, String stoppedBecause, List<double[]> history) {}

    /**
     * Trains from scratch.
     *
     * @throws IllegalStateException when no epoch gave a finite validation loss (nothing worth saving)
     */
    public Result train() throws IOException {
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        VaeConfig.Training tr = cfg.training();
        log.println("backend: " + Backend.describe());
        Files.writeString(dir.resolve("vae-config.yaml"), cfg.toYaml());
        try (Renderer renderer = Renderers.create(cfg.data().device())) {
            BatchRenderer batches = new BatchRenderer(cfg.data(), renderer);
            log.println("renderer: " + renderer.deviceDescription());
            List<INDArray> validation = new ArrayList<>();
            for (int k = 0; k < tr.validationBatches(); k++)
                validation.add(VaeInput.of(batches.render(cfg.seed() + VALIDATION_SEED_OFFSET, (long) k * tr.batchSize(), tr.batchSize())));
            MultiLayerNetwork net = GalaxyVae.create(cfg);
            VaeModel vae = new VaeModel(net);
            log.printf("network: %,d parameters; %d batches of %d per epoch; validation %d stamps%n", net.numParams(),
                    tr.batchesPerEpoch(), tr.batchSize(), tr.batchSize() * tr.validationBatches());
            Path model = dir.resolve("model.zip");
            List<double[]> history = new ArrayList<>();
            String stop = "maxEpochs reached";
            int epoch = 0, bestEpoch = 0;
            long nb = 0;
            double best = Double.POSITIVE_INFINITY, lastTrain = Double.NaN;
            try (TrainingStream stream = new TrainingStream(batches, null, cfg.seed(), tr.batchSize(), tr.batchesPerEpoch())) {
                boolean last = false;
                while (epoch < tr.maxEpochs() && !last) {
                    stream.reset();
                    double sum = 0;
                    int k = 0;
                    try (ProgressBar bar = progress ? Trainer.bar("epoch " + (epoch + 1), tr.batchesPerEpoch()) : null) {
                        while (stream.hasNext()) {
                            net.pretrainLayer(0, VaeInput.of(stream.nextBatch()));
                            double l = net.getLayer(0).score();
                            if (!Double.isFinite(l)) {
                                stop = "the training loss became non-finite";
                                last = true;
                                break;
                            }
                            sum += l;
                            k++;
                            nb++;
                            if (bar != null) {
                                bar.step();
                                bar.setExtraMessage(String.format(" loss %.1f", sum / k));
                            }
                            if (minutes(t0) >= tr.maxMinutes()) {
                                stop = String.format("time budget of %.1f min reached", tr.maxMinutes());
                                last = true;
                                break;
                            }
                        }
                    }
                    if (k == 0) break;
                    epoch++;
                    lastTrain = sum / k;
                    double val = validationLoss(vae, validation);
                    double minutes = minutes(t0);
                    history.add(new double[] {epoch, lastTrain, val, minutes});
                    boolean better = val < best;
                    if (better) {
                        best = val;
                        bestEpoch = epoch;
                        ModelStore.save(net, card(epoch, nb * tr.batchSize(), best, minutes, lastTrain, history), model, false);
                    }
                    log.printf("epoch %d: train loss %.2f, validation loss %.2f%s (nats per stamp), %.1f min%n", epoch, lastTrain, val,
                            better ? " (best)" : "", minutes);
                }
            }
            log.println("stopped: " + stop);
            if (bestEpoch == 0) throw new IllegalStateException("VAE training gave no model with a finite validation loss (" + stop + ")");
            Result r = new Result(model, epoch, nb * tr.batchSize(), lastTrain, best, bestEpoch, minutes(t0), stop, history);
            recordEnd(r);
            return r;
        }
    }

    /** Adds the whole run (why it stopped, epochs, samples, minutes, last training loss, history) to the kept model's card. */
    private static void recordEnd(Result r) throws IOException {
        ModelStore.LoadedVae best = ModelStore.loadVae(r.model());
        Map<String, Object> training = new LinkedHashMap<>(best.card().training());
        training.put("stoppedBecause", r.stoppedBecause());
        training.put("epochsRun", r.epochs());
        training.put("samplesRun", r.samples());
        training.put("minutesRun", r.minutes());
        training.put("finalTrainLoss", r.finalTrainLoss());
        training.put("history", r.history());
        ModelStore.save(best.network(), best.card().withTraining(training), r.model(), false);
    }

    private static double validationLoss(VaeModel vae, List<INDArray> validation) {
        double s = 0;
        int n = 0;
        for (int b = 0; b < validation.size(); b++) {
            for (double l : vae.loss(validation.get(b), b)) {
                s += l;
                n++;
            }
        }
        return s / n;
    }

    private ModelCard card(int epochs, long samples, double best, double minutes, double trainLoss, List<double[]> history) {
        TrainingConfig.Data d = cfg.data();
        Map<String, Object> training = ModelCard.provenance(cfg.toYaml(), cfg.seed(), epochs, samples, best, minutes, history);
        training.put("finalTrainLoss", trainLoss);
        training.put("loss", "negative ELBO, nats per stamp, in scaled units");
        training.put("normalisation", "stamp / max(mean of the brightest 3x3 pixels, 3 x border noise sigma), flattened row-major");
        training.put("latent", cfg.network().latent());
        return new ModelCard(ModelCard.FORMAT, ModelCard.GALAXY_VAE, d.stampSize(), d.psfSize(), d.pixelScale(), d.zeropoint(), null,
                ModelCard.galaxyRanges(d), d.psf().types().stream().map(TrainingConfig::lower).toList(), 0, 0, null, null, training);
    }

    private static double minutes(long t0) {
        return (System.nanoTime() - t0) / 6e10;
    }
}
