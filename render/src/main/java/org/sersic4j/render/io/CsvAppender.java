package org.sersic4j.render.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import com.fasterxml.jackson.databind.SequenceWriter;
import org.sersic4j.io.ErrorLine;
import org.sersic4j.io.InvalidInputException;

/**
 * Appends rows to a CSV file one at a time, flushing after each, so that an interrupted batch job can resume (see
 * {@link CatalogIO#openAppender} and {@link CatalogIO#readIds}). Thread-safe. Failures are
 * {@link InvalidInputException}s naming the file.
 */
public final class CsvAppender implements AutoCloseable {
    private final Path path;
    private final List<String> columns;
    private final Writer writer;
    private final SequenceWriter rows;
    private boolean closed;

    CsvAppender(Path path, List<String> columns, boolean writeHeader) throws IOException {
        this.path = path;
        this.columns = List.copyOf(columns);
        this.writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        try {
            this.rows = Csv.rowWriter(writer);
            if (writeHeader) {
                rows.write(this.columns.toArray(new String[0]));
                rows.flush();
            }
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /** The column names. */
    public List<String> columns() {
        return columns;
    }

    /** The file appended to. */
    public Path path() {
        return path;
    }

    /** Appends one row (one value per column, same types as {@link Table}) and flushes it to the file. */
    public synchronized void append(Object... values) {
        if (closed) throw new IllegalStateException(path + ": appender is closed");
        if (values.length != columns.size())
            throw new IllegalArgumentException("row has " + values.length + " values, " + path + " has " + columns.size() + " columns " + columns);
        try {
            rows.write(Csv.cells(values));
            rows.flush();
        } catch (IOException e) {
            throw new InvalidInputException(path, "cannot append (" + ErrorLine.reason(e) + ")", e);
        }
    }

    /** Flushes and closes the file. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            rows.close();
            writer.close();
        } catch (IOException e) {
            throw new InvalidInputException(path, "cannot close (" + ErrorLine.reason(e) + ")", e);
        }
    }
}
