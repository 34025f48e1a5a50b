package org.sersic4j.compare.components;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.render.io.Table;

/**
 * The multi-component view of a comparison on a multi-component truth set: every estimator's per-component scores
 * ({@link ComponentMetrics}) and, where catalogues of different models carry BIC, model selection
 * ({@link ModelSelection}). JSON-ready, under the keys {@code metrics} and {@code selection}.
 */
public final class ComponentView {
    private ComponentView() {}

    /** Whether a truth catalogue describes its stamps component by component. */
    public static boolean applies(Table truth) {
        return CatalogRows.hasComponents(truth);
    }

    /**
     * The view, or null where the truth is not multi-component.
     *
     * @param truth      the truth catalogue
     * @param where      its file, for error messages
     * @param catalogues each estimator's answers as a catalogue table (a fit catalogue, or at least id, flux, flags)
     */
    public static Map<String, Object> of(Table truth, String where, Map<String, Table> catalogues, BootstrapSettings b) {
        if (!applies(truth)) return null;
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (Map.Entry<String, Table> e : catalogues.entrySet())
            metrics.addAll(ComponentMetrics.score(truth, where, e.getKey(), e.getValue(), b));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metrics", metrics);
        if (ModelSelection.applicable(catalogues)) out.put("selection", ModelSelection.score(truth, catalogues));
        return out;
    }

    /** A catalogue table of answers given as id, total flux and flags (for estimators with no catalogue of their own). */
    public static Table fluxTable(List<String> ids, double[] flux, int[] flags) {
        Table t = new Table("id", "flux", "flags");
        for (int i = 0; i < ids.size(); i++) t.addRow(ids.get(i), flux[i], flags[i]);
        return t;
    }
}
