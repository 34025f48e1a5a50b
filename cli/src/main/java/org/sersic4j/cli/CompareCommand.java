package org.sersic4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.sersic4j.compare.estimators.CnnEstimator;
import org.sersic4j.compare.report.ComparisonReport;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.Estimator;
import org.sersic4j.compare.Parameter;
import org.sersic4j.compare.ParameterMetrics;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.estimators.CatalogEstimator;
import org.sersic4j.compare.estimators.Estimators;
import org.sersic4j.compare.estimators.LmEstimator;
import org.sersic4j.compare.estimators.SeededEstimator;
import org.sersic4j.compare.result.ComparisonResult;
import org.sersic4j.compare.result.EstimatorMetrics;
import org.sersic4j.compare.run.ComparisonRun;
import org.sersic4j.compare.run.SummaryJson;
import org.sersic4j.compare.run.TruthSet;
import org.sersic4j.compare.run.TruthSetReader;
import org.sersic4j.fit.io.FitOptions;
import org.sersic4j.fit.io.StampInputs;
import org.sersic4j.fit.io.StampTask;
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

    @Option(names = "--fit", split = ",", paramLabel = "E", description = "Estimators to run here: lm, bfgs, gaussian, cnn.")
    List<String> fits = new ArrayList<>();

    @Option(names = "--model", paramLabel = "M.zip", description = "The network for --fit cnn (default: the shipped model).")
    Path model;

    @Option(names = "--mc-samples", paramLabel = "N", description = "MC-dropout passes for the network's errors (default: ${DEFAULT-VALUE}; 0 = none).")
    int mcSamples = 16;

    @Option(names = "--seeded", paramLabel = "NAME",
            description = "Also run Levenberg-Marquardt started from the answers of estimator NAME (a --catalog or --fit one); "
                    + "its time includes NAME's. Repeatable.")
    List<String> seeded = new ArrayList<>();

    @Option(names = "--real", arity = "1..*", paramLabel = "DIR|FILE",
            description = "Real galaxy stamps (FITS files or directories; sigma map or GAIN/SKY in the header, PSF via PSFFILE), "
                    + "estimated and scored against their data.")
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

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        TruthSet set = TruthSetReader.read(truthSet);
        Map<String, Estimator> byName = new LinkedHashMap<>();
        for (String c : catalogs) add(byName, catalogue(c));
        for (String f : fits) {
            if (f.equalsIgnoreCase("cnn")) add(byName, new CnnEstimator(Networks.predictor(model, err), mcSamples));
            else add(byName, Estimators.byName(f, threads, line -> err.println("sersic4j: " + line)));
        }
        for (String s : seeded) {
            Estimator seed = byName.get(s);
            // a seed needs only the network's point estimate: no dropout passes in the seeded fit's time
            if (seed instanceof CnnEstimator) seed = new CnnEstimator(Networks.predictor(model, err), 0);
            if (seed == null)
                throw new IllegalArgumentException("--seeded " + s + ": no estimator of that name (have " + byName.keySet() + ")");
            add(byName, new SeededEstimator(seed, new LmEstimator(threads, line -> err.println("sersic4j: " + line))));
        }
        if (byName.isEmpty()) throw new IllegalArgumentException("nothing to compare: give --catalog, --fit or both");
        List<StampInput> realStamps = new ArrayList<>();
        if (!real.isEmpty())
            for (StampTask t : StampInputs.fromImages(real, FitOptions.defaults())) realStamps.add(StampInput.of(t.load()));
        boolean progress = System.console() != null || Boolean.getBoolean("sersic4j.progress");
        ComparisonRun.Settings settings = ComparisonRun.Settings.defaults(out, seed)
                .withTitle(title != null ? title : "sersic4j comparison: " + truthSet.toAbsolutePath().normalize().getFileName())
                .withBootstrap(new BootstrapSettings(resamples, seed)).withThreads(threads).withProgress(progress)
                .withVersion(Main.version());
        ComparisonResult r = new ComparisonRun(settings, line -> err.println("sersic4j: " + line))
                .run(set, List.copyOf(byName.values()), realStamps);
        for (EstimatorMetrics m : r.metrics()) stdout.println(line(m));
        Path html = out.resolve("report.html");
        ComparisonReport.write(r, html);
        stdout.println("wrote " + out.resolve(ComparisonRun.CATALOG_DIR) + ", " + out.resolve(SummaryJson.FILE) + " and " + html);
        stdout.flush();
        err.flush();
        return Main.OK;
    }

    /** A catalogue estimator from {@code FILE} or {@code NAME=FILE}. */
    private static Estimator catalogue(String arg) {
        int eq = arg.indexOf('=');
        if (eq > 0 && !Files.exists(Path.of(arg))) return new CatalogEstimator(Path.of(arg.substring(eq + 1)), arg.substring(0, eq));
        return new CatalogEstimator(Path.of(arg));
    }

    private static void add(Map<String, Estimator> byName, Estimator e) {
        if (byName.putIfAbsent(e.name(), e) != null)
            throw new IllegalArgumentException("two estimators are named '" + e.name() + "'; name a catalogue with NAME=CAT.csv");
    }

    /** One line per estimator: flux and r_e accuracy, median chi2nu, time per galaxy. */
    private static String line(EstimatorMetrics m) {
        ParameterMetrics flux = m.parameters().get(Parameter.FLUX.ordinal()), re = m.parameters().get(Parameter.RE.ordinal());
        return String.format(Locale.ROOT, "%-16s flux NMAD %.3f, outliers %.1f%%; re NMAD %.3f, outliers %.1f%%; median chi2nu %.3f;"
                        + " %.3g s/galaxy; %d flagged", m.estimator(), flux.nmad(), 100 * flux.outlierFraction(), re.nmad(),
                100 * re.outlierFraction(), m.medianChi2nu(), m.timing().medianSeconds(), m.flagged());
    }
}
