package org.sersic4j.validation.fit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.sersic4j.fit.BatchFitter;
import org.sersic4j.fit.BatchItem;
import org.sersic4j.fit.BfgsFitter;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.Fitter;
import org.sersic4j.fit.LevenbergMarquardtFitter;
import org.sersic4j.fit.Likelihood;
import org.sersic4j.fit.io.FitOptions;
import org.sersic4j.fit.io.StampInputs;
import org.sersic4j.fit.io.StampTask;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.InvalidInputException;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.sim.SimulationConfig;
import org.sersic4j.render.sim.Simulator;
import org.sersic4j.render.sim.TruthCatalog;

/**
 * The fitting benchmark: simulate (or reuse) a {@link FitTruthSet}, fit every stamp from the automatic guess with
 * each method on one thread and on all cores, and report seconds per fit (median, 95th percentile), throughput, and
 * that run's accuracy ({@link FitAccuracy}). Results do not depend on the thread count; the accuracy is scored once
 * per method.
 */
public final class FitBenchmark {

    /**
     * @param count      stamps in the truth set
     * @param seed       the truth set's seed (and the bootstrap's)
     * @param methods    {@code lm}, {@code bfgs}
     * @param threads    thread counts to time (0 = all cores)
     * @param fitSettings how the fitters render
     * @param likelihood the fit statistic (null = the default, Poisson)
     */
    public record Settings(int count, long seed, List<String> methods, List<Integer> threads, RenderSettings fitSettings,
                           Likelihood likelihood) {}

    private final Settings settings;

    public FitBenchmark(Settings settings) {
        this.settings = settings;
    }

    /** Creates the fitter for a method name. */
    public static Fitter fitter(String method) {
        return switch (method) {
            case "lm" -> new LevenbergMarquardtFitter();
            case "bfgs" -> new BfgsFitter();
            default -> throw new IllegalArgumentException("unknown method '" + method + "' (expected lm or bfgs)");
        };
    }

    /** Runs the benchmark into {@code dir} (truth set in dir/truth, one catalogue per method); returns the report. */
    public Map<String, Object> run(Path dir, Consumer<String> log) {
        SimulationConfig cfg = FitTruthSet.config(settings.count(), settings.seed());
        Path truthDir = dir.resolve("truth");
        ensureTruthSet(cfg, truthDir, log);
        Table truthTable = CatalogIO.readCsv(truthDir.resolve(TruthCatalog.CSV));
        Map<String, SersicParams> truth = new HashMap<>();
        double[] snr = new double[truthTable.rowCount()];
        for (int i = 0; i < truthTable.rowCount(); i++) {
            truth.put(truthTable.getString(i, "id"), new SersicParams(truthTable.getDouble(i, "x0"),
                    truthTable.getDouble(i, "y0"), truthTable.getDouble(i, "flux"), truthTable.getDouble(i, "re"),
                    truthTable.getDouble(i, "n"), truthTable.getDouble(i, "q"), truthTable.getDouble(i, "pa")));
            snr[i] = truthTable.getDouble(i, "snr");
        }
        FitOptions options = FitOptions.builder().settings(settings.fitSettings()).likelihood(settings.likelihood()).build();
        List<StampTask> tasks = StampInputs.fromImages(List.of(truthDir), options);
        List<BatchItem> items = new ArrayList<>();
        for (StampTask t : tasks) items.add(new BatchItem(t.id(), t::load));

        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("stamps", tasks.size());
        set.put("seed", settings.seed());
        set.put("median_snr", org.sersic4j.compare.Metrics.median(snr.clone()));
        set.put("description", "CAE-paper ranges drawn uniformly, 64x64, 0.2 arcsec/px, Moffat FWHM 4 px beta 3.5, "
                + "sky 100 ADU, read noise 5 e-, gain 1, centre within 3 px");
        report.put("truth_set", set);
        Map<String, Object> fitSettings = new LinkedHashMap<>();
        fitSettings.put("oversample", settings.fitSettings().oversample());
        fitSettings.put("tolerance", settings.fitSettings().tolerance());
        fitSettings.put("likelihood", settings.likelihood() == null ? "default (poisson)" : settings.likelihood().label());
        fitSettings.put("guess", "automatic (image moments)");
        report.put("fit_settings", fitSettings);
        List<Map<String, Object>> methods = new ArrayList<>();
        for (String method : settings.methods()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", method);
            List<Map<String, Object>> runs = new ArrayList<>();
            Map<String, FitResult> scored = null;
            for (int threads : settings.threads()) {
                int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
                log.accept(String.format("bench fit: %s on %d thread(s), %d stamps", method, n, items.size()));
                Map<String, FitResult> results = new HashMap<>();
                BatchFitter batch = new BatchFitter(fitter(method), n, true);
                BatchFitter.Summary s = batch.run(items, Set.of(), r -> results.put(r.id(), r.withoutModel()), log);
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("threads", n);
                run.put("wall_s", s.seconds());
                run.put("fits_per_s", items.size() / s.seconds());
                run.putAll(FitAccuracy.timing(new ArrayList<>(results.values())));
                runs.add(run);
                if (scored == null) scored = results;
            }
            m.put("runs", runs);
            List<SersicParams> t = new ArrayList<>();
            List<FitResult> f = new ArrayList<>();
            for (StampTask task : tasks) {
                t.add(truth.get(task.id()));
                f.add(scored.get(task.id()));
            }
            m.put("accuracy", FitAccuracy.score(t, f, cfg.zeropoint(), settings.seed()));
            methods.add(m);
        }
        report.put("methods", methods);
        return report;
    }

    /** Simulates the truth set unless the directory already holds one made from the same configuration. */
    private static void ensureTruthSet(SimulationConfig cfg, Path dir, Consumer<String> log) {
        Path yaml = dir.resolve("simulation.yaml");
        try {
            if (Files.exists(dir.resolve(TruthCatalog.CSV)) && Files.exists(yaml)
                    && Files.readString(yaml, StandardCharsets.UTF_8).equals(cfg.toYaml())) {
                log.accept("bench fit: reusing the truth set in " + dir);
                return;
            }
        } catch (IOException e) {
            throw new InvalidInputException(yaml, "cannot read (" + e.getMessage() + ")", e);
        }
        log.accept("bench fit: simulating " + cfg.count() + " stamps into " + dir);
        new Simulator(cfg, new JavaReferenceRenderer(), dir).withProgress(true).run();
    }
}
