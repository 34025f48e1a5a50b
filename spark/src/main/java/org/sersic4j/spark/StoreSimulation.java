package org.sersic4j.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.sersic4j.render.Image;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.render.sim.SimulationConfig;
import org.sersic4j.render.sim.Simulator;

/**
 * A simulated truth set written straight into a stamp store ({@code sersic4j simulate --format parquet}): the stamps
 * are split into contiguous ranges, one shard each, and a Spark task simulates its range with the simulator of
 * {@code simulate} ({@link Simulator#simulate}: every stamp a function of the seed and its index alone). A store
 * simulated this way holds what {@code simulate} to FITS files followed by {@code ingest} gives for the same
 * configuration and seed: the same ids, the same float32 pixels, header values and truth, the segmentation maps of runs
 * with neighbours, and the PSFs as their float32 files hold them; the PSF key is the PSF's file name in a FITS truth
 * set ({@code psf.fits}, or {@code psf_000001.fits} … when drawn) and {@code source} is null. The configuration used
 * is written beside the tables as {@code simulation.yaml}; the truth catalogue's extra columns (magnitudes, S/N, the
 * components of a multi-component run) are not kept: a FITS truth set's {@code truth.csv} has them.
 */
public final class StoreSimulation {
    private StoreSimulation() {}

    /** The configuration used, written into the store. */
    public static final String CONFIG = "simulation.yaml";

    /** Stamps {@code start} … {@code start + count - 1} of a run: one shard. */
    record Span(int start, int count) implements Serializable {}

    /**
     * Simulates the configuration's stamps into {@code store}, in {@code shards} shards (null: the shards of
     * {@code ingest}, at most {@link StampStore#DEFAULT_SHARD_SIZE} stamps each and at least four per core), each
     * task rendering on {@code device} (a name {@link Renderers#create} takes). The {@code _STORE} marker is written
     * last.
     */
    public static StampStore.Summary write(SparkSession spark, StampStore store, SimulationConfig cfg, String device,
                                           Integer shards) {
        long t0 = System.nanoTime();
        int n = cfg.count();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int s = shards != null ? shards : StampStore.shardCount(n, StampStore.DEFAULT_SHARD_SIZE, jsc.defaultParallelism());
        checkShards(s, n);
        List<Span> spans = new ArrayList<>(s);
        for (int k = 0; k < s; k++) {
            int lo = (int) ((long) k * n / s), hi = (int) ((long) (k + 1) * n / s);
            spans.add(new Span(lo, hi - lo));
        }
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(store.dir());
        StampStore.delete(conf, new org.apache.hadoop.fs.Path(dir, StampStore.MARKER));
        String yaml = cfg.toYaml();
        // one partition per span (parallelize slices a list of s items into s slices of one), one Parquet file each
        JavaRDD<Row> stamps = jsc.parallelize(spans, s).flatMap(new ShardStamps(yaml, device));
        spark.createDataFrame(stamps, StoreSchema.STAMP).write().mode(SaveMode.Overwrite)
                .parquet(new org.apache.hadoop.fs.Path(dir, StoreSchema.STAMPS).toString());
        Simulator.PsfImage fixed = new Simulator(cfg, new JavaReferenceRenderer()).fixedPsf();
        String psfDir = new org.apache.hadoop.fs.Path(dir, StoreSchema.PSFS).toString();
        if (fixed != null) {
            spark.createDataFrame(List.of(psfRow(fixed)), StoreSchema.PSF).coalesce(1).write().mode(SaveMode.Overwrite)
                    .parquet(psfDir);
        } else {
            spark.createDataFrame(jsc.parallelize(spans, s).flatMap(new ShardPsfs(yaml)), StoreSchema.PSF).write()
                    .mode(SaveMode.Overwrite).parquet(psfDir);
        }
        StampStore.writeText(conf, new org.apache.hadoop.fs.Path(dir, CONFIG), yaml);
        return store.markComplete(conf, n, 0, fixed != null ? 1 : n, t0);
    }

