package org.sersic4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.io.CatalogProvenance;
import org.sersic4j.fit.io.FitCatalog;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.CsvAppender;

/**
 * The job behind {@code sersic4j spark fit|predict}: runs a {@link StampPartition} over a store's shards, one task per
 * shard, each committing its catalogue rows as {@code OUT/parts/<shard>.parquet} ({@link PartCommit}); shards whose
 * part is already committed are skipped, so rerunning the same command after a kill finishes the job with every stamp
 * exactly once. Then the parts are merged, sorted by id, into {@code OUT/catalog.csv} and {@code OUT/catalog.fits} with
 * the columns (and FITS header) of {@code sersic4j fit}.
 *
 * @param store     the stamps
 * @param out       the output directory (a Hadoop path or URI)
 * @param work      what turns a shard's stamps into catalogue rows
 * @param header    the catalogue's provenance (its FITS header)
 * @param merge     write catalog.csv and catalog.fits (else the parts are the catalogue; rows and failures are counted)
 */
public record CatalogueJob(StampStore store, String out, StampPartition work, CatalogProvenance header, boolean merge) {

    /** A job that merges its parts into catalog.csv and catalog.fits. */
    public CatalogueJob(StampStore store, String out, StampPartition work, CatalogProvenance header) {
        this(store, out, work, header, true);
    }

    /** The committed parts' directory inside {@code out}. */
    public static final String PARTS = "parts";

    /** What the job did. */
    public record Outcome(long rows, long failed, int shards, int shardsBefore, double seconds, String parts, String csv, String fits) {}

    /** Runs the job; {@code log} hears what it is doing, a line at a time. */
    public Outcome run(SparkSession spark, Consumer<String> log) {
        long t0 = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        store.requireComplete(conf);
        Path parts = new Path(out, PARTS);
        checkSameStore(conf);
        List<FileStatus> shards = store.shards(conf);
        Set<String> done = committed(conf, parts);
        List<String> todo = new ArrayList<>();
        for (FileStatus s : shards) if (!done.contains(s.getPath().getName())) todo.add(s.getPath().toString());
        int before = shards.size() - todo.size();
        if (before > 0) log.accept(before + " of " + shards.size() + " shards already committed in " + parts + ": skipped");
        if (!todo.isEmpty()) {
            StampStore.delete(conf, new Path(parts, "_attempts"));
            log.accept("running " + todo.size() + " shard" + (todo.size() == 1 ? "" : "s") + " on " + spark.sparkContext().master());
            // one shard per task: no file is split, and no two files share a partition
            spark.conf().set("spark.sql.files.maxPartitionBytes", Long.toString(1L << 40));
            spark.conf().set("spark.sql.files.openCostInBytes", Long.toString(1L << 40));
            Dataset<Row> stamps = spark.read().schema(StoreSchema.STAMP).parquet(todo.toArray(new String[0]))
                    .withColumn(PartCommit.SHARD, functions.input_file_name());
            long t1 = System.nanoTime();
            stamps.foreachPartition(new PartCommit(work, parts.toString(), conf));
            log.accept(String.format(java.util.Locale.ROOT, "%d shard%s committed in %.1f s", todo.size(),
                    todo.size() == 1 ? "" : "s", (System.nanoTime() - t1) / 1e9));
        }
        Set<String> now = committed(conf, parts);
        List<String> missing = new ArrayList<>();
        for (FileStatus s : shards) if (!now.contains(s.getPath().getName())) missing.add(s.getPath().getName());
        if (!missing.isEmpty()) throw new IllegalStateException(missing.size() + " shard(s) have no committed part: " + missing);
        long t2 = System.nanoTime();
        long[] counts = merge ? merge(spark, conf, parts) : count(spark, parts);
        if (merge) log.accept(String.format(java.util.Locale.ROOT, "merged %d rows into catalog.csv and catalog.fits in %.1f s",
                counts[0], (System.nanoTime() - t2) / 1e9));
        return new Outcome(counts[0], counts[1], shards.size(), before, (System.nanoTime() - t0) / 1e9, parts.toString(),
                new Path(out, "catalog.csv").toString(), new Path(out, "catalog.fits").toString());
    }

