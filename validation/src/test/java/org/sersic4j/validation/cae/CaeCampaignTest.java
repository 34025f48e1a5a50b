package org.sersic4j.validation.cae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.sersic4j.learn.cae.CaeConfig;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.sim.Range;
import org.sersic4j.render.sim.SimulationConfig;

/** The CAE campaign end to end on a tiny configuration: training, controlled sets, sweeps, PCA, summary and report. */
class CaeCampaignTest {
    @TempDir
    static Path dir;
    static CaeCampaign.Result result;
    static String log;

    static CaeConfig tiny(int stampSize) {
        TrainingConfig.Data d = new TrainingConfig.Data(stampSize, 15, 0.2, 30,
                new SimulationConfig.Ranges(Range.of(2000, 50000), Range.of(0.4, 1.6), Range.of(1, 1.5), Range.of(0, 0.2), Range.of(0, 180), 0.5),
                new TrainingConfig.PsfRanges(List.of(SimulationConfig.PsfType.GAUSSIAN), Range.of(2, 2.5), Range.of(3, 3)),
                TrainingConfig.NoiseRanges.DEFAULT, 1, "java");
        return new CaeConfig(3, d, CaeConfig.Input.DEFAULT, new CaeConfig.Network(8, List.of(4, 8)),
                new CaeConfig.Training(32, 8, 2, 1, 3e-3, 1, 1e-3, 5), new CaeConfig.Evaluation(30, 60, 8, 5, 1.2, 3));
    }

    @BeforeAll
    static void run() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result = new CaeCampaign(tiny(32), dir, null, new PrintStream(out, true), false).run();
        log = out.toString();
    }

    @Test
    void theSummaryHoldsEveryClaimWithThePapersWordsAndOurs() throws Exception {
        JsonNode s = new ObjectMapper().readTree(result.summary().toFile());
        assertEquals(java.util.List.of(), org.sersic4j.io.JsonOutput.camelCaseKeys(s), "keys are snake_case");
        assertEquals("cae", s.get("campaign").asText());
        JsonNode claims = s.get("claims");
        List<String> ids = List.of("z1-flux-correlation", "z2-re-correlation", "disentangled", "sweep-z1", "sweep-z2", "pca-single-flux",
                "cae-vs-pca-flux", "pca-single-re", "cae-vs-pca-re");
        assertEquals(ids.size(), claims.size(), log);
        for (int i = 0; i < ids.size(); i++) {
            JsonNode c = claims.get(i);
            assertEquals(ids.get(i), c.get("id").asText());
            assertFalse(c.get("paper").asText().isBlank());
            assertFalse(c.get("ours").asText().isBlank());
            assertTrue(c.get("held").isBoolean(), c.toString());
        }
        assertEquals(result.claims().size(), claims.size());
        JsonNode t = s.get("training");
        assertEquals(2, t.get("epochs").asInt());
        assertEquals(2 * 8 * 32, t.get("samples").asLong());
        JsonNode ev = s.get("evaluation");
        assertEquals(8, ev.get("pca_vs_cae").size(), "4 targets x 2 pixel normalisations");
        assertEquals(8, ev.get("explained_variance_stretched").size());
        assertEquals(2, ev.get("sweeps").size());
        assertEquals(5, ev.get("sweeps").get(0).get("decoded_flux").size());
        assertTrue(ev.get("normalisation").asText().contains("asinh"));
    }

    @Test
    void theReportShowsClaimsScatterPlotsSweepsPcaAndGallery() throws Exception {
        String html = Files.readString(result.report());
        for (String h : List.of("Claims", "How the measurements were made", "Training", "Latents against flux and size", "Latent sweeps",
                "PCA against the CAE", "Reconstructions"))
            assertTrue(html.contains("<h2>" + h + "</h2>"), h);
        int images = html.split("<img ", -1).length - 1;
        assertEquals(2 + 4 + 2 * 5 + 3 * 3, images, "two training curves, four scatter plots, two sweeps of five, three gallery rows of three");
    }

    @Test
    void aSavedModelIsEvaluatedWithoutTrainingAndAMismatchIsAClearError() throws Exception {
        CaeConfig c = tiny(32).withEvaluation(new CaeConfig.Evaluation(10, 40, 4, 3, 1, 0));
        var r = new CaeCampaign(c, dir.resolve("again"), dir.resolve("model.zip"), new PrintStream(new ByteArrayOutputStream()), false).run();
        assertFalse(r.training().trainedHere());
        assertEquals(2, r.training().epochs());
        assertEquals(9, r.claims().size());
        var e = assertThrows(InvalidInputException.class, () -> new CaeCampaign(tiny(16), dir.resolve("bad"), dir.resolve("model.zip"),
                new PrintStream(new ByteArrayOutputStream()), false).run());
        assertTrue(e.getMessage().contains("32×32"), e.getMessage());
    }
}
