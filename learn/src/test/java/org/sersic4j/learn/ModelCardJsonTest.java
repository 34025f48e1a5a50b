package org.sersic4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.io.JsonOutput;

/** Model cards: written with snake_case keys; the shipped card, written before that with camelCase keys, still reads. */
class ModelCardJsonTest {
    private static Path shippedCard(Path dir) throws Exception {
        Path side = dir.resolve("shipped.json");
        try (InputStream in = ModelStore.class.getResourceAsStream(ModelStore.DEFAULT_MODEL.replace(".zip", ".json"))) {
            assertNotNull(in, "the shipped card is on the class path");
            Files.copy(in, side);
        }
        return side;
    }

    @Test
    void theShippedCardInTheFormerCamelCaseKeysStillReads(@TempDir Path dir) throws Exception {
        Path side = shippedCard(dir);
        String text = Files.readString(side);
        assertTrue(text.contains("\"stampSize\"") && text.contains("\"rePx\"") && text.contains("\"bestValidationLoss\""),
                "the fixture is a card in the former keys");
        ModelCard c = ModelStore.readCard(side);
        assertEquals(64, c.stampSize());
        assertEquals(25, c.psfSize());
        assertEquals(0.2, c.pixelScale());
        assertEquals(16, c.mcSamples());
        assertEquals(7, c.errorScale().size());
        assertTrue(c.psfTypes() != null && !c.psfTypes().isEmpty());
        assertNotNull(c.range("re_px"));
        assertArrayEquals(c.range("re_px"), c.range("rePx"), "a camelCase name still finds the range");
        assertNotNull(c.range("centre_offset"));
        assertNotNull(c.range("psf_fwhm_px"));
        assertNotNull(c.range("peak_snr"));
        assertTrue(c.training().get("best_validation_loss") instanceof Number, c.training().keySet().toString());
        assertEquals("time budget of 112 min reached", c.training().get("stopped_because"));
        assertTrue(String.valueOf(c.training().get("config")).contains("stampSize: 64"),
                "the embedded configuration keeps its YAML keys");
    }

    @Test
    void aCardIsWrittenInSnakeCaseAndReadsBackTheSame(@TempDir Path dir) throws Exception {
        ModelCard old = ModelStore.readCard(shippedCard(dir));
        Path model = dir.resolve("again.zip");
        ModelStore.writeCard(model, old);
        Path side = ModelStore.sidecar(model);
        JsonNode tree = JsonOutput.MAPPER.readTree(side.toFile());
        assertEquals(List.of(), JsonOutput.camelCaseKeys(tree));
        for (String k : List.of("stamp_size", "psf_size", "pixel_scale", "psf_types", "mc_samples", "error_scale"))
            assertTrue(tree.has(k), k);
        assertTrue(tree.get("ranges").has("re_px") && tree.get("ranges").has("peak_snr"));
        assertTrue(tree.get("training").has("best_validation_loss"));
        ModelCard back = ModelStore.readCard(side);
        assertEquals(old.stampSize(), back.stampSize());
        assertEquals(old.mcSamples(), back.mcSamples());
        assertEquals(old.errorScale(), back.errorScale());
        assertEquals(old.coverage(), back.coverage());
        assertArrayEquals(old.targets().mean(), back.targets().mean());
        assertArrayEquals(old.range("psf_fwhm_px"), back.range("psf_fwhm_px"));
        assertEquals(old.training().keySet(), back.training().keySet());
        assertEquals(old.training().get("config"), back.training().get("config"));
    }

    @Test
    void provenanceAndRunEndAreSnakeCaseRecords() {
        Map<String, Object> p = ModelCard.provenance("seed: 1\n", 1, 2, 30, Double.NaN, 0.5, List.of(new double[]{1, 0.4, Double.NaN, 0.5}));
        assertEquals(List.of("config", "seed", "epochs", "samples", "best_validation_loss", "minutes", "history", "backend", "version", "date"),
                new ArrayList<>(p.keySet()));
        ModelCard c = new ModelCard(ModelCard.FORMAT, ModelCard.GALAXY_VAE, 32, 15, 0.2, 30, null, ModelCard.galaxyRanges(TinyTraining.config("x", 1, 1).data()),
                List.of("moffat"), 0, 0, null, null, p);
        EpochLoop.Outcome o = new EpochLoop.Outcome(2, 30, 0.4, 0.3, 1, 0.5, "maxEpochs reached", List.of());
        ModelCard done = EpochLoop.withRunEnd(c, o);
        for (String k : List.of("stopped_because", "epochs_run", "samples_run", "minutes_run", "final_train_loss"))
            assertTrue(done.training().containsKey(k), k);
        JsonNode tree = JsonOutput.MAPPER.valueToTree(done);
        assertEquals(List.of(), JsonOutput.camelCaseKeys(tree));
        assertTrue(JsonOutput.toString(done).contains("\"best_validation_loss\" : null"), "NaN is written as null");
    }
}
