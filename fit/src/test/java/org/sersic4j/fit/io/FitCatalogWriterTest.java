package org.sersic4j.fit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.util.Cursor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.Likelihood;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.io.Table;

/** The catalogue as a run writes it: row by row into the CSV, resumable after a kill, FITS table on close. */
class FitCatalogWriterTest {
    private static final double ZP = 25, SCALE = 0.2;
    private static final CatalogProvenance PROV = CatalogProvenance.of("lm", Likelihood.POISSON, ZP, SCALE)
            .withVersion("9.8.7-test");

    @TempDir
    Path dir;

    @Test
    void everyAppendedRowIsInTheFileBeforeClose() {
        Path csv = dir.resolve("cat.csv");
        FitCatalogWriter w = FitCatalogWriter.open(csv, dir.resolve("cat.fits"), PROV, false);
        Set<String> appended = new LinkedHashSet<>();
        for (int k = 0; k < 3; k++) {
            FitResult r = CatalogTestData.result("g" + k, k, 0);
            w.append(r);
            appended.add(r.id());
            // a kill now (no close) leaves exactly the rows appended so far, readable
            assertEquals(appended, FitCatalog.finishedIds(csv));
            Table t = FitCatalog.readCsv(csv);
            assertEquals(k + 1, t.rowCount());
            assertRowEquals(FitCatalog.row(r, ZP, SCALE), t.rows().get(k));
        }
        assertFalse(Files.exists(dir.resolve("cat.fits")), "the FITS table is written on close only");
        w.close();
    }

