package org.sersic4j.learn.cae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sersic4j.learn.BatchRenderer;
import org.sersic4j.learn.ModelCard;
import org.sersic4j.learn.ModelStore;
import org.sersic4j.learn.TrainingBatch;
import org.sersic4j.learn.TrainingRun;
import org.sersic4j.render.Renderers;
import org.sersic4j.io.InvalidInputException;

/** Trains a tiny CAE once (a few hundred stamps of an easy set) and checks its loss, its latents and its storage. */
class CaeTest {
    @TempDir
    static Path dir;
    static TrainingRun result;
    static String log;
    static TrainingBatch heldOut;
    static CaeInput input;

    @BeforeAll
    static void train() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result = new CaeTrainer(TinyCae.config(10, 3), dir, new PrintStream(out, true), false).train();
        log = out.toString();
        input = new CaeInput(TinyCae.config(1, 1));
        try (var r = Renderers.create("java")) {
            heldOut = new BatchRenderer(TinyCae.config(1, 1).data(), r).render(424242, 0, 96);
        }
    }

    @Test
    void theLossFalls() {
        assertEquals(3, result.history().size(), log);
        assertEquals(3 * 10 * 32, result.samples());
        var m = CaeTrainer.toMultiDataSet(heldOut, input, 8);
        double untrained = new CaeModel(ConditionalAutoencoder.create(TinyCae.config(1, 1))).loss(m);
        double trained = new CaeModel(ModelStore.loadCae(result.model()).graph()).loss(m);
        assertTrue(trained < 0.7 * untrained, "the loss should fall: " + untrained + " -> " + trained + "\n" + log);
        assertTrue(result.history().get(2)[2] < result.history().get(0)[2], log);
        double[] terms = new CaeModel(ModelStore.loadCae(result.model()).graph()).losses(m);
        assertEquals(trained, terms[0], 1e-4 * trained, "the three terms add up to DL4J's score");
        assertEquals(terms[0], terms[1] + terms[2] + 1e-3 * terms[3], 1e-9);
    }

    @Test
    void theSupervisedLatentsFollowFluxAndSizeOnAnEasySet() {
        CaeModel cae = new CaeModel(ModelStore.loadCae(result.model()).graph());
        float[][] z = cae.encodeRows(input.network(heldOut));
        double[] z1 = new double[z.length], z2 = new double[z.length], f = new double[z.length], re = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            z1[i] = z[i][0];
            z2[i] = z[i][1];
            f[i] = Math.log10(heldOut.truth().get(i).flux());
            re[i] = Math.log10(heldOut.truth().get(i).re());
        }
        assertTrue(pearson(z1, f) > 0.8, "z1 against log flux: r = " + pearson(z1, f) + "\n" + log);
        assertTrue(pearson(z2, re) > 0.6, "z2 against log r_e: r = " + pearson(z2, re) + "\n" + log);
    }

    @Test
    void theDecoderAloneGivesTheReconstructionAndTheStoreGivesTheSameLatents() throws Exception {
        CaeModel a = new CaeModel(ModelStore.loadCae(result.model()).graph());
        INDArray x = input.network(heldOut);
        assertArrayEquals(flat(a.reconstruct(x)), flat(a.decode(a.encode(x))), 1e-5f);
        assertEquals(8, a.latentSize());
        assertEquals(32, a.side());
        Path copy = dir.resolve("copy/model.zip");
        ModelStore.save(a.graph(), ModelStore.loadCae(result.model()).card(), copy, false);
        CaeModel b = new CaeModel(ModelStore.loadCae(copy).graph());
        assertArrayEquals(flat(a.encode(x)), flat(b.encode(x)), 0f);
    }

    @Test
    void theStoreKeepsTheKindsApart() {
        ModelStore.Loaded m = ModelStore.loadCae(result.model());
        assertEquals(ModelCard.CONDITIONAL_AUTOENCODER, m.card().kind());
        assertEquals(32, m.card().stampSize());
        var e = assertThrows(InvalidInputException.class, () -> ModelStore.load(result.model(), false));
        assertTrue(e.getMessage().contains("conditional-autoencoder"), e.getMessage());
        assertTrue(Files.isRegularFile(dir.resolve("cae-config.yaml")));
    }

    @Test
    void theStretchIsInvertibleAndTheTargetsSpanTheRange() {
        for (double v : new double[] {0, 3, 50, 900, 9000}) assertEquals(v, input.unstretch(input.stretch(v)), 1e-3 * Math.max(1, v));
        assertEquals(0f, input.stretch(-20));
        assertEquals(1f, input.stretch(1e6));
        var p = heldOut.truth().get(0);
        float[] t = input.targets(new org.sersic4j.render.SersicParams(p.x0(), p.y0(), 2000, p.re(), p.n(), p.q(), p.pa()));
        assertEquals(-1, t[0], 1e-6);
        assertEquals(2000, input.flux(t[0]), 1e-6);
        assertEquals(p.re(), input.re(t[1]), 1e-6);
    }

    @Test
    void pcaFindsTheDirectionsOfLargestVariance() {
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 300, 5).subi(0.5);
        x.getColumn(2).muli(10);
        x.getColumn(4).muli(4);
        PcaBaseline pca = PcaBaseline.fit(x, 2);
        INDArray s = pca.project(x);
        assertEquals(300, s.size(0));
        double[] ev = pca.explainedVariance();
        assertTrue(ev[0] > 0.8 && ev[1] > 0.1 && ev[0] + ev[1] > 0.97, java.util.Arrays.toString(ev));
        PcaBaseline wide = PcaBaseline.fit(x.transpose().dup(), 3);
        assertEquals(3, wide.components());
        assertThrows(IllegalArgumentException.class, () -> PcaBaseline.fit(x, 6));
    }

    @Test
    void aBadKeyIsAnErrorNamingTheFileAndTheKey() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "training:\n  lambda1: 2\n");
        var e = assertThrows(InvalidInputException.class, () -> CaeConfig.load(f));
        assertTrue(e.getMessage().contains("bad.yaml") && e.getMessage().contains("lambda1"), e.getMessage());
        Files.writeString(f, "data:\n  stampSize: 30\n");
        e = assertThrows(InvalidInputException.class, () -> CaeConfig.load(f));
        assertTrue(e.getMessage().contains("stampSize") && e.getMessage().contains("multiple of 4"), e.getMessage());
    }

    @Test
    void theShippedConfigurationReads() {
        CaeConfig c = CaeConfig.load(Path.of("..", "configs", "cae.yaml"));
        assertEquals(64, c.network().latent());
        assertEquals(List.of(8, 16), c.network().conv());
        assertEquals(64, c.evaluation().components());
        assertEquals(64, c.data().stampSize());
        assertEquals(c, CaeConfig.defaults());
    }

    static double pearson(double[] a, double[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static float[] flat(INDArray a) {
        return a.dup('c').data().asFloat();
    }
}
