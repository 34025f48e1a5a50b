package org.sersic4j.learn.deblend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sersic4j.learn.ModelStore;
import org.sersic4j.learn.TinyTraining;
import org.sersic4j.learn.TrainingConfig;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.sim.Range;
import org.sersic4j.render.sim.SimulationConfig.Combine;

/** The three deblenders on tiny problems: 32×32 blends, a few channels, a few dozen steps. */
class DeblenderTest {
    @TempDir
    static Path dir;
    static INDArray x, t;

    /** A tiny configuration: 32×32 bright blends, 4-channel layers, seconds per model. */
    static DeblendConfig tiny(double minutes) {
        TrainingConfig.Data d = TinyTraining.config("unused", 1, 1).data();
        DeblendConfig.Training tr = new DeblendConfig.Training(8, 2, 2, 1, 3e-3, minutes);
        return new DeblendConfig(3, d, new DeblendConfig.Blend(Range.of(4, 8), Combine.SUM), null,
                new DeblendConfig.Conv(List.of(4, 8, 8, 8), 3, tr),
                new DeblendConfig.Vae(List.of(4, 8), 3, 32, 4, List.of(4), 1, tr),
                new DeblendConfig.VaeGan(List.of(4, 8), 3, 16, 1, tr), new DeblendConfig.Evaluation(24, 2, 8, 1));
    }

    @BeforeAll
    static void blends() {
        try (Renderer r = Renderers.create("java")) {
            BlendBatch b = new BlendBatchRenderer(tiny(1), r).render(99, 0, 8, false);
            x = Deblender.images(b.inputs(), 8, 32);
            t = Deblender.images(b.targets(), 8, 32);
        }
    }

    /** {@code key}'s mean over the first and the last five of 30 steps on one fixed batch, less {@code floor}. */
    private static double[] firstAndLast(Deblender net, String key, double floor) {
        double first = 0, last = 0;
        // 60 steps: at 30 the VAE's sampled latents left its fall within a hair of the 20% bar on some runs.
        for (int i = 0; i < 60; i++) {
            double l = net.step(x, t, i).get(key) - floor;
            assertTrue(Double.isFinite(l), "step " + i);
            if (i < 5) first += l / 5;
            if (i >= 55) last += l / 5;
        }
        return new double[] {first, last};
    }

    /** The least binary cross-entropy a reconstruction can reach: the targets' own entropy, summed per stamp, mean over stamps. */
    private static double entropyFloor() {
        double h = 0;
        for (float v : t.dup('c').data().asFloat()) {
            double p = Math.min(1 - 1e-7, Math.max(1e-7, v));
            h -= p * Math.log(p) + (1 - p) * Math.log(1 - p);
        }
        return h / t.size(0);
    }

    @Test
    void theConvLossFalls() {
        ConvDeblender net = new ConvDeblender(tiny(1));
        double before = net.mse(x, t);
        double[] l = firstAndLast(net, Deblender.LOSS, 0);
        assertTrue(l[1] < 0.8 * l[0], "MSE should fall: " + l[0] + " -> " + l[1]);
        assertTrue(net.mse(x, t) < 0.8 * before);
    }

    @Test
    void theVaeLossFalls() {
        double[] l = firstAndLast(new VaeDeblender(tiny(1)), VaeDeblender.RECONSTRUCTION, entropyFloor());
        assertTrue(l[1] < 0.8 * l[0], "BCE above its floor should fall: " + l[0] + " -> " + l[1]);
    }

    @Test
    void theVaeGanLossFallsAndItsDiscriminatorTrains() {
        VaeGanDeblender net = new VaeGanDeblender(tiny(1));
        Map<String, Double> s = net.step(x, t, 0);
        assertTrue(s.keySet().containsAll(List.of(Deblender.LOSS, VaeDeblender.KL, VaeGanDeblender.ADVERSARIAL, VaeGanDeblender.D_LOSS)),
                s.toString());
        double[] l = firstAndLast(net, VaeDeblender.RECONSTRUCTION, entropyFloor());
        assertTrue(l[1] < 0.9 * l[0], "the generator's BCE above its floor should fall: " + l[0] + " -> " + l[1]);
    }

