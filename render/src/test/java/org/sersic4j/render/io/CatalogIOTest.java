package org.sersic4j.render.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.Image;

class CatalogIOTest {

    @TempDir
    Path dir;

    private static final double[] DOUBLES = {0.1, 1.0 / 3, Math.PI * 1e-300, -0.0, Double.MIN_VALUE, Double.MAX_VALUE,
            Double.NaN, Double.POSITIVE_INFINITY, 123456789.123456789};

    private static Table sample() {
        Table t = new Table("id", "x", "n", "ok", "note");
        for (int i = 0; i < DOUBLES.length; i++)
            t.addRow("g" + i, DOUBLES[i], (long) i * 1_000_000_007L, i % 2 == 0, i == 2 ? "a, \"quoted\"\nline" : "n" + i);
        t.addRow("gnull", null, null, null, null);
        return t;
    }

    @Test
    void tableBasics() {
        Table t = sample();
        assertEquals(List.of("id", "x", "n", "ok", "note"), t.columns());
        assertEquals(2, t.column("n"));
        assertEquals(DOUBLES.length + 1, t.rowCount());
        assertEquals("0.1", t.getString(0, "x"));
        assertEquals(1.0 / 3, t.getDouble(1, "x"));
        assertTrue(Double.isNaN(t.getDouble(DOUBLES.length, "x")));
        assertThrows(IllegalArgumentException.class, () -> t.column("nope"));
        assertThrows(IllegalArgumentException.class, () -> t.addRow("too", "few"));
        assertThrows(IllegalArgumentException.class, () -> t.getDouble(0, "id"));
        assertThrows(IllegalArgumentException.class, () -> new Table("a", "a"));
    }

    @Test
    void csvRoundTripIsExact() {
        Path p = dir.resolve("cat.csv");
        Table t = sample();
        CatalogIO.writeCsv(p, t);
        Table back = CatalogIO.readCsv(p);
        assertEquals(t.columns(), back.columns());
        assertEquals(t.rowCount(), back.rowCount());
        for (int r = 0; r < t.rowCount(); r++) {
            assertTrue(back.get(r, "x") instanceof String);
            assertEquals(t.getDouble(r, "x"), back.getDouble(r, "x"), "row " + r);
            assertEquals(t.getString(r, "id"), back.getString(r, "id"));
        }
        assertEquals("a, \"quoted\"\nline", back.getString(2, "note"));
        assertEquals("2000000014", back.getString(2, "n"));
        assertEquals("true", back.getString(0, "ok"));
        assertEquals("", back.getString(DOUBLES.length, "note"));
    }

    @Test
    void csvSkipsBlankLinesAndReportsRaggedRows() throws Exception {
        Path ok = dir.resolve("blank.csv");
        Files.writeString(ok, "a,b\n\n1,2\n\n3,4\n\n");
        Table t = CatalogIO.readCsv(ok);
        assertEquals(2, t.rowCount());
        assertEquals(4.0, t.getDouble(1, "b"));

        Path bad = dir.resolve("ragged.csv");
        Files.writeString(bad, "a,b\n1,2\n3\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CatalogIO.readCsv(bad));
        assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("data row 2 (line 3)"), e.getMessage());

        Path missing = dir.resolve("missing.csv");
        e = assertThrows(InvalidInputException.class, () -> CatalogIO.readCsv(missing));
        assertEquals(missing + ": file does not exist", e.getMessage());
    }

