package org.sersic4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.fit.FitDevices;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.io.CatalogProvenance;
import org.sersic4j.fit.io.FitCatalog;
import org.sersic4j.fit.io.FitOptions;
import org.sersic4j.fit.io.StampInputs;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.sim.Simulator;
import org.sersic4j.validation.fit.FitBenchmark;
import org.sersic4j.validation.fit.FitJob;
import org.sersic4j.validation.fit.FitTruthSet;

/** The Spark jobs in local mode against the plain fit on the same stamps, with a bad stamp, a kill and a rerun. */
class SparkJobTest {
    private static final int STAMPS = 12;

    @TempDir
    static Path dir;

    static SparkSession spark;
    static Path truth;
    static StampStore store;

    @BeforeAll
    static void setUp() throws IOException {
        truth = dir.resolve("truth");
        try (Renderer r = Renderers.create("java")) {
            new Simulator(FitTruthSet.config(STAMPS, 42), r, truth).run();
        }
        // a stamp whose file is cut short: it must get a failed row, in Spark as in fit
        byte[] good = Files.readAllBytes(truth.resolve(Simulator.stampId(0) + ".fits"));
        Files.write(truth.resolve("broken.fits"), java.util.Arrays.copyOf(good, 1000));
        spark = SparkSessions.start("local[2]", "sersic4j test", List.of());
        store = new StampStore(dir.resolve("store").toString());
        store.write(spark, StampFilesRef.fromImages(List.of(truth), null, null, null), 5);
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) spark.stop();
    }

    /** The catalogue of plain fit (the Java path) on the stamp files. */
    private static Table plainFit() {
        Path csv = dir.resolve("plain.csv");
        if (!Files.exists(csv)) {
            var tasks = StampInputs.fromImages(List.of(truth), FitOptions.defaults());
            new FitJob(tasks, FitDevices.runner("java", FitBenchmark.fitter("lm"), 2, false, null), "lm", csv, null,
                    false, 0, Double.NaN, null, "test").run(line -> {});
        }
        return FitCatalog.readCsv(csv);
    }

    private static CatalogueJob fitJob(Path out) {
        PsfTable psfs = PsfTable.of(store.psfs(spark));
        return new CatalogueJob(store, out.toString(), new FitPartition("lm", StampOptions.defaults(), psfs),
                CatalogProvenance.of("lm", null, 0, Double.NaN));
    }

    private static Map<String, Object[]> byId(Table t) {
        Map<String, Object[]> m = new HashMap<>();
        for (Object[] r : t.rows()) m.put((String) r[0], r);
        return m;
    }

    @Test
    void storeHoldsEveryStampInShardsWithThePsfTable() {
        assertTrue(store.complete(spark.sparkContext().hadoopConfiguration()));
        Dataset<Row> stamps = store.stamps(spark);
        assertEquals(STAMPS + 1, stamps.count());
        assertEquals(1, stamps.filter("error is not null").count(), "the cut-short file is the one unreadable stamp");
        assertEquals(STAMPS, stamps.filter("true_re is not null").count(), "simulated stamps carry their truth");
        // 13 stamps, at least four shards per core of local[2]
        assertEquals(8, store.shards(spark.sparkContext().hadoopConfiguration()).size());
        assertEquals(1, store.psfs(spark).count());
    }

    @Test
    void sparkFitGivesPlainFitsCatalogue() {
        Path out = dir.resolve("spark-fit");
        CatalogueJob.Outcome o = fitJob(out).run(spark, line -> {});
        assertEquals(STAMPS + 1, o.rows());
        assertEquals(1, o.failed());
        Table plain = plainFit(), ours = FitCatalog.readCsv(out.resolve("catalog.csv"));
        assertEquals(FitCatalog.COLUMNS, ours.columns());
        Map<String, Object[]> a = byId(plain), b = byId(ours);
        assertEquals(a.keySet(), b.keySet());
        int timeAt = FitCatalog.COLUMNS.indexOf("time_s");
        for (String id : a.keySet()) {
            Object[] x = a.get(id), y = b.get(id);
            for (int c = 0; c < x.length; c++) {
                if (c == timeAt) continue;
                if (x[c] instanceof Double dx && y[c] instanceof Double dy) {
                    if (dx.isNaN() && dy.isNaN()) continue;
                    assertTrue(Math.abs(dx - dy) <= 1e-9 * Math.max(Math.abs(dx), Math.abs(dy)),
                            id + " " + FitCatalog.COLUMNS.get(c) + ": " + dx + " vs " + dy);
                } else {
                    assertEquals(x[c], y[c], id + " " + FitCatalog.COLUMNS.get(c));
                }
            }
        }
        long failed = (Long) b.get("broken")[FitCatalog.COLUMNS.indexOf("flags")];
        assertEquals(FitFlags.FAILED, failed & FitFlags.FAILED);
        assertTrue(Files.exists(out.resolve("catalog.fits")));
    }

    @Test
    void rerunAfterAKillRunsOnlyTheUncommittedShardAndKeepsEveryStampOnce() throws IOException {
        Path out = dir.resolve("rerun");
        fitJob(out).run(spark, line -> {});
        Path parts = out.resolve(CatalogueJob.PARTS);
        List<Path> files;
        try (Stream<Path> s = Files.list(parts)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
        assertEquals(8, files.size(), "one part per shard");
        // a killed run: one shard never committed, and an attempt's half-written file left behind
        FileTime old = FileTime.fromMillis(1_000_000L);
        for (Path f : files) Files.setLastModifiedTime(f, old);
        Files.delete(files.get(1));
        Files.createDirectories(parts.resolve("_attempts"));
        Files.writeString(parts.resolve("_attempts").resolve(files.get(1).getFileName() + ".9-9-9"), "PAR1 cut short");
        Files.delete(out.resolve("catalog.csv"));
        List<String> log = new ArrayList<>();
        CatalogueJob.Outcome o = fitJob(out).run(spark, log::add);
        assertEquals(7, o.shardsBefore());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("7 of 8 shards already committed")), log.toString());
        assertEquals(old, Files.getLastModifiedTime(files.get(0)), "a committed part is not rewritten");
        assertEquals(old, Files.getLastModifiedTime(files.get(2)));
        assertNotEquals(old, Files.getLastModifiedTime(files.get(1)));
        Table t = FitCatalog.readCsv(out.resolve("catalog.csv"));
        Set<String> ids = new HashSet<>();
        for (Object[] r : t.rows()) assertTrue(ids.add((String) r[0]), "duplicate row " + r[0]);
        assertEquals(STAMPS + 1, ids.size());
        assertEquals(STAMPS + 1, o.rows());
    }

    @Test
    void libraryEntryPointGivesTheSameRowsWhateverThePartitioning() {
        Dataset<Row> stamps = store.stamps(spark).filter("error is null and id < 'gal_000005'");
        Map<String, Row> one = rows(SersicSpark.fit(stamps.coalesce(1), store.psfs(spark), "lm", StampOptions.defaults()));
        Map<String, Row> four = rows(SersicSpark.fit(stamps.repartition(4), store.psfs(spark), "lm", StampOptions.defaults()));
        assertEquals(4, one.size());
        assertEquals(one.keySet(), four.keySet());
        for (String id : one.keySet())
            for (String c : List.of("x0", "flux", "re", "n", "q", "pa", "chi2nu"))
                assertEquals(one.get(id).<Double>getAs(c), four.get(id).<Double>getAs(c), id + " " + c);
    }

    @Test
    void mcDropoutErrorsAreSeededByStampIdNotByPartition() {
        Dataset<Row> stamps = store.stamps(spark).filter("error is null").limit(4);
        Map<String, Row> a = rows(SersicSpark.predict(stamps.coalesce(1), store.psfs(spark), null, 3, 256, StampOptions.defaults()));
        Map<String, Row> b = rows(SersicSpark.predict(stamps.repartition(3), store.psfs(spark), null, 3, 2, StampOptions.defaults()));
        assertEquals(4, a.size());
        assertEquals(a.keySet(), b.keySet());
        for (String id : a.keySet()) {
            double re = a.get(id).<Double>getAs("re_err");
            assertTrue(Double.isFinite(re) && re > 0, id + ": dropout gives an error (" + re + ")");
            for (String c : List.of("re", "re_err", "n_err", "x0_err"))
                assertEquals(a.get(id).<Double>getAs(c), b.get(id).<Double>getAs(c), 1e-6 * Math.abs(a.get(id).<Double>getAs(c)), id + " " + c);
            assertEquals("cnn", a.get(id).<String>getAs("estimator"));
        }
    }

    private static Map<String, Row> rows(Dataset<Row> d) {
        Map<String, Row> m = new HashMap<>();
        for (Row r : d.collectAsList()) m.put(r.getAs("id"), r);
        return m;
    }
}
