package org.sersic4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sersic4j.fit.io.CatalogProvenance;
import org.sersic4j.fit.io.FitCatalog;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.sim.Range;
import org.sersic4j.render.sim.SimulationConfig;
import org.sersic4j.render.sim.Simulator;
import picocli.CommandLine;

/**
 * {@code simulate --format parquet}: a store simulated with a seed holds the stamps, truth and PSFs that
 * {@code simulate} to FITS files with that seed followed by {@code ingest} gives, and {@code spark fit} on it gives
 * the catalogue of the ingested store.
 */
class SimulatedStoreTest {
    private static final int STAMPS = 12;
    private static final String YAML = "count: " + STAMPS + "\nseed: 42\nsize: 64\npixelScale: 0.2\n"
            + "noise: {sky: 100, gain: 1.0, rdnoise: 5.0}\n"
            + "psf: {mode: fixed, type: moffat, fwhm: 0.8, beta: 3.5, size: 25}\ndevice: java\n";

    @TempDir
    static Path dir;

    static SparkSession last;

    @AfterAll
    static void tearDown() {
        if (last != null) last.stop();
    }

    /** This JVM's session (the commands stop theirs when done, so it is started again where needed). */
    private static SparkSession spark() {
        last = SparkSessions.start("local[2]", "sersic4j test", List.of());
        return last;
    }

    record Run(int code, String out, String err) {}

    private static Run sersic4j(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = SparkMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Path config() throws IOException {
        Path yaml = dir.resolve("sim.yaml");
        if (!Files.exists(yaml)) Files.writeString(yaml, YAML);
        return yaml;
    }

    /** {@code simulate} to FITS files, as the cli runs it. */
    private static void simulateFits(SimulationConfig cfg, Path out) {
        try (Renderer r = Renderers.create(cfg.device().rendererName())) {
            new Simulator(cfg, r, out).withProgress(false).run();
        }
    }

    @Test
    void aStoreSimulatedWithASeedHoldsWhatSimulateThenIngestGivesAndSparkFitRunsOnIt() throws IOException {
        Path yaml = config();
        Path simulated = dir.resolve("simulated");
        Run r = sersic4j("simulate", "--config", yaml.toString(), "--seed", "1234", "--format", "parquet", "--shards", "3",
                "--out", simulated.toString(), "--master", "local[2]");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("simulated 12 stamps of 64x64 px (seed 1234)") && r.out().contains("3 shards"), r.out());
        assertTrue(Files.exists(simulated.resolve(StampStore.MARKER)));
        assertEquals(SimulationConfig.load(yaml).withSeed(1234), SimulationConfig.load(simulated.resolve(StoreSimulation.CONFIG)));

        Path fits = dir.resolve("fits");
        simulateFits(SimulationConfig.load(yaml).withOverrides(null, 1234L, null), fits);
        SparkSession spark = spark();
        StampStore ingested = new StampStore(dir.resolve("ingested").toString());
        ingested.write(spark, StampFilesRef.fromImages(List.of(fits), null, null, null), StampStore.DEFAULT_SHARD_SIZE);
        StampStore ours = new StampStore(simulated.toString());
        assertEquals(3, ours.shards(spark.sparkContext().hadoopConfiguration()).size());
        assertSameStores(spark, ingested, ours);
        assertTruthIsTheCatalogues(spark, ours, fits);

        // the plain Spark job on the ingested store, then 'spark fit' on the simulated one: the same catalogue
        Path plain = dir.resolve("fit-ingested");
        new CatalogueJob(ingested, plain.toString(), new FitPartition("lm", StampOptions.defaults(),
                PsfTable.of(ingested.psfs(spark))), CatalogProvenance.of("lm", null, 0, Double.NaN)).run(spark, line -> {});
        Path out = dir.resolve("fit-simulated");
        Run f = sersic4j("spark", "fit", "--store", simulated.toString(), "--out", out.toString(), "--master", "local[2]");
        assertEquals(0, f.code(), f.err());
        Table a = FitCatalog.readCsv(plain.resolve("catalog.csv")), b = FitCatalog.readCsv(out.resolve("catalog.csv"));
        assertEquals(STAMPS, b.rowCount());
        int timeAt = FitCatalog.COLUMNS.indexOf("time_s");
        Map<String, Object[]> x = byId(a.rows()), y = byId(b.rows());
        assertEquals(x.keySet(), y.keySet());
        for (String id : x.keySet())
            for (int c = 0; c < FitCatalog.COLUMNS.size(); c++)
                if (c != timeAt) assertEquals(x.get(id)[c], y.get(id)[c], id + " " + FitCatalog.COLUMNS.get(c));
    }

    @Test
    void drawnPsfsAndSegmentationMapsAreStoredAsIngestStoresThem() {
        // a target and a neighbour on 96 px stamps (segmentation maps), each stamp with its own PSF
        SimulationConfig pairs = SimulationConfig.load(Path.of("..", "configs", "pairs.yaml"));
        SimulationConfig cfg = pairs.withCount(5).withSeed(9).withDevice(SimulationConfig.Device.JAVA)
                .withPsf(pairs.psf().withMode(SimulationConfig.PsfMode.DRAWN).withFwhm(Range.of(0.7, 0.9)));
        assertTrue(cfg.model().neighbours().count() > 0);
        Path fits = dir.resolve("pairs");
        simulateFits(cfg, fits);
        SparkSession spark = spark();
        StampStore ingested = new StampStore(dir.resolve("pairs-ingested").toString());
        ingested.write(spark, StampFilesRef.fromManifest(fits.resolve(Simulator.MANIFEST), null), 2);
        StampStore ours = new StampStore(dir.resolve("pairs-simulated").toString());
        StampStore.Summary s = StoreSimulation.write(spark, ours, cfg, "java", 2);
        assertEquals(5, s.stamps());
        assertEquals(2, s.shards());
        assertEquals(5, s.psfs());
        assertEquals(0, s.unreadable());
        assertSameStores(spark, ingested, ours);
        assertTruthIsTheCatalogues(spark, ours, fits);
    }

