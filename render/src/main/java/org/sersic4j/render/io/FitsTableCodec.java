package org.sersic4j.render.io;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Header;

/**
 * Converts a {@link Table} to and from a FITS binary table. Column types: all-integral → 'K' (nulls written as
 * TNULLn = Long.MIN_VALUE), other numeric → 'D' (nulls as NaN), all-boolean → 'L', anything else → 'A' with the
 * width of the longest value (nulls as ""). Columns without any value (no rows, or all null) are 'D'.
 */
final class FitsTableCodec {

    private FitsTableCodec() {
    }

    private enum Kind { DOUBLE, LONG, BOOL, STRING }

    static BinaryTableHDU toHdu(Path p, Table t, Map<String, Object> header) throws Exception {
        BinaryTable bt = new BinaryTable();
        List<Integer> nullableLongs = new ArrayList<>();
        for (int c = 0; c < t.columns().size(); c++) {
            Kind k = kind(t, c);
            bt.addColumn(column(t, c, k));
            if (k == Kind.LONG && hasNull(t, c)) nullableLongs.add(c);
        }
        BinaryTableHDU hdu = bt.toHDU();
        for (int c = 0; c < t.columns().size(); c++) hdu.setColumnName(c, t.columns().get(c), null);
        for (int c : nullableLongs) hdu.getHeader().addValue("TNULL" + (c + 1), Long.MIN_VALUE, "null value");
        FitsHeaders.apply(p, hdu.getHeader(), header);
        if (!hdu.getHeader().containsKey("EXTNAME")) hdu.getHeader().addValue("EXTNAME", "CATALOG", null);
        return hdu;
    }

    private static Kind kind(Table t, int c) {
        boolean any = false, bool = true, integral = true, number = true;
        for (Object[] row : t.rows()) {
            Object v = row[c];
            if (v == null) continue;
            any = true;
            bool &= v instanceof Boolean;
            integral &= v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
            number &= v instanceof Number;
        }
        if (!any) return Kind.DOUBLE;
        return bool ? Kind.BOOL : integral ? Kind.LONG : number ? Kind.DOUBLE : Kind.STRING;
    }

    private static boolean hasNull(Table t, int c) {
        for (Object[] row : t.rows()) if (row[c] == null) return true;
        return false;
    }

    private static Object column(Table t, int c, Kind k) {
        int n = t.rowCount();
        List<Object[]> rows = t.rows();
        switch (k) {
            case DOUBLE -> {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) a[i] = rows.get(i)[c] == null ? Double.NaN : ((Number) rows.get(i)[c]).doubleValue();
                return a;
            }
            case LONG -> {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) a[i] = rows.get(i)[c] == null ? Long.MIN_VALUE : ((Number) rows.get(i)[c]).longValue();
                return a;
            }
            case BOOL -> {
                Boolean[] a = new Boolean[n];
                for (int i = 0; i < n; i++) a[i] = (Boolean) rows.get(i)[c];
                return a;
            }
            default -> {
                String[] a = new String[n];
                int width = 0;
                for (int i = 0; i < n; i++) {
                    String s = Table.format(rows.get(i)[c]);
                    a[i] = s == null ? "" : s;
                    width = Math.max(width, a[i].length());
                }
                if (width == 0) java.util.Arrays.fill(a, " ");   // a 0A column confuses some readers; " " reads back as ""
                return a;
            }
        }
    }

    static Table fromHdu(BinaryTableHDU hdu) throws Exception {
        BinaryTable bt = hdu.getData();
        Header h = hdu.getHeader();
        int nc = bt.getNCols(), nr = bt.getNRows();
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < nc; c++) {
            String name = hdu.getColumnName(c);
            name = name == null || name.isBlank() ? "COL" + (c + 1) : name.trim();
            String base = name;
            for (int k = 2; !seen.add(name); k++) name = base + "_" + k;
            names.add(name);
        }
        Table t = new Table(names);
        for (int r = 0; r < nr; r++) {
            Object[] row = new Object[nc];
            for (int c = 0; c < nc; c++) row[c] = cell(bt.get(r, c), h, c + 1);
            t.addRow(row);
        }
        return t;
    }

    private static Object cell(Object v, Header h, int col) {
        if (v == null || v instanceof Boolean) return v;
        if (v instanceof String s) return s.stripTrailing();
        if (v.getClass().isArray()) return arrayToString(v);
        if (!(v instanceof Number n)) return v.toString();
        boolean floating = v instanceof Double || v instanceof Float;
        if (!floating) {
            long raw = v instanceof Byte b ? b & 0xff : n.longValue();   // 'B' columns are unsigned
            if (h.containsKey("TNULL" + col) && raw == h.getLongValue("TNULL" + col, 0)) return null;
            double scale = h.getDoubleValue("TSCAL" + col, 1), zero = h.getDoubleValue("TZERO" + col, 0);
            if (scale == 1 && zero == Math.rint(zero) && Math.abs(zero) < 1e18) return raw + (long) zero;
            return zero + scale * raw;
        }
        double d = v instanceof Float f ? Double.parseDouble(Float.toString(f)) : n.doubleValue();
        if (!h.containsKey("TSCAL" + col) && !h.containsKey("TZERO" + col)) return d;
        return h.getDoubleValue("TZERO" + col, 0) + h.getDoubleValue("TSCAL" + col, 1) * d;
    }

    private static String arrayToString(Object a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < Array.getLength(a); i++) {
            Object e = Array.get(a, i);
            sb.append(i > 0 ? ", " : "").append(e != null && e.getClass().isArray() ? arrayToString(e) : Table.format(e));
        }
        return sb.append(']').toString();
    }
}
