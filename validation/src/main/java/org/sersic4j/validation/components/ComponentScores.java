package org.sersic4j.validation.components;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.Metrics;
import org.sersic4j.compare.Parameter;
import org.sersic4j.compare.ParameterMetrics;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.model.Component;
import org.sersic4j.render.model.Model;
import org.sersic4j.render.model.ModelColumns;

/**
 * Scores bulge+disc fits against a bulge+disc truth set, with the project's metric definitions and 95% bootstrap
 * intervals: B/T (Δ = est − true, outlier when |Δ| &gt; 0.15, the rule of the absolute parameters), total flux, bulge
 * r_e, bulge n and disc r_e (relative Δ, outlier beyond 15%); and, for contrast, the total flux of one-Sérsic fits of
 * the same stamps. The truth's bulge and disc are its components named {@code bulge} and {@code disc}; its total flux
 * is that of every component but neighbours. A failed fit, or one without a value, counts as failed.
 */
public final class ComponentScores {
    private ComponentScores() {}

    /** The quantities scored, in report order. */
    public static final List<String> QUANTITIES = List.of("bt", "total_flux", "bulge_re", "bulge_n", "disc_re");

    /** One truth row's values of {@link #QUANTITIES}. */
    static double[] truth(Table t, int row, String where) {
        Model m = ModelColumns.read(t, row, where);
        Component bulge = named(m, "bulge", where), disc = named(m, "disc", where);
        double total = 0;
        for (Component c : m.components()) if (!c.name().startsWith("neighbour")) total += c.flux();
        return new double[] {bulge.flux() / total, total, bulge.get("re"), bulge.profile().n(), disc.get("re")};
    }

    private static Component named(Model m, String name, String where) {
        int k = m.indexOf(name);
        if (k < 0) throw new IllegalArgumentException(where + ": the truth has no component named '" + name + "'");
        return m.components().get(k);
    }

    /** One bulge+disc catalogue row's values of {@link #QUANTITIES} (NaN where failed). */
    static double[] estimate(Table fits, int row) {
        Object flags = fits.get(row, "flags");
        boolean failed = flags == null || (((Number) number(flags)).longValue() & FitFlags.FAILED) != 0;
        if (failed) return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        return new double[] {fits.getDouble(row, "bt"), fits.getDouble(row, "total_flux"), fits.getDouble(row, "c1_re"),
                fits.getDouble(row, "c1_n"), fits.getDouble(row, "c2_re")};
    }

    private static Object number(Object o) {
        return o instanceof Number ? o : Double.valueOf(o.toString().trim());
    }

    /** Row index of each id in a catalogue. */
    static Map<String, Integer> byId(Table t) {
        Map<String, Integer> out = new HashMap<>();
        for (int r = 0; r < t.rowCount(); r++) out.put(t.getString(r, "id"), r);
        return out;
    }

    /**
     * The scores, JSON-ready: per quantity the metrics of the bulge+disc fits, and the one-Sérsic fits' total flux.
     *
     * @param truth   the truth catalogue (per-component columns)
     * @param twoComp the bulge+disc fit catalogue
     * @param single  the one-Sérsic fit catalogue of the same stamps, or null
     */
    public static Map<String, Object> score(Table truth, Table twoComp, Table single, String where, long seed) {
        int n = truth.rowCount();
        double[][] t = new double[QUANTITIES.size()][n], e = new double[QUANTITIES.size()][n];
        double[] singleFlux = new double[n];
        Map<String, Integer> bd = byId(twoComp), one = single == null ? Map.of() : byId(single);
        for (int r = 0; r < n; r++) {
            String id = truth.getString(r, "id");
            double[] tv = truth(truth, r, where);
            Integer k = bd.get(id);
            double[] ev = k == null ? new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN}
                    : estimate(twoComp, k);
            for (int q = 0; q < tv.length; q++) {
                t[q][r] = tv[q];
                e[q][r] = ev[q];
            }
            Integer s = one.get(id);
            singleFlux[r] = s == null ? Double.NaN : estimate(single, s, "flux");
        }
        BootstrapSettings b = BootstrapSettings.seeded(seed);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stamps", n);
        List<Map<String, Object>> rows = new ArrayList<>();
        Parameter[] rule = {Parameter.Q, Parameter.FLUX, Parameter.RE, Parameter.N, Parameter.RE};
        for (int q = 0; q < QUANTITIES.size(); q++) {
            ParameterMetrics m = Metrics.of(rule[q], t[q], e[q], null, b);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("quantity", QUANTITIES.get(q));
            row.put("fit", "bulge+disc");
            row.putAll(withoutParameter(m));
            rows.add(row);
        }
        if (single != null) {
            ParameterMetrics m = Metrics.of(Parameter.FLUX, t[1], singleFlux, null, b);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("quantity", "total_flux");
            row.put("fit", "sersic");
            row.putAll(withoutParameter(m));
            rows.add(row);
        }
        out.put("metrics", rows);
        return out;
    }

    private static double estimate(Table t, int row, String column) {
        Object flags = t.get(row, "flags");
        if (flags == null || (((Number) number(flags)).longValue() & FitFlags.FAILED) != 0) return Double.NaN;
        return t.getDouble(row, column);
    }

    private static Map<String, Object> withoutParameter(ParameterMetrics m) {
        Map<String, Object> map = new LinkedHashMap<>(m.toMap());
        map.remove("parameter");
        return map;
    }
}
