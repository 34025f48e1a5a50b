package org.sersic4j.render.model;

import java.util.ArrayList;
import java.util.List;
import org.sersic4j.render.io.Table;

/**
 * The catalogue columns of a multi-component model, one block per component in model order: {@code cK_type},
 * {@code cK_name}, then for a profile {@code cK_x0, cK_y0, cK_flux, cK_mag, cK_re, cK_n, cK_q, cK_pa} (an exponential's
 * or de Vaucouleurs' n is written as its fixed 1 or 4), for a point source {@code cK_x0, cK_y0, cK_flux, cK_mag}, for
 * a sky {@code cK_sky} and for a sky plane {@code cK_sky, cK_dsky_dx, cK_dsky_dy}; with errors, each value column is
 * followed by its {@code _err} column (mag's error is 2.5/ln 10 · σ_flux/flux). Components are numbered from 1.
 */
public final class ModelColumns {
    private ModelColumns() {}

    /** The written names of one component type's values, in column order ({@code mag} included where there is a flux). */
    static List<String> valueColumns(ComponentType t) {
        return switch (t) {
            case SERSIC, EXPONENTIAL, DEVAUC -> List.of("x0", "y0", "flux", "mag", "re", "n", "q", "pa");
            case PSF -> List.of("x0", "y0", "flux", "mag");
            case SKY -> List.of("sky");
            case SKYPLANE -> List.of("sky", "dsky_dx", "dsky_dy");
        };
    }

    /** The columns of a model's layout (its component types, in order), with or without error columns. */
    public static List<String> columns(List<ComponentType> layout, boolean withErrors) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < layout.size(); k++) {
            String c = "c" + (k + 1) + "_";
            out.add(c + "type");
            out.add(c + "name");
            for (String v : valueColumns(layout.get(k))) {
                out.add(c + v);
                if (withErrors) out.add(c + v + "_err");
            }
        }
        return out;
    }

    /** The component types of a model, in order. */
    public static List<ComponentType> layout(Model m) {
        List<ComponentType> out = new ArrayList<>();
        for (Component c : m.components()) out.add(c.type());
        return out;
    }

    /**
     * The values of {@link #columns} for a model; {@code errors} (in {@link Model#values()} order, 0 for fixed
     * parameters) may be null when the columns have none.
     */
    public static List<Object> values(Model m, double[] errors, double zeropoint) {
        List<Object> out = new ArrayList<>();
        int o = 0;
        for (Component c : m.components()) {
            ComponentType t = c.type();
            out.add(t.label());
            out.add(c.name());
            double[] v = c.values();
            for (String col : valueColumns(t)) {
                double value, error;
                if (col.equals("mag")) {
                    double f = v[2];
                    value = f > 0 ? zeropoint - 2.5 * Math.log10(f) : Double.NaN;
                    error = errors == null ? Double.NaN : 2.5 / Math.log(10) * errors[o + 2] / f;
                } else if (col.equals("n") && !Double.isNaN(t.fixedIndex())) {
                    value = t.fixedIndex();
                    error = 0;
                } else {
                    int i = t.indexOf(col);
                    value = v[i];
                    error = errors == null ? Double.NaN : errors[o + i];
                }
                out.add(value);
                if (errors != null) out.add(error);
            }
            o += t.count();
        }
        return out;
    }

    /**
     * Reads the model of one row of a table with these columns: as many components as there are {@code cK_type}
     * columns, each with its values; {@code where} names the table in messages.
     *
     * @throws IllegalArgumentException naming the table, row and column of a missing or unreadable value
     */
    public static Model read(Table t, int row, String where) {
        List<Component> comps = new ArrayList<>();
        for (int k = 1; t.hasColumn("c" + k + "_type"); k++) {
            String c = "c" + k + "_";
            ComponentType type;
            String label = t.getString(row, c + "type");
            try {
                if (label == null || label.isBlank()) throw new IllegalArgumentException("empty component type");
                type = ComponentType.of(label);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ", row " + (row + 1) + ", column " + c + "type: " + e.getMessage());
            }
            String name = t.hasColumn(c + "name") ? t.getString(row, c + "name") : type.label() + k;
            double[] v = new double[type.count()];
            for (int i = 0; i < v.length; i++) {
                String col = c + type.parameterNames().get(i);
                if (!t.hasColumn(col))
                    throw new IllegalArgumentException(where + ", row " + (row + 1) + ", column " + col + ": missing (a "
                            + type.label() + " component needs it)");
                try {
                    v[i] = t.getDouble(row, col);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage());
                }
                if (!Double.isFinite(v[i]))
                    throw new IllegalArgumentException(where + ", row " + (row + 1) + ", column " + col + ": not a finite"
                            + " number");
            }
            comps.add(new Component(type, name, v));
        }
        if (comps.isEmpty()) throw new IllegalArgumentException(where + ": no c1_type column (a model needs per-component"
                + " columns c1_type, c1_x0, …)");
        return new Model(comps);
    }
}
