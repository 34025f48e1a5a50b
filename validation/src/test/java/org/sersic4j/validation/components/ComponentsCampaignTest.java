package org.sersic4j.validation.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-component campaign end to end on a few stamps of the shipped configurations: every step runs, the summary
 * scores the bulge+disc quantities for both models, model selection counts every stamp, the pairs are scored both
 * ways, and a second run reuses the finished catalogues.
 */
class ComponentsCampaignTest {
    private static final Path CONFIGS = Path.of("..", "configs");

    @TempDir
    Path out;

    @Test
    void theCampaignRunsScoresAndResumes() throws Exception {
        int count = 5;
        ComponentsCampaign c = new ComponentsCampaign(CONFIGS.resolve("bulge-disc.yaml"), CONFIGS.resolve("pairs.yaml"), count,
                null, 0, 2, 7, out);
        List<String> log = new ArrayList<>();
        ComponentsCampaign.Outcome o = c.run(log::add);
        Path report = ComponentsReport.write(c, o);
        assertTrue(Files.size(report) > 1000);
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(java.util.List.of(), org.sersic4j.io.JsonOutput.camelCaseKeys(s), "keys are snake_case");
        Set<String> quantities = new HashSet<>();
        for (JsonNode m : s.get("bulge_disc").get("metrics")) {
            quantities.add(m.get("estimator").asText() + ":" + m.get("quantity").asText());
            assertEquals(count, m.get("stamps").asInt());
        }
        assertTrue(quantities.containsAll(List.of("bulge+disc:bt", "bulge+disc:total_flux", "bulge+disc:bulge_re",
                "bulge+disc:bulge_n", "bulge+disc:disc_re", "sersic:total_flux")), quantities.toString());
        for (String key : List.of("selection_bulge_disc", "selection_sersic")) {
            JsonNode sel = s.get(key);
            assertEquals(count, sel.get("stamps").asInt() + sel.get("left_out_failed").asInt(), key);
        }
        assertEquals("bulge+disc", s.get("selection_bulge_disc").get("true_models").fieldNames().next());
        assertEquals("sersic", s.get("selection_sersic").get("true_models").fieldNames().next());
        assertTrue(s.get("pairs").has("masked") && s.get("pairs").has("together"));

        List<String> again = new ArrayList<>();
        c.run(again::add);
        assertTrue(again.stream().filter(l -> l.startsWith("reusing")).count() == 3, again.toString());
    }
}
