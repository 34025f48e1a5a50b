package org.sersic4j.compare.components;

import java.util.HashMap;
import java.util.Map;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.render.io.Table;

/** Reading a fit catalogue's rows for the multi-component scores: rows by id, failed rows, numeric cells. */
public final class CatalogRows {
    private CatalogRows() {}

    /** Row index of each id. */
    public static Map<String, Integer> byId(Table t) {
        Map<String, Integer> out = new HashMap<>();
        for (int r = 0; r < t.rowCount(); r++) out.put(t.getString(r, "id"), r);
        return out;
    }

    /** Whether the row's fit failed (flag {@link FitFlags#FAILED}); a row without flags counts as not failed. */
    public static boolean failed(Table t, int row) {
        if (!t.hasColumn("flags")) return false;
        Object f = t.get(row, "flags");
        if (f == null || f.toString().isBlank()) return true;
        long flags = f instanceof Number n ? n.longValue() : (long) Double.parseDouble(f.toString().trim());
        return (flags & FitFlags.FAILED) != 0;
    }

    /** The cell as a number: NaN where the column is absent, the cell blank, or the row's fit failed. */
    public static double value(Table t, int row, String column) {
        if (!t.hasColumn(column) || failed(t, row)) return Double.NaN;
        Object v = t.get(row, column);
        if (v == null || v.toString().isBlank()) return Double.NaN;
        return v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
    }

    /** The 1-based index k of the component named {@code name} in the row's {@code cK_name} columns, or 0. */
    static int component(Table t, int row, String name) {
        for (int k = 1; t.hasColumn("c" + k + "_name"); k++) {
            String s = t.getString(row, "c" + k + "_name");
            if (s != null && s.trim().equals(name)) return k;
        }
        return 0;
    }

    /** Whether the table carries per-component columns. */
    static boolean hasComponents(Table t) {
        return t.hasColumn("c1_type") && t.hasColumn("c1_name");
    }
}
