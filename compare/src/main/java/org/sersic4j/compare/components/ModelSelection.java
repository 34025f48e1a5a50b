package org.sersic4j.compare.components;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.compare.Proportions;
import org.sersic4j.render.io.Table;

/**
 * Model selection by BIC (lower is better) between catalogues of different models fitted to the same stamps: per
 * stamp the catalogue with the lowest {@code bic} is picked, and the pick is right when that catalogue's {@code model}
 * is the truth's ({@code model} column of the truth, {@code sersic} where it has none). Reported overall and in bins
 * of the truth's B/T (where it has one) and S/N, with 95% Wilson intervals. A stamp that any catalogue failed, or has
 * no finite BIC for, is left out (and counted).
 */
public final class ModelSelection {
    private ModelSelection() {}

    /** B/T bin edges (the last reaches just above 1, so that B/T = 1 falls in it; reported as 1). */
    public static final double[] BT_EDGES = {0, 0.3, 0.5, 0.7, 1.0001};
    /** S/N bin edges. */
    public static final double[] SNR_EDGES = {0, 30, 60, 120, Double.POSITIVE_INFINITY};

    /** The truth's model of a row. */
    static String trueModel(Table truth, int row) {
        if (!truth.hasColumn("model")) return "sersic";
        String m = truth.getString(row, "model");
        return m == null || m.isBlank() ? "sersic" : m.trim();
    }

    /** A catalogue's model: its {@code model} column's first non-blank cell, else the given label. */
    static String modelOf(Table t, String label) {
        if (t.hasColumn("model"))
            for (int r = 0; r < t.rowCount(); r++) {
                String m = t.getString(r, "model");
                if (m != null && !m.isBlank()) return m.trim();
            }
        return label;
    }

    /** Whether selection can be scored: at least two catalogues with a {@code bic} column, of different models. */
    public static boolean applicable(Map<String, Table> catalogues) {
        java.util.Set<String> models = new java.util.HashSet<>();
        for (Map.Entry<String, Table> e : catalogues.entrySet())
            if (e.getValue().hasColumn("bic")) models.add(modelOf(e.getValue(), e.getKey()));
        return models.size() >= 2;
    }

    /**
     * The selection's scores, JSON-ready ({@code candidates}, {@code true_models}, {@code stamps},
     * {@code left_out_failed}, {@code overall}, {@code by_bt}, {@code by_snr}).
     *
     * @param truth      the truth catalogue (columns id, snr; model and bt where the set has them)
     * @param catalogues the candidate catalogues by name; those without a {@code bic} column are ignored
     */
    public static Map<String, Object> score(Table truth, Map<String, Table> catalogues) {
        Map<String, Table> candidates = new LinkedHashMap<>();
        Map<String, String> models = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> rows = new LinkedHashMap<>();
        for (Map.Entry<String, Table> e : catalogues.entrySet()) {
            if (!e.getValue().hasColumn("bic")) continue;
            candidates.put(e.getKey(), e.getValue());
            models.put(e.getKey(), modelOf(e.getValue(), e.getKey()));
            rows.put(e.getKey(), CatalogRows.byId(e.getValue()));
        }
        List<double[]> picks = new ArrayList<>();
        Map<String, Integer> trueModels = new LinkedHashMap<>();
        boolean hasBt = truth.hasColumn("bt");
        int left = 0;
        for (int r = 0; r < truth.rowCount(); r++) {
            String id = truth.getString(r, "id"), truthModel = trueModel(truth, r);
            String best = null;
            double bestBic = Double.POSITIVE_INFINITY;
            boolean complete = true;
            for (Map.Entry<String, Table> e : candidates.entrySet()) {
                Integer k = rows.get(e.getKey()).get(id);
                double bic = k == null ? Double.NaN : CatalogRows.value(e.getValue(), k, "bic");
                if (!Double.isFinite(bic)) {
                    complete = false;
                    break;
                }
                if (bic < bestBic) {
                    bestBic = bic;
                    best = e.getKey();
                }
            }
            if (!complete || best == null) {
                left++;
                continue;
            }
            trueModels.merge(truthModel, 1, Integer::sum);
            double bt = hasBt ? truth.getDouble(r, "bt") : Double.NaN;
            picks.add(new double[] {models.get(best).equals(truthModel) ? 1 : 0, bt, truth.getDouble(r, "snr")});
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("candidates", models);
        out.put("true_models", trueModels);
        out.put("stamps", picks.size());
        out.put("left_out_failed", left);
        out.put("overall", cell(picks, -1, 0, 0));
        boolean anyBt = picks.stream().anyMatch(p -> Double.isFinite(p[1]));
        if (anyBt) out.put("by_bt", bins(picks, 1, BT_EDGES));
        out.put("by_snr", bins(picks, 2, SNR_EDGES));
        return out;
    }

    private static List<Map<String, Object>> bins(List<double[]> rows, int column, double[] edges) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int k = 0; k + 1 < edges.length; k++) {
            Map<String, Object> c = cell(rows, column, edges[k], edges[k + 1]);
            c.put("from", edges[k]);
            c.put("to", Double.isInfinite(edges[k + 1]) ? null : edges == BT_EDGES ? Math.min(edges[k + 1], 1.0) : edges[k + 1]);
            out.add(c);
        }
        return out;
    }

    /** The fraction right among rows whose column lies in [lo, hi) (all rows when column &lt; 0). */
    private static Map<String, Object> cell(List<double[]> rows, int column, double lo, double hi) {
        int n = 0, right = 0;
        for (double[] r : rows) {
            if (column >= 0 && !(r[column] >= lo && r[column] < hi)) continue;
            n++;
            if (r[0] == 1) right++;
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("stamps", n);
        c.put("right", right);
        c.put("fraction", n == 0 ? null : (double) right / n);
        if (n > 0) {
            double[] w = Proportions.wilson(right, n);
            c.put("fraction_lo", w[0]);
            c.put("fraction_hi", w[1]);
        }
        return c;
    }
}
