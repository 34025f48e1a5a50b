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
 * {@code sersic4j bench render} on a few small stamps: the reference and the fast renderer each get a run with and
 * without a PSF, and each run reports the accuracy of its own stamps against the reference at oversample 4 (the
 * figures come from the full benchmark, never from a timed test).
 */
class BenchRenderCommandTest {
    @TempDir
    Path dir;

    @Test
    void reportsThroughputAndAccuracyPerRun() throws IOException {
        Path out = dir.resolve("bench.json");
        CliTest.Outcome o = CliTest.execute("bench", "render", "--out", out.toString(), "--devices", "java,fast",
                "--java-batch", "6", "--size", "32", "--psf-size", "15", "--accuracy-stamps", "3");
        assertEquals(0, o.code(), o.err());
        JsonNode root = new ObjectMapper().readTree(out.toFile());
        assertEquals(java.util.List.of(), org.sersic4j.io.JsonOutput.camelCaseKeys(root), "keys are snake_case");
        assertEquals(4, root.get("runs_ok").asInt());
        for (JsonNode run : root.get("runs")) {
            assertTrue(run.get("stamps_per_s").asDouble() > 0, run.toString());
            JsonNode acc = run.get("accuracy");
            assertEquals(3, acc.get("stamps").asInt());
            boolean psf = run.get("psf").asBoolean();
            assertEquals(psf ? "java reference, oversample 4" : "java reference (exact without a PSF)", acc.get("truth").asText());
            assertTrue(acc.get("median").asDouble() <= acc.get("p90").asDouble() && acc.get("p90").asDouble() <= acc.get("max").asDouble());
            // Without a PSF both draw the reference's own pixels; with one, both are within the accuracy targets.
            assertTrue(acc.get("max").asDouble() <= (psf ? 1e-2 : 1e-6), run.toString());
        }
        assertEquals("java-fast", root.get("runs").get(2).get("renderer").asText());
    }
}
