package org.sersic4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.Estimator;
import org.sersic4j.compare.estimators.CatalogEstimator;
import org.sersic4j.compare.run.ComparisonRun;
import org.sersic4j.compare.run.TruthSet;
import org.sersic4j.compare.run.TruthSetReader;
import org.sersic4j.validation.compare.ComparisonJob;
import org.sersic4j.validation.compare.EstimatorSet;
import org.sersic4j.validation.compare.Network;
import org.sersic4j.validation.compare.RealStamps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sersic4j compare}: estimators judged side by side on a simulated truth set. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Compare estimators on a truth set written by `sersic4j simulate`: catalogues made elsewhere (--catalog),",
        "fits run here (--fit) and fits started from another estimator's answers (--seeded).",
        "Every answer is scored against the truth (bias, NMAD, outlier fraction with bootstrap intervals;",
        "over the set and by S/N and n) and against the data (chi2nu, log-likelihood).",
        "Writes one catalogue per estimator (catalogs/NAME.csv and .fits), summary.json and report.html into --out."})
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--truth-set", required = true, paramLabel = "DIR",
            description = "A directory written by `sersic4j simulate` (truth.csv, images, PSFs).")
    Path truthSet;

    @Spec
    CommandSpec spec;

    @Option(names = "--catalog", paramLabel = "[NAME=]CAT.csv",
            description = "A catalogue with the columns of `sersic4j fit` (id,x0,y0,flux or mag,re,n,q,pa,...), matched by id; "
                    + "named by its estimator column unless NAME= is given. Repeatable.")
    List<String> catalogs = new ArrayList<>();

    @Option(names = "--fit", split = ",", paramLabel = "E", description = "Estimators to run here: lm, bfgs, gaussian, cnn (or SEED+lm, as --seeded SEED).")
    List<String> fits = new ArrayList<>();

    @Option(names = "--model", paramLabel = "M.zip", description = "The network for --fit cnn (default: the shipped model).")
    Path model;

    @Option(names = "--mc-samples", paramLabel = "N", description = "MC-dropout passes for the network's errors (default: ${DEFAULT-VALUE}; 0 = none).")
    int mcSamples = 16;

    @Option(names = "--seeded", paramLabel = "NAME",
            description = "Also run Levenberg-Marquardt started from the answers of estimator NAME (a --catalog or --fit one); "
                    + "its time includes NAME's. Repeatable.")
    List<String> seeded = new ArrayList<>();

    @Option(names = "--real", arity = "1..*", paramLabel = "DIR|FILE|MANIFEST.csv",
            description = "Real galaxy stamps, estimated and scored against their data: a manifest CSV (id,image,sigma,mask,seg,psf, "
                    + "as `fit --manifest` reads), or FITS files and directories (sigma map or GAIN/SKY in the header, PSF via PSFFILE).")
    List<Path> real = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (catalogs/, summary.json).")
    Path out;

    @Option(names = "--title", paramLabel = "TEXT", description = "Heading of the report (default: the truth set's directory name).")
    String title;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--bootstrap", paramLabel = "N", description = "Bootstrap resamples; 0 = no intervals (default: ${DEFAULT-VALUE}).")
    int resamples = BootstrapSettings.DEFAULT_RESAMPLES;

    @Option(names = "--threads", paramLabel = "N", description = "Stamps at once (default: all cores).")
    int threads = 0;

    @Option(names = "--fit-device", paramLabel = "D",
            description = "Where lm and SEED+lm fit: auto (a GPU if there is one, else java), java, gpu, cpu, opencl, "
                    + "opencl:N or jtp, as for 'fit --device' (default: ${DEFAULT-VALUE}).")
    String fitDevice = "auto";

    @Override
    public Integer call() {
        if (mcSamples < 0) throw new IllegalArgumentException("--mc-samples must be 0 (no errors) or more (got " + mcSamples + ")");
        if (resamples < 0) throw new IllegalArgumentException("--bootstrap must be 0 (no intervals) or more (got " + resamples + ")");
        if (threads < 0) throw new IllegalArgumentException("--threads must be 0 (all cores) or more (got " + threads + ")");
        PrintWriter stdout = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        TruthSet set = TruthSetReader.read(truthSet);
        Consumer<String> log = line -> {
            err.println("sersic4j: " + line);
            err.flush();
        };
        EstimatorSet estimators = new EstimatorSet(new Network(model, mcSamples, "--model M.zip", log), threads, log,
                fitDevice);
        for (String c : catalogs) estimators.add(catalogue(c));
        for (String f : fits) estimators.add(f);
        for (String s : seeded) estimators.seeded(s);
        if (estimators.isEmpty()) throw new IllegalArgumentException("nothing to compare: give --catalog, --fit or both");
        RealStamps.Loaded realStamps = real.isEmpty() ? RealStamps.Loaded.NONE : RealStamps.from(real);
        for (String p : realStamps.problems()) log.accept("left out: " + p);
        boolean progress = System.console() != null || Boolean.getBoolean("sersic4j.progress");
        String heading = title != null ? title : "sersic4j comparison: " + truthSet.toAbsolutePath().normalize().getFileName();
        ComparisonJob.Outcome o = new ComparisonJob(ComparisonJob.settings(out, heading, resamples, seed, threads, progress,
                Main.version()), log).run(set, estimators.list(), realStamps.stamps());
        for (String l : o.lines()) stdout.println(l);
        stdout.println("wrote " + out.resolve(ComparisonRun.CATALOG_DIR) + ", " + o.summaryJson() + " and " + o.report());
        stdout.flush();
        err.flush();
        return realStamps.problems().isEmpty() ? Main.OK : Main.PARTIAL;
    }

    /** A catalogue estimator from {@code FILE} or {@code NAME=FILE}. */
    private static Estimator catalogue(String arg) {
        int eq = arg.indexOf('=');
        if (eq > 0 && !Files.exists(Path.of(arg))) return new CatalogEstimator(Path.of(arg.substring(eq + 1)), arg.substring(0, eq));
        return new CatalogEstimator(Path.of(arg));
    }

}