    @Test
    void outputsAreInTheUnitIntervalAndTheShapeOfTheInput() {
        INDArray y = new VaeDeblender(tiny(1)).deblend(x);
        assertEquals(List.of(8L, 1L, 32L, 32L), List.of(y.size(0), y.size(1), y.size(2), y.size(3)));
        assertTrue(y.minNumber().doubleValue() >= 0 && y.maxNumber().doubleValue() <= 1);
    }

    @Test
    void trainingKeepsTheBestModelAndSaveLoadGivesIdenticalOutputs() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeblendConfig cfg = tiny(1);
        try (Renderer r = Renderers.create("java")) {
            for (Deblender.Kind k : Deblender.Kind.values()) {
                Path d = dir.resolve(k.id());
                DeblendTrainer.Result res = new DeblendTrainer(cfg, d, new PrintStream(out, true), false).train(k, new BlendBatchRenderer(cfg, r));
                assertEquals(2, res.history().size(), out.toString());
                assertEquals(2 * 2 * 8, res.samples());
                assertTrue(Files.isRegularFile(ModelStore.sidecar(res.model())));
                Deblender.Loaded a = Deblender.load(res.model()), b = Deblender.load(res.model());
                assertEquals(k, a.deblender().kind());
                assertEquals(k.cardKind(), a.card().kind());
                assertEquals(a.deblender().deblend(x), b.deblender().deblend(x));
                assertEquals(res.bestValidationMse(), (double) a.card().training().get("best_validation_loss"), 1e-12);
            }
        }
    }

    @Test
    void loadingAnotherKindOrAMissingFileIsANamedError() throws Exception {
        Path missing = dir.resolve("nothing.sd");
        assertTrue(assertThrows(InvalidInputException.class, () -> Deblender.load(missing)).getMessage().contains("nothing.sd"));
        Path cnnCard = dir.resolve("cnn.sd");
        Files.writeString(cnnCard, "x");
        Files.writeString(ModelStore.sidecar(cnnCard), "{\"format\":1,\"kind\":\"galaxy-vae\",\"stampSize\":32,\"psfSize\":15}");
        assertTrue(assertThrows(InvalidInputException.class, () -> Deblender.load(cnnCard)).getMessage().contains("galaxy-vae"));
    }

    @Test
    void maxCombinedBlendsAreAtLeastTheCentralGalaxyEverywhere() {
        DeblendConfig cfg = tiny(1);
        DeblendConfig max = new DeblendConfig(cfg.seed(), cfg.data(), new DeblendConfig.Blend(Range.of(4, 8), Combine.MAX), null, cfg.conv(),
                cfg.vae(), cfg.vaegan(), cfg.evaluation());
        try (Renderer r = Renderers.create("java")) {
            BlendBatchRenderer sum = new BlendBatchRenderer(cfg, r), mx = new BlendBatchRenderer(max, r);
            BlendBatch a = sum.render(5, 0, 8, true), b = mx.render(5, 0, 8, true);
            assertEquals(a.central(), b.central());
            assertEquals(a.companion(), b.companion());
            // the noiseless max blend is >= each component, so its brightest pixel (the scale) is at most the sum's
            for (int i = 0; i < 8; i++) assertTrue(b.scales()[i] <= a.scales()[i] * 1.2, "stamp " + i);
            for (float v : a.targets()) assertTrue(v >= 0 && v <= 1);
        }
    }

    @Test
    void badConfigurationsNameTheFileAndTheKey() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "conv:\n  chanels: [4, 4, 4, 4]\n");
        String m = assertThrows(InvalidInputException.class, () -> DeblendConfig.load(f)).getMessage();
        assertTrue(m.contains("bad.yaml") && m.contains("chanels"), m);
        Files.writeString(f, "blend: {combine: average}\n");
        m = assertThrows(InvalidInputException.class, () -> DeblendConfig.load(f)).getMessage();
        assertTrue(m.contains("blend.combine") && m.contains("sum, max"), m);
        Files.writeString(f, "models: [conv, gan]\n");
        m = assertThrows(InvalidInputException.class, () -> DeblendConfig.load(f)).getMessage();
        assertTrue(m.contains("models") && m.contains("gan"), m);
        Files.writeString(f, "");
        assertEquals(DeblendConfig.defaults(), DeblendConfig.load(f));
        Path shipped = Path.of("../configs/deblend.yaml");
        if (Files.isRegularFile(shipped)) assertEquals(DeblendConfig.defaults(), DeblendConfig.load(shipped));
    }
}
