package org.sersic4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonOutputTest {
    record Run(String stoppedBecause, int epochsRun, double bestValidationLoss, double[] history, Map<String, Double> byKey) {}

    record Old(@JsonAlias("stampSize") int stampSize, @JsonAlias("psfFwhmPx") double psfFwhmPx) {}

    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        n.fieldNames().forEachRemaining(k::add);
        return k;
    }

    @Test
    void recordComponentsBecomeSnakeCaseInComponentOrder() throws Exception {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("zeta", 1.0);
        m.put("alpha", 2.0);
        JsonNode n = JsonOutput.MAPPER.readTree(JsonOutput.toString(new Run("done", 3, 0.25, new double[]{1, 2}, m)));
        assertEquals(List.of("stopped_because", "epochs_run", "best_validation_loss", "history", "by_key"), keys(n));
        assertEquals(List.of("zeta", "alpha"), keys(n.get("by_key")), "map keys keep insertion order, unchanged");
        assertEquals(3, n.get("epochs_run").asInt());
        assertEquals(List.of(), JsonOutput.camelCaseKeys(n));
        JsonNode old = JsonOutput.MAPPER.readTree("{\"a\": [{\"bestLoss\": 1, \"x0\": 2, \"config\": \"batchSize: 3\"}]}");
        assertEquals(List.of("/a/0/bestLoss"), JsonOutput.camelCaseKeys(old));
    }

    @Test
    void nonFiniteNumbersAreWrittenAsNullEverywhere() throws Exception {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("inf", Double.POSITIVE_INFINITY);
        String text = JsonOutput.toString(new Run("x", 1, Double.NaN, new double[]{1, Double.NaN, Double.NEGATIVE_INFINITY}, m));
        assertTrue(!text.contains("NaN") && !text.contains("Infinity"), text);
        JsonNode n = JsonOutput.MAPPER.readTree(text);
        assertTrue(n.get("best_validation_loss").isNull(), text);
        assertTrue(n.get("history").get(1).isNull() && n.get("history").get(2).isNull(), text);
        assertEquals(1.0, n.get("history").get(0).asDouble());
        assertTrue(n.get("by_key").get("inf").isNull(), text);

        ObjectNode tree = JsonOutput.object();
        tree.put("b", Double.NaN);
        tree.put("a", 1.5f);
        tree.put("c", Float.POSITIVE_INFINITY);
        JsonNode t = JsonOutput.MAPPER.readTree(JsonOutput.toString(tree));
        assertEquals(List.of("b", "a", "c"), keys(t), "a tree keeps insertion order");
        assertTrue(t.get("b").isNull() && t.get("c").isNull());
        assertEquals(1.5, t.get("a").asDouble());
    }

    @Test
    void roundTripsThroughAFileAtomically(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub/run.json");
        Run r = new Run("budget", 7, Double.NaN, new double[]{0.5, 2}, Map.of("k", 3.0));
        JsonOutput.write(f, r);
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "no temporary file left");
        }
        String text = Files.readString(f);
        assertTrue(text.contains("\n  \"stopped_because\" : \"budget\""), "indented: " + text);
        Run back = JsonOutput.read(f, Run.class);
        assertEquals("budget", back.stoppedBecause());
        assertEquals(7, back.epochsRun());
        assertTrue(Double.isNaN(back.bestValidationLoss()), "null reads back as NaN for a double");
        assertEquals(2.0, back.history()[1]);
        assertEquals(3.0, back.byKey().get("k"));
    }

    @Test
    void formerCamelCaseKeysAndNonFiniteStringsStillRead() throws Exception {
        Old a = JsonOutput.MAPPER.readValue("{\"stampSize\": 64, \"psfFwhmPx\": \"NaN\", \"unknownKey\": 1}", Old.class);
        assertEquals(64, a.stampSize());
        assertTrue(Double.isNaN(a.psfFwhmPx()));
        Old b = JsonOutput.MAPPER.readValue("{\"stamp_size\": 32, \"psf_fwhm_px\": \"Infinity\"}", Old.class);
        assertEquals(32, b.stampSize());
        assertEquals(Double.POSITIVE_INFINITY, b.psfFwhmPx());
    }
}
