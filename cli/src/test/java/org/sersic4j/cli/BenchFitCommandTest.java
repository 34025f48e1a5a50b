package org.sersic4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sersic4j bench fit} on a tiny truth set: the JSON holds the machine, the truth set, per method the timing
 * runs and the accuracy block with every parameter's metrics, bootstrap intervals and error calibration. (The
 * figures themselves come from the full benchmark, never from a timed test.)
 */
class BenchFitCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTimingAndAccuracy() throws IOException {
        Path out = dir.resolve("bench.json");
        CliTest.Outcome o = CliTest.execute("bench", "fit", "--out", out.toString(), "--count", "12", "--methods", "lm",
                "--threads", "1");
        assertEquals(0, o.code(), o.err());
        JsonNode root = new ObjectMapper().readTree(out.toFile());
        assertEquals(java.util.List.of(), org.sersic4j.io.JsonOutput.camelCaseKeys(root), "keys are snake_case");
        assertEquals("fit", root.get("benchmark").asText());
        assertTrue(root.get("machine").has("available_processors"));
        assertEquals(12, root.get("truth_set").get("stamps").asInt());
        JsonNode lm = root.get("methods").get(0);
        assertEquals("lm", lm.get("method").asText());
        JsonNode run = lm.get("runs").get(0);
        assertEquals(1, run.get("threads").asInt());
        assertEquals(12, run.get("fits").asInt());
        assertTrue(run.get("median_s_per_fit").asDouble() > 0 && run.get("p95_s_per_fit").asDouble() >= run.get("median_s_per_fit").asDouble());
        JsonNode acc = lm.get("accuracy");
        assertEquals(8, acc.get("metrics").size());
        for (JsonNode m : acc.get("metrics")) {
            assertTrue(m.has("nmad") && m.has("outlier_fraction") && m.has("median_bias"), m.toString());
            if (!m.get("median_bias").isNull()) {
                assertTrue(m.get("median_bias_lo").asDouble() <= m.get("median_bias").asDouble()
                        && m.get("median_bias").asDouble() <= m.get("median_bias_hi").asDouble(), m.toString());
            }
        }
        assertEquals(7, acc.get("error_calibration").size());
        // A second run reuses the identical truth set instead of simulating it again.
        o = CliTest.execute("bench", "fit", "--out", out.toString(), "--count", "12", "--methods", "lm", "--threads", "1");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains("reusing the truth set"), o.err());
    }
}