    /** The part files committed so far. */
    static Set<String> committed(Configuration conf, Path parts) {
        try {
            FileSystem fs = parts.getFileSystem(conf);
            Set<String> out = new HashSet<>();
            if (!fs.exists(parts)) return out;
            for (FileStatus f : fs.listStatus(parts))
                if (f.isFile() && f.getPath().getName().endsWith(".parquet") && !f.getPath().getName().startsWith("."))
                    out.add(f.getPath().getName());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(parts + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    /** {@code OUT/_JOB} names the store and estimator of the first run: a rerun must be over the same. */
    private void checkSameStore(Configuration conf) {
        Path job = new Path(out, "_JOB");
        String want = "store=" + new Path(store.dir()).toUri() + "\nestimator=" + header.estimator() + "\n";
        try {
            FileSystem fs = job.getFileSystem(conf);
            if (fs.exists(job)) {
                String have;
                try (var in = fs.open(job)) {
                    have = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
                if (!have.equals(want))
                    throw new IllegalArgumentException(out + " holds the parts of another run (" + have.strip().replace('\n', ' ')
                            + "); give another --out or delete it");
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(job + ": " + e.getMessage(), e);
        }
        StampStore.writeText(conf, job, want);
    }

    /** {rows, failed rows} of the parts, counted by Spark. */
    private static long[] count(SparkSession spark, Path parts) {
        Row r = spark.read().schema(StoreSchema.CATALOGUE).parquet(parts.toString())
                .agg(functions.count(functions.lit(1)), functions.count(functions.when(
                        functions.col("flags").bitwiseAND(FitFlags.FAILED).notEqual(0), true))).first();
        return new long[] {r.getLong(0), r.getLong(1)};
    }

    /** Merges the parts into catalog.csv and catalog.fits; returns {rows, failed rows}. */
    private long[] merge(SparkSession spark, Configuration conf, Path parts) {
        Path outDir = new Path(out);
        boolean local;
        try {
            local = outDir.getFileSystem(conf).getScheme().equals("file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        java.nio.file.Path dir;
        try {
            dir = local ? java.nio.file.Path.of(outDir.toUri().getPath()) : Files.createTempDirectory("sersic4j-catalog");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        java.nio.file.Path csv = dir.resolve("catalog.csv"), fits = dir.resolve("catalog.fits");
        java.nio.file.Path tmp = dir.resolve(".catalog.csv.tmp");
        long rows = 0, failed = 0;
        Set<String> devices = new TreeSet<>();
        int flagsAt = FitCatalog.COLUMNS.indexOf("flags"), deviceAt = FitCatalog.COLUMNS.indexOf("device");
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Dataset<Row> cat = spark.read().schema(StoreSchema.CATALOGUE).parquet(parts.toString()).orderBy("id");
        try (CsvAppender a = CatalogIO.openAppender(tmp, FitCatalog.COLUMNS)) {
            Iterator<Row> it = cat.toLocalIterator();
            Object[] v = new Object[FitCatalog.COLUMNS.size()];
            while (it.hasNext()) {
                Row r = it.next();
                for (int i = 0; i < v.length; i++) v[i] = r.get(i);
                a.append(v);
                rows++;
                if (v[flagsAt] != null && (((Long) v[flagsAt]) & FitFlags.FAILED) != 0) failed++;
                if (v[deviceAt] != null && !((String) v[deviceAt]).isEmpty()) devices.add((String) v[deviceAt]);
            }
        }
        try {
            Files.move(tmp, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> h = header.header();
        if (!devices.isEmpty()) h.put("DEVICE", String.join("; ", devices));
        CatalogIO.writeFits(fits, FitCatalog.readCsv(csv), h);
        if (!local) {
            try {
                FileSystem fs = outDir.getFileSystem(conf);
                fs.copyFromLocalFile(true, true, new Path(csv.toUri()), new Path(outDir, "catalog.csv"));
                fs.copyFromLocalFile(true, true, new Path(fits.toUri()), new Path(outDir, "catalog.fits"));
            } catch (IOException e) {
                throw new UncheckedIOException(out + ": cannot copy the catalogue there (" + e.getMessage() + ")", e);
            }
        }
        return new long[] {rows, failed};
    }
}
