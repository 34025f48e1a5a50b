package org.sersic4j.render.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.render.Image;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.FitsImageFile;
import org.sersic4j.render.io.PsfFiles;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.sim.SimulationConfig.Psf;
import org.sersic4j.render.sim.SimulationConfig.PsfMode;
import org.sersic4j.render.sim.SimulationConfig.Ranges;

class SimulatorTest {

    private static final double Z = 5;
    private static final String[] TRUTH = {"x0", "y0", "flux", "mag", "re", "n", "q", "pa", "snr"};

    @TempDir
    Path tmp;

    /** Six small 32×32 stamps of compact galaxies (nearly all the light falls on the stamp). */
    static SimulationConfig small() {
        return SimulationConfig.defaults().withCount(6).withSeed(7).withSize(32)
                .withRanges(new Ranges(Range.of(2000, 20000), Range.of(0.2, 0.5), Range.of(0.5, 1.5), Range.of(0, 0.5),
                        Range.of(0, 180), 2))
                .withPsf(new Psf(PsfMode.FIXED, SimulationConfig.PsfType.MOFFAT, Range.fixed(0.5), Range.fixed(4.5),
                        Range.fixed(0), Range.fixed(0), 25));
    }

    /** {@link #small()} with {@code count} stamps, each with its own PSF (FWHM 0.5–0.9″). */
    static SimulationConfig drawn(int count) {
        return small().withCount(count).withPsf(small().psf().withMode(PsfMode.DRAWN).withFwhm(Range.of(0.5, 0.9)));
    }

    private static Simulator.Summary run(SimulationConfig c, Path dir, int batch) {
        return new Simulator(c, new JavaReferenceRenderer(), dir).withBatchSize(batch).withProgress(false).run();
    }

    @Test
    void writesStampsPsfAndCatalogueWhoseValuesAgree() {
        Path dir = tmp.resolve("out");
        Simulator.Summary s = run(small(), dir, Simulator.DEFAULT_BATCH_SIZE);
        assertEquals(6, s.count());
        assertTrue(s.device().contains("Java"), s.device());
        for (String f : List.of("psf.fits", "truth.csv", "truth.fits", "simulation.yaml"))
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);

        Table csv = CatalogIO.readCsv(dir.resolve("truth.csv"));
        Table fits = CatalogIO.readFits(dir.resolve("truth.fits"));
        assertEquals(TruthCatalog.COLUMNS, csv.columns());
        assertEquals(TruthCatalog.COLUMNS, fits.columns());
        assertEquals(6, csv.rowCount());
        assertEquals(6, fits.rowCount());

