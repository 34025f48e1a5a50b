package org.sersic4j.compare.components;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.Metrics;
import org.sersic4j.compare.Parameter;
import org.sersic4j.compare.ParameterMetrics;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.model.Component;
import org.sersic4j.render.model.ComponentType;
import org.sersic4j.render.model.Model;
import org.sersic4j.render.model.ModelColumns;

/**
 * Scores a fit catalogue against a multi-component truth set, with the project's metric definitions and 95% bootstrap
 * intervals. The quantities, in order:
 * <ul>
 *   <li>{@code bt}: the flux of the component named {@code bulge} over the target's total (Δ = est − true, outlier
 *   when |Δ| &gt; 0.15, the rule of the absolute parameters);</li>
 *   <li>{@code total_flux}: the target's total flux (the truth's {@code flux}; the catalogue's {@code total_flux},
 *   else its {@code flux}, so a one-Sérsic catalogue is scored on it too); relative Δ, outlier beyond 15%;</li>
 *   <li>per component of the truth, matched to the catalogue's component of the same name ({@code cK_name}):
 *   {@code NAME_flux}, {@code NAME_re}, {@code NAME_n} (components with a free n only) with relative Δ, and
 *   {@code NAME_q} with absolute Δ; a point source has only its flux. Neighbours ({@code neighbour…}) and sky
 *   components are not scored.</li>
 * </ul>
 * A quantity is scored over the stamps whose truth has it; a failed fit, a missing row, or a catalogue without that
 * component counts as failed. A quantity that no catalogue row has at all is left out.
 */
public final class ComponentMetrics {
    private ComponentMetrics() {}

    /** The truth's values of one stamp, by quantity name (absent: the truth has no such quantity). */
    static Map<String, Double> truth(Table t, int row, String where) {
        Model m = ModelColumns.read(t, row, where);
        Map<String, Double> out = new LinkedHashMap<>();
        double total = t.hasColumn("flux") ? t.getDouble(row, "flux") : Double.NaN;
        if (!Double.isFinite(total)) {
            total = 0;
            for (Component c : m.components()) if (scored(c)) total += c.flux();
        }
        int bulge = m.indexOf("bulge");
        if (bulge >= 0) out.put("bt", m.components().get(bulge).flux() / total);
        out.put("total_flux", total);
        for (Component c : m.components()) {
            if (!scored(c)) continue;
            out.put(c.name() + "_flux", c.flux());
            if (!c.type().isProfile()) continue;
            out.put(c.name() + "_re", c.get("re"));
            if (c.type() == ComponentType.SERSIC) out.put(c.name() + "_n", c.get("n"));
            out.put(c.name() + "_q", c.get("q"));
        }
        return out;
    }

    private static boolean scored(Component c) {
        return c.type().hasFlux() && !c.name().startsWith("neighbour");
    }

    /** One catalogue row's value of a quantity (NaN where it has none or the fit failed). */
    static double estimate(Table fits, int row, String quantity) {
        if (quantity.equals("bt")) return CatalogRows.value(fits, row, "bt");
        if (quantity.equals("total_flux"))
            return fits.hasColumn("total_flux") ? CatalogRows.value(fits, row, "total_flux") : CatalogRows.value(fits, row, "flux");
        int cut = quantity.lastIndexOf('_');
        int k = CatalogRows.component(fits, row, quantity.substring(0, cut));
        return k == 0 ? Double.NaN : CatalogRows.value(fits, row, "c" + k + quantity.substring(cut));
    }

    /** The rule a quantity is scored by. */
    static Parameter rule(String quantity) {
        if (quantity.equals("bt") || quantity.endsWith("_q")) return Parameter.Q;
        if (quantity.endsWith("_re")) return Parameter.RE;
        if (quantity.endsWith("_n")) return Parameter.N;
        return Parameter.FLUX;
    }

    /**
     * The scores of one catalogue, JSON-ready: one map per quantity with {@code quantity}, {@code estimator},
     * {@code stamps} and the metrics of {@link ParameterMetrics#toMap()} (without its {@code parameter}).
     *
     * @param truth     the truth catalogue, with the per-component columns of {@link ModelColumns}
     * @param where     the truth's file, for error messages
     * @param estimator the catalogue's name in the output
     * @param fits      the catalogue
     */
    public static List<Map<String, Object>> score(Table truth, String where, String estimator, Table fits, BootstrapSettings b) {
        List<Map<String, Double>> t = new ArrayList<>();
        Set<String> quantities = new LinkedHashSet<>();
        for (int r = 0; r < truth.rowCount(); r++) {
            Map<String, Double> v = truth(truth, r, where);
            t.add(v);
            quantities.addAll(v.keySet());
        }
        Map<String, Integer> rows = CatalogRows.byId(fits);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String q : quantities) {
            List<Double> tv = new ArrayList<>(), ev = new ArrayList<>();
            boolean any = false;
            for (int r = 0; r < truth.rowCount(); r++) {
                Double x = t.get(r).get(q);
                if (x == null || !Double.isFinite(x)) continue;
                Integer k = rows.get(truth.getString(r, "id"));
                double e = k == null ? Double.NaN : estimate(fits, k, q);
                any |= Double.isFinite(e);
                tv.add(x);
                ev.add(e);
            }
            if (!any) continue;
            ParameterMetrics m = Metrics.of(rule(q), unbox(tv), unbox(ev), null, b);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("quantity", q);
            row.put("estimator", estimator);
            row.put("stamps", tv.size());
            Map<String, Object> metrics = new LinkedHashMap<>(m.toMap());
            metrics.remove("parameter");
            row.putAll(metrics);
            out.add(row);
        }
        return out;
    }

    private static double[] unbox(List<Double> v) {
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) out[i] = v.get(i);
        return out;
    }
}
