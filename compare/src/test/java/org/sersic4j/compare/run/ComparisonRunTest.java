package org.sersic4j.compare.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.Estimator;
import org.sersic4j.compare.Parameter;
import org.sersic4j.compare.ParameterMetrics;
import org.sersic4j.compare.estimators.CatalogEstimator;
import org.sersic4j.compare.estimators.GaussianBaselineEstimator;
import org.sersic4j.compare.estimators.LmEstimator;
import org.sersic4j.compare.estimators.SeededEstimator;
import org.sersic4j.compare.result.BinnedMetrics;
import org.sersic4j.compare.result.ComparisonResult;
import org.sersic4j.compare.result.EstimatorMetrics;
import org.sersic4j.compare.result.EstimatorRun;
import org.sersic4j.compare.result.GalleryEntry;
import org.sersic4j.fit.io.FitCatalog;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.Table;

/**
 * A whole comparison on a tiny simulated set: metrics, bins and gallery for every estimator, catalogues as
 * {@code sersic4j fit} writes them (read back as an estimator, they reproduce the run), and a summary.json that parses
 * back with the expected keys.
 */
class ComparisonRunTest {
    private static final int STAMPS = 12;

    @TempDir
    static Path dir;
    static TruthSet set;

    @BeforeAll
    static void simulate() {
        set = TruthSetReader.read(SmallTruthSet.write(dir.resolve("truth"), STAMPS, 17));
    }

    private static ComparisonRun.Settings settings(Path out) {
        return ComparisonRun.Settings.defaults(out, 99).withBootstrap(new BootstrapSettings(200, 99)).withThreads(2)
                .withTitle("test comparison").withVersion("9.9-test");
    }

    @Test
    void everyEstimatorGetsMetricsBinsGalleryCataloguesAndASummary() throws IOException {
        Path out = dir.resolve("out1");
        List<String> log = new ArrayList<>();
        List<Estimator> estimators = List.of(new LmEstimator(2, line -> { }), new GaussianBaselineEstimator(2));
        ComparisonResult r = new ComparisonRun(settings(out), log::add).run(set, estimators);

        assertEquals("test comparison", r.title());
        assertEquals(STAMPS, r.truth().size());
        assertEquals(2, log.size(), "one line per estimator: " + log);
        assertEquals(List.of("lm", "gaussian"), r.runs().stream().map(EstimatorRun::estimator).toList());
        for (EstimatorRun run : r.runs()) {
            assertEquals(STAMPS, run.estimates().size());
            assertEquals(STAMPS, run.scores().size());
            for (int i = 0; i < STAMPS; i++) assertEquals(r.truth().get(i).id(), run.estimates().get(i).id());
        }
        for (EstimatorMetrics m : r.metrics()) {
            assertEquals(Parameter.values().length, m.parameters().size(), m.estimator());
            for (ParameterMetrics p : m.parameters()) {
                assertEquals(STAMPS, p.rows());
                assertTrue(p.medianBiasInterval().present(), "bootstrap intervals: " + p);
            }
            assertTrue(m.medianChi2nu() > 0.5 && Double.isFinite(m.medianLogl()), m.toString());
            assertTrue(m.timing().medianSeconds() > 0 && m.timing().p95Seconds() >= m.timing().medianSeconds());
            assertTrue(m.timing().galaxiesPerSecond() > 0);
        }
        EstimatorMetrics lm = r.metrics().get(0), gauss = r.metrics().get(1);
        assertTrue(lm.medianChi2nu() < gauss.medianChi2nu(), "the Sersic fit explains the data better than the n = 0.5 baseline");
        assertTrue(lm.medianChi2nu() < 1.3, "lm median chi2nu " + lm.medianChi2nu());

        for (String by : new String[] {"snr", "n"}) {
            int total = 0;
            for (BinnedMetrics b : r.bins()) {
                if (!b.by().equals(by)) continue;
                total += b.count();
                assertEquals(2, b.estimators().size());
                assertEquals(b.count(), b.estimators().get(0).parameters().get(0).rows());
            }
            assertEquals(STAMPS, total, "every row in exactly one " + by + " bin");
        }

        Set<String> galleryFor = new TreeSet<>();
        for (GalleryEntry g : r.gallery()) {
            galleryFor.add(g.estimator());
            double[] d = g.data().pixels(), m = g.model().pixels(), res = g.residual().pixels();
            assertEquals(32 * 32, res.length);
            for (int k = 0; k < res.length; k += 37) assertEquals(d[k] - m[k], res[k], 1e-9);
        }
        assertEquals(Set.of("gaussian", "lm"), galleryFor);
        assertTrue(r.gallery().size() >= 2 * 4, "median and three worst per estimator");
        assertTrue(r.real().isEmpty() && r.realGallery().isEmpty());

        for (String name : new String[] {"lm", "gaussian"}) {
            Table cat = FitCatalog.readCsv(out.resolve("catalogs").resolve(name + ".csv"));
            assertEquals(FitCatalog.COLUMNS, cat.columns());
            assertEquals(STAMPS, cat.rowCount());
            assertEquals(name, cat.getString(0, "estimator"));
            assertEquals(STAMPS, CatalogIO.readFits(out.resolve("catalogs").resolve(name + ".fits")).rowCount());
            EstimatorRun run = r.runs().get(name.equals("lm") ? 0 : 1);
            assertEquals(run.scores().get(3).chi2nu(), cat.getDouble(3, "chi2nu"), "the common score is in the catalogue");
        }

        JsonNode json = new ObjectMapper().readTree(out.resolve(SummaryJson.FILE).toFile());
        assertEquals(java.util.List.of(), org.sersic4j.io.JsonOutput.camelCaseKeys(json), "keys are snake_case");
        for (String key : new String[] {"title", "stamps", "notes", "estimators", "bins", "real", "gallery", "real_gallery"})
            assertTrue(json.has(key), "summary.json has " + key);
        assertEquals(STAMPS, json.get("stamps").asInt());
        JsonNode e0 = json.get("estimators").get(0);
        assertEquals("lm", e0.get("estimator").asText());
        assertEquals("catalogs/lm.csv", e0.get("catalog").asText());
        for (String key : new String[] {"description", "wall_s", "flagged", "median_chi2nu", "median_logl", "timing", "parameters"})
            assertTrue(e0.has(key), "estimator entry has " + key);
        assertTrue(e0.get("timing").has("galaxies_per_s"));
        assertEquals(lm.medianChi2nu(), e0.get("median_chi2nu").asDouble());
        JsonNode flux = e0.get("parameters").get(Parameter.FLUX.ordinal());
        assertEquals("flux", flux.get("parameter").asText());
        for (String key : new String[] {"nmad", "nmad_lo", "nmad_hi", "outlier_fraction", "median_bias", "r2"})
            assertTrue(flux.has(key), "parameter entry has " + key);
        JsonNode lastSnrBin = null;
        for (JsonNode b : json.get("bins")) if (b.get("by").asText().equals("snr")) lastSnrBin = b;
        assertTrue(lastSnrBin.get("hi").isNull() || lastSnrBin.get("hi").isNumber());
    }

