package org.sersic4j.validation.galnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.sersic4j.validation.InputPaths;
import org.sersic4j.validation.Repository;
import org.sersic4j.validation.RunConfig;

/** The GaLNet campaign end to end on a tiny truth set and two KiDS galaxies: the claims reach the report and summary. */
class GalnetCampaignTest {
    @TempDir
    Path dir;

    private RunConfig config(String estimators, String real) throws IOException {
        Path f = dir.resolve("tiny-galnet.yaml");
        Files.writeString(f, "output: " + dir.resolve("out").toString().replace('\\', '/') + "\n"
                + "simulate:\n  count: 12\n  size: 64\n  seed: 9\n  ranges: {flux: [5000, 50000], reArcsec: [0.4, 1.2]}\n"
                + "estimators: " + estimators + "\nmcSamples: 0\nreal: " + real + "\nbootstrap: 50\n");
        return RunConfig.load(f);
    }

    @Test
    void theClaimsReachTheReportAndTheSummary() throws IOException {
        Assumptions.assumeTrue(ModelStore.hasDefault(), "no model ships with this build");
        RunConfig cfg = config("[cnn, lm]", Repository.kidsManifest(dir.resolve("two.csv"), "G266035", "G267199").toString().replace('\\', '/'));
        GalnetCampaign.Result r;
        try (Renderer renderer = Renderers.create("java")) {
            r = new GalnetCampaign(cfg, renderer, "test", new InputPaths(null), false, s -> { }).run();
        }
        List<String> ids = r.claims().stream().map(c -> c.id()).toList();
        assertEquals(List.of("sim-outliers-re", "sim-nmad-re", "sim-outliers-n", "sim-nmad-n", "real-chi2", "throughput", "speedup"), ids);
        assertTrue(r.singlePassPerSecond() > 0);
        JsonNode json = new ObjectMapper().readTree(r.summary().toFile());
        assertEquals(java.util.List.of(), org.sersic4j.io.JsonOutput.camelCaseKeys(json), "keys are snake_case");
        assertEquals("galnet", json.get("campaign").get("name").asText());
        List<String> inJson = new ArrayList<>();
        for (JsonNode c : json.get("claims")) inJson.add(c.get("id").asText());
        assertEquals(ids, inJson);
        assertTrue(json.has("estimators") && json.has("run"), "the comparison's own summary is kept");
        assertTrue(json.get("claims").get(4).get("ours").asText().contains("on 2 real galaxies"), json.get("claims").get(4).toString());
        String html = Files.readString(r.report());
        assertTrue(html.contains("Claims of the GaLNet paper") && html.contains("real-chi2") && html.contains("Metrics"));
    }

    @Test
    void aConfigurationWithoutTheFitIsRefusedNamingTheFile() throws IOException {
        RunConfig cfg = config("[cnn]", "none");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new GalnetCampaign(cfg, null, "test", new InputPaths(null), false, null));
        assertTrue(e.getMessage().contains("tiny-galnet.yaml") && e.getMessage().contains("'lm'"), e.getMessage());
    }
}
