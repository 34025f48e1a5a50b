package org.sersic4j.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.learn.ModelStore;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.io.InvalidInputException;

/**
 * The main job end to end on tiny truth sets: every estimator named reaches the report and the summaries; real galaxies
 * come from a manifest; a missing network fails before anything is simulated; the CNN path runs once a model ships.
 */
class RunJobTest {
    @TempDir
    Path dir;

    /** A run configuration file with {@code stamps} stamps of {@code size} px and the given extra top-level lines. */
    private RunConfig config(int stamps, int size, String... lines) throws IOException {
        Path f = dir.resolve("tiny.yaml");
        Files.writeString(f, "output: " + dir.resolve("out").toString().replace('\\', '/') + "\n"
                + "simulate:\n  count: " + stamps + "\n  size: " + size + "\n  seed: 5\n"
                + "  ranges: {flux: [5000, 50000], reArcsec: [0.4, 1.2]}\n"
                + String.join("\n", lines) + "\n");
        return RunConfig.load(f);
    }

    private RunJob.Result run(RunConfig cfg, InputPaths inputs) {
        try (Renderer r = Renderers.create("java")) {
            return new RunJob(cfg, r, "test", inputs, false, line -> { }).run();
        }
    }

    private static List<String> estimators(Path summaryJson) throws IOException {
        JsonNode json = new ObjectMapper().readTree(summaryJson.toFile());
        assertEquals(java.util.List.of(), org.sersic4j.io.JsonOutput.camelCaseKeys(json), "keys are snake_case");
        List<String> names = new ArrayList<>();
        for (JsonNode e : json.get("estimators")) names.add(e.get("estimator").asText());
        return names;
    }

    @Test
    void aTinyRunWritesTheReportAndSummariesWithEveryEstimator() throws IOException {
        RunConfig cfg = config(8, 32, "estimators: [lm, gaussian]", "real: none", "bootstrap: 50", "threads: 2");
        RunJob.Result r = run(cfg, new InputPaths(null));
        Path out = cfg.output();
        assertEquals(8, r.count());
        assertEquals(0, r.real());
        assertTrue(Files.size(out.resolve("report.html")) > 10_000);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("gaussian") && html.contains("lm"));
        assertEquals(List.of("lm", "gaussian"), estimators(r.summaryJson()));
        JsonNode run = new ObjectMapper().readTree(r.summaryJson().toFile()).get("run");
        assertEquals(8, run.get("simulate").get("count").asInt());
        assertTrue(run.get("seconds").get("total").asDouble() > 0);
        String text = Files.readString(r.summaryText());
        assertTrue(text.lines().anyMatch(l -> l.trim().startsWith("lm ")) && text.lines().anyMatch(l -> l.trim().startsWith("gaussian ")), text);
        for (String e : List.of("lm", "gaussian")) assertTrue(Files.exists(out.resolve("catalogs").resolve(e + ".csv")), e);
        assertTrue(Files.exists(out.resolve("truth").resolve("truth.csv")));
        RunConfig back = RunConfig.load(out.resolve("run.yaml"));
        assertEquals(cfg.estimators(), back.estimators());
        assertEquals(cfg.simulate(), back.simulate());
        assertFalse(back.hasReal());
    }

    @Test
    void realGalaxiesComeFromAManifestFoundInTheSersic4jDirectory() throws IOException {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Path manifest = Repository.kidsManifest(home.resolve("two.csv"), "G266035", "G267199");
        RunConfig cfg = config(4, 32, "estimators: [gaussian]", "real: two.csv", "bootstrap: 0");
        RunJob.Result r = run(cfg, new InputPaths(home));
        assertEquals(2, r.real());
        JsonNode json = new ObjectMapper().readTree(r.summaryJson().toFile());
        assertEquals(2, json.get("real").size());
        assertEquals(2, json.get("real_gallery").size(), "every real galaxy is shown");
        assertEquals(manifest.toString(), json.get("run").get("real").get("manifest").asText());
        assertTrue(Files.readString(r.summaryText()).contains("2 real galaxies"));
    }

    @Test
    void aMissingDefaultManifestIsAWarningAndANamedOneAnError() throws IOException {
        RunConfig cfg = config(3, 32, "estimators: [gaussian]", "bootstrap: 0");
        RunJob.Result r = run(cfg, new InputPaths(dir.resolve("nowhere")));
        assertEquals(0, r.real());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("manifest.csv")), r.warnings().toString());

        RunConfig named = config(3, 32, "estimators: [gaussian]", "real: missing.csv");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(named, new InputPaths(null)));
        assertTrue(e.getMessage().contains("real: no such file") && e.getMessage().contains("missing.csv"), e.getMessage());
    }

    @Test
    void aMissingModelFailsBeforeAnythingIsSimulated() throws IOException {
        // Runs whether or not a model ships: the configuration names one that is not there.
        Path missing = dir.resolve("nowhere").resolve("model.zip");
        RunConfig cfg = config(3, 64, "estimators: [cnn, lm]", "real: none",
                "model: " + missing.toString().replace('\\', '/'));
        RuntimeException e = assertThrows(RuntimeException.class, () -> run(cfg, new InputPaths(null)));
        assertTrue(e.getMessage().contains("model.zip"), e.getMessage());
        assertFalse(Files.exists(cfg.output().resolve("truth")), "nothing simulated");
        assertFalse(Files.exists(cfg.output().resolve("report.html")), "no report");
    }

    @Test
    void theShippedNetworkIsComparedWithFitsAndSeedsThem() throws IOException {
        Assumptions.assumeTrue(ModelStore.hasDefault(), "no model ships with this build yet");
        RunConfig cfg = config(8, 64, "estimators: [cnn, lm, cnn+lm]", "mcSamples: 2", "real: none", "bootstrap: 50");
        RunJob.Result r = run(cfg, new InputPaths(null));
        assertEquals(List.of("cnn", "lm", "cnn+lm"), estimators(r.summaryJson()));
        assertTrue(Files.readString(cfg.output().resolve("report.html")).contains("cnn+lm"));
    }
}
