package org.sersic4j.render.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A simple table with named, ordered columns. Cell values are String, Double, Long or Integer, Boolean or null
 * (other Numbers are accepted too). Not thread-safe.
 */
public final class Table {
    private final List<String> columns;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<Object[]> rows = new ArrayList<>();

    /** An empty table with these column names (distinct, non-blank). */
    public Table(List<String> columns) {
        this.columns = List.copyOf(columns);
        for (int i = 0; i < this.columns.size(); i++) {
            String c = this.columns.get(i);
            if (c.isBlank()) throw new IllegalArgumentException("column " + (i + 1) + " has a blank name");
            if (index.put(c, i) != null) throw new IllegalArgumentException("duplicate column name '" + c + "'");
        }
    }

    /** An empty table with these column names. */
    public Table(String... columns) {
        this(List.of(columns));
    }

    /** The column names, in order. */
    public List<String> columns() {
        return columns;
    }

    /** The rows (an unmodifiable view; each array holds one value per column). */
    public List<Object[]> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** Number of rows. */
    public int rowCount() {
        return rows.size();
    }

    /** Appends a row: one value per column, in column order. */
    public void addRow(Object... values) {
        if (values.length != columns.size())
            throw new IllegalArgumentException("row has " + values.length + " values, table has " + columns.size() + " columns " + columns);
        for (Object v : values)
            if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean))
                throw new IllegalArgumentException("unsupported cell type " + v.getClass().getName() + " (" + v + ")");
        rows.add(values.clone());
    }

    /** True when the table has this column. */
    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    /** Index of a column; IllegalArgumentException listing the columns when there is none of that name. */
    public int column(String name) {
        Integer i = index.get(name);
        if (i == null) throw new IllegalArgumentException("no column '" + name + "' (columns: " + columns + ")");
        return i;
    }

    /** The raw cell value. */
    public Object get(int row, String name) {
        return rows.get(row)[column(name)];
    }

    /** The cell as a double: numbers as they are, strings parsed ("NaN", "Infinity" allowed), blank or null as NaN. */
    public double getDouble(int row, String name) {
        Object v = get(row, name);
        if (v == null) return Double.NaN;
        if (v instanceof Number n) return n.doubleValue();
        String s = v.toString().trim();
        if (s.isEmpty()) return Double.NaN;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("row " + (row + 1) + ", column '" + name + "': '" + v + "' is not a number");
        }
    }

    /** The cell as a string (doubles with full round-trip precision), or null for a null cell. */
    public String getString(int row, String name) {
        return format(get(row, name));
    }

    /** How cells are written as text: Double.toString/Float.toString for floating point; null stays null. */
    static String format(Object v) {
        if (v == null) return null;
        if (v instanceof Double d) return Double.toString(d);
        if (v instanceof Float f) return Float.toString(f);
        return v.toString();
    }
}
