package org.sersic4j.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.Estimator;
import org.sersic4j.compare.estimators.CatalogEstimator;
import org.sersic4j.compare.run.ComparisonRun;
import org.sersic4j.compare.run.TruthSetReader;
import org.sersic4j.fit.io.CatalogProvenance;
import org.sersic4j.validation.compare.ComparisonJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sersic4j spark compare}: the estimators of {@code compare --fit} run on Spark over a truth set's stamps (put
 * into a store under {@code OUT/store} first), then judged by {@code compare}'s own scoring and report, each Spark
 * catalogue read as a {@code --catalog}.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run lm, bfgs and/or cnn on Spark over a truth set written by 'simulate', then compare them as "
                + "'compare --catalog' does (summary.json, report.html, catalogs/ in --out).")
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--truth-set", required = true, paramLabel = "DIR", description = "A directory written by 'sersic4j simulate'.")
    Path truthSet;

    @Option(names = "--fit", split = ",", paramLabel = "E", description = "Estimators run on Spark: lm, bfgs, cnn (default: ${DEFAULT-VALUE}).")
    List<String> fits = new ArrayList<>(List.of("lm", "cnn"));

    @Option(names = "--model", paramLabel = "M.zip", description = "The network for cnn (default: the shipped model).")
    Path model;

    @Option(names = "--mc-samples", paramLabel = "N", description = "MC-dropout passes for the network's errors (default: ${DEFAULT-VALUE}).")
    int mcSamples = 16;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (a local path).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--bootstrap", paramLabel = "N", description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
    int resamples = BootstrapSettings.DEFAULT_RESAMPLES;

    @Mixin
    SessionOptions session;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Consumer<String> log = line -> { err.println("sersic4j: " + line); err.flush(); };
        var set = TruthSetReader.read(truthSet);
        StampOptions options = StampOptions.defaults();
        List<Estimator> estimators = new ArrayList<>();
        SparkSession spark = session.start("sersic4j spark compare", log);
        try {
            StampStore store = new StampStore(out.resolve("store").toAbsolutePath().toString());
            if (!store.complete(spark.sparkContext().hadoopConfiguration()))
                log.accept(InputOptions.describe(store.write(spark, StampFilesRef.fromImages(List.of(truthSet), null, null, null),
                        StampStore.DEFAULT_SHARD_SIZE), store));
            PsfTable psfs = PsfTable.of(store.psfs(spark));
            for (String f : fits) {
                String name = f.trim().toLowerCase(Locale.ROOT);
                StampPartition work = switch (name) {
                    case "lm", "bfgs" -> new FitPartition(name, options, psfs);
                    case "cnn" -> new PredictPartition(model == null ? null : model.toAbsolutePath().toString(), mcSamples,
                            256, options, psfs);
                    default -> throw new IllegalArgumentException("--fit takes lm, bfgs or cnn on Spark (got '" + f + "')");
                };
                Path dir = out.resolve("spark").resolve(name);
                CatalogueJob.Outcome o = new CatalogueJob(store, dir.toAbsolutePath().toString(), work,
                        CatalogProvenance.of(name, null, 0, Double.NaN).withVersion(CatalogProvenance.packageVersion())).run(spark, log);
                log.accept(String.format(Locale.ROOT, "%s: %d rows (%d failed) in %.1f s", name, o.rows(), o.failed(), o.seconds()));
                estimators.add(new CatalogEstimator(dir.resolve("catalog.csv"), name));
            }
        } finally {
            spark.stop();
        }
        String heading = "sersic4j comparison on Spark: " + truthSet.toAbsolutePath().normalize().getFileName();
        ComparisonJob.Outcome o = new ComparisonJob(ComparisonJob.settings(out, heading, resamples, seed, 0, false,
                CatalogProvenance.packageVersion()), log).run(set, estimators, List.of());
        for (String l : o.lines()) stdout.println(l);
        stdout.println("wrote " + out.resolve(ComparisonRun.CATALOG_DIR) + ", " + o.summaryJson() + " and " + o.report());
        stdout.flush();
        return SparkMain.OK;
    }
}
