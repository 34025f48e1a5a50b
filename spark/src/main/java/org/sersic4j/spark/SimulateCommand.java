package org.sersic4j.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.sersic4j.render.Renderers;
import org.sersic4j.render.sim.SimulationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sersic4j simulate --format parquet}: a truth set simulated straight into a Parquet stamp store on Spark
 * ({@link StoreSimulation}), from the configuration file and overrides of {@code simulate}. The launcher runs
 * {@code simulate} here when {@code --format parquet} is given; FITS truth sets are the cli's.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate a truth set straight into a Parquet stamp store (--format parquet): the stamps, PSFs "
                + "and truth that 'simulate' writes as FITS files and 'ingest' would put into a store, one Spark task per shard.",
                "STORE gets stamps/, psfs/, simulation.yaml and, last, _STORE. The output is a function of the seed alone."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE.yaml", description = "Simulation configuration (YAML), as for 'simulate'.")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "STORE", description = "The store's directory (any path Spark writes).")
    String out;

    @Option(names = "--format", paramLabel = "parquet", description = "parquet (default here; FITS files are written by 'simulate' without --format parquet).")
    String format = "parquet";

    @Option(names = "--shards", paramLabel = "N",
            description = "Shards of the store, one Spark task each (default: " + StampStore.DEFAULT_SHARD_SIZE
                    + " stamps a shard, at least four per core).")
    Integer shards;

    @Option(names = "--count", paramLabel = "N", description = "Number of stamps (overrides 'count').")
    Integer count;

    @Option(names = "--seed", paramLabel = "S", description = "Run seed (overrides 'seed').")
    Long seed;

    @Option(names = "--size", paramLabel = "PX", description = "Stamp side in pixels (overrides 'size').")
    Integer size;

    @Option(names = "--device", paramLabel = "DEVICE",
            description = "Renderer of every task: auto, java, fast, jtp, opencl, gpu, cpu or opencl:N (overrides 'device').")
    String device;

    @Option(names = "--overwrite", description = "Replace a complete store at --out.")
    boolean overwrite;

    @Mixin
    SessionOptions session;

    @Override
    public Integer call() {
        if (!format.trim().equalsIgnoreCase("parquet"))
            throw new IllegalArgumentException("--format " + format + ": this command writes stamp stores (parquet); "
                    + "FITS truth sets are written by 'sersic4j simulate' without --format parquet");
        SimulationConfig cfg = SimulationConfig.load(config).withOverrides(count, seed, size);
        if (shards != null) StoreSimulation.checkShards(shards, cfg.count());
        String dev = device != null ? device : cfg.device().rendererName();
        Renderers.create(dev).close();   // an unknown device is an error here, before Spark starts, not in every task
        PrintWriter stdout = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Consumer<String> log = line -> { err.println("sersic4j: " + line); err.flush(); };
        SparkSession spark = session.start("sersic4j simulate", log);
        try {
            StampStore store = new StampStore(out).requireWritable(spark.sparkContext().hadoopConfiguration(), overwrite);
            StampStore.Summary s = StoreSimulation.write(spark, store, cfg, dev, shards);
            stdout.printf(Locale.ROOT, "simulated %d stamps of %dx%d px (seed %d) into the stamp store %s: %d shards, "
                    + "%d PSF%s, in %.1f s%n", s.stamps(), cfg.size(), cfg.size(), cfg.seed(), store.dir(), s.shards(),
                    s.psfs(), s.psfs() == 1 ? "" : "s", s.seconds());
            stdout.flush();
            return SparkMain.OK;
        } finally {
            spark.stop();
        }
    }
}
