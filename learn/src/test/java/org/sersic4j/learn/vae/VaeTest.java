package org.sersic4j.learn.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.layers.variational.GaussianReconstructionDistribution;
import org.deeplearning4j.nn.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sersic4j.learn.BatchRenderer;
import org.sersic4j.learn.ModelCard;
import org.sersic4j.learn.ModelStore;
import org.sersic4j.learn.TrainingRun;
import org.sersic4j.render.Renderers;
import org.sersic4j.io.InvalidInputException;

/** Trains a tiny VAE once (a few hundred stamps) and checks its loss, its likelihood and its storage. */
class VaeTest {
    @TempDir
    static Path dir;
    static TrainingRun result;
    static String log;
    static INDArray heldOut;

    @BeforeAll
    static void train() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result = new VaeTrainer(TinyVae.config(8, 3), dir, new PrintStream(out, true), false).train();
        log = out.toString();
        try (var r = Renderers.create("java")) {
            heldOut = VaeInput.of(new BatchRenderer(TinyVae.config(1, 1).data(), r).render(424242, 0, 32));
        }
    }

    @Test
    void theLossFalls() {
        assertEquals(3, result.history().size(), log);
        assertEquals(3 * 8 * 32, result.samples());
        double untrained = mean(new VaeModel(GalaxyVae.create(TinyVae.config(1, 1))).loss(heldOut, 1));
        double trained = mean(new VaeModel(ModelStore.loadVae(result.model()).network()).loss(heldOut, 1));
        assertTrue(trained < untrained - 0.25 * Math.abs(untrained), "negative ELBO should fall: " + untrained + " -> " + trained + "\n" + log);
        assertTrue(result.history().get(2)[2] < result.history().get(0)[2], log);
    }

    @Test
    void theLogLikelihoodIsTheHandComputedOneAndDl4jsTrainingObjective() {
        float[] x = {1f, 0.5f, -0.25f}, mu = {0.5f, 0.5f, 0f}, lv = {0f, (float) Math.log(4), (float) Math.log(0.25)};
        double hand = -0.5 * (3 * Math.log(2 * Math.PI) + (0 + Math.log(4) + Math.log(0.25)) + (0.25 / 1 + 0 / 4 + 0.0625 / 0.25));
        assertEquals(hand, GaussianPixels.logLikelihood(x, 0, mu, lv, 0, 3), 1e-6);
        assertEquals((0.25 + 0 + 0.0625) / 3, GaussianPixels.meanSquaredError(x, 0, mu, 0, 3), 1e-7);
        INDArray preOut = Nd4j.create(new float[] {0.5f, 0.5f, 0f, lv[0], lv[1], lv[2]}, new long[] {1, 6});
        double dl4j = new GaussianReconstructionDistribution(Activation.IDENTITY).exampleNegLogProbability(Nd4j.create(x, new long[] {1, 3}), preOut)
                .getDouble(0);
        assertEquals(hand, -dl4j, 1e-5);
    }

    @Test
    void theForwardPassesAreDl4js() {
        MultiLayerNetwork net = ModelStore.loadVae(result.model()).network();
        VaeModel vae = new VaeModel(net);
        INDArray x = heldOut.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4), org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray zMean = vae.encode(x).mean();
        assertArrayEquals(flat(net.output(x)), flat(zMean), 1e-5f);
        INDArray dl4jMean = ((VariationalAutoencoder) net.getLayer(0)).generateAtMeanGivenZ(zMean);
        assertArrayEquals(flat(dl4jMean), flat(vae.reconstructAtMean(x).mean()), 1e-5f);
        assertEquals(32 * 32, vae.inputSize());
        assertEquals(4, vae.latentSize());
    }

    @Test
    void theStoreKeepsTheKindsApart() throws Exception {
        ModelStore.LoadedVae m = ModelStore.loadVae(result.model());
        assertEquals(ModelCard.GALAXY_VAE, m.card().kind());
        assertEquals(32, m.card().stampSize());
        var e = assertThrows(InvalidInputException.class, () -> ModelStore.load(result.model(), false));
        assertTrue(e.getMessage().contains("galaxy-vae"), e.getMessage());
        assertTrue(Files.isRegularFile(dir.resolve("vae-config.yaml")));
    }

    @Test
    void theShippedConfigurationReads() {
        VaeConfig c = VaeConfig.load(Path.of("..", "configs", "vae.yaml"));
        assertEquals(8, c.network().latent());
        assertEquals(java.util.List.of(128, 128), c.network().encoder());
        assertEquals(1000, c.evaluation().heldOut());
        assertEquals(64, c.data().stampSize());
        assertEquals(c, VaeConfig.defaults());
    }

    private static float[] flat(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) s += d;
        return s / v.length;
    }
}
