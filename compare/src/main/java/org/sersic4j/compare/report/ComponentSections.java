package org.sersic4j.compare.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's tables of a multi-component view (see {@code org.sersic4j.compare.components.ComponentView}): the
 * per-component metrics of every estimator, and model selection by BIC in bins of B/T and S/N.
 */
public final class ComponentSections {
    private ComponentSections() {}

    /** The heading of the section {@link ComparisonReport} adds for a multi-component truth set. */
    public static final String HEADING = "Components and model selection";

    /** A table of per-component metrics (the view's {@code metrics} list). */
    public static void metrics(HtmlReport page, List<Map<String, Object>> metrics) {
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> m : metrics)
            rows.add(List.of(String.valueOf(m.get("quantity")), String.valueOf(m.get("estimator")), String.valueOf(m.get("stamps")),
                    withInterval(m, "nmad"), withInterval(m, "outlier_fraction"), withInterval(m, "median_bias"),
                    String.valueOf(m.get("failed"))));
        page.table("NMAD, outlier fraction and median bias with 95% bootstrap intervals. B/T and q: Δ = est − true, outlier "
                        + "when |Δ| > 0.15; fluxes, r_e and n: Δ = (est − true)/true, outlier beyond 15%. Components are matched "
                        + "by name (bulge, disc, …); an estimator without a component of that name, or a failed fit, counts as "
                        + "failed. One-Sérsic answers are scored on the total flux only.",
                List.of("quantity", "estimator", "stamps", "NMAD", "outlier fraction", "median bias", "failed"), rows, 2);
    }

    /** A table of model selection (the view's {@code selection} map). */
    @SuppressWarnings("unchecked")
    public static void selection(HtmlReport page, Map<String, Object> sel) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(cell("all", (Map<String, Object>) sel.get("overall")));
        for (String by : List.of("by_bt", "by_snr")) {
            Object bins = sel.get(by);
            if (bins == null) continue;
            for (Map<String, Object> b : (List<Map<String, Object>>) bins)
                rows.add(cell(by.substring(3).replace("bt", "B/T").replace("snr", "S/N") + " " + b.get("from") + "–"
                        + (b.get("to") == null ? "∞" : b.get("to")), b));
        }
        page.table("How often the lowest BIC = k ln N − 2 ln L among " + sel.get("candidates") + " picks the model the stamps "
                        + "were drawn from (" + sel.get("true_models") + "), with 95% Wilson intervals; " + sel.get("left_out_failed")
                        + " stamps left out because a fit failed.",
                List.of("bin", "stamps", "right", "fraction"), rows, 1);
    }

    private static List<String> cell(String label, Map<String, Object> c) {
        Object f = c.get("fraction");
        String fraction = !(f instanceof Number n) ? "–" : c.get("fraction_lo") instanceof Number lo && c.get("fraction_hi") instanceof Number hi
                ? String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", n.doubleValue(), lo.doubleValue(), hi.doubleValue())
                : String.format(Locale.ROOT, "%.3f", n.doubleValue());
        return List.of(label, String.valueOf(c.get("stamps")), String.valueOf(c.get("right")), fraction);
    }

    /** A value with its interval, {@code v [lo, hi]}, from the keys {@code key}, {@code key_lo}, {@code key_hi}. */
    public static String withInterval(Map<String, Object> m, String key) {
        Object v = m.get(key), lo = m.get(key + "_lo"), hi = m.get(key + "_hi");
        if (!(v instanceof Number n)) return v == null ? "–" : String.valueOf(v);
        if (lo instanceof Number l && hi instanceof Number h)
            return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", n.doubleValue(), l.doubleValue(), h.doubleValue());
        return String.format(Locale.ROOT, "%.4g", n.doubleValue());
    }
}