    @Test
    void appendsFromManyThreadsKeepEveryRowWhole() throws Exception {
        Path csv = dir.resolve("cat.csv");
        int threads = 4, each = 25;
        try (FitCatalogWriter w = FitCatalogWriter.open(csv, null, PROV, false)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * each;
                jobs.add(pool.submit(() -> {
                    for (int k = first; k < first + each; k++) w.append(CatalogTestData.result("s" + k, k, 0));
                }));
            }
            for (Future<?> j : jobs) j.get();
            pool.shutdown();
            assertEquals(threads * each, w.appended());
        }
        Table t = FitCatalog.readCsv(csv);
        assertEquals(threads * each, t.rowCount());
        for (int r = 0; r < t.rowCount(); r++) {
            int k = Integer.parseInt(t.getString(r, "id").substring(1));
            assertRowEquals(FitCatalog.row(CatalogTestData.result("s" + k, k, 0), ZP, SCALE), t.rows().get(r));
        }
    }

    @Test
    void aRowCutShortByAKillIsDroppedOnResume() throws Exception {
        Path csv = dir.resolve("cat.csv");
        try (FitCatalogWriter w = FitCatalogWriter.open(csv, null, PROV, false)) {
            w.append(CatalogTestData.result("a", 1, 0));
            w.append(CatalogTestData.result("b", 2, 0));
        }
        String whole = Files.readString(csv);
        Files.writeString(csv, whole + "c,33.1,30.9,121", StandardCharsets.UTF_8);   // killed while writing row c

        assertEquals(Set.of("a", "b"), FitCatalog.finishedIds(csv));
        FitResult c = CatalogTestData.result("c", 3, 0);
        try (FitCatalogWriter w = FitCatalogWriter.open(csv, null, PROV, true)) {
            assertEquals(whole, Files.readString(csv), "the cut row is removed before appending");
            w.append(c);
        }
        Table t = FitCatalog.readCsv(csv);
        assertEquals(List.of("a", "b", "c"), List.copyOf(FitCatalog.finishedIds(csv)));
        assertRowEquals(FitCatalog.row(c, ZP, SCALE), t.rows().get(2));
    }

    @Test
    void resumedRunKeepsOldRowsAndItsFitsTableHoldsOldAndNew() throws Exception {
        Path csv = dir.resolve("cat.csv"), fits = dir.resolve("cat.fits");
        List<FitResult> results = List.of(CatalogTestData.result("g1", 1, 0), CatalogTestData.result("g2", 2, 0),
                CatalogTestData.noErrors("g3"), FitResult.failed("g4", "lm", "no pixels", 0.001));
        try (FitCatalogWriter w = FitCatalogWriter.open(csv, fits, PROV, false)) {
            w.append(results.get(0));
            w.append(results.get(1));
        }
        assertEquals(2, CatalogIO.readFits(fits).rowCount());
        try (FitCatalogWriter w = FitCatalogWriter.open(csv, fits, PROV, true)) {
            w.append(results.get(2));
            w.append(results.get(3));
        }

        Table t = CatalogIO.readFits(fits);
        assertEquals(FitCatalog.COLUMNS, t.columns());
        assertEquals(results.size(), t.rowCount());
        for (int r = 0; r < results.size(); r++) assertRowEquals(FitCatalog.row(results.get(r), ZP, SCALE), t.rows().get(r));
        // NaN stays NaN (errors of g3, everything of g4); flags stay integers
        assertTrue(Double.isNaN(t.getDouble(2, "re_err")));
        assertTrue(Double.isNaN(t.getDouble(3, "mag")));
        assertInstanceOf(Long.class, t.get(2, "flags"));
        assertEquals((long) (FitFlags.CONVERGED | FitFlags.ERRORS_UNAVAILABLE), t.get(2, "flags"));
        assertEquals((long) FitFlags.FAILED, t.get(3, "flags"));
        assertInstanceOf(String.class, t.get(0, "id"));
    }

    @Test
    void openingWithoutAppendReplacesAnOldCatalogue() {
        Path csv = dir.resolve("cat.csv");
        try (FitCatalogWriter w = FitCatalogWriter.open(csv, null, PROV, false)) {
            w.append(CatalogTestData.result("old", 0, 0));
        }
        try (FitCatalogWriter w = FitCatalogWriter.open(csv, null, PROV, false)) {
            w.append(CatalogTestData.result("new", 1, 0));
        }
        assertEquals(Set.of("new"), FitCatalog.finishedIds(csv));
    }

    @Test
    void appendingToAFileWithOtherColumnsIsRefused() throws Exception {
        Path csv = dir.resolve("other.csv");
        Files.writeString(csv, "id,x,y\na,1,2\n");
        assertThrows(InvalidInputException.class, () -> FitCatalogWriter.open(csv, null, PROV, true));
        assertEquals("id,x,y\na,1,2\n", Files.readString(csv), "the foreign file is left alone");
    }

    @Test
    void fitsHeaderCarriesTheProvenance() throws Exception {
        Path csv = dir.resolve("cat.csv"), fits = dir.resolve("cat.fits"), model = dir.resolve("net.bin");
        Files.writeString(model, "abc", StandardCharsets.US_ASCII);
        CatalogProvenance p = PROV.withModel(model).withSeed(42);
        try (FitCatalogWriter w = FitCatalogWriter.open(csv, fits, p, false)) {
            w.append(CatalogTestData.result("g", 0, 0));
        }
        Header h = tableHeader(fits);
        assertEquals("9.8.7-test", h.getStringValue("SERSIC4J"));
        assertEquals("lm", h.getStringValue("ESTIMATR"));
        assertEquals("poisson", h.getStringValue("LIKELIHD"));
        assertEquals(ZP, h.getDoubleValue("ZEROPT"), 0);
        assertEquals(SCALE, h.getDoubleValue("PIXSCALE"), 0);
        assertEquals(model.toString(), h.getStringValue("MODEL"));
        // SHA-256("abc"), the FIPS 180-2 test vector
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", h.getStringValue("MODELSHA"));
        assertEquals(42, h.getLongValue("SEED"));
        List<String> comments = comments(h);
        assertTrue(comments.size() > 1, "the legend is longer than one card: " + comments);
        assertEquals("flags bits: " + FitFlags.legend(), String.join(" ", comments));
    }

    @Test
    void withoutPixelScaleOrModelThoseKeywordsAreLeftOut() throws Exception {
        Path fits = dir.resolve("cat.fits");
        try (FitCatalogWriter w = FitCatalogWriter.open(dir.resolve("cat.csv"), fits,
                CatalogProvenance.of("cnn", null, 30, Double.NaN), false)) {
            w.append(CatalogTestData.result("g", 0, 0));
        }
        Header h = tableHeader(fits);
        assertEquals("cnn", h.getStringValue("ESTIMATR"));
        for (String k : List.of("PIXSCALE", "LIKELIHD", "MODEL", "MODELSHA", "SEED")) assertFalse(h.containsKey(k), k);
        assertTrue(Double.isNaN(CatalogIO.readFits(fits).getDouble(0, "mu_e")));
    }

    @Test
    void aRunWithNoRowsStillWritesAReadableTable() {
        Path fits = dir.resolve("cat.fits");
        FitCatalogWriter.open(dir.resolve("cat.csv"), fits, PROV, false).close();
        Table t = CatalogIO.readFits(fits);
        assertEquals(FitCatalog.COLUMNS, t.columns());
        assertEquals(0, t.rowCount());
    }

    /** The text of the COMMENT cards, in order. */
    static List<String> comments(Header h) {
        List<String> out = new ArrayList<>();
        for (Cursor<String, HeaderCard> it = h.iterator(); it.hasNext(); ) {
            HeaderCard c = it.next();
            if ("COMMENT".equals(c.getKey())) out.add(c.getComment().trim());
        }
        return out;
    }

    private static Header tableHeader(Path fits) throws Exception {
        try (Fits f = new Fits(fits.toFile())) {
            BasicHDU<?>[] hdus = f.read();
            return hdus[1].getHeader();
        }
    }

    /** Cell by cell: numbers by value (NaN equal to NaN, integers compared as longs), text as text. */
    static void assertRowEquals(Object[] expected, Object[] actual) {
        assertEquals(expected.length, actual.length);
        for (int c = 0; c < expected.length; c++) {
            String name = FitCatalog.COLUMNS.get(c);
            Object e = expected[c], a = actual[c];
            if (e instanceof Double d) {
                assertInstanceOf(Double.class, a, name);
                assertEquals(0, Double.compare(d, (Double) a), name + ": " + d + " vs " + a);
            } else if (e instanceof Long l) {
                assertInstanceOf(Long.class, a, name);
                assertEquals(l, a, name);
            } else {
                assertEquals(e, a, name);
            }
        }
    }
}
