package org.sersic4j.compare.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.render.io.Table;

class ComponentMetricsTest {
    private static final List<String> TRUTH = List.of("id", "flux", "snr", "model", "bt",
            "c1_type", "c1_name", "c1_x0", "c1_y0", "c1_flux", "c1_mag", "c1_re", "c1_n", "c1_q", "c1_pa",
            "c2_type", "c2_name", "c2_x0", "c2_y0", "c2_flux", "c2_mag", "c2_re", "c2_n", "c2_q", "c2_pa");
    private static final List<String> FIT = List.of("id", "flux", "flags", "model", "bic", "total_flux", "bt",
            "c1_type", "c1_name", "c1_flux", "c1_re", "c1_n", "c1_q", "c2_type", "c2_name", "c2_flux", "c2_re", "c2_n", "c2_q");

    /** Bulge (Sérsic) + disc (exponential) truths with B/T, fluxes and radii drawn from a seed. */
    static Table truth(int n, long seed) {
        Random r = new Random(seed);
        Table t = new Table(TRUTH);
        for (int i = 0; i < n; i++) {
            double total = 1000 + 49000 * r.nextDouble(), bt = 0.1 + 0.8 * r.nextDouble();
            double reD = 2 + 10 * r.nextDouble(), reB = reD * (0.2 + 0.6 * r.nextDouble()), nB = 2 + 4 * r.nextDouble();
            t.addRow("g" + i, total, 10 + 150 * r.nextDouble(), "bulge+disc", bt,
                    "sersic", "bulge", 32.0, 32.0, bt * total, 20.0, reB, nB, 0.8, 10.0,
                    "exponential", "disc", 32.0, 32.0, (1 - bt) * total, 21.0, reD, 1.0, 0.5, 40.0);
        }
        return t;
    }

    /** A bulge+disc catalogue: the truth with the bulge's r_e scaled by {@code reScale} and B/T offset by {@code dBt}. */
    static Table fits(Table truth, double reScale, double dBt, int failEvery) {
        Table f = new Table(FIT);
        for (int i = 0; i < truth.rowCount(); i++) {
            boolean failed = failEvery > 0 && i % failEvery == 0;
            double total = truth.getDouble(i, "flux");
            f.addRow(truth.getString(i, "id"), Double.NaN, failed ? FitFlags.FAILED : FitFlags.CONVERGED, "bulge+disc", 100.0,
                    total, truth.getDouble(i, "bt") + dBt,
                    "sersic", "bulge", truth.getDouble(i, "c1_flux"), truth.getDouble(i, "c1_re") * reScale,
                    truth.getDouble(i, "c1_n"), truth.getDouble(i, "c1_q"),
                    "exponential", "disc", truth.getDouble(i, "c2_flux"), truth.getDouble(i, "c2_re"), 1.0, truth.getDouble(i, "c2_q"));
        }
        return f;
    }

    private static Map<String, Map<String, Object>> byQuantity(List<Map<String, Object>> rows) {
        return rows.stream().collect(Collectors.toMap(m -> (String) m.get("quantity"), m -> m));
    }

    @Test
    void exactAnswersScoreZeroAndTheQuantitiesFollowTheComponents() {
        Table t = truth(120, 1);
        var rows = byQuantity(ComponentMetrics.score(t, "truth.csv", "bd", fits(t, 1, 0, 0), BootstrapSettings.seeded(3)));
        assertEquals(List.of("bt", "total_flux", "bulge_flux", "bulge_re", "bulge_n", "bulge_q", "disc_flux", "disc_re", "disc_q"),
                ComponentMetrics.score(t, "truth.csv", "bd", fits(t, 1, 0, 0), BootstrapSettings.seeded(3))
                        .stream().map(m -> m.get("quantity")).toList(), "the disc's n is fixed, so not scored");
        for (var m : rows.values()) {
            assertEquals(0.0, ((Number) m.get("nmad")).doubleValue(), 1e-12, m.get("quantity") + " nmad");
            assertEquals(0.0, ((Number) m.get("median_bias")).doubleValue(), 1e-12, m.get("quantity") + " bias");
            assertEquals(0, m.get("failed"));
            assertEquals(120, m.get("stamps"));
        }
    }

    @Test
    void aKnownErrorShowsAsBiasAndOutliersAndFailuresAreCounted() {
        Table t = truth(200, 2);
        var rows = byQuantity(ComponentMetrics.score(t, "truth.csv", "bd", fits(t, 1.2, 0.05, 10), BootstrapSettings.seeded(3)));
        var re = rows.get("bulge_re");
        assertEquals(0.2, ((Number) re.get("median_bias")).doubleValue(), 1e-9, "relative Δ of r_e scaled by 1.2");
        assertEquals(1.0, ((Number) re.get("outlier_fraction")).doubleValue(), 1e-12, "20% is beyond the 15% threshold");
        assertEquals(20, re.get("failed"), "every tenth fit failed");
        var bt = rows.get("bt");
        assertEquals(0.05, ((Number) bt.get("median_bias")).doubleValue(), 1e-9, "B/T is scored as a difference");
        assertEquals(0.0, ((Number) bt.get("outlier_fraction")).doubleValue(), 1e-12, "0.05 is inside the 0.15 threshold");
        double lo = ((Number) re.get("median_bias_lo")).doubleValue(), hi = ((Number) re.get("median_bias_hi")).doubleValue();
        assertTrue(lo <= 0.2 + 1e-9 && hi >= 0.2 - 1e-9, "interval holds the bias");
    }

    @Test
    void aOneSersicCatalogueIsScoredOnTheTotalFluxAlone() {
        Table t = truth(50, 4);
        Table one = new Table("id", "flux", "flags");
        for (int i = 0; i < t.rowCount(); i++) one.addRow(t.getString(i, "id"), 0.9 * t.getDouble(i, "flux"), FitFlags.CONVERGED);
        List<Map<String, Object>> rows = ComponentMetrics.score(t, "truth.csv", "sersic", one, BootstrapSettings.seeded(3));
        assertEquals(1, rows.size());
        assertEquals("total_flux", rows.get(0).get("quantity"));
        assertEquals(-0.1, ((Number) rows.get(0).get("median_bias")).doubleValue(), 1e-9);
    }

    @Test
    void aCatalogueWithoutTheNamedComponentCountsItAsFailedAndMissingRowsToo() {
        Table t = truth(30, 5);
        Table f = fits(t, 1, 0, 0);
        List<String> cols = new ArrayList<>(f.columns());
        Table renamed = new Table(cols);
        for (int i = 0; i < f.rowCount(); i++) {
            Object[] row = f.rows().get(i).clone();
            if (i < 10) row[cols.indexOf("c1_name")] = "spheroid";
            if (i < 25) renamed.addRow(row);
        }
        var rows = byQuantity(ComponentMetrics.score(t, "truth.csv", "bd", renamed, BootstrapSettings.seeded(3)));
        assertEquals(15, rows.get("bulge_re").get("failed"), "10 without a bulge, 5 without a row");
        assertEquals(5, rows.get("disc_re").get("failed"));
        assertFalse(rows.containsKey("neighbour1_flux"));
    }
}
