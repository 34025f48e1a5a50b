package org.sersic4j.fit.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.FittedModel;
import org.sersic4j.fit.ModelSpec;
import org.sersic4j.render.SersicMath;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.model.ComponentType;
import org.sersic4j.render.model.ModelColumns;

/**
 * The catalogue of fit results: its columns, one row per {@link FitResult}, and reading it back. Written by
 * {@link FitCatalogWriter} (CSV as the fits finish, FITS binary table at the end).
 *
 * <p>Columns (other tools read them by these names): {@code id}; the seven parameters and {@code mag}; their 1σ errors;
 * {@code ell} = 1 − q; {@code re_arcsec} = re × pixel scale; {@code re_circ} = re √q [pix]; {@code mu_e}, the mean
 * surface brightness inside the half-light ellipse [mag/arcsec²]; the fitted sky offset and its error; {@code chi2nu},
 * {@code logl}; {@code flags} ({@link org.sersic4j.fit.FitFlags} bits); {@code iterations}, {@code nfev},
 * {@code time_s}; {@code estimator}; {@code device} (what rendered the fit's models: {@code java} for the CPU
 * reference, else the batched fitter's device; empty for estimators that do not fit); {@code model} (the fitted model's
 * name) and {@code bic} (k ln N − 2 ln L, k the free parameters after ties, N the fitted pixels). Without a pixel scale,
 * {@code re_arcsec} and {@code mu_e} are NaN.
 *
 * <p>A catalogue of a model other than one Sérsic ({@link #columns(List)}) has, after these, {@code n_neighbours} (the
 * neighbours fitted with the target), {@code total_flux} and {@code total_mag} (the target's profiles and point
 * sources), {@code bt} (the flux of the component named {@code bulge} over the total; NaN without one) and one block
 * of {@link ModelColumns} with errors per component of the target; the single-profile columns above are then its
 * first component.
 */
public final class FitCatalog {

    /** The column names, in order. */
    public static final List<String> COLUMNS = List.of("id", "x0", "y0", "flux", "mag", "re", "n", "q", "pa",
            "x0_err", "y0_err", "flux_err", "mag_err", "re_err", "n_err", "q_err", "pa_err", "ell", "re_arcsec",
            "re_circ", "mu_e", "sky", "sky_err", "chi2nu", "logl", "flags", "iterations", "nfev", "time_s", "estimator",
            "device", "model", "bic");

    /** The columns a multi-component catalogue adds before its component blocks. */
    public static final List<String> MODEL_COLUMNS = List.of("n_neighbours", "total_flux", "total_mag", "bt");

    /**
     * The columns of a catalogue of a model whose target has these component types: {@link #COLUMNS} alone for one
     * Sérsic (or null), else also {@link #MODEL_COLUMNS} and the {@link ModelColumns} blocks with errors.
     */
    public static List<String> columns(List<ComponentType> layout) {
        if (layout == null || layout.equals(List.of(ComponentType.SERSIC))) return COLUMNS;
        List<String> out = new ArrayList<>(COLUMNS);
        out.addAll(MODEL_COLUMNS);
        out.addAll(ModelColumns.columns(layout, true));
        return List.copyOf(out);
    }

    /** The component types of a model specification's target. */
    public static List<ComponentType> layout(ModelSpec spec) {
        List<ComponentType> out = new ArrayList<>();
        for (ModelSpec.Part p : spec.parts()) out.add(p.type());
        return out;
    }

    /** The text columns; every other column is a number. */
    static final Set<String> TEXT_COLUMNS = Set.of("id", "estimator", "device", "model");

    /** The integer columns (written to FITS as 64-bit integers). */
    static final Set<String> INTEGER_COLUMNS = Set.of("flags", "iterations", "nfev");

    private FitCatalog() {
    }