    @Test
    void fitsTableRoundTripIsExact() throws Exception {
        Path p = dir.resolve("cat.fits");
        Table t = sample();
        CatalogIO.writeFits(p, t, Map.of("SOFTWARE", "sersic4j 0.1", "CONFIG_HASH", "abc123"));
        Table back = CatalogIO.readFits(p);
        assertEquals(t.columns(), back.columns());
        assertEquals(t.rowCount(), back.rowCount());
        for (int r = 0; r < DOUBLES.length; r++) {
            assertEquals(Double.valueOf(DOUBLES[r]), back.get(r, "x"), "row " + r);
            assertEquals(t.get(r, "n"), back.get(r, "n"));
            assertEquals(t.get(r, "ok"), back.get(r, "ok"));
            assertEquals(t.get(r, "note"), back.get(r, "note"));
            assertEquals(t.get(r, "id"), back.get(r, "id"));
        }
        int last = DOUBLES.length;
        assertTrue(Double.isNaN((Double) back.get(last, "x")));
        assertNull(back.get(last, "n"));
        assertNull(back.get(last, "ok"));
        assertEquals("", back.get(last, "note"));
        try (nom.tam.fits.Fits fits = new nom.tam.fits.Fits(p.toFile())) {
            fits.readHDU();
            nom.tam.fits.BinaryTableHDU hdu = (nom.tam.fits.BinaryTableHDU) fits.readHDU();
            assertEquals("1D", hdu.getColumnFormat(1).trim());
            assertEquals("1K", hdu.getColumnFormat(2).trim());
            assertEquals("16A", hdu.getColumnFormat(4).trim());   // "a, \"quoted\"\nline" is 16 characters
            assertEquals("sersic4j 0.1", hdu.getHeader().getStringValue("SOFTWARE"));
            assertEquals("CATALOG", hdu.getHeader().getStringValue("EXTNAME"));
        }
    }

    @Test
    void emptyFitsTableAndMissingTable() {
        Path p = dir.resolve("empty.fits");
        CatalogIO.writeFits(p, new Table("a", "b"), null);
        Table back = CatalogIO.readFits(p);
        assertEquals(List.of("a", "b"), back.columns());
        assertEquals(0, back.rowCount());

        Path img = dir.resolve("img.fits");
        FitsImageWriter.write(img, Image.zeros(3, 3), null);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CatalogIO.readFits(img));
        assertEquals(img + ": no binary table HDU", e.getMessage());
    }

    @Test
    void appenderResumes() throws Exception {
        Path p = dir.resolve("batch.csv");
        List<String> cols = List.of("id", "flux", "status");
        assertEquals(Set.of(), CatalogIO.readIds(p, "id"));
        try (CsvAppender a = CatalogIO.openAppender(p, cols)) {
            a.append("g1", 1.5, "ok");
            a.append("g2", 0.1, "failed: no, convergence");
            // flushed after each row: visible before close
            assertEquals(Set.of("g1", "g2"), CatalogIO.readIds(p, "id"));
        }
        try (CsvAppender a = CatalogIO.openAppender(p, cols)) {
            a.append("g3", 1.0 / 3, "ok");
        }
        Table t = CatalogIO.readCsv(p);
        assertEquals(3, t.rowCount());
        assertEquals(1.0 / 3, t.getDouble(2, "flux"));
        assertEquals("failed: no, convergence", t.getString(1, "status"));
        String text = Files.readString(p);
        assertEquals(1, text.split("id,flux,status", -1).length - 1, text);
        assertEquals(List.of("g1", "g2", "g3"), List.copyOf(CatalogIO.readIds(p, "id")));
    }

    @Test
    void appenderDropsAPartialLastRow() throws Exception {
        Path p = dir.resolve("crash.csv");
        List<String> cols = List.of("id", "flux");
        try (CsvAppender a = CatalogIO.openAppender(p, cols)) {
            a.append("g1", 1.0);
            a.append("g2", 2.0);
        }
        Files.writeString(p, "g3,0.12", StandardCharsets.UTF_8, StandardOpenOption.APPEND);   // crash mid-row
        assertEquals(Set.of("g1", "g2"), CatalogIO.readIds(p, "id"));
        try (CsvAppender a = CatalogIO.openAppender(p, cols)) {
            a.append("g3", 0.125);
        }
        Table t = CatalogIO.readCsv(p);
        assertEquals(3, t.rowCount());
        assertEquals(0.125, t.getDouble(2, "flux"));
    }

    @Test
    void appenderRefusesOtherColumns() {
        Path p = dir.resolve("other.csv");
        try (CsvAppender a = CatalogIO.openAppender(p, List.of("id", "flux"))) {
            a.append("g1", 1.0);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CatalogIO.openAppender(p, List.of("id", "mag")));
        assertTrue(e.getMessage().startsWith(p + ": existing columns [id, flux]"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> CatalogIO.readIds(p, "name"));
        assertTrue(e.getMessage().contains("no column 'name'"), e.getMessage());
    }
}
