package org.sersic4j.validation.components;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.render.io.Table;
import org.sersic4j.validation.Proportions;

/**
 * Model selection by BIC (lower is better) between one Sérsic and bulge+disc, fitted to the same stamps: how often it
 * picks the model the stamps were drawn from, overall and in bins of the truth's B/T and S/N, with 95% Wilson
 * intervals. A stamp whose fit failed under either model is left out (and counted).
 */
public final class ModelSelection {
    private ModelSelection() {}

    /** B/T bin edges. */
    static final double[] BT_EDGES = {0, 0.3, 0.5, 0.7, 1.0001};
    /** S/N bin edges. */
    static final double[] SNR_EDGES = {0, 30, 60, 120, Double.POSITIVE_INFINITY};

    /**
     * @param truth        the truth catalogue (columns id, snr and, for a bulge+disc set, bt)
     * @param trueIsTwo    whether the stamps were drawn as bulge+disc (else one Sérsic)
     * @param single       one-Sérsic fits of the stamps
     * @param twoComponent bulge+disc fits of the stamps
     */
    public static Map<String, Object> score(Table truth, boolean trueIsTwo, Table single, Table twoComponent) {
        Map<String, Integer> s = ComponentScores.byId(single), b = ComponentScores.byId(twoComponent);
        List<double[]> rows = new ArrayList<>();
        int left = 0;
        for (int r = 0; r < truth.rowCount(); r++) {
            String id = truth.getString(r, "id");
            Integer i = s.get(id), j = b.get(id);
            double bs = i == null ? Double.NaN : bic(single, i), bb = j == null ? Double.NaN : bic(twoComponent, j);
            if (!Double.isFinite(bs) || !Double.isFinite(bb)) {
                left++;
                continue;
            }
            boolean pickedTwo = bb < bs;
            double bt = truth.hasColumn("bt") ? truth.getDouble(r, "bt") : Double.NaN;
            rows.add(new double[] {pickedTwo == trueIsTwo ? 1 : 0, bt, truth.getDouble(r, "snr"), bs - bb});
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("true_model", trueIsTwo ? "bulge+disc" : "sersic");
        out.put("stamps", rows.size());
        out.put("left_out_failed", left);
        out.put("overall", cell(rows, -1, 0, 0));
        if (trueIsTwo) out.put("by_bt", bins(rows, 1, BT_EDGES));
        out.put("by_snr", bins(rows, 2, SNR_EDGES));
        return out;
    }

    private static double bic(Table t, int row) {
        Object f = t.get(row, "flags");
        long flags = f instanceof Number n ? n.longValue() : Long.parseLong(f.toString().trim());
        return (flags & FitFlags.FAILED) != 0 ? Double.NaN : t.getDouble(row, "bic");
    }

    private static List<Map<String, Object>> bins(List<double[]> rows, int column, double[] edges) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int k = 0; k + 1 < edges.length; k++) {
            Map<String, Object> c = cell(rows, column, edges[k], edges[k + 1]);
            c.put("from", edges[k]);
            c.put("to", Double.isInfinite(edges[k + 1]) ? null : Math.min(edges[k + 1], 1e300));
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
        c.put("fraction", n == 0 ? Double.NaN : (double) right / n);
        if (n > 0) {
            double[] w = Proportions.wilson(right, n);
            c.put("fraction_lo", w[0]);
            c.put("fraction_hi", w[1]);
        }
        return c;
    }
}
