package org.sersic4j.fit.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.sersic4j.fit.FitResult;
import org.sersic4j.render.SersicMath;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.InvalidInputException;
import org.sersic4j.render.io.Table;

/**
 * The catalogue of fit results: its columns, one row per {@link FitResult}, and reading it back. Written by
 * {@link FitCatalogWriter} (CSV as the fits finish, FITS binary table at the end).
 *
 * <p>Columns (other tools read them by these names): {@code id}; the seven parameters and {@code mag}; their 1σ errors;
 * {@code ell} = 1 − q; {@code re_arcsec} = re × pixel scale; {@code re_circ} = re √q [pix]; {@code mu_e}, the mean
 * surface brightness inside the half-light ellipse [mag/arcsec²]; the fitted sky offset and its error; {@code chi2nu},
 * {@code logl}; {@code flags} ({@link org.sersic4j.fit.FitFlags} bits); {@code iterations}, {@code nfev},
 * {@code time_s}; {@code estimator}; {@code device} (what rendered the fit's models: {@code java} for the CPU
 * reference, else the batched fitter's device; empty for estimators that do not fit). Without a pixel scale, {@code re_arcsec} and {@code mu_e} are NaN.
 */
public final class FitCatalog {

    /** The column names, in order. */
    public static final List<String> COLUMNS = List.of("id", "x0", "y0", "flux", "mag", "re", "n", "q", "pa",
            "x0_err", "y0_err", "flux_err", "mag_err", "re_err", "n_err", "q_err", "pa_err", "ell", "re_arcsec",
            "re_circ", "mu_e", "sky", "sky_err", "chi2nu", "logl", "flags", "iterations", "nfev", "time_s", "estimator",
            "device");

    /** The text columns; every other column is a number. */
    static final Set<String> TEXT_COLUMNS = Set.of("id", "estimator", "device");

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
                r.device() == null ? "" : r.device()};
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

    private static Object cell(Path file, Table text, int r, String column) {
        String s = text.getString(r, column);
        if (TEXT_COLUMNS.contains(column) || !COLUMNS.contains(column)) return s;
        try {
            if (INTEGER_COLUMNS.contains(column)) return s == null || s.isBlank() ? null : Long.parseLong(s.trim());
            return text.getDouble(r, column);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, "data row " + (r + 1) + ", column '" + column + "': '" + s
                    + "' is not " + (INTEGER_COLUMNS.contains(column) ? "an integer" : "a number"));
        }
    }
}