    @ParameterizedTest
    @CsvSource({"0, --shards must be 1 or more (got 0)", "-2, --shards must be 1 or more (got -2)",
            "13, --shards 13 is more than the 12 stamps simulated"})
    void badShardsAreOneClearLine(String shards, String message) throws IOException {
        Path out = dir.resolve("bad-" + shards);
        Run r = sersic4j("simulate", "--config", config().toString(), "--format", "parquet", "--shards", shards,
                "--out", out.toString());
        assertEquals(SparkMain.FAILED, r.code());
        assertEquals("sersic4j: " + message + "\n", r.err().replace(System.lineSeparator(), "\n"));
        assertFalse(Files.exists(out));
    }

    @Test
    void fitsFormatIsPlainSimulatesJob() throws IOException {
        Run r = sersic4j("simulate", "--config", config().toString(), "--format", "fits", "--out", dir.resolve("f").toString());
        assertEquals(SparkMain.FAILED, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--format fits") && r.err().contains("without --format parquet"), r.err());
    }

    /** The same stamps (ids, shapes, float32 pixels, maps, header values, truth) and the same PSF pixels. */
    private static void assertSameStores(SparkSession spark, StampStore ingested, StampStore simulated) {
        Map<String, StoreStamp> a = stamps(spark, ingested), b = stamps(spark, simulated);
        assertEquals(a.keySet(), b.keySet());
        Map<String, double[]> psfA = psfs(spark, ingested), psfB = psfs(spark, simulated);
        assertEquals(psfA.keySet(), psfB.keySet(), "one PSF each, by file name");
        for (String id : a.keySet()) {
            StoreStamp x = a.get(id), y = b.get(id);
            assertNull(x.error());
            assertNull(y.error());
            assertEquals(x.width(), y.width());
            assertEquals(x.height(), y.height());
            assertArrayEquals(x.image(), y.image(), id + " pixels");
            assertArrayEquals(x.seg(), y.seg(), id + " segmentation map");
            assertNull(y.sigma());
            assertNull(y.mask());
            for (Double[] v : List.of(new Double[] {x.gain(), y.gain()}, new Double[] {x.rdnoise(), y.rdnoise()},
                    new Double[] {x.sky(), y.sky()}, new Double[] {x.zeropoint(), y.zeropoint()},
                    new Double[] {x.pixelScale(), y.pixelScale()})) {
                assertNotNull(v[1], id);
                assertEquals(v[0], v[1], id);
            }
            // the store holds the simulator's doubles (truth.csv's); a FITS header card can hold a digit less
            assertNotNull(y.truth(), id);
            for (int k = 0; k < y.truth().length; k++)
                assertEquals(x.truth()[k], y.truth()[k], 1e-15 * Math.abs(x.truth()[k]), id + " " + StoreSchema.TRUTH.get(k));
            assertEquals(Path.of(x.psfKey()).getFileName().toString(), y.psfKey(), id + " PSF");
        }
        for (String k : psfA.keySet()) assertArrayEquals(psfA.get(k), psfB.get(k), k);
    }

    /** The store's truth columns are the truth catalogue's values, exactly. */
    private static void assertTruthIsTheCatalogues(SparkSession spark, StampStore store, Path truthSet) {
        Table t = org.sersic4j.render.io.CatalogIO.readCsv(truthSet.resolve("truth.csv"));
        Map<String, StoreStamp> s = stamps(spark, store);
        assertEquals(t.rowCount(), s.size());
        for (int r = 0; r < t.rowCount(); r++) {
            StoreStamp st = s.get(t.getString(r, "id"));
            for (int k = 0; k < StoreSchema.TRUTH.size(); k++) {
                String c = StoreSchema.TRUTH.get(k).substring("true_".length());
                assertEquals(t.getDouble(r, c), st.truth()[k], st.id() + " " + c);
            }
        }
    }

    private static Map<String, StoreStamp> stamps(SparkSession spark, StampStore s) {
        Map<String, StoreStamp> m = new HashMap<>();
        for (Row r : s.stamps(spark).collectAsList()) m.put(r.getString(0), StoreStamp.of(r));
        return m;
    }

    /** PSF pixels by the PSF file's name. */
    private static Map<String, double[]> psfs(SparkSession spark, StampStore s) {
        Map<String, double[]> m = new HashMap<>();
        for (Row r : s.psfs(spark).collectAsList()) {
            assertTrue(r.isNullAt(r.fieldIndex("error")));
            List<Object> px = r.getList(r.fieldIndex("pixels"));
            double[] d = new double[px.size()];
            for (int i = 0; i < d.length; i++) d[i] = ((Number) px.get(i)).doubleValue();
            m.put(Path.of(r.getString(0)).getFileName().toString(), d);
        }
        return m;
    }

    private static Map<String, Object[]> byId(List<Object[]> rows) {
        Map<String, Object[]> m = new HashMap<>();
        for (Object[] r : rows) m.put((String) r[0], r);
        return m;
    }
}
