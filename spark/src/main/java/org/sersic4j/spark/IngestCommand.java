package org.sersic4j.spark;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sersic4j ingest}: stamp files (FITS directories or a manifest) → a Parquet stamp store. */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Put stamp files into a Parquet stamp store (one row per stamp: pixels, σ map, mask, PSF key, "
                + "GAIN/RDNOISE/SKY, zero-point, pixel scale, and the truth of simulated stamps), read by Spark tasks.",
                "An unreadable stamp keeps a row saying why; 'spark fit|predict' give it a failed catalogue row."})
public final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The store's directory (any path Spark writes).")
    String out;

    @Option(names = "--overwrite", description = "Replace a complete store at --out.")
    boolean overwrite;

    @Mixin
    SessionOptions session;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (input.source.store != null) throw new IllegalArgumentException("ingest reads --images or --manifest, not --store");
        SparkSession spark = session.start("sersic4j ingest", line -> { err.println("sersic4j: " + line); err.flush(); });
        try {
            StampStore store = new StampStore(out).requireWritable(spark.sparkContext().hadoopConfiguration(), overwrite);
            StampStore.Summary s = store.write(spark, input.files(), input.shardSize);
            stdout.println(InputOptions.describe(s, store));
            stdout.flush();
            return s.unreadable() == 0 ? SparkMain.OK : s.unreadable() < s.stamps() ? SparkMain.PARTIAL : SparkMain.FAILED;
        } finally {
            spark.stop();
        }
    }
}
