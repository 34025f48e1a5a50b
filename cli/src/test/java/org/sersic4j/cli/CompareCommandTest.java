package org.sersic4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sersic4j compare} end to end: a catalogue from {@code sersic4j fit}, a baseline run here and a fit seeded from
 * it are judged on a small simulated set; a missing truth set is one line naming it.
 */
class CompareCommandTest {
    @TempDir
    Path dir;

    @Test
    void comparesCataloguesFitsAndSeededFitsAndWritesTheSummary() throws IOException {
        Path truth = dir.resolve("truth"), config = dir.resolve("sim.yaml");
        Files.writeString(config, "size: 32\nnoise: {sky: 100, gain: 1.0, rdnoise: 5.0}\n"
                + "ranges: {flux: [5000, 50000], reArcsec: [0.4, 0.8]}\npsf: {size: 15}\n");
        CliTest.Outcome o = CliTest.execute("simulate", "--config", config.toString(), "--out", truth.toString(),
                "--count", "6", "--seed", "3", "--device", "java");
        assertEquals(0, o.code(), o.err());
        Path cat = dir.resolve("fit.csv");
        o = CliTest.execute("fit", "--images", truth.toString(), "--out", cat.toString(), "--threads", "2");
        assertEquals(0, o.code(), o.err());

        Path out = dir.resolve("cmp");
        o = CliTest.execute("compare", "--truth-set", truth.toString(), "--catalog", "fitted=" + cat, "--fit", "gaussian",
                "--seeded", "gaussian", "--out", out.toString(), "--bootstrap", "100", "--threads", "2");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("fitted") && o.out().contains("gaussian+lm"), o.out());
        JsonNode json = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(java.util.List.of(), org.sersic4j.io.JsonOutput.camelCaseKeys(json), "keys are snake_case");
        List<String> names = new ArrayList<>();
        for (JsonNode e : json.get("estimators")) names.add(e.get("estimator").asText());
        assertEquals(List.of("fitted", "gaussian", "gaussian+lm"), names);
        assertEquals(6, json.get("stamps").asInt());
        for (String n : names) assertTrue(Files.exists(out.resolve("catalogs").resolve(n + ".csv")), n);
    }

    @Test
    void aMissingTruthSetIsOneLineNamingIt() {
        Path missing = dir.resolve("no-such-set");
        CliTest.Outcome o = CliTest.execute("compare", "--truth-set", missing.toString(), "--fit", "lm", "--out",
                dir.resolve("cmp").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("no-such-set"), o.err());
    }
}
