package org.sersic4j.render.io;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.SequenceWriter;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.NullDataHDU;
import nom.tam.image.compression.hdu.CompressedImageHDU;
import org.sersic4j.io.ErrorLine;
import org.sersic4j.io.AtomicWrite;
import org.sersic4j.io.InvalidInputException;

/**
 * Reads and writes {@link Table}s as CSV (header row, UTF-8, "\n" line ends, doubles via Double.toString so they
 * round-trip exactly) and as FITS binary tables. Whole-file writes are atomic. Failures are
 * {@link InvalidInputException}s naming the file.
 */
public final class CatalogIO {

    private CatalogIO() {
    }

    /** Writes the table as CSV with a header row; null cells are written empty. */
    public static void writeCsv(Path p, Table t) {
        AtomicWrite.write(p, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            SequenceWriter rows = Csv.rowWriter(w);
            rows.write(t.columns().toArray(new String[0]));
            for (Object[] row : t.rows()) rows.write(Csv.cells(row));
            rows.flush();
            w.flush();
        });
    }

    /** Reads a CSV with a header row; every value is a String; blank lines are skipped; ragged rows are errors. */
    public static Table readCsv(Path p) {
        FitsInput.checkReadable(p);
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            return Csv.parse(p, r);
        } catch (IOException e) {
            throw new InvalidInputException(p, "cannot read CSV (" + ErrorLine.reason(e) + ")", e);
        }
    }

    /**
     * Writes the table as a FITS binary table extension (named CATALOG unless the header sets EXTNAME) after an
     * empty primary HDU; the header keywords (provenance) go into the table extension. Column types: integral → 'K',
     * other numbers → 'D', booleans → 'L', the rest → 'A' as wide as the longest value.
     */
    public static void writeFits(Path p, Table t, Map<String, Object> header) {
        FitsHeaders.init();
        AtomicWrite.write(p, out -> {
            Fits fits = new Fits();
            NullDataHDU primary = new NullDataHDU();
            FitsHeaders.apply(p, primary.getHeader(), null);
            fits.addHDU(primary);
            fits.addHDU(FitsTableCodec.toHdu(p, t, header));
            FitsImageWriter.writeFits(fits, out);
        });
    }

    /** Reads the first binary table HDU: 'D'/'E' columns as Double, integer columns as Long, 'L' as Boolean, 'A' as String. */
    public static Table readFits(Path p) {
        Table t = FitsInput.walk(p, (hdu, i) -> hdu instanceof BinaryTableHDU b && !(hdu instanceof CompressedImageHDU)
                ? FitsTableCodec.fromHdu(b) : null);
        if (t == null) throw new InvalidInputException(p, "no binary table HDU");
        return t;
    }

    /**
     * Opens {@code p} for appending rows with these columns. A new or empty file gets the header row first; an
     * existing file must have exactly these columns. An unterminated last line (a row cut short by a crash) is removed
     * first, so a resumed job rewrites that row.
     */
    public static CsvAppender openAppender(Path p, List<String> columns) {
        new Table(columns);   // validates the names
        try {
            boolean newFile = true;
            if (Files.exists(p)) {
                FitsInput.checkReadable(p);
                String text = completeText(p, true);
                if (!text.isBlank()) {
                    Table existing = Csv.parse(p, new StringReader(text));
                    if (!existing.columns().equals(columns))
                        throw new InvalidInputException(p, "existing columns " + existing.columns()
                                + " differ from the expected " + columns + "; refusing to append");
                    newFile = false;
                }
            }
            return new CsvAppender(p, columns, newFile);
        } catch (IOException e) {
            throw new InvalidInputException(p, "cannot open for appending (" + ErrorLine.reason(e) + ")", e);
        }
    }

    /**
     * The values of {@code idColumn} in a CSV written by an appender (empty when the file is missing or empty), for
     * resuming a batch: an unterminated last line is ignored, as {@link #openAppender} drops it.
     */
    public static Set<String> readIds(Path csv, String idColumn) {
        Set<String> ids = new LinkedHashSet<>();
        if (!Files.exists(csv)) return ids;
        FitsInput.checkReadable(csv);
        String text;
        try {
            text = completeText(csv, false);
        } catch (IOException e) {
            throw new InvalidInputException(csv, "cannot read CSV (" + ErrorLine.reason(e) + ")", e);
        }
        if (text.isBlank()) return ids;
        Table t = Csv.parse(csv, new StringReader(text));
        if (!t.hasColumn(idColumn)) throw new InvalidInputException(csv, "no column '" + idColumn + "' (columns: " + t.columns() + ")");
        for (int r = 0; r < t.rowCount(); r++) ids.add(t.getString(r, idColumn));
        return ids;
    }

    /** The file's text up to and including its last newline; with {@code truncate}, cuts the file there too. */
    private static String completeText(Path p, boolean truncate) throws IOException {
        byte[] b = Files.readAllBytes(p);
        int end = b.length;
        while (end > 0 && b[end - 1] != '\n') end--;
        if (truncate && end < b.length) {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                ch.truncate(end);
                ch.force(true);
            }
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }
}
