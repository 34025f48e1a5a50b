package org.sersic4j.validation.components;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.Metrics;
import org.sersic4j.compare.Parameter;
import org.sersic4j.compare.ParameterMetrics;
import org.sersic4j.compare.components.CatalogRows;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.model.Component;
import org.sersic4j.render.model.Model;
import org.sersic4j.render.model.ModelColumns;
import org.sersic4j.io.AtomicWrite;

/**
 * Pairs of galaxies: the target's flux and r_e errors (relative Δ, median bias, NMAD and outlier fraction with 95%
 * bootstrap intervals) when the neighbour is masked and when it is fitted together, overall and in bins of the
 * separation in units of the target's true r_e. The truth's target is its first component, the neighbour the one
 * named {@code neighbour1}.
 */
public final class PairScores {
    private PairScores() {}

    /** Separation bins [r_e]. */
    static final double[] SEPARATION_EDGES = {1, 2, 3.0001};

    /** Writes {@code manifest.csv} (id, image, seg, psf) of a simulated set with segmentation maps, in its directory. */
    public static Path manifest(Table truth, Path truthDir) {
        StringBuilder sb = new StringBuilder("id,image,seg,psf\n");
        for (int r = 0; r < truth.rowCount(); r++) {
            sb.append(truth.getString(r, "id")).append(',').append(truth.getString(r, "file")).append(',')
                    .append(truth.getString(r, "seg")).append(',').append(truth.getString(r, "psf")).append('\n');
        }
        Path m = truthDir.resolve("manifest.csv");
        AtomicWrite.writeString(m, sb.toString());
        return m;
    }

    /** The scores, JSON-ready. */
    public static Map<String, Object> score(Table truth, Table masked, Table together, long seed) {
        int n = truth.rowCount();
        double[] flux = new double[n], re = new double[n], sep = new double[n];
        for (int r = 0; r < n; r++) {
            Model m = ModelColumns.read(truth, r, "pairs truth");
            Component t = m.components().get(0), nb = m.components().get(m.indexOf("neighbour1"));
            flux[r] = t.flux();
            re[r] = t.get("re");
            sep[r] = Math.hypot(nb.get("x0") - t.get("x0"), nb.get("y0") - t.get("y0")) / re[r];
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stamps", n);
        for (Map.Entry<String, Table> mode : Map.of("masked", masked, "together", together).entrySet()) {
            Map<String, Integer> ids = CatalogRows.byId(mode.getValue());
            double[] ef = new double[n], er = new double[n];
            for (int r = 0; r < n; r++) {
                Integer k = ids.get(truth.getString(r, "id"));
                boolean ok = k != null && (flags(mode.getValue(), k) & FitFlags.FAILED) == 0;
                ef[r] = ok ? mode.getValue().getDouble(k, "flux") : Double.NaN;
                er[r] = ok ? mode.getValue().getDouble(k, "re") : Double.NaN;
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int b = -1; b + 1 < SEPARATION_EDGES.length; b++) {
                boolean[] in = new boolean[n];
                int count = 0;
                for (int r = 0; r < n; r++) {
                    in[r] = b < 0 || (sep[r] >= SEPARATION_EDGES[b] && sep[r] < SEPARATION_EDGES[b + 1]);
                    if (in[r]) count++;
                }
                if (count == 0) continue;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("separation", b < 0 ? "all" : SEPARATION_EDGES[b] + "-" + Math.round(SEPARATION_EDGES[b + 1]));
                row.put("flux", metrics(Parameter.FLUX, flux, ef, in, seed));
                row.put("re", metrics(Parameter.RE, re, er, in, seed));
                rows.add(row);
            }
            out.put(mode.getKey(), rows);
        }
        return out;
    }

    private static Map<String, Object> metrics(Parameter p, double[] truth, double[] est, boolean[] in, long seed) {
        int c = 0;
        for (boolean b : in) if (b) c++;
        double[] t = new double[c], e = new double[c];
        for (int i = 0, j = 0; i < in.length; i++) {
            if (!in[i]) continue;
            t[j] = truth[i];
            e[j++] = est[i];
        }
        ParameterMetrics m = Metrics.of(p, t, e, null, BootstrapSettings.seeded(seed));
        Map<String, Object> map = new LinkedHashMap<>(m.toMap());
        map.remove("parameter");
        return map;
    }

    static long flags(Table t, int row) {
        Object f = t.get(row, "flags");
        return f instanceof Number x ? x.longValue() : Long.parseLong(f.toString().trim());
    }
}
