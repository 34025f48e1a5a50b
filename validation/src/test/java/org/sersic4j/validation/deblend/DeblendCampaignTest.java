package org.sersic4j.validation.deblend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.learn.TrainingConfig;
import org.sersic4j.learn.deblend.DeblendConfig;
import org.sersic4j.learn.deblend.DeblendTrainer;
import org.sersic4j.learn.deblend.Deblender.Kind;
import org.sersic4j.render.sim.Range;
import org.sersic4j.render.sim.SimulationConfig;
import org.sersic4j.render.sim.SimulationConfig.Combine;

/** The whole campaign on a tiny problem: three tiny models trained for a few steps, 24 held-out blends, 6 fits. */
class DeblendCampaignTest {
    @TempDir
    Path dir;

    static DeblendConfig tiny() {
        TrainingConfig.Data d = new TrainingConfig.Data(32, 15, 0.2, 30,
                new SimulationConfig.Ranges(Range.of(20000, 50000), Range.of(0.4, 1.2), Range.of(0.5, 4), Range.of(0, 0.5), Range.of(0, 180), 1),
                new TrainingConfig.PsfRanges(List.of(SimulationConfig.PsfType.GAUSSIAN), Range.of(2, 3), Range.of(3, 3)),
                TrainingConfig.NoiseRanges.DEFAULT, 1, "java");
        DeblendConfig.Training tr = new DeblendConfig.Training(8, 2, 1, 1, 3e-3, 1);
        return new DeblendConfig(4, d, new DeblendConfig.Blend(Range.of(4, 8), Combine.MAX), null,
                new DeblendConfig.Conv(List.of(4, 4, 4, 4), 3, tr), new DeblendConfig.Vae(List.of(4, 4), 3, 16, 4, List.of(4), 1, tr),
                new DeblendConfig.VaeGan(List.of(4, 4), 3, 8, 1, tr), new DeblendConfig.Evaluation(24, 2, 6, 1));
    }

    @Test
    void theCampaignWritesEveryClaimAndTheReportAndReusesGivenModels() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DeblendCampaign.Result r = new DeblendCampaign(tiny(), dir.resolve("a"), Map.of(), new PrintStream(log, true), false).run();
        String text = log.toString();
        assertEquals(3 + 9 + 1, r.claims().size(), text);
        JsonNode s = new ObjectMapper().readTree(r.summary().toFile());
        assertEquals(java.util.List.of(), org.sersic4j.io.JsonOutput.camelCaseKeys(s), "keys are snake_case");
        assertEquals("deblend", s.get("campaign").asText());
        assertEquals(13, s.get("claims").size());
        assertEquals(8.117e-4, s.get("metrics").get(0).get("mse").get("paper").asDouble(), 1e-12);
        // the isolated galaxy and the raw blend are always fitted; a model's output only when it beats the raw blend's MSE
        int routes = s.get("evaluation").get("fits").size();
        assertTrue(routes >= 2 && routes <= 5, "routes: " + routes);
        String html = Files.readString(r.report());
        assertTrue(html.contains("VAE-GAN") && html.contains("data:image/png;base64"), "report lacks the gallery");
        assertEquals(3, r.training().size());

        // a second run reuses the trained conv deblender instead of training it, and runs only the models asked for
        Path conv = DeblendTrainer.modelFile(dir.resolve("a"), Kind.CONV);
        DeblendCampaign.Result again = new DeblendCampaign(tiny().withModels(List.of("conv")), dir.resolve("b"), Map.of(Kind.CONV, conv),
                new PrintStream(new ByteArrayOutputStream(), true), false).run();
        assertEquals(1, again.training().size());
        assertTrue(!again.training().get(0).trainedHere());
        assertEquals(3 + 1, again.claims().size()); // no ranking with one model
    }
}
