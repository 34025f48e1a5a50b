package org.sersic4j.render.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.CsvAppender;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.io.Table;

/**
 * The simulator's truth catalogue, written as it grows: {@link #append} adds finished rows to {@code truth.csv} at
 * once (so an interrupted run keeps the rows of every stamp it finished), {@link #finish} also writes
 * {@code truth.fits}.
 *
 * <p>Columns: {@code id, file, psf, x0, y0, flux, mag, re, n, q, pa, sky, gain, rdnoise, snr}, and in blend mode the
 * second galaxy's {@code x0_2, y0_2, flux_2, mag_2, re_2, n_2, q_2, pa_2, snr_2}. A multi-component run (a
 * {@code model} section) keeps the single-galaxy columns, filled with the target's centre and total flux (profiles and
 * point source) and the disc's (or the one Sérsic's) r_e, n, q and PA, its {@code snr} that of the target alone
 * (neighbours and sky plane left out); then {@code model, bt}, {@code seg} (the segmentation map, with neighbours) and
 * the {@link org.sersic4j.render.model.ModelColumns} block of every component, without errors. Not thread-safe.
 */
public final class TruthCatalog implements AutoCloseable {

    /** File names inside the output directory. */
    public static final String CSV = "truth.csv", FITS = "truth.fits";

    /** The columns of a single-galaxy run, in order. */
    public static final List<String> COLUMNS = List.of("id", "file", "psf", "x0", "y0", "flux", "mag", "re", "n", "q",
            "pa", "sky", "gain", "rdnoise", "snr");

    /** The second galaxy's columns, appended in blend mode. */
    public static final List<String> BLEND_COLUMNS = List.of("x0_2", "y0_2", "flux_2", "mag_2", "re_2", "n_2", "q_2",
            "pa_2", "snr_2");

    /** The columns a multi-component run adds after {@link #COLUMNS}: the target's model and its B/T. */
    public static final List<String> MODEL_COLUMNS = List.of("model", "bt");

    /** The segmentation map's file name, after {@link #MODEL_COLUMNS} in runs with neighbours. */
    public static final String SEGMENTATION_COLUMN = "seg";

    private final Path dir;
    private final Table table;
    private final Map<String, Object> fitsHeader;
    private final CsvAppender csv;

    /**
     * Starts a new catalogue in {@code dir}: an earlier {@code truth.csv} or {@code truth.fits} there is removed and
     * the CSV header line written.
     *
     * @param fitsHeader keywords for the FITS table's header (provenance: seed, zero-point, …), may be null
     */
    public TruthCatalog(Path dir, boolean blend, Map<String, Object> fitsHeader) {
        this(dir, columns(blend), fitsHeader);
    }

    /** Starts a new catalogue with these columns (a multi-component run's, see {@link Simulator}). */
    public TruthCatalog(Path dir, List<String> columns, Map<String, Object> fitsHeader) {
        this.dir = dir;
        this.table = new Table(columns);
        this.fitsHeader = fitsHeader;
        for (String f : new String[] {CSV, FITS}) {
            try {
                Files.deleteIfExists(dir.resolve(f));
            } catch (IOException e) {
                throw new InvalidInputException(dir.resolve(f), "cannot replace (" + e.getMessage() + ")", e);
            }
        }
        this.csv = CatalogIO.openAppender(dir.resolve(CSV), table.columns());
    }

    /** The columns of a run, with the blend columns when {@code blend}. */
    public static List<String> columns(boolean blend) {
        List<String> c = new ArrayList<>(COLUMNS);
        if (blend) c.addAll(BLEND_COLUMNS);
        return c;
    }

    /** The rows so far. */
    public Table table() {
        return table;
    }

    /** Adds rows (one value per column, in column order) and appends them to {@code truth.csv} at once. */
    public void append(List<Object[]> rows) {
        for (Object[] r : rows) {
            table.addRow(r);
            csv.append(r);
        }
    }

    /** Closes {@code truth.csv} and writes the whole table as {@code truth.fits}. */
    public void finish() {
        close();
        CatalogIO.writeFits(dir.resolve(FITS), table, fitsHeader);
    }

    /** Closes the CSV (what is written stays). Idempotent. */
    @Override
    public void close() {
        csv.close();
    }
}
