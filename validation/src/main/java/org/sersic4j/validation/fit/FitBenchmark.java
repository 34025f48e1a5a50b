package org.sersic4j.validation.fit;

import com.aparapi.device.Device;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.sersic4j.fit.BatchFitter;
import org.sersic4j.fit.BatchItem;
import org.sersic4j.fit.BfgsFitter;
import org.sersic4j.fit.DeviceBatchFitter;
import org.sersic4j.fit.FitDevices;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.FitSettings;
import org.sersic4j.fit.Fitter;
import org.sersic4j.fit.LevenbergMarquardtFitter;
import org.sersic4j.fit.Likelihood;
import org.sersic4j.fit.io.CatalogProvenance;
import org.sersic4j.fit.io.FitCatalogWriter;
import org.sersic4j.fit.io.FitOptions;
import org.sersic4j.fit.io.StampInputs;
import org.sersic4j.fit.io.StampTask;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.sim.SimulationConfig;
import org.sersic4j.render.sim.Simulator;
import org.sersic4j.render.sim.TruthCatalog;
import org.sersic4j.validation.bench.BenchJson;
import org.sersic4j.validation.bench.Machine;
import org.sersic4j.io.JsonOutput;

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
     * @param device     where the fits run ({@code java}: one per thread, timed for each thread count; else a device
     *                   of {@link FitDevices}, Levenberg–Marquardt in batches, timed for each batch size)
     * @param batches    batch sizes to time on a device (0 = automatic)
     * @param deviceMemoryBytes the device batch's memory budget (0 = automatic)
     * @param simDevice  the renderer that simulates the truth set ({@code java}: the reference, as before)
     * @param compareWithJava on a device, also fit with the Java path on all cores and report the agreement
     */
    public record Settings(int count, long seed, List<String> methods, List<Integer> threads, RenderSettings fitSettings,
                           Likelihood likelihood, String device, List<Integer> batches, long deviceMemoryBytes,
                           String simDevice, boolean compareWithJava) {
        /** The CPU benchmark of the methods on the given thread counts, as before devices. */
        public Settings(int count, long seed, List<String> methods, List<Integer> threads, RenderSettings fitSettings,
                        Likelihood likelihood) {
            this(count, seed, methods, threads, fitSettings, likelihood, "java", List.of(0), 0, "java", false);
        }
    }

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

    /**
     * Runs the benchmark into {@code dir} and writes its JSON document to {@code out}: {@code benchmark}, the version,
     * the date and the {@link Machine}, then the report of {@link #run(Path, Consumer)}.
     */
    public void write(Path out, Path dir, String version, Consumer<String> log) throws IOException {
        Map<String, Object> report = run(dir, log);
        ObjectNode root = BenchJson.start("fit", "sersic4j", version);
        root.setAll((ObjectNode) JsonOutput.MAPPER.valueToTree(report));
        BenchJson.write(out, root);
    }

    /** Runs the benchmark into {@code dir} (truth set in dir/truth, one catalogue per method); returns the report. */
    public Map<String, Object> run(Path dir, Consumer<String> log) {
        SimulationConfig cfg = FitTruthSet.config(settings.count(), settings.seed());
        Path truthDir = dir.resolve("truth");
        double jvmAtStart = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        ensureTruthSet(cfg, truthDir, settings.simDevice(), log);
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
        // The truth set has a PSF: the Java path's model follows the oversample (a device draws the reference's cells).
        fitSettings.put("java_model", FitSettings.describe(settings.fitSettings()));
        fitSettings.put("likelihood", settings.likelihood() == null ? "default (poisson)" : settings.likelihood().label());
        fitSettings.put("guess", "automatic (image moments)");
        report.put("fit_settings", fitSettings);
        report.put("jvm_start_s", jvmAtStart);
        if (!settings.device().equalsIgnoreCase("java")) {
            report.put("device_runs", deviceRuns(items, tasks, truth, cfg.zeropoint(), dir, log));
            return report;
        }
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

    /**
     * Levenberg–Marquardt in batches on the device: a warm-up (the kernel's compilation included) on the first stamps,
     * then every stamp once per batch size, each run with fits/s end to end (reading the FITS stamps included), the
     * launches, evaluations and iterations per fit, and where the time went; the accuracy of the first run; and, when
     * asked, the Java path's fits of the same stamps and the two paths' agreement.
     */
    private Map<String, Object> deviceRuns(List<BatchItem> items, List<StampTask> tasks, Map<String, SersicParams> truth,
                                           double zeropoint, Path dir, Consumer<String> log) {
        Map<String, Object> out = new LinkedHashMap<>();
        Device device = FitDevices.device(settings.device());
        if (device == null) throw new IllegalArgumentException("--device " + settings.device() + ": no device to run the batched fitter on");
        out.put("device", settings.device());
        int warm = Math.min(items.size(), 64);
        long w0 = System.nanoTime();
        DeviceBatchFitter warmup = new DeviceBatchFitter(device, new DeviceBatchFitter.Settings(warm,
                settings.deviceMemoryBytes(), 0, false, false, 200));
        warmup.run(items.subList(0, warm), Set.of(), (r, p) -> { }, log);
        out.put("warmup_stamps", warm);
        out.put("warmup_s", (System.nanoTime() - w0) / 1e9);
        out.put("device_description", warmup.stats().deviceDescription);
        List<Map<String, Object>> runs = new ArrayList<>();
        List<FitResult> scored = null;
        for (int batch : settings.batches()) {
            log.accept(String.format("bench fit: lm on %s, batch %s, %d stamps", settings.device(),
                    batch > 0 ? String.valueOf(batch) : "automatic", items.size()));
            Map<String, FitResult> results = new ConcurrentHashMap<>();
            DeviceBatchFitter f = new DeviceBatchFitter(device, new DeviceBatchFitter.Settings(batch,
                    settings.deviceMemoryBytes(), 0, true, false, 200));
            BatchFitter.Summary s = f.run(items, Set.of(), (r, p) -> results.put(r.id(), r.withoutModel()), log);
            DeviceBatchFitter.Stats st = f.stats();
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("batch_requested", batch);
            run.put("batch", st.slotsUsed);
            run.put("wall_s", s.seconds());
            run.put("fits_per_s", items.size() / s.seconds());
            run.put("launches", st.launches);
            run.put("evaluations_per_fit", st.evaluations / (double) Math.max(1, st.fits));
            run.put("iterations_per_fit", st.iterations / (double) Math.max(1, st.fits));
            Map<String, Object> split = new LinkedHashMap<>();
            split.put("host_preparation", st.hostSeconds);
            split.put("upload", st.uploadSeconds);
            split.put("device", st.deviceSeconds);
            split.put("download", st.downloadSeconds);
            split.put("waiting_for_stamps", st.loadWaitSeconds);
            run.put("seconds_split", split);
            run.put("device_evaluations_per_s", st.evaluations / Math.max(1e-12, st.deviceSeconds));
            run.put("device_description", st.deviceDescription);
            run.put("catalog", writeCatalog(dir, "lm-" + settings.device().replace(':', '-') + "-batch" + st.slotsUsed,
                    ordered(tasks, results), zeropoint).toString());
            runs.add(run);
            if (scored == null) scored = ordered(tasks, results);
        }
        out.put("runs", runs);
        List<SersicParams> t = new ArrayList<>();
        for (StampTask task : tasks) t.add(truth.get(task.id()));
        out.put("accuracy", FitAccuracy.score(t, scored, zeropoint, settings.seed()));
        if (settings.compareWithJava()) {
            log.accept("bench fit: lm on the Java path (all cores), for the agreement");
            Map<String, FitResult> results = new ConcurrentHashMap<>();
            BatchFitter.Summary s = new BatchFitter(new LevenbergMarquardtFitter(), 0, true)
                    .run(items, Set.of(), r -> results.put(r.id(), r.withoutModel()), log);
            List<FitResult> java = ordered(tasks, results);
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("wall_s", s.seconds());
            ref.put("fits_per_s", items.size() / s.seconds());
            ref.put("accuracy", FitAccuracy.score(t, java, zeropoint, settings.seed()));
            ref.put("catalog", writeCatalog(dir, "lm-java", java, zeropoint).toString());
            out.put("java_reference", ref);
            out.put("agreement_with_java", FitAgreement.of(java, scored));
        }
        return out;
    }

    /** Writes a run's fits as a catalogue (CSV) into the work directory, for a closer look. */
    private Path writeCatalog(Path dir, String name, List<FitResult> fits, double zeropoint) {
        Path csv = dir.resolve(name + ".csv");
        try (FitCatalogWriter w = FitCatalogWriter.open(csv, null,
                CatalogProvenance.of("lm", settings.likelihood(), zeropoint, Double.NaN), false)) {
            for (FitResult r : fits) if (r != null) w.append(r);
        }
        return csv;
    }

    private static List<FitResult> ordered(List<StampTask> tasks, Map<String, FitResult> byId) {
        List<FitResult> out = new ArrayList<>();
        for (StampTask task : tasks) out.add(byId.get(task.id()));
        return out;
    }

    /** Simulates the truth set unless the directory already holds one made from the same configuration. */
    private static void ensureTruthSet(SimulationConfig cfg, Path dir, String simDevice, Consumer<String> log) {
        Path yaml = dir.resolve("simulation.yaml");
        try {
            // A set cut short by a killed run has its configuration but not all its rows and stamps: simulate it anew.
            if (Files.exists(dir.resolve(TruthCatalog.CSV)) && Files.exists(yaml)
                    && Files.readString(yaml, StandardCharsets.UTF_8).equals(cfg.toYaml())
                    && CatalogIO.readCsv(dir.resolve(TruthCatalog.CSV)).rowCount() == cfg.count()
                    && Files.exists(dir.resolve(Simulator.stampId(cfg.count() - 1) + ".fits"))) {
                log.accept("bench fit: reusing the truth set in " + dir);
                return;
            }
        } catch (IOException e) {
            throw new InvalidInputException(yaml, "cannot read (" + e.getMessage() + ")", e);
        }
        log.accept("bench fit: simulating " + cfg.count() + " stamps into " + dir);
        try (Renderer r = Renderers.create(simDevice)) {
            new Simulator(cfg, r, dir).withProgress(true).run();
        }
    }
}
