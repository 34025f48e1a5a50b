package org.sersic4j.fit.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.sersic4j.fit.FitResult;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.CsvAppender;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.model.ComponentType;

/**
 * Writes a {@link FitCatalog} as a run goes: each row is appended to the CSV and flushed as soon as its fit finishes
 * (from any thread), so a killed run keeps every finished row; {@link #close()} then writes the FITS binary table with
 * every row of the CSV (those of earlier runs included, when resumed) and the {@link CatalogProvenance} in its header.
 */
public final class FitCatalogWriter implements AutoCloseable {
    private final Path csv;
    private final Path fits;
    private final CatalogProvenance provenance;
    private final Map<String, Object> header;
    private final CsvAppender appender;
    private final List<ComponentType> layout;
    private int appended;
    private boolean closed;

    private FitCatalogWriter(Path csv, Path fits, CatalogProvenance provenance, CsvAppender appender,
                             Map<String, Object> header, List<ComponentType> layout) {
        this.layout = layout;
        this.csv = csv;
        this.fits = fits;
        this.provenance = provenance;
        this.appender = appender;
        this.header = header;
    }

    /**
     * Opens a catalogue. With {@code append}, the rows of an existing CSV are kept (its columns must be
     * {@link FitCatalog#COLUMNS}; a last row cut short by a killed run is removed from the file); without it, an
     * existing CSV is replaced. The header is prepared now, so a missing model file fails before any fit runs.
     *
     * @param fits the FITS table written on {@link #close()}, or null for CSV only
     */
    public static FitCatalogWriter open(Path csv, Path fits, CatalogProvenance provenance, boolean append) {
        return open(csv, fits, provenance, append, null);
    }

    /**
     * As {@link #open(Path, Path, CatalogProvenance, boolean)}, for a model whose target has these component types
     * ({@link FitCatalog#columns(List)}; null for one Sérsic).
     */
    public static FitCatalogWriter open(Path csv, Path fits, CatalogProvenance provenance, boolean append,
                                        List<ComponentType> layout) {
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(provenance, "provenance");
        Map<String, Object> header = provenance.header();
        if (!append) {
            try {
                Files.deleteIfExists(csv);
            } catch (IOException e) {
                throw new InvalidInputException(csv, "cannot replace the old catalogue (" + e.getMessage() + ")", e);
            }
        }
        return new FitCatalogWriter(csv, fits, provenance, CatalogIO.openAppender(csv, FitCatalog.columns(layout)), header,
                layout);
    }

    /** Appends the result's row and flushes it to the CSV. Thread-safe. */
    public void append(FitResult r) {
        append(r, provenance.zeropoint(), provenance.pixelScale());
    }

    /** As {@link #append(FitResult)}, with the stamp's own zero-point and pixel scale (NaN: unknown). */
    public void append(FitResult r, double zeropoint, double pixelScale) {
        Object[] row = FitCatalog.row(r, zeropoint, pixelScale, layout);
        synchronized (this) {
            if (closed) throw new IllegalStateException(csv + ": catalogue is closed");
            appender.append(row);
            appended++;
        }
    }

    /** Adds a keyword to the FITS table's header (a value longer than a card holds is cut to 68 characters). */
    public synchronized void addHeader(String key, String value) {
        header.put(key, value.length() > 68 ? value.substring(0, 68) : value);
    }

    /** Rows appended since this writer was opened. */
    public synchronized int appended() {
        return appended;
    }

    /** The CSV file. */
    public Path csv() {
        return csv;
    }

    /** The FITS table written on close, or null. */
    public Path fits() {
        return fits;
    }

    /** Closes the CSV, then writes the FITS table (all rows of the CSV) when one was asked for. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        appender.close();
        if (fits != null) CatalogIO.writeFits(fits, FitCatalog.readCsv(csv), header);
    }
}