    @Test
    void aCatalogueOfAnEarlierRunReproducesItAndRealGalaxiesAreScored() {
        Path first = dir.resolve("out2a"), second = dir.resolve("out2b");
        ComparisonResult a = new ComparisonRun(settings(first)).run(set, List.of(new GaussianBaselineEstimator(2)));
        CatalogEstimator cat = new CatalogEstimator(first.resolve("catalogs").resolve("gaussian.csv"), "gaussian_cat");
        Estimator seeded = new SeededEstimator(cat, new LmEstimator(2, line -> { }));
        List<Estimator> estimators = List.of(cat, seeded);
        ComparisonResult b = new ComparisonRun(settings(second)).run(set, estimators, set.stamps().subList(0, 3));

        EstimatorRun original = a.runs().get(0), reread = b.runs().get(0);
        for (int i = 0; i < STAMPS; i++) {
            assertEquals(original.estimates().get(i).params(), reread.estimates().get(i).params());
            assertEquals(original.scores().get(i), reread.scores().get(i));
        }
        ParameterMetrics fa = a.metrics().get(0).parameters().get(Parameter.FLUX.ordinal());
        ParameterMetrics fb = b.metrics().get(0).parameters().get(Parameter.FLUX.ordinal());
        assertEquals(fa, fb, "same answers, same metrics");
        assertEquals("gaussian_cat+lm", b.runs().get(1).estimator());
        assertTrue(b.metrics().get(1).medianChi2nu() < b.metrics().get(0).medianChi2nu(), "the seeded fit improves on its seed");
        assertArrayEquals(new Object[] {"gaussian_cat", "gaussian_cat+lm"},
                b.real().stream().map(x -> x.estimator()).distinct().toArray());
        assertEquals(2 * 3, b.real().size());
        List<String> shown = b.realGallery().stream().map(g -> g.id() + " " + g.estimator()).toList();
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++)
            for (String e : List.of("gaussian_cat", "gaussian_cat+lm")) expected.add(set.stamps().get(i).id() + " " + e);
        assertEquals(expected, shown, "few real galaxies: every one shown, galaxy by galaxy, with each estimator's model");
        assertTrue(Files.exists(second.resolve("catalogs").resolve("gaussian_cat+lm_real.csv")));
    }

    @Test
    void estimatorNamesMustDiffer() {
        List<Estimator> twice = List.of(new GaussianBaselineEstimator(1), new GaussianBaselineEstimator(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ComparisonRun(settings(null)).run(set, twice));
        assertTrue(e.getMessage().contains("gaussian"), e.getMessage());
    }
}
