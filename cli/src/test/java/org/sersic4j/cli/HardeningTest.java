package org.sersic4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitMemory;
import org.sersic4j.fit.io.FitCatalog;
import org.sersic4j.render.Image;
import org.sersic4j.render.io.FitsImageFile;
import org.sersic4j.render.io.FitsImageWriter;
import org.sersic4j.render.io.Table;
import org.sersic4j.validation.fit.CatalogueLock;

/**
 * The eight findings of the bad-input review, one test (or more) each: what a new user met, and what they meet now.
 */
class HardeningTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    /** Three small simulated stamps (32×32, PSF 15 px) with GAIN, RDNOISE, SKY and PSFFILE in their headers. */
    static Path truth;

    @BeforeAll
    static void simulate() throws IOException {
        truth = shared.resolve("truth");
        Path config = shared.resolve("sim.yaml");
        Files.writeString(config, "size: 32\nnoise: {sky: 100, gain: 1.0, rdnoise: 5.0}\nranges: {flux: [20000, 40000], "
                + "reArcsec: [0.4, 0.8]}\npsf: {size: 15}\n");
        CliTest.Outcome o = CliTest.execute("simulate", "--config", config.toString(), "--out", truth.toString(),
                "--count", "3", "--seed", "11", "--device", "java");
        assertEquals(0, o.code(), o.err());
    }

    static void assertOneCleanLine(CliTest.Outcome o, String... mustContain) {
        List<String> lines = o.errLines().stream().filter(l -> !l.contains("untested OpenCL")).toList();
        assertFalse(o.err().contains("\tat ") || o.err().contains("Exception") || o.err().contains("java.lang"), o.err());
        assertTrue(lines.size() >= 1, o.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("sersic4j: "), line);
        for (String s : mustContain) assertTrue(line.contains(s), "'" + s + "' not in: " + line);
    }

    private static Path stamp(Path file, int w, int h, double value, Map<String, Object> header) {
        double[] px = new double[w * h];
        java.util.Arrays.fill(px, value);
        FitsImageWriter.write(file, new Image(w, h, px), header);
        return file;
    }

    private static Map<String, Object> noiseHeader() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("GAIN", 1.0);
        h.put("RDNOISE", 5.0);
        h.put("SKY", 100.0);
        return h;
    }

    private static int flags(Table t, int row) {
        return ((Number) t.get(row, "flags")).intValue();
    }

    // ---- 1. render --size has a cap ----

    @Test
    void item1RenderRefusesAHugeSizeWithOneLine() throws IOException {
        Path params = dir.resolve("p.csv");
        Files.writeString(params, "id,x0,y0,flux,re,n,q,pa\na,10,10,100,2,1,0.8,0\n");
        CliTest.Outcome o = CliTest.execute("render", "--params", params.toString(), "--size", "100000", "--out",
                dir.resolve("out").toString(), "--device", "java");
        assertEquals(Main.FAILED, o.code(), o.err());
        assertOneCleanLine(o, "--size", "100000", "8192");
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    // ---- 2. a stamp too large for memory is a flagged row naming the file, size and memory ----

    @Test
    void item2AStampTooLargeForMemoryIsAFlaggedRowOnBothPaths() {
        String old = System.getProperty(FitMemory.LIMIT_PROPERTY);
        System.setProperty(FitMemory.LIMIT_PROPERTY, "300000");
        try {
            for (String device : List.of("java", "jtp")) {
                Path cat = dir.resolve("big-" + device + ".csv");
                CliTest.Outcome o = CliTest.execute("fit", "--images", truth.resolve("gal_000001.fits").toString(),
                        "--out", cat.toString(), "--threads", "1", "--device", device);
                assertEquals(Main.FAILED, o.code(), o.err());
                String line = o.errLines().stream().filter(l -> l.contains("gal_000001.fits")).findFirst().orElse(o.err());
                assertTrue(line.contains("32x32") && line.contains("needs about") && line.contains("MB"), line);
                Table t = FitCatalog.readCsv(cat);
                assertEquals(1, t.rowCount(), device);
                assertTrue((flags(t, 0) & FitFlags.FAILED) != 0, device);
            }
        } finally {
            if (old == null) System.clearProperty(FitMemory.LIMIT_PROPERTY);
            else System.setProperty(FitMemory.LIMIT_PROPERTY, old);
        }
    }

    @Test
    void item2TheEstimateOfA4000PixelStampIsGigabytes() {
        long need = FitMemory.estimate(4000, 4000, 25, 1);
        assertTrue(need > 6e9 && need < 2e10, "estimate " + need);
        assertTrue(FitMemory.estimate(64, 64, 25, 1) < 10e6);
    }

    // ---- 3. a σ map the user gives wins, bad σ pixels are left out and flagged, an unusable map fails ----

    private Path sigmaDir(String name, double good, double bad, int badPixels) {
        Path d = dir.resolve(name);
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (int k = 1; k <= 3; k++) {
            double[] px = new double[32 * 32];
            java.util.Arrays.fill(px, good);
            for (int i = 0; i < badPixels; i++) px[i] = bad;
            FitsImageWriter.write(d.resolve(String.format("gal_%06d.fits", k)), new Image(32, 32, px), Map.of());
        }
        return d;
    }

    @Test
    void item3ASigmaMapWinsOverTheHeaderNoiseModelAndBadPixelsAreFlagged() throws IOException {
        Path sigma = sigmaDir("sigma-half", 12.0, Double.NaN, 40);
        Path with = dir.resolve("with.csv"), without = dir.resolve("without.csv");
        CliTest.Outcome a = CliTest.execute("fit", "--images", truth.toString(), "--sigma", sigma.toString(), "--out",
                with.toString(), "--threads", "1", "--device", "java");
        assertEquals(Main.OK, a.code(), a.err());
        assertTrue(a.err().contains("likelihood chi2 with the sigma map for all 3 stamps"), a.err());
        CliTest.Outcome b = CliTest.execute("fit", "--images", truth.toString(), "--out", without.toString(),
                "--threads", "1", "--device", "java");
        assertTrue(b.err().contains("likelihood poisson"), b.err());
        Table tw = FitCatalog.readCsv(with), to = FitCatalog.readCsv(without);
        for (int i = 0; i < 3; i++) {
            assertTrue((flags(tw, i) & FitFlags.BAD_SIGMA) != 0, FitFlags.names(flags(tw, i)).toString());
            assertTrue((flags(to, i) & FitFlags.BAD_SIGMA) == 0);
        }
        assertTrue(tw.getDouble(0, "chi2nu") != to.getDouble(0, "chi2nu"), "the σ map changed the fit");
        // --likelihood says otherwise: Poisson, the bad σ pixels still left out and flagged.
        Path named = dir.resolve("named.csv");
        CliTest.Outcome c = CliTest.execute("fit", "--images", truth.toString(), "--sigma", sigma.toString(),
                "--likelihood", "poisson", "--out", named.toString(), "--threads", "1", "--device", "java");
        assertEquals(Main.OK, c.code(), c.err());
        assertTrue(c.err().contains("likelihood poisson"), c.err());
        Table tn = FitCatalog.readCsv(named);
        for (int i = 0; i < 3; i++) assertTrue((flags(tn, i) & FitFlags.BAD_SIGMA) != 0);
    }

    @Test
    void item3AMapWithNoUsablePixelFailsItsStampOnEveryPath() {
        for (double v : new double[] {0.0, -1.0, Double.NaN}) {
            Path sigma = sigmaDir("sigma-" + v, v, v, 0);
            for (String device : List.of("java", "jtp")) {
                Path cat = dir.resolve("bad-" + v + device + ".csv");
                CliTest.Outcome o = CliTest.execute("fit", "--images", truth.toString(), "--sigma", sigma.toString(),
                        "--out", cat.toString(), "--threads", "1", "--device", device);
                assertEquals(Main.FAILED, o.code(), v + " " + device + ": " + o.err());
                assertTrue(o.err().contains("gal_000001.fits: the sigma map has no usable pixel"), o.err());
                Table t = FitCatalog.readCsv(cat);
                assertEquals(3, t.rowCount());
                for (int i = 0; i < 3; i++) assertTrue((flags(t, i) & FitFlags.FAILED) != 0);
            }
        }
    }

    // ---- 4. a stamp without signal gets a flag of its own, at_bound and a line ----

    @Test
    void item4AnAllZeroStampIsFlaggedNoSignalOnBothPaths() {
        Path img = stamp(dir.resolve("zero.fits"), 32, 32, 0.0, noiseHeader());
        for (String device : List.of("java", "jtp")) {
            Path cat = dir.resolve("zero-" + device + ".csv");
            CliTest.Outcome o = CliTest.execute("fit", "--images", img.toString(), "--out", cat.toString(),
                    "--threads", "1", "--device", device);
            assertEquals(Main.OK, o.code(), o.err());
            assertTrue(o.err().contains(img + ": no signal"), o.err());
            Table t = FitCatalog.readCsv(cat);
            int f = flags(t, 0);
            assertTrue((f & FitFlags.NO_SIGNAL) != 0 && (f & FitFlags.AT_BOUND) != 0, device + " " + FitFlags.names(f));
        }
        assertTrue(FitFlags.legend().contains("1024=no_signal"), FitFlags.legend());
    }

    @Test
    void item4AGalaxyWithSignalIsNotFlaggedNoSignal() {
        Path cat = dir.resolve("good.csv");
        CliTest.Outcome o = CliTest.execute("fit", "--images", truth.toString(), "--out", cat.toString(), "--threads", "1",
                "--device", "java");
        assertEquals(Main.OK, o.code(), o.err());
        Table t = FitCatalog.readCsv(cat);
        for (int i = 0; i < t.rowCount(); i++) assertEquals(0, flags(t, i) & FitFlags.NO_SIGNAL);
        assertFalse(o.err().contains("no signal"), o.err());
    }

    // ---- 6. negative counts are refused ----

    @Test
    void item6NegativeCountsAreRefused() {
        CliTest.Outcome p = CliTest.execute("predict", "--images", truth.toString(), "--out", dir.resolve("p.csv").toString(),
                "--mc-samples", "-1");
        assertEquals(Main.FAILED, p.code(), p.err());
        assertOneCleanLine(p, "--mc-samples", "-1");
        CliTest.Outcome f = CliTest.execute("fit", "--images", truth.toString(), "--out", dir.resolve("f.csv").toString(),
                "--threads", "-1");
        assertEquals(Main.FAILED, f.code(), f.err());
        assertOneCleanLine(f, "--threads", "-1");
        assertFalse(Files.exists(dir.resolve("f.csv")));
    }

    // ---- 8. plain messages, predict's rows for unreadable stamps, the catalogue lock, simulate's PSF size ----

    @Test
    void item8ConfigurationTypeErrorsAreInPlainWords() throws IOException {
        Path sim = dir.resolve("bad.yaml");
        Files.writeString(sim, "count: lots\n");
        CliTest.Outcome o = CliTest.execute("simulate", "--config", sim.toString(), "--out", dir.resolve("s").toString());
        assertEquals(Main.FAILED, o.code());
        assertOneCleanLine(o, sim.toString(), "count", "whole number", "lots");
        Path run = dir.resolve("run.yaml");
        Files.writeString(run, "simulate:\n  count: [1, 2]\n");
        o = CliTest.execute("run", run.toString(), "--out", dir.resolve("r").toString());
        assertEquals(Main.FAILED, o.code());
        assertOneCleanLine(o, run.toString(), "count");
        assertFalse(o.err().contains("Cannot deserialize") || o.err().contains("`"), o.err());
    }

    @Test
    void item8UnexpectedErrorsNameNoJavaClass() {
        assertEquals("writing a result failed: Java heap space",
                Main.describe(new IllegalStateException("writing a result failed: Java heap space")));
        assertEquals("an internal error", Main.describe(new NullPointerException()));
    }

    @Test
    void item8PredictWritesAFailedRowForAnUnreadableStamp() throws IOException {
        Path images = dir.resolve("pimg");
        Files.createDirectories(images);
        Path good = images.resolve("good.fits");
        // a 64x64 stamp for the network: four of the simulated 32x32 stamps side by side would do, but one galaxy is
        // enough: the simulated stamp's pixels in the centre of a noisy 64x64 frame.
        FitsImageFile src = FitsImageFile.read(truth.resolve("gal_000001.fits"));
        double[] px = new double[64 * 64];
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < px.length; i++) px[i] = 10 * rnd.nextGaussian();
        for (int y = 0; y < 32; y++) for (int x = 0; x < 32; x++) px[(y + 16) * 64 + x + 16] = src.image().pixels()[y * 32 + x];
        Map<String, Object> h = noiseHeader();
        h.put("PSFFILE", truth.resolve("psf.fits").toAbsolutePath().toString());
        FitsImageWriter.write(good, new Image(64, 64, px), h);
        Files.write(images.resolve("broken.fits"), new byte[] {'S', 'I', 'M', 'P', 'L', 'E'});
        Path cat = dir.resolve("pred.csv");
        CliTest.Outcome o = CliTest.execute("predict", "--images", images.toString(), "--out", cat.toString(),
                "--mc-samples", "0");
        assertEquals(Main.PARTIAL, o.code(), o.err());
        assertTrue(o.err().contains("broken.fits"), o.err());
        Table t = FitCatalog.readCsv(cat);
        assertEquals(2, t.rowCount());
        int broken = t.getString(0, "id").equals("broken") ? 0 : 1;
        assertTrue((flags(t, broken) & FitFlags.FAILED) != 0);
        assertTrue(Double.isNaN(t.getDouble(broken, "flux")));
        assertEquals(0, flags(t, 1 - broken) & FitFlags.FAILED);

        // 5. the same stamp scaled to 1e30s: an input unlike anything the network saw carries flag 32
        double[] huge = px.clone();
        for (int i = 0; i < huge.length; i++) huge[i] = 1e30 + 1e28 * huge[i];
        Path hugeDir = dir.resolve("huge");
        Files.createDirectories(hugeDir);
        FitsImageWriter.write(hugeDir.resolve("huge.fits"), new Image(64, 64, huge), h);
        Path hcat = dir.resolve("huge.csv");
        o = CliTest.execute("predict", "--images", hugeDir.toString(), "--out", hcat.toString(), "--mc-samples", "0");
        assertEquals(Main.OK, o.code(), o.err());
        Table ht = FitCatalog.readCsv(hcat);
        assertTrue((flags(ht, 0) & FitFlags.OUT_OF_TRAINING_RANGE) != 0, "flags " + flags(ht, 0));
    }

    @Test
    void item8TwoFitsOnOneCatalogueDoNotRaceAndAStaleLockIsTakenOver() throws Exception {
        Path cat = dir.resolve("locked.csv");
        long me = ProcessHandle.current().pid();
        Files.writeString(CatalogueLock.lockFile(cat), me + "\n");
        CliTest.Outcome o = CliTest.execute("fit", "--images", truth.resolve("gal_000001.fits").toString(), "--out",
                cat.toString(), "--threads", "1", "--device", "java");
        assertEquals(Main.FAILED, o.code(), o.err());
        assertOneCleanLine(o, cat.toString(), "pid " + me);
        assertFalse(Files.exists(cat), "the second run wrote nothing");

        // a lock left by a process that is gone
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(CatalogueLock.lockFile(cat), gone.pid() + "\n");
        o = CliTest.execute("fit", "--images", truth.resolve("gal_000001.fits").toString(), "--out", cat.toString(),
                "--threads", "1", "--device", "java");
        assertEquals(Main.OK, o.code(), o.err());
        assertEquals(1, FitCatalog.readCsv(cat).rowCount());
        assertFalse(Files.exists(CatalogueLock.lockFile(cat)), "released at the end");
    }

    @Test
    void item8SimulateRefusesAPsfLargerThanTheStamp() throws IOException {
        Path sim = dir.resolve("psf.yaml");
        Files.writeString(sim, "size: 16\npsf: {size: 25}\n");
        CliTest.Outcome o = CliTest.execute("simulate", "--config", sim.toString(), "--out", dir.resolve("s").toString(),
                "--count", "1");
        assertEquals(Main.FAILED, o.code());
        assertOneCleanLine(o, sim.toString(), "psf.size", "larger than the stamp");
    }
}