        PixelPsf psf = PsfFiles.read(dir.resolve("psf.fits"), true);
        JavaReferenceRenderer ref = new JavaReferenceRenderer();
        NoiseModel nm = small().noise().model();
        for (int r = 0; r < 6; r++) {
            String id = String.format("gal_%06d", r + 1);
            assertEquals(id, csv.getString(r, "id"));
            assertEquals(id + ".fits", csv.getString(r, "file"));
            assertEquals("psf.fits", csv.getString(r, "psf"));
            FitsImageFile img = FitsImageFile.read(dir.resolve(id + ".fits"));
            assertEquals(32, img.image().width());
            assertEquals("psf.fits", img.headerString("PSFFILE"));
            assertEquals(2.0, img.headerDouble("GAIN", 0));
            assertEquals(5.0, img.headerDouble("RDNOISE", 0));
            assertEquals(100.0, img.headerDouble("SKY", 0));
            assertEquals(0.2, img.headerDouble("PIXSCALE", 0));
            assertEquals(30.0, img.headerDouble("MAGZP", 0));
            assertEquals(7.0, img.headerDouble("SEED", 0));
            for (String k : TRUTH) {
                double cat = csv.getDouble(r, k);
                assertEquals(cat, fits.getDouble(r, k), 0.0, k + " CSV vs FITS table");
                assertEquals(cat, img.headerDouble(k, Double.NaN), Math.abs(cat) * 1e-15, k + " header vs catalogue, " + id);
            }
            for (String k : List.of("sky", "gain", "rdnoise"))
                assertEquals(img.headerDouble(k, Double.NaN), csv.getDouble(r, k), 0.0);
            double flux = csv.getDouble(r, "flux");
            assertEquals(30 - 2.5 * Math.log10(flux), csv.getDouble(r, "mag"), 1e-12);

            // the stamp is the catalogue's galaxy plus unbiased noise of the model's variance
            SersicParams p = new SersicParams(csv.getDouble(r, "x0"), csv.getDouble(r, "y0"), flux,
                    csv.getDouble(r, "re"), csv.getDouble(r, "n"), csv.getDouble(r, "q"), csv.getDouble(r, "pa"));
            Image model = ref.render(p, 32, 32, psf, RenderSettings.DEFAULT);
            double modelSum = model.sum();
            assertTrue(modelSum > 0.98 * flux && modelSum <= 1.0005 * flux, "noiseless sum " + modelSum + " vs flux " + flux);
            double varSum = 0, resSum = 0, chi2 = 0;
            for (int i = 0; i < 32 * 32; i++) {
                double v = nm.variance(model.pixels()[i]);
                double d = img.image().pixels()[i] - model.pixels()[i];
                varSum += v;
                resSum += d;
                chi2 += d * d / v;
            }
            assertEquals(0, resSum, Z * Math.sqrt(varSum), "noisy sum vs model sum, " + id);
            assertEquals(1024, chi2, Z * Math.sqrt(2 * 1024), "χ² of the noise, " + id);
            assertEquals(nm.snr(model), csv.getDouble(r, "snr"), 1e-5 * csv.getDouble(r, "snr"), "snr, " + id);
        }
    }

    @Test
    void sameSeedGivesIdenticalBytesWhateverTheBatchSize() throws IOException {
        Path a = tmp.resolve("a"), b = tmp.resolve("b"), c = tmp.resolve("c");
        run(small(), a, 256);
        run(small(), b, 4);
        run(small().withSeed(8), c, 256);
        List<String> names = list(a);
        assertEquals(names, list(b));
        assertTrue(names.size() >= 10, names.toString());
        for (String f : names) assertArrayEquals(bytes(a.resolve(f)), bytes(b.resolve(f)), f);
        assertFalse(java.util.Arrays.equals(bytes(a.resolve("gal_000001.fits")), bytes(c.resolve("gal_000001.fits"))),
                "another seed gives another stamp");
    }

    @Test
    void simulateGivesAnyRangeOfStampsAsRunWritesThem() {
        Path dir = tmp.resolve("range");
        SimulationConfig c = drawn(5);
        run(c, dir, 2);
        Table t = CatalogIO.readCsv(dir.resolve("truth.csv"));
        Simulator sim = new Simulator(c, new JavaReferenceRenderer());
        assertEquals(t.columns(), sim.truthColumns());
        assertEquals(null, sim.fixedPsf());
        Simulator.Batch b = sim.simulate(1, 3);   // across run()'s batches of two
        assertEquals(3, b.stamps().size());
        assertEquals(3, b.psfs().size());
        for (int k = 0; k < 3; k++) {
            Simulator.Stamp st = b.stamps().get(k);
            assertEquals(Simulator.stampId(1 + k), st.id());
            FitsImageFile img = FitsImageFile.read(dir.resolve(st.id() + ".fits"));
            assertArrayEquals(img.image().toFloats(), st.image().toFloats(), st.id());
            assertEquals(img.headerString("PSFFILE"), st.psfFile());
            assertEquals(t.getString(1 + k, "psf"), b.psfs().get(k).file());
            assertArrayEquals(FitsImageFile.read(dir.resolve(st.psfFile())).image().toFloats(),
                    b.psfs().get(k).psf().toImage().toFloats(), st.psfFile());
            Simulator.PsfImage alone = sim.psfs(1, 3).get(k);
            assertEquals(b.psfs().get(k).file(), alone.file());
            assertArrayEquals(b.psfs().get(k).psf().toImage().pixels(), alone.psf().toImage().pixels());
            for (int col = 0; col < t.columns().size(); col++) {
                String name = t.columns().get(col);
                Object v = st.truth()[col];
                if (v instanceof Number x) assertEquals(t.getDouble(1 + k, name), x.doubleValue(), name + " of " + st.id());
                else assertEquals(t.getString(1 + k, name), v, name + " of " + st.id());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> sim.simulate(4, 2));
        assertThrows(IllegalStateException.class, sim::run);
    }

    @Test
    void drawnPsfsAreWrittenPerStamp() {
        Path dir = tmp.resolve("drawn");
        SimulationConfig c = drawn(3);
        run(c, dir, 2);
        Table t = CatalogIO.readCsv(dir.resolve("truth.csv"));
        assertFalse(Files.exists(dir.resolve("psf.fits")));
        for (int r = 0; r < 3; r++) {
            String psfName = String.format("psf_%06d.fits", r + 1);
            assertEquals(psfName, t.getString(r, "psf"));
            FitsImageFile img = FitsImageFile.read(dir.resolve(t.getString(r, "file")));
            assertEquals(psfName, img.headerString("PSFFILE"));
            FitsImageFile p = FitsImageFile.read(dir.resolve(psfName));
            double fwhm = p.headerDouble("FWHM", Double.NaN);
            assertTrue(fwhm >= 2.5 - 1e-9 && fwhm <= 4.5 + 1e-9, "FWHM " + fwhm + " px");
            assertEquals(1.0, p.image().sum(), 1e-5);
        }
        // drawn PSFs with blending: both galaxies of a stamp get the stamp's PSF
        Path both = tmp.resolve("drawn-blend");
        run(c.withBlendEnabled(true), both, 2);
        Table tb = CatalogIO.readCsv(both.resolve("truth.csv"));
        JavaReferenceRenderer ref = new JavaReferenceRenderer();
        for (int r = 0; r < 3; r++) {
            PixelPsf psf = PsfFiles.read(both.resolve(tb.getString(r, "psf")), true);
            Image g2 = FitsImageFile.read(both.resolve(tb.getString(r, "id") + "_gal2.fits")).image();
            Image m2 = ref.render(params(tb, r, "_2"), 32, 32, psf, RenderSettings.DEFAULT);
            for (int i = 0; i < 32 * 32; i++) assertEquals(m2.pixels()[i], g2.pixels()[i], 1e-5 * m2.max());
        }
    }

    @Test
    void blendModeWritesComponentsThatSumToTheNoiselessBlend() {
        Path dir = tmp.resolve("blend");
        SimulationConfig c = small().withCount(4).withBlendEnabled(true);
        run(c, dir, 3);
        Table t = CatalogIO.readCsv(dir.resolve("truth.csv"));
        assertEquals(TruthCatalog.columns(true), t.columns());
        assertEquals(TruthCatalog.columns(true), CatalogIO.readFits(dir.resolve("truth.fits")).columns());
        PixelPsf psf = PsfFiles.read(dir.resolve("psf.fits"), true);
        JavaReferenceRenderer ref = new JavaReferenceRenderer();
        NoiseModel nm = c.noise().model();
        for (int r = 0; r < 4; r++) {
            String id = t.getString(r, "id");
            FitsImageFile noisy = FitsImageFile.read(dir.resolve(id + ".fits"));
            FitsImageFile g1 = FitsImageFile.read(dir.resolve(id + "_gal1.fits"));
            FitsImageFile g2 = FitsImageFile.read(dir.resolve(id + "_gal2.fits"));
            double sep = Math.hypot(t.getDouble(r, "x0_2") - t.getDouble(r, "x0"), t.getDouble(r, "y0_2") - t.getDouble(r, "y0"));
            assertTrue(sep >= 5 - 1e-9 && sep <= 12 + 1e-9, "separation " + sep);
            for (String k : TRUTH) {
                assertEquals(t.getDouble(r, k + "_2"), noisy.headerDouble(k + "_2", Double.NaN), Math.abs(t.getDouble(r, k + "_2")) * 1e-15);
                assertEquals(t.getDouble(r, k), g1.headerDouble(k, Double.NaN), Math.abs(t.getDouble(r, k)) * 1e-15);
                assertEquals(t.getDouble(r, k + "_2"), g2.headerDouble(k, Double.NaN), Math.abs(t.getDouble(r, k + "_2")) * 1e-15);
            }
            // each component is its catalogue galaxy; their sum is the noiseless blend
            Image m1 = ref.render(params(t, r, ""), 32, 32, psf, RenderSettings.DEFAULT);
            Image m2 = ref.render(params(t, r, "_2"), 32, 32, psf, RenderSettings.DEFAULT);
            double peak = m1.max() + m2.max();
            double chi2 = 0;
            for (int i = 0; i < 32 * 32; i++) {
                double blend = m1.pixels()[i] + m2.pixels()[i];
                double sum = g1.image().pixels()[i] + g2.image().pixels()[i];
                assertEquals(blend, sum, 1e-5 * peak, "pixel " + i + " of " + id);
                double d = noisy.image().pixels()[i] - sum;
                chi2 += d * d / nm.variance(sum);
            }
            assertEquals(1024, chi2, Z * Math.sqrt(2 * 1024), "noisy blend − (gal1 + gal2) is the noise, " + id);
            assertTrue(g1.image().sum() > 0.98 * t.getDouble(r, "flux") && g1.image().sum() <= 1.0005 * t.getDouble(r, "flux"));
        }
    }

    @Test
    void aRunStoppedPartWayKeepsTheRowsOfFinishedBatches() {
        Path dir = tmp.resolve("stopped");
        // a renderer that fails on the second batch
        JavaReferenceRenderer ref = new JavaReferenceRenderer();
        int[] calls = {0};
        org.sersic4j.render.Renderer failing = new org.sersic4j.render.Renderer() {
            @Override
            public float[][] renderBatch(List<SersicParams> p, int w, int h, List<PixelPsf> psfs, RenderSettings s) {
                if (++calls[0] == 2) throw new IllegalStateException("device lost");
                return ref.renderBatch(p, w, h, psfs, s);
            }

            @Override
            public String deviceDescription() {
                return "test";
            }
        };
        try {
            new Simulator(small(), failing, dir).withBatchSize(4).withProgress(false).run();
        } catch (IllegalStateException expected) {
            // the run stops
        }
        Table t = CatalogIO.readCsv(dir.resolve("truth.csv"));
        assertEquals(4, t.rowCount());
        assertTrue(Files.exists(dir.resolve("gal_000004.fits")));
        assertFalse(Files.exists(dir.resolve("gal_000005.fits")));
    }

    private static SersicParams params(Table t, int r, String suffix) {
        return new SersicParams(t.getDouble(r, "x0" + suffix), t.getDouble(r, "y0" + suffix), t.getDouble(r, "flux" + suffix),
                t.getDouble(r, "re" + suffix), t.getDouble(r, "n" + suffix), t.getDouble(r, "q" + suffix),
                t.getDouble(r, "pa" + suffix));
    }

    private static byte[] bytes(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> l = new ArrayList<>(s.map(p -> p.getFileName().toString()).sorted().toList());
            return l;
        }
    }
}
