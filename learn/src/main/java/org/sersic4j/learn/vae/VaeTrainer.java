package org.sersic4j.learn.vae;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sersic4j.learn.Backend;
import org.sersic4j.learn.BatchRenderer;
import org.sersic4j.learn.EpochLoop;
import org.sersic4j.learn.ModelCard;
import org.sersic4j.learn.ModelStore;
import org.sersic4j.learn.TrainingConfig;
import org.sersic4j.learn.TrainingRun;
import org.sersic4j.learn.TrainingStream;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.io.AtomicWrite;

/**
 * Trains a {@link GalaxyVae} on galaxies rendered on the fly ({@link TrainingStream}, new galaxies in every batch):
 * one unsupervised step per batch on the negative ELBO, a validation pass on a fixed held-out stream after every
 * epoch, the best model by validation loss kept ({@code model.zip} + {@code model.json}), and a wall-clock budget
 * checked after every batch (the epoch it interrupts is validated and counted). Losses are negative ELBOs in nats per
 * stamp, in the scaled units of {@link VaeInput}.
 */
public final class VaeTrainer {
    /** Seed offset of the held-out validation stream (the CNN's). */
    public static final long VALIDATION_SEED_OFFSET = TrainingStream.VALIDATION_SEED_OFFSET;

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
     * Trains from scratch.
     *
     * @throws IllegalStateException when no epoch gave a finite validation loss (nothing worth saving)
     */
    public TrainingRun train() throws IOException {
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        VaeConfig.Training tr = cfg.training();
        log.println("backend: " + Backend.describe());
        AtomicWrite.writeString(dir.resolve("vae-config.yaml"), cfg.toYaml());
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
            EpochLoop.Outcome o;
            try (TrainingStream stream = new TrainingStream(batches, null, cfg.seed(), tr.batchSize(), tr.batchesPerEpoch())) {
                o = EpochLoop.run(stream, tr.batchSize(), tr.batchesPerEpoch(), tr.maxEpochs(), tr.maxMinutes(), t0, progress, log,
                        b -> {
                            net.pretrainLayer(0, VaeInput.of(b));
                            return net.getLayer(0).score();
                        },
                        () -> new double[] {validationLoss(vae, validation)},
                        (epoch, samples, best, minutes, trainLoss, history) ->
                                ModelStore.save(net, card(epoch, samples, best, minutes, trainLoss, history), model, false),
                        (row, better) -> String.format("epoch %.0f: train loss %.2f, validation loss %.2f%s (nats per stamp), %.1f min", row[0],
                                row[1], row[2], better ? " (best)" : "", row[3]));
            }
            if (o.bestEpoch() == 0) throw new IllegalStateException("VAE training gave no model with a finite validation loss (" + o.stoppedBecause() + ")");
            ModelStore.LoadedVae best = ModelStore.loadVae(model);
            ModelStore.save(best.network(), EpochLoop.withRunEnd(best.card(), o), model, false);
            return new TrainingRun(model, o.epochs(), o.samples(), o.finalTrainLoss(), o.bestValidationLoss(), o.bestEpoch(), o.minutes(),
                    o.stoppedBecause(), o.history());
        }
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
        training.put("final_train_loss", trainLoss);
        training.put("loss", "negative ELBO, nats per stamp, in scaled units");
        training.put("normalisation", "stamp / max(mean of the brightest 3x3 pixels, 3 x border noise sigma), flattened row-major");
        training.put("latent", cfg.network().latent());
        return new ModelCard(ModelCard.FORMAT, ModelCard.GALAXY_VAE, d.stampSize(), d.psfSize(), d.pixelScale(), d.zeropoint(), null,
                ModelCard.galaxyRanges(d), d.psf().types().stream().map(TrainingConfig::lower).toList(), 0, 0, null, null, training);
    }
}
