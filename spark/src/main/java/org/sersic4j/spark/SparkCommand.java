package org.sersic4j.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.sersic4j.fit.io.CatalogProvenance;
import org.sersic4j.validation.fit.FitBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sersic4j spark fit|predict}: the catalogue commands on a Spark cluster (or this machine's cores). */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = "Fit or predict every stamp of a store on Spark: catalogue parts committed shard by shard "
                + "(a rerun after a kill skips them), then OUT/catalog.csv and OUT/catalog.fits with the columns of 'fit'.",
        subcommands = {SparkCommand.Fit.class, SparkCommand.Predict.class, CompareCommand.class})
public final class SparkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("sersic4j: spark needs a subcommand: fit, predict or compare");
        return SparkMain.FAILED;
    }

    /** What every catalogue command shares: input, output, session, stamp options; runs the job. */
    abstract static class CatalogueCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        InputOptions input;

        @Option(names = "--out", paramLabel = "DIR", required = true,
                description = "Output directory: parts/ (Parquet, one file per shard), catalog.csv, catalog.fits.")
        String out;

        @Option(names = "--no-merge", description = "Leave the catalogue as its Parquet parts (no catalog.csv/.fits: at 10^8 rows the merge on the driver is the slow part).")
        boolean noMerge;

        @Mixin
        StampOptionSet stamp;

        @Mixin
        SessionOptions session;

        abstract String verb();

        abstract StampPartition work(PsfTable psfs, StampOptions options);

        abstract CatalogProvenance provenance(StampOptions options);

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut(), err = spec.commandLine().getErr();
            Consumer<String> log = line -> { err.println("sersic4j: " + line); err.flush(); };
            StampOptions options = stamp.options();
            SparkSession spark = session.start("sersic4j spark " + verb(), log);
            try {
                CatalogueJob.Outcome o = run(spark, options, log);
                stdout.printf(Locale.ROOT, "%s %d stamps (%d failed; %d of %d shards from earlier runs) in %.1f s: %s%n",
                        verb().equals("fit") ? "fitted" : "predicted", o.rows(), o.failed(), o.shardsBefore(), o.shards(),
                        o.seconds(), noMerge ? o.parts() : o.csv() + ", " + o.fits());
                stdout.flush();
                return o.failed() == 0 ? SparkMain.OK : o.failed() < o.rows() ? SparkMain.PARTIAL : SparkMain.FAILED;
            } finally {
                spark.stop();
            }
        }

        CatalogueJob.Outcome run(SparkSession spark, StampOptions options, Consumer<String> log) {
            StampStore store = input.store(spark, out, log).requireComplete(spark.sparkContext().hadoopConfiguration());
            PsfTable psfs = PsfTable.of(store.psfs(spark));
            return new CatalogueJob(store, out, work(psfs, options), provenance(options), !noMerge).run(spark, log);
        }
    }

    @Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Fit one Sérsic profile per stamp with the double-precision Java fitter of 'fit --device java', one galaxy per task core.")
    static final class Fit extends CatalogueCommand {
        @Option(names = "--method", paramLabel = "lm|bfgs", description = "Optimiser (default: ${DEFAULT-VALUE}).")
        String method = "lm";

        @Option(names = "--device", paramLabel = "D",
                description = "Where each task fits: java (default: the double-precision Java path, as 'fit --device java'), "
                        + "or the batched Levenberg-Marquardt on gpu, cpu, opencl, opencl:N or jtp, found on each executor.")
        String device = "java";

        @Option(names = "--batch", paramLabel = "N", description = "Galaxies per device batch (default: the device's; not for java).")
        int batch = 0;

        @Override
        String verb() {
            return "fit";
        }

        @Override
        StampPartition work(PsfTable psfs, StampOptions options) {
            if (batch < 0) throw new IllegalArgumentException("--batch must be 0 (the device's) or more (got " + batch + ")");
            return new FitPartition(method.toLowerCase(Locale.ROOT), device.toLowerCase(Locale.ROOT), batch, options, psfs);
        }

        @Override
        CatalogProvenance provenance(StampOptions o) {
            return CatalogProvenance.of(FitBenchmark.fitter(method.toLowerCase(Locale.ROOT)).name(), o.parsedLikelihood(),
                    o.zeropoint() == null ? 0 : o.zeropoint(), o.pixelScale() == null ? Double.NaN : o.pixelScale())
                    .withVersion(CatalogProvenance.packageVersion());
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The network's parameters for every stamp, as 'predict' gives them; one network per executor.")
    static final class Predict extends CatalogueCommand {
        @Option(names = "--model", paramLabel = "M.zip", description = "A trained model (its model.json beside it; default: the shipped model). Every executor must read it.")
        Path model;

        @Option(names = "--mc-samples", paramLabel = "N", description = "MC-dropout passes for errors, seeded by stamp id (default: ${DEFAULT-VALUE}; 0: none).")
        int mcSamples = 16;

        @Option(names = "--batch", paramLabel = "N", description = "Stamps per forward pass (default: ${DEFAULT-VALUE}).")
        int batch = 256;

        @Override
        String verb() {
            return "predict";
        }

        @Override
        StampPartition work(PsfTable psfs, StampOptions options) {
            if (batch < 1) throw new IllegalArgumentException("--batch must be 1 or more (got " + batch + ")");
            return new PredictPartition(model == null ? null : model.toAbsolutePath().toString(), mcSamples, batch, options, psfs);
        }

        @Override
        CatalogProvenance provenance(StampOptions o) {
            CatalogProvenance p = CatalogProvenance.of(PredictPartition.ESTIMATOR, null, o.zeropoint() == null ? 0 : o.zeropoint(),
                    o.pixelScale() == null ? Double.NaN : o.pixelScale()).withVersion(CatalogProvenance.packageVersion());
            return model == null ? p : p.withModel(model);
        }
    }
}
