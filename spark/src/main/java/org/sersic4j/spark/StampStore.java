package org.sersic4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * A stamp store on any file system Spark's Hadoop layer reads: {@code stamps/} (Parquet shards, {@link StoreSchema#STAMP}),
 * {@code psfs/} ({@link StoreSchema#PSF}) and {@code _STORE}, written last, which says the store is complete and how
 * many stamps and shards it holds. A shard is the unit of work of {@code spark fit|predict}: each shard's catalogue
 * rows are committed together.
 *
 * @param dir the store's directory (a Hadoop path or URI)
 */
public record StampStore(String dir) {

    /** The marker written when a store is complete. */
    public static final String MARKER = "_STORE";

    /** Stamps per shard by default. */
    public static final int DEFAULT_SHARD_SIZE = 1000;

    /** What an ingest wrote. */
    public record Summary(long stamps, long unreadable, int shards, int psfs, double seconds) {}

    /** True when the store's {@code _STORE} marker exists. */
    public boolean complete(Configuration conf) {
        try {
            Path m = new Path(dir, MARKER);
            return m.getFileSystem(conf).exists(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This store, checked to be writable: a complete store is replaced only with {@code overwrite}. */
    public StampStore requireWritable(Configuration conf, boolean overwrite) {
        if (complete(conf) && !overwrite)
            throw new IllegalArgumentException(dir + " already holds a complete stamp store (give --overwrite to replace it)");
        return this;
    }

    /** This store, checked to be complete: else an error saying how to write one. */
    public StampStore requireComplete(Configuration conf) {
        if (!complete(conf))
            throw new IllegalArgumentException(dir + ": not a complete stamp store (no " + MARKER
                    + "; write one with 'sersic4j ingest')");
        return this;
    }

    /** The stamps. */
    public Dataset<Row> stamps(SparkSession spark) {
        return spark.read().schema(StoreSchema.STAMP).parquet(new Path(dir, StoreSchema.STAMPS).toString());
    }

    /** The PSF table. */
    public Dataset<Row> psfs(SparkSession spark) {
        return spark.read().schema(StoreSchema.PSF).parquet(new Path(dir, StoreSchema.PSFS).toString());
    }

    /** The stamps' Parquet shards, sorted by name. */
    public List<FileStatus> shards(Configuration conf) {
        try {
            Path p = new Path(dir, StoreSchema.STAMPS);
            FileStatus[] all = p.getFileSystem(conf).listStatus(p, f -> f.getName().endsWith(".parquet")
                    && !f.getName().startsWith("_") && !f.getName().startsWith("."));
            List<FileStatus> out = new ArrayList<>(Arrays.asList(all));
            out.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list the store's shards (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes a store from stamp files: tasks read the files (each shard's stamps by one task), Spark writes the
     * shards, then the PSFs the stamps name are read into the PSF table and the marker is written. Stamps are sorted by
     * id, so the same files give the same shards.
     *
     * @param shardSize  stamps per shard (at most); there are at least four shards per task Spark runs at once
     *                   (when there are that many stamps)
     */
    public Summary write(SparkSession spark, List<StampFilesRef> refs, int shardSize) {
        if (shardSize < 1) throw new IllegalArgumentException("--shard-size must be 1 or more (got " + shardSize + ")");
        long t0 = System.nanoTime();
        List<StampFilesRef> sorted = new ArrayList<>(refs);
        sorted.sort((a, b) -> a.id().compareTo(b.id()));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int shards = shardCount(sorted.size(), shardSize, jsc.defaultParallelism());
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        delete(conf, new Path(dir, MARKER));
        JavaRDD<Row> rows = jsc.parallelize(sorted, shards).map(r -> r.read().toRow());
        spark.createDataFrame(rows, StoreSchema.STAMP).write().mode(SaveMode.Overwrite)
                .parquet(new Path(dir, StoreSchema.STAMPS).toString());
        // one pass over the written shards: the unreadable stamps and the PSFs named
        Row seen = stamps(spark).agg(functions.count(functions.col("error")), functions.collect_set("psf_key")).first();
        long unreadable = seen.getLong(0);
        List<Row> psfRows = new ArrayList<>();
        for (Object key : seen.getList(1)) psfRows.add(PsfTable.row((String) key, StampFilesRef.readPsf((String) key)));
        spark.createDataFrame(psfRows, StoreSchema.PSF).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(new Path(dir, StoreSchema.PSFS).toString());
        return markComplete(conf, sorted.size(), unreadable, psfRows.size(), t0);
    }

    /**
     * The shards of a store of {@code stamps} stamps: at most {@code shardSize} stamps each, and at least four per
     * task Spark runs at once ({@code parallel}) when there are that many stamps, so that no core waits long for the
     * last.
     */
    static int shardCount(long stamps, int shardSize, int parallel) {
        return (int) Math.max(1, Math.min(stamps, Math.max((stamps + shardSize - 1) / shardSize, 4L * Math.max(1, parallel))));
    }

    /**
     * Writes the marker, last: the store is complete, with how many stamps, shards (counted here), PSFs and unreadable
     * stamps it holds.
     *
     * @param t0 when the writing began ({@link System#nanoTime()})
     */
    Summary markComplete(Configuration conf, long stamps, long unreadable, int psfs, long t0) {
        int nShards = shards(conf).size();
        String marker = "{\"stamps\": " + stamps + ", \"shards\": " + nShards + ", \"psfs\": " + psfs
                + ", \"unreadable\": " + unreadable + "}\n";
        writeText(conf, new Path(dir, MARKER), marker);
        return new Summary(stamps, unreadable, nShards, psfs, (System.nanoTime() - t0) / 1e9);
    }

    static void writeText(Configuration conf, Path p, String text) {
        try (FSDataOutputStream out = p.getFileSystem(conf).create(p, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(p + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    static void delete(Configuration conf, Path p) {
        try {
            p.getFileSystem(conf).delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException(p + ": cannot delete (" + e.getMessage() + ")", e);
        }
    }
}
