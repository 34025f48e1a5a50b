package org.sersic4j.validation.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.learn.TrainingConfig;
import org.sersic4j.learn.vae.VaeConfig;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.sim.Range;
import org.sersic4j.render.sim.SimulationConfig;

/** The VAE campaign end to end on a tiny configuration: training, scoring, summary and report. */
class VaeCampaignTest {
    @TempDir
    static Path dir;
    static VaeCampaign.Result result;
    static String log;

    static VaeConfig tiny(int stampSize) {
        TrainingConfig.Data d = new TrainingConfig.Data(stampSize, 15, 0.2, 30,
                new SimulationConfig.Ranges(Range.of(20000, 50000), Range.of(0.4, 1.2), Range.of(0.5, 4), Range.of(0, 0.5), Range.of(0, 180), 1),
                new TrainingConfig.PsfRanges(List.of(SimulationConfig.PsfType.GAUSSIAN), Range.of(2, 3), Range.of(3, 3)),
                TrainingConfig.NoiseRanges.DEFAULT, 1, "java");
        return new VaeConfig(3, d, new VaeConfig.Network(4, List.of(16, 16), List.of(16, 16)),
                new VaeConfig.Training(32, 8, 2, 1, 3e-3, 5), new VaeConfig.Evaluation(40, 3, 1));
    }

    @BeforeAll
    static void run() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result = new VaeCampaign(tiny(32), dir, null, new PrintStream(out, true), false).run();
        log = out.toString();
    }

    @Test
    void theSummaryHoldsBothClaimsWithThePapersNumbersAndOurs() throws Exception {
        JsonNode s = new ObjectMapper().readTree(result.summary().toFile());
        assertEquals(java.util.List.of(), org.sersic4j.io.JsonOutput.camelCaseKeys(s), "keys are snake_case");
        assertEquals("vae", s.get("campaign").asText());
        JsonNode claims = s.get("claims");
        assertEquals(2, claims.size(), log);
        assertEquals("reconstruction", claims.get(0).get("id").asText());
        assertEquals("971/1000", claims.get(0).get("paper").asText());
        assertEquals("likelihood", claims.get(1).get("id").asText());
        assertEquals("972/1000", claims.get(1).get("paper").asText());
        for (JsonNode c : claims) {
            assertTrue(c.get("ours").asText().endsWith("/40"), c.toString());
            assertTrue(c.get("held").isBoolean(), c.toString());
        }
        JsonNode t = s.get("training");
        assertEquals(2, t.get("epochs").asInt());
        assertEquals(2 * 8 * 32, t.get("samples").asLong());
        assertTrue(t.get("minutes").asDouble() > 0);
        assertTrue(Double.isFinite(t.get("final_elbo").asDouble()));
        assertEquals(40, s.get("evaluation").get("held_out").asInt());
        assertEquals(41, Files.readAllLines(dir.resolve("stamps.csv")).size());
    }

    @Test
    void theReportShowsTheClaimsHistogramsAndGallery() throws Exception {
        String html = Files.readString(result.report());
        for (String h : List.of("Claims", "How the comparison was made", "Training", "Per-stamp differences", "Reconstructions"))
            assertTrue(html.contains("<h2>" + h + "</h2>"), h);
        assertTrue(html.contains("971/1000") && html.contains("972/1000"));
        int images = html.split("<img ", -1).length - 1;
        assertEquals(2 + 3 * 6, images, "two histograms and three gallery rows of six pictures");
    }

    @Test
    void aSavedModelIsEvaluatedWithoutTrainingAndAMismatchIsAClearError() throws Exception {
        Path again = dir.resolve("again");
        VaeConfig c = tiny(32).withHeldOut(10);
        var r = new VaeCampaign(new VaeConfig(c.seed(), c.data(), c.network(), c.training(), new VaeConfig.Evaluation(10, 0, 1)),
                again, dir.resolve("model.zip"), new PrintStream(new ByteArrayOutputStream()), false).run();
        assertTrue(!r.training().trainedHere());
        assertEquals(2, r.training().epochs());
        assertTrue(r.claims().get(0).ours().endsWith("/10"));
        var e = assertThrows(InvalidInputException.class, () -> new VaeCampaign(tiny(16), dir.resolve("bad"), dir.resolve("model.zip"),
                new PrintStream(new ByteArrayOutputStream()), false).run());
        assertTrue(e.getMessage().contains("32×32"), e.getMessage());
    }
}