    /** A shard count for {@code stamps} stamps: 1 or more, and no more than the stamps. */
    static void checkShards(int shards, int stamps) {
        if (shards < 1) throw new IllegalArgumentException("--shards must be 1 or more (got " + shards + ")");
        if (shards > stamps)
            throw new IllegalArgumentException("--shards " + shards + " is more than the " + stamps + " stamps simulated");
    }

    /** A simulated stamp as a store row, its values taken from the header its FITS file would have, as ingest reads it. */
    static Row stampRow(Simulator.Stamp s) {
        Map<String, Object> h = s.header();
        double[] truth = new double[StoreSchema.TRUTH.size()];
        for (int k = 0; k < truth.length; k++)
            truth[k] = number(h, StoreSchema.TRUTH.get(k).substring("true_".length()).toUpperCase(Locale.ROOT));
        Image img = s.image();
        return new StoreStamp(s.id(), img.width(), img.height(), img.toFloats(), null, null,
                s.segmentation() == null ? null : s.segmentation().image().toFloats(), s.psfFile(), number(h, "GAIN"),
                number(h, "RDNOISE"), number(h, "SKY"), number(h, "MAGZP"), number(h, "PIXSCALE"), null, null, truth)
                .toRow();
    }

    /** A PSF as a row of the PSF table: its pixels as its float32 FITS file holds them. */
    static Row psfRow(Simulator.PsfImage p) {
        Image img = p.psf().toImage();
        double[] px = Image.ofFloats(img.width(), img.height(), img.toFloats()).pixels();
        return PsfTable.row(p.file(), new PsfTable.Entry(img.width(), px, p.file(), null));
    }

    private static double number(Map<String, Object> header, String key) {
        return ((Number) header.get(key)).doubleValue();
    }

    /** A task's stamps: its span simulated a batch at a time, so that a shard never has to fit in memory. */
    static final class ShardStamps implements FlatMapFunction<Span, Row> {
        private static final long serialVersionUID = 1L;
        private final String yaml, device;

        ShardStamps(String yaml, String device) {
            this.yaml = yaml;
            this.device = device;
        }

        @Override
        public Iterator<Row> call(Span span) {
            SimulationConfig cfg = SimulationConfig.parse(yaml, Path.of(CONFIG));
            Renderer renderer = Renderers.create(device);
            AtomicBoolean closed = new AtomicBoolean();
            Runnable close = () -> {
                if (closed.compareAndSet(false, true)) {
                    try {
                        renderer.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot close the renderer: " + e.getMessage(), e);
                    }
                }
            };
            TaskContext task = TaskContext.get();
            if (task != null) task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> close.run());
            Simulator sim = new Simulator(cfg, renderer);
            int end = span.start() + span.count();
            return new Iterator<>() {
                private int next = span.start();
                private Iterator<Simulator.Stamp> batch = List.<Simulator.Stamp>of().iterator();

                @Override
                public boolean hasNext() {
                    if (batch.hasNext()) return true;
                    if (next >= end) {
                        close.run();
                        return false;
                    }
                    int m = Math.min(sim.batchSize(), end - next);
                    batch = sim.simulate(next, m).stamps().iterator();
                    next += m;
                    return true;
                }

                @Override
                public Row next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    return stampRow(batch.next());
                }
            };
        }
    }

    /** A task's drawn PSFs (one per stamp of its span), without the stamps. */
    static final class ShardPsfs implements FlatMapFunction<Span, Row> {
        private static final long serialVersionUID = 1L;
        private final String yaml;

        ShardPsfs(String yaml) {
            this.yaml = yaml;
        }

        @Override
        public Iterator<Row> call(Span span) {
            Simulator sim = new Simulator(SimulationConfig.parse(yaml, Path.of(CONFIG)), new JavaReferenceRenderer());
            List<Row> rows = new ArrayList<>(span.count());
            for (Simulator.PsfImage p : sim.psfs(span.start(), span.count())) rows.add(psfRow(p));
            return rows.iterator();
        }
    }
}
