package org.sersic4j.learn.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.learn.BatchRenderer;
import org.sersic4j.learn.ModelStore;
import org.sersic4j.learn.TinyTraining;
import org.sersic4j.learn.TrainingBatch;
import org.sersic4j.render.Renderers;
import org.sersic4j.io.InvalidInputException;

/** Trains a tiny network once and checks training, storage and prediction on it. */
class TrainerTest {
    @TempDir
    static Path dir;
    static Trainer.Result result;
    static String log;

    @BeforeAll
    static void train() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result = new Trainer(TinyTraining.config(dir.toString(), 25, 4), dir, new PrintStream(out, true), false).train(false);
        log = out.toString();
    }

    @Test
    void validationLossFalls() throws Exception {
        var state = Trainer.State.read(dir.resolve("state.json"));
        List<double[]> h = state.history();
        assertEquals(4, h.size(), log);
        assertTrue(h.get(h.size() - 1)[2] < 0.8 * h.get(0)[2], "validation loss should fall: " + log);
    }

    @Test
    void modelRoundTripsThroughTheStoreWithItsCard() throws Exception {
        ModelStore.Loaded m = ModelStore.load(result.model(), false);
        assertEquals(32, m.card().stampSize());
        assertEquals(15, m.card().psfSize());
        assertEquals(7, m.card().errorScale().size());
        assertTrue(m.card().coverage().containsKey("re"));
        var tree = org.sersic4j.io.JsonOutput.MAPPER.readTree(ModelStore.sidecar(result.model()).toFile());
        assertEquals(List.of(), org.sersic4j.io.JsonOutput.camelCaseKeys(tree), "the card's keys are snake_case");
    }

    @Test
    void predictionsAreDeterministicWithoutDropoutAndFlagTinyPsfs() {
        CnnPredictor p = new CnnPredictor(ModelStore.load(result.model(), false));
        try (var r = Renderers.create("java")) {
            BatchRenderer br = new BatchRenderer(TinyTraining.config("x", 1, 1).data(), r);
            TrainingBatch b = br.render(99, 0, 8);
            List<float[]> stamps = new ArrayList<>(), psfs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                stamps.add(Arrays.copyOfRange(b.stamps(), i * 1024, (i + 1) * 1024));
                psfs.add(Arrays.copyOfRange(b.psfs(), i * 225, (i + 1) * 225));
            }
            var a = p.predict(stamps, psfs, 0);
            var c = p.predict(stamps, psfs, 0);
            for (int i = 0; i < 8; i++) {
                assertEquals(a.get(i).params(), c.get(i).params());
                assertTrue(Double.isNaN(a.get(i).errors()[3]));
            }
            var mc = p.predict(stamps, psfs, 4);
            assertTrue(mc.get(0).errors()[3] > 0, "MC dropout gives a spread");
            float[] delta = new float[225];
            delta[112] = 1;   // a PSF of zero width is unlike any training PSF
            var flagged = p.predict(stamps.subList(0, 1), List.of(delta), 0);
            assertEquals(CnnPredictor.OUT_OF_TRAINING_RANGE, flagged.get(0).flags() & CnnPredictor.OUT_OF_TRAINING_RANGE, flagged.get(0).why());
            assertThrows(IllegalArgumentException.class, () -> p.predict(List.of(new float[64 * 64]), psfs.subList(0, 1), 0));
        }
    }

    @Test
    void aFileThatIsNotAModelIsAClearError() throws Exception {
        Path bad = dir.resolve("bad.zip");
        Files.writeString(bad, "not a zip");
        var e = assertThrows(InvalidInputException.class, () -> ModelStore.load(bad, false));
        assertTrue(e.getMessage().contains("bad.zip"), e.getMessage());
        Path noSidecar = dir.resolve("copy.zip");
        Files.copy(result.model(), noSidecar);
        var e2 = assertThrows(InvalidInputException.class, () -> ModelStore.load(noSidecar, false));
        assertTrue(e2.getMessage().contains("sidecar"), e2.getMessage());
    }

    @Test
    void resumeContinuesFromTheCheckpoint() throws Exception {
        Path d2 = dir.resolve("resume");
        new Trainer(TinyTraining.config(d2.toString(), 5, 1), d2, new PrintStream(new ByteArrayOutputStream()), false).train(false);
        // state.json has snake_case keys; a state written before them, in camelCase keys, resumes the same
        Path state = d2.resolve("state.json");
        String snake = Files.readString(state);
        for (String k : List.of("\"best_loss\"", "\"best_epoch\"", "\"since_best\"")) assertTrue(snake.contains(k), snake);
        Files.writeString(state, snake.replace("\"best_loss\"", "\"bestLoss\"").replace("\"best_epoch\"", "\"bestEpoch\"")
                .replace("\"since_best\"", "\"sinceBest\""));
        assertEquals(1, Trainer.State.read(state).bestEpoch());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Trainer.Result r = new Trainer(TinyTraining.config(d2.toString(), 5, 2), d2, new PrintStream(out, true), false).train(true);
        assertTrue(out.toString().contains("resuming after epoch 1"), out.toString());
        assertEquals(2, r.epochs());
    }
}
