package org.sersic4j.compare.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.Estimator;
import org.sersic4j.compare.estimators.CatalogEstimator;
import org.sersic4j.compare.estimators.GaussianBaselineEstimator;
import org.sersic4j.compare.report.ComparisonReport;
import org.sersic4j.compare.report.ComponentSections;
import org.sersic4j.compare.result.ComparisonResult;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.sim.Range;
import org.sersic4j.render.sim.SimulationConfig;
import org.sersic4j.render.sim.Simulator;

/**
 * A comparison on a simulated bulge+disc truth set: the truth catalogue read back as a catalogue estimator scores
 * exactly on every component, an estimator run here is scored on its total flux, and summary.json and the report
 * carry the multi-component view; a one-Sérsic set gets none.
 */
class MultiComponentComparisonTest {
    @TempDir
    Path dir;

    private static Path simulate(Path dir, SimulationConfig.ModelSpec model) {
        SimulationConfig.Psf psf = new SimulationConfig.Psf(SimulationConfig.PsfMode.FIXED, SimulationConfig.PsfType.MOFFAT,
                Range.fixed(0.6), Range.fixed(3.5), Range.fixed(0), Range.fixed(0), 15);
        SimulationConfig cfg = SimulationConfig.defaults().withCount(10).withSeed(21).withSize(32)
                .withNoise(new SimulationConfig.Noise(100, 1, 5)).withPsf(psf)
                .withRanges(new SimulationConfig.Ranges(Range.of(5000, 50000), Range.of(0.6, 1.0), Range.of(0.5, 4),
                        Range.of(0, 0.5), Range.of(0, 180), 1))
                .withModel(model);
        new Simulator(cfg, new JavaReferenceRenderer(), dir).withProgress(false).run();
        return dir;
    }

    private static ComparisonRun.Settings settings(Path out) {
        return ComparisonRun.Settings.defaults(out, 5).withBootstrap(new BootstrapSettings(100, 5)).withThreads(2)
                .withVersion("9.9-test");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBulgeDiscSetIsScoredComponentByComponent() throws IOException {
        Path truthDir = simulate(dir.resolve("bd"), SimulationConfig.ModelSpec.BULGE_DISC);
        TruthSet set = TruthSetReader.read(truthDir);
        List<Estimator> estimators = List.of(new CatalogEstimator(truthDir.resolve("truth.csv"), "exact"),
                new GaussianBaselineEstimator(2));
        Path out = dir.resolve("out");
        ComparisonResult r = new ComparisonRun(settings(out)).run(set, estimators);
        assertNotNull(r.components(), "a bulge+disc truth set gets the multi-component view");
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) r.components().get("metrics");
        List<String> exact = new ArrayList<>(), gaussian = new ArrayList<>();
        for (Map<String, Object> m : metrics) {
            if (m.get("estimator").equals("exact")) {
                exact.add((String) m.get("quantity"));
                assertEquals(0.0, ((Number) m.get("nmad")).doubleValue(), 1e-9, "the truth scores exactly: " + m);
                assertEquals(0, m.get("failed"));
            } else {
                gaussian.add((String) m.get("quantity"));
            }
        }
        assertTrue(exact.containsAll(List.of("bt", "total_flux", "bulge_flux", "bulge_re", "disc_flux", "disc_re")), exact.toString());
        assertEquals(List.of("total_flux"), gaussian, "an estimator run here has only its total flux to score");
        assertNull(r.components().get("selection"), "no catalogue carries a BIC");

        JsonNode summary = new ObjectMapper().readTree(out.resolve(SummaryJson.FILE).toFile());
        assertEquals(metrics.size(), summary.get("components").get("metrics").size());
        String html = ComparisonReport.html(r);
        assertTrue(html.contains(ComponentSections.HEADING), "the report has the components section");
        assertTrue(Files.exists(out.resolve("catalogs")));
    }

    @Test
    void aOneSersicSetHasNoComponentView() {
        Path truthDir = simulate(dir.resolve("one"), null);
        ComparisonResult r = new ComparisonRun(settings(null)).run(TruthSetReader.read(truthDir),
                List.of(new GaussianBaselineEstimator(2)));
        assertNull(r.components());
        assertTrue(!ComparisonReport.html(r).contains(ComponentSections.HEADING));
    }
}
