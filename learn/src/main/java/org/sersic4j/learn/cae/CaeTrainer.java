package org.sersic4j.learn.cae;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sersic4j.learn.Backend;
import org.sersic4j.learn.BatchRenderer;
import org.sersic4j.learn.EpochLoop;
import org.sersic4j.learn.ModelCard;
import org.sersic4j.learn.ModelStore;
import org.sersic4j.learn.TrainingBatch;
import org.sersic4j.learn.TrainingConfig;
import org.sersic4j.learn.TrainingRun;
import org.sersic4j.learn.TrainingStream;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.io.AtomicWrite;

/**
 * Trains a {@link ConditionalAutoencoder} on galaxies rendered on the fly ({@link TrainingStream}, new galaxies in every
 * batch): one step per batch on L = BCE + λ1·MSE(z1, z2) + λ2·L1(others), a validation pass on a fixed held-out stream
 * after every epoch, the best model by validation loss kept ({@code model.zip} + {@code model.json}), and a wall-clock
 * budget checked after every batch (the epoch it interrupts is validated and counted).
 */
public final class CaeTrainer {
    private final CaeConfig cfg;
    private final Path dir;
    private final PrintStream log;
    private final boolean progress;

    /** A trainer writing into {@code dir}, logging to {@code log}, with a progress bar when {@code progress}. */
    public CaeTrainer(CaeConfig cfg, Path dir, PrintStream log, boolean progress) {
        this.cfg = cfg;
        this.dir = dir;
        this.log = log;
        this.progress = progress;
    }


    /** The network's inputs and the labels of its three outputs for a batch: the stamp itself, the targets, zeros. */
    public static MultiDataSet toMultiDataSet(TrainingBatch b, CaeInput input, int latent) {
        INDArray x = input.network(b);
        INDArray zeros = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, b.size(), latent - ConditionalAutoencoder.PHYSICAL);
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x}, new INDArray[] {x, input.targets(b), zeros});
    }

    /**
     * Trains from scratch.
     *
     * @throws IllegalStateException when no epoch gave a finite validation loss (nothing worth saving)
     */
    public TrainingRun train() throws IOException {
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        CaeConfig.Training tr = cfg.training();
        CaeInput input = new CaeInput(cfg);
        int latent = cfg.network().latent();
        log.println("backend: " + Backend.describe());
        AtomicWrite.writeString(dir.resolve("cae-config.yaml"), cfg.toYaml());
        try (Renderer renderer = Renderers.create(cfg.data().device())) {
            BatchRenderer batches = new BatchRenderer(cfg.data(), renderer);
            log.println("renderer: " + renderer.deviceDescription());
            List<MultiDataSet> validation = new ArrayList<>();
            for (int k = 0; k < tr.validationBatches(); k++)
                validation.add(toMultiDataSet(batches.render(cfg.seed() + TrainingStream.VALIDATION_SEED_OFFSET, (long) k * tr.batchSize(),
                        tr.batchSize()), input, latent));
            ComputationGraph net = ConditionalAutoencoder.create(cfg);
            CaeModel cae = new CaeModel(net);
            log.printf("network: %,d parameters; %d batches of %d per epoch; validation %d stamps%n", net.numParams(),
                    tr.batchesPerEpoch(), tr.batchSize(), tr.batchSize() * tr.validationBatches());
            Path model = dir.resolve("model.zip");
            EpochLoop.Outcome o;
            try (TrainingStream stream = new TrainingStream(batches, null, cfg.seed(), tr.batchSize(), tr.batchesPerEpoch())) {
                o = EpochLoop.run(stream, tr.batchSize(), tr.batchesPerEpoch(), tr.maxEpochs(), tr.maxMinutes(), t0, progress, log,
                        b -> {
                            net.fit(toMultiDataSet(b, input, latent));
                            return net.score();
                        },
                        () -> validation(cae, validation),
                        (epoch, samples, best, minutes, trainLoss, history) ->
                                ModelStore.save(net, card(input, epoch, samples, best, minutes, trainLoss, history), model, false),
                        (row, better) -> String.format("epoch %.0f: train loss %.4f, validation loss %.4f%s, validation MSE of z1, z2 %.4f, "
                                + "%.1f min", row[0], row[1], row[2], better ? " (best)" : "", row[3], row[4]));
            }
            if (o.bestEpoch() == 0) throw new IllegalStateException("CAE training gave no model with a finite validation loss (" + o.stoppedBecause() + ")");
            ModelStore.Loaded best = ModelStore.loadCae(model);
            ModelStore.save(best.graph(), EpochLoop.withRunEnd(best.card(), o), model, false);
            return new TrainingRun(model, o.epochs(), o.samples(), o.finalTrainLoss(), o.bestValidationLoss(), o.bestEpoch(), o.minutes(),
                    o.stoppedBecause(), o.history());
        }
    }

    /** {mean total loss, mean squared error of z1 and z2 against their targets} over the validation batches (one forward pass each). */
    private static double[] validation(CaeModel cae, List<MultiDataSet> validation) {
        double loss = 0, mse = 0;
        for (MultiDataSet m : validation) {
            double[] l = cae.losses(m);
            loss += l[0];
            mse += l[2];
        }
        return new double[] {loss / validation.size(), mse / validation.size()};
    }

    private ModelCard card(CaeInput input, int epochs, long samples, double best, double minutes, double trainLoss, List<double[]> history) {
        TrainingConfig.Data d = cfg.data();
        Map<String, Object> training = ModelCard.provenance(cfg.toYaml(), cfg.seed(), epochs, samples, best, minutes, history);
        training.put("final_train_loss", trainLoss);
        training.put("loss", "mean binary cross-entropy per pixel + lambdaPhysical x mean squared error of z1, z2 + lambdaSparsity x "
                + "L1 norm of the other latents, per stamp");
        training.put("normalisation", input.describe());
        training.put("latent", cfg.network().latent());
        training.put("lambda_physical", cfg.training().lambdaPhysical());
        training.put("lambda_sparsity", cfg.training().lambdaSparsity());
        return new ModelCard(ModelCard.FORMAT, ModelCard.CONDITIONAL_AUTOENCODER, d.stampSize(), d.psfSize(), d.pixelScale(), d.zeropoint(),
                null, ModelCard.galaxyRanges(d), d.psf().types().stream().map(TrainingConfig::lower).toList(), 0, 0, null, null, training);
    }
}