    /**
     * One catalogue row, in {@link #COLUMNS} order: id and estimator as String, flags/iterations/nfev as Long, the
     * rest as Double (NaN where unknown).
     *
     * @param zeropoint  mag = zeropoint − 2.5 log10(flux)
     * @param pixelScale arcsec per pixel, or NaN (or ≤ 0) when unknown
     */
    public static Object[] row(FitResult r, double zeropoint, double pixelScale) {
        SersicParams p = r.params();
        double[] e = r.errors();
        double mag = p.mag(zeropoint);
        boolean scaled = CatalogProvenance.hasPixelScale(pixelScale);
        double reArcsec = scaled ? p.re() * pixelScale : Double.NaN;
        double muE = scaled ? SersicMath.meanSurfaceBrightness(mag, reArcsec, p.q()) : Double.NaN;
        return new Object[] {r.id(), p.x0(), p.y0(), p.flux(), mag, p.re(), p.n(), p.q(), p.pa(),
                e[0], e[1], e[2], r.magError(), e[3], e[4], e[5], e[6],
                p.ell(), reArcsec, p.re() * Math.sqrt(p.q()), muE, r.sky(), r.skyError(), r.chi2nu(), r.logL(),
                (long) r.flags(), (long) r.iterations(), (long) r.evaluations(), r.seconds(), r.estimator(),
                r.device() == null ? "" : r.device(), r.modelName(), r.bic()};
    }

    /**
     * A row of {@link #columns(List)} for that layout: {@link #row(FitResult, double, double)}, then, for a
     * multi-component layout, the model columns and blocks (NaN, and empty names, when the fit failed or its target
     * has another layout).
     */
    public static Object[] row(FitResult r, double zeropoint, double pixelScale, List<ComponentType> layout) {
        Object[] base = row(r, zeropoint, pixelScale);
        List<String> cols = columns(layout);
        if (cols == COLUMNS) return base;
        List<Object> out = new ArrayList<>(Arrays.asList(base));
        FittedModel f = r.fitted();
        boolean matches = f != null && ModelColumns.layout(f.target()).equals(layout) && (r.flags() & FitFlags.FAILED) == 0;
        if (matches) {
            double total = f.totalFlux();
            out.add((double) f.neighbours());
            out.add(total);
            out.add(total > 0 ? zeropoint - 2.5 * Math.log10(total) : Double.NaN);
            out.add(f.bt());
            out.addAll(ModelColumns.values(f.target(), f.targetErrors(), zeropoint));
        } else {
            for (int i = base.length; i < cols.size(); i++) {
                String c = cols.get(i);
                out.add(c.endsWith("_type") || c.endsWith("_name") ? "" : Double.NaN);
            }
        }
        return out.toArray();
    }

    /**
     * The ids already in a catalogue CSV (empty when the file is missing or empty), for resuming a run. A last line
     * without its newline (a row cut short when a run was killed) does not count: that stamp is fitted again, and
     * opening a {@link FitCatalogWriter} in append mode removes the cut row from the file.
     */
    public static Set<String> finishedIds(Path csv) {
        return CatalogIO.readIds(csv, "id");
    }

    /**
     * Reads a catalogue CSV with typed cells: id and estimator as String, flags/iterations/nfev as Long (null when
     * blank), every other column as Double ("NaN" and blank read as NaN). Columns this class does not know are
     * kept as text.
     */
    public static Table readCsv(Path csv) {
        return typed(csv, CatalogIO.readCsv(csv));
    }

    /** Converts a table of strings (as read from CSV) to typed cells, column by column. */
    static Table typed(Path file, Table text) {
        Table t = new Table(text.columns());
        int nc = text.columns().size();
        for (int r = 0; r < text.rowCount(); r++) {
            Object[] row = new Object[nc];
            for (int c = 0; c < nc; c++) row[c] = cell(file, text, r, text.columns().get(c));
            t.addRow(row);
        }
        return t;
    }

    /** Whether a column holds numbers: the known ones and the model columns, but not component types and names. */
    static boolean isNumeric(String column) {
        if (TEXT_COLUMNS.contains(column)) return false;
        if (COLUMNS.contains(column) || MODEL_COLUMNS.contains(column)) return true;
        return column.matches("c\\d+_.+") && !column.endsWith("_type") && !column.endsWith("_name");
    }

    private static Object cell(Path file, Table text, int r, String column) {
        String s = text.getString(r, column);
        if (TEXT_COLUMNS.contains(column) || !isNumeric(column)) return s;
        try {
            if (INTEGER_COLUMNS.contains(column)) return s == null || s.isBlank() ? null : Long.parseLong(s.trim());
            return text.getDouble(r, column);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, "data row " + (r + 1) + ", column '" + column + "': '" + s
                    + "' is not " + (INTEGER_COLUMNS.contains(column) ? "an integer" : "a number"));
        }
    }
}
