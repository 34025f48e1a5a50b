package org.sersic4j.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.Metrics;
import org.sersic4j.compare.ParameterMetrics;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.LevenbergMarquardtFitter;
import org.sersic4j.fit.io.FitCatalog;
import org.sersic4j.fit.io.FitOptions;
import org.sersic4j.fit.io.StampInputs;
import org.sersic4j.fit.io.StampTask;
import org.sersic4j.render.Image;
import org.sersic4j.validation.fit.FitJob;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.FitsImageFile;
import org.sersic4j.render.io.FitsImageWriter;
import org.sersic4j.render.io.InvalidInputException;
import org.sersic4j.render.io.PsfFiles;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.sim.NoiseModel;
import org.sersic4j.render.sim.SimulationConfig;
import org.sersic4j.render.sim.Simulator;
import org.sersic4j.render.sim.TruthCatalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The main job behind {@code sersic4j run}, for now: simulate a truth set, render the noiseless model of every truth
 * row back from the catalogue and the PSF files on disk, check the two against each other, and write a short summary.
 *
 * <p>Layout of the output directory:
 * <pre>
 * run.yaml        the configuration used, every default filled in
 * truth/          the simulated stamps, PSF(s), truth.csv and truth.fits (see {@link Simulator})
 * models/         &lt;id&gt;.fits: the noiseless model of each truth row (what a perfect fit would reach)
 * fit.csv, fit.fits  the fitted catalogue (one row per stamp)
 * summary.json    machine-readable summary (counts, timings, device, checks, fit metrics)
 * summary.txt     the same in a few lines of text
 * </pre>
 *
 * <p>The checks close the loop through the files: the reduced χ² of each noisy stamp against its truth model under
 * the project's noise model should scatter around 1 (about ±sqrt(2/N_pix)), and the model's pixel sum is the
 * fraction of the total flux that falls on the stamp. Then every stamp is fitted (Levenberg–Marquardt, Poisson
 * likelihood, automatic guess) into fit.csv/fit.fits and the fits are scored against the truth (median bias, NMAD,
 * outlier fraction per parameter). Network estimates and the comparison report will join this job.
 */
public final class QuickstartRun {

    /** Stamps per renderBatch call when rendering the models. */
    static final int BATCH = 256;

    /** Largest tolerated departure of the median reduced χ² from 1 before the summary carries a warning. */
    static final double CHI2_WARN = 0.1;

    private final RunConfig cfg;
    private final Renderer renderer;
    private final String version;
    private final boolean progressBar;
    private final Consumer<String> log;

    /**
     * What the job did.
     *
     * @param output      the results directory
     * @param truthDir    the simulated truth set
     * @param modelDir    the noiseless models
     * @param summaryJson summary.json
     * @param summaryText summary.txt
     * @param count       stamps simulated
     * @param checked     stamps whose model and data were checked
     * @param problems    stamps that could not be checked, or failed a check (each also in the summary)
     * @param seconds     wall time of the job
     * @param device      the renderer's device description
     * @param warnings    check warnings (empty when all is well)
     */
    public record Result(Path output, Path truthDir, Path modelDir, Path summaryJson, Path summaryText, int count,
                         int checked, int problems, double seconds, String device, List<String> warnings) {}

    /**
     * A job for this configuration.
     *
     * @param renderer the renderer for the simulation and the models (not closed here)
     * @param version  the sersic4j version, for provenance
     * @param log      receives one line per step (e.g. to stderr), may be null
     */
    public QuickstartRun(RunConfig cfg, Renderer renderer, String version, Consumer<String> log) {
        this(cfg, renderer, version, log, false);
    }

    private QuickstartRun(RunConfig cfg, Renderer renderer, String version, Consumer<String> log, boolean progressBar) {
        this.cfg = cfg;
        this.renderer = renderer;
        this.version = version;
        this.log = log == null ? s -> { } : log;
        this.progressBar = progressBar;
    }

    /** A copy that shows (or hides) the simulator's progress bar on stderr. */
    public QuickstartRun withProgressBar(boolean on) {
        return new QuickstartRun(cfg, renderer, version, log, on);
    }

    /** Runs the job. File problems are {@link InvalidInputException}s naming the file. */
    public Result run() {
        long t0 = System.nanoTime();
        String started = Instant.now().toString();
        Path out = cfg.output();
        Path truthDir = out.resolve("truth"), modelDir = out.resolve("models");
        try {
            Files.createDirectories(modelDir);
            Files.writeString(out.resolve("run.yaml"), cfg.toYaml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(out, "cannot create the output directory (" + e.getMessage() + ")", e);
        }
        SimulationConfig sim = cfg.simulate();

        log.accept("simulating " + sim.count() + " stamps of " + sim.size() + "x" + sim.size() + " px into " + truthDir);
        Simulator.Summary simSummary = new Simulator(sim, renderer, truthDir).withProgress(progressBar).run();

        log.accept("rendering the truth models into " + modelDir);
        Checks checks = renderAndCheck(truthDir, modelDir, sim);

        log.accept("fitting every stamp (Levenberg-Marquardt, Poisson likelihood, automatic guess) into " + out.resolve("fit.csv"));
        FitStep fit = fitStamps(truthDir, out.resolve("fit.csv"), sim);

        double seconds = (System.nanoTime() - t0) * 1e-9;
        List<String> warnings = new ArrayList<>();
        double medChi2 = median(checks.chi2nu);
        if (checks.chi2nu.length > 0 && Math.abs(medChi2 - 1) > CHI2_WARN)
            warnings.add(String.format(Locale.ROOT, "median reduced chi2 of the stamps against their truth models is "
                    + "%.3f, expected about 1: the simulated noise and the noise model disagree", medChi2));
        if (checks.nonFinite > 0) warnings.add(checks.nonFinite + " non-finite pixel(s) in models or stamps");
        for (String p : checks.problems) warnings.add(p);

        Path json = out.resolve("summary.json"), text = out.resolve("summary.txt");
        ObjectNode root = summaryJson(started, seconds, sim, simSummary, checks, truthDir, modelDir, warnings);
        root.set("fit", new ObjectMapper().valueToTree(fit.summary));
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), root);
            Files.writeString(text, summaryText(seconds, sim, simSummary, checks, truthDir, modelDir, warnings) + fit.text,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(out, "cannot write the summary (" + e.getMessage() + ")", e);
        }
        return new Result(out, truthDir, modelDir, json, text, simSummary.count(), checks.checked,
                checks.problems.size(), seconds, renderer.deviceDescription(), List.copyOf(warnings));
    }

    /** The fit step's results: the JSON summary and its lines of text. */
    private record FitStep(Map<String, Object> summary, String text) {}

    /** Fits every stamp of the truth set, writes the catalogue and scores the fits against the truth. */
    private FitStep fitStamps(Path truthDir, Path catalogue, SimulationConfig sim) {
        List<StampTask> tasks = StampInputs.fromImages(List.of(truthDir), FitOptions.defaults());
        FitJob job = new FitJob(tasks, new LevenbergMarquardtFitter(), catalogue, null, false, 0, sim.zeropoint(),
                sim.pixelScale(), null, version, progressBar);
        List<String> failures = new ArrayList<>();
        FitJob.Outcome o = job.run(failures::add);
        Table truth = CatalogIO.readCsv(truthDir.resolve(TruthCatalog.CSV));
        Table fits = FitCatalog.readCsv(catalogue);
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < fits.rowCount(); i++) row.put(fits.getString(i, "id"), i);
        List<SersicParams> t = new ArrayList<>(), e = new ArrayList<>();
        double[] seconds = new double[truth.rowCount()];
        for (int r = 0; r < truth.rowCount(); r++) {
            t.add(galaxy(truth, r, ""));
            Integer i = row.get(truth.getString(r, "id"));
            boolean failed = i == null || (((Number) fits.get(i, "flags")).intValue() & FitFlags.FAILED) != 0;
            e.add(failed ? null : new SersicParams(fits.getDouble(i, "x0"), fits.getDouble(i, "y0"),
                    fits.getDouble(i, "flux"), fits.getDouble(i, "re"), fits.getDouble(i, "n"), fits.getDouble(i, "q"),
                    fits.getDouble(i, "pa")));
            seconds[r] = i == null ? Double.NaN : fits.getDouble(i, "time_s");
        }
        List<ParameterMetrics> metrics = Metrics.all(t, e, sim.zeropoint(), BootstrapSettings.seeded(sim.seed()));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("catalogue", catalogue.toString());
        summary.put("method", "lm");
        summary.put("fitted", o.fitted());
        summary.put("failed", o.failed());
        summary.put("wall_s", o.seconds());
        summary.put("median_s_per_fit", median(seconds));
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "fit:       %d stamps by Levenberg-Marquardt (Poisson) in %.2f s (median %.3f s per fit), %d failed -> %s%n",
                o.fitted(), o.seconds(), median(seconds), o.failed(), catalogue));
        for (ParameterMetrics m : metrics) {
            rows.add(m.toMap());
            b.append(String.format(Locale.ROOT, "           %-4s median bias %+.4f  NMAD %.4f  outliers %.3f%n",
                    m.parameter().column(), m.medianBias(), m.nmad(), m.outlierFraction()));
        }
        summary.put("metrics", rows);
        for (String f : failures) b.append("warning:   ").append(f).append('\n');
        return new FitStep(summary, b.toString());
    }

    /** Per-stamp check values. */
    private static final class Checks {
        double[] chi2nu = new double[0];
        double[] fluxInStamp = new double[0];
        double[] snr = new double[0];
        int checked;
        long nonFinite;
        double renderSeconds;
        final List<String> problems = new ArrayList<>();
    }

    /** Reads the truth catalogue and PSFs back, renders the models, writes them and compares them with the stamps. */
    private Checks renderAndCheck(Path truthDir, Path modelDir, SimulationConfig sim) {
        Table truth = CatalogIO.readCsv(truthDir.resolve(TruthCatalog.CSV));
        int rows = truth.rowCount(), size = sim.size();
        boolean blend = sim.blend().enabled();
        NoiseModel noise = sim.noise().model();
        Map<String, PixelPsf> psfCache = new HashMap<>();
        Checks c = new Checks();
        double[] chi2 = new double[rows], frac = new double[rows], snr = new double[rows];
        int k = 0;
        for (int start = 0; start < rows; start += BATCH) {
            int m = Math.min(BATCH, rows - start);
            List<SersicParams> params = new ArrayList<>(blend ? 2 * m : m);
            List<PixelPsf> psfs = new ArrayList<>(blend ? 2 * m : m);
            for (int r = start; r < start + m; r++) {
                params.add(galaxy(truth, r, ""));
                psfs.add(psf(truthDir, truth.getString(r, "psf"), psfCache));
            }
            if (blend) {
                for (int r = start; r < start + m; r++) {
                    params.add(galaxy(truth, r, "_2"));
                    psfs.add(psfs.get(r - start));
                }
            }
            long t = System.nanoTime();
            float[][] models = renderer.renderBatch(params, size, size, psfs, sim.renderSettings());
            c.renderSeconds += (System.nanoTime() - t) * 1e-9;
            for (int i = 0; i < m; i++) {
                int r = start + i;
                String id = truth.getString(r, "id");
                double[] model = new double[size * size];
                for (int p = 0; p < model.length; p++) model[p] = models[i][p] + (blend ? models[m + i][p] : 0);
                Image modelImage = new Image(size, size, model);
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("OBJECT", id);
                h.put("BUNIT", "ADU");
                h.put("NOISE", false);
                h.put("PSFFILE", "../truth/" + truth.getString(r, "psf"));
                h.put("RENDERER", renderer.deviceDescription());
                h.put("SERSIC4J", version);
                FitsImageWriter.write(modelDir.resolve(id + ".fits"), modelImage, h);

                Path stampFile = truthDir.resolve(truth.getString(r, "file"));
                Image data;
                try {
                    data = FitsImageFile.read(stampFile).image();
                } catch (RuntimeException e) {
                    c.problems.add(stampFile + ": " + e.getMessage());
                    continue;
                }
                if (data.width() != size || data.height() != size) {
                    c.problems.add(stampFile + ": " + data.width() + "x" + data.height() + " px, expected " + size + "x" + size);
                    continue;
                }
                c.nonFinite += data.countNonFinite() + modelImage.countNonFinite();
                double s = 0;
                for (int p = 0; p < model.length; p++) {
                    double d = data.pixels()[p] - model[p];
                    s += d * d / noise.variance(model[p]);
                }
                double totalFlux = truth.getDouble(r, "flux") + (blend ? truth.getDouble(r, "flux_2") : 0);
                chi2[k] = s / model.length;
                frac[k] = modelImage.sum() / totalFlux;
                snr[k] = truth.getDouble(r, "snr");
                k++;
            }
        }
        c.checked = k;
        c.chi2nu = Arrays.copyOf(chi2, k);
        c.fluxInStamp = Arrays.copyOf(frac, k);
        c.snr = Arrays.copyOf(snr, k);
        return c;
    }

    private static SersicParams galaxy(Table t, int r, String suffix) {
        return new SersicParams(t.getDouble(r, "x0" + suffix), t.getDouble(r, "y0" + suffix), t.getDouble(r, "flux" + suffix),
                t.getDouble(r, "re" + suffix), t.getDouble(r, "n" + suffix), t.getDouble(r, "q" + suffix), t.getDouble(r, "pa" + suffix));
    }

    /** The simulator's PSF files contain the pixel response (effective PSFs). */
    private static PixelPsf psf(Path dir, String name, Map<String, PixelPsf> cache) {
        return cache.computeIfAbsent(name, n -> PsfFiles.read(dir.resolve(n), true));
    }

    private ObjectNode summaryJson(String started, double seconds, SimulationConfig sim, Simulator.Summary s, Checks c,
                                   Path truthDir, Path modelDir, List<String> warnings) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("job", "quickstart");
        root.put("sersic4j_version", version);
        if (cfg.file() != null) root.put("config", cfg.file().toString());
        root.put("output", cfg.output().toString());
        root.put("started", started);
        root.put("seconds", seconds);
        root.put("device", renderer.deviceDescription());
        ObjectNode so = root.putObject("simulate");
        so.put("count", s.count());
        so.put("seed", sim.seed());
        so.put("size", sim.size());
        so.put("pixel_scale", sim.pixelScale());
        so.put("psf_mode", sim.psf().mode().name().toLowerCase(Locale.ROOT));
        so.put("blend", sim.blend().enabled());
        so.put("seconds", s.seconds());
        so.put("directory", truthDir.toString());
        so.put("truth_csv", truthDir.resolve(TruthCatalog.CSV).toString());
        so.put("truth_fits", truthDir.resolve(TruthCatalog.FITS).toString());
        ObjectNode ro = root.putObject("render");
        ro.put("count", c.checked);
        ro.put("seconds", c.renderSeconds);
        ro.put("stamps_per_s", c.renderSeconds > 0 ? c.checked / c.renderSeconds : Double.NaN);
        ro.put("oversample", sim.renderSettings().oversample());
        ro.put("tolerance", sim.renderSettings().tolerance());
        ro.put("directory", modelDir.toString());
        ObjectNode ch = root.putObject("checks");
        ch.put("stamps_checked", c.checked);
        stats(ch.putObject("chi2nu_stamp_vs_truth_model"), c.chi2nu);
        stats(ch.putObject("flux_fraction_in_stamp"), c.fluxInStamp);
        stats(ch.putObject("snr"), c.snr);
        ch.put("non_finite_pixels", c.nonFinite);
        root.putPOJO("warnings", warnings);
        root.put("next", "fitting and estimator comparison will be added to this job");
        return root;
    }

    private static void stats(ObjectNode o, double[] v) {
        o.put("median", median(v));
        o.put("p16", percentile(v, 16));
        o.put("p84", percentile(v, 84));
        o.put("min", percentile(v, 0));
        o.put("max", percentile(v, 100));
    }

    private String summaryText(double seconds, SimulationConfig sim, Simulator.Summary s, Checks c, Path truthDir,
                               Path modelDir, List<String> warnings) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "sersic4j %s quickstart run (%s)%n", version, cfg.file() == null ? "config in code" : cfg.file()));
        b.append(String.format(Locale.ROOT, "device:    %s%n", renderer.deviceDescription()));
        b.append(String.format(Locale.ROOT, "simulated: %d stamps of %dx%d px, seed %d, in %.2f s -> %s%n", s.count(), sim.size(),
                sim.size(), sim.seed(), s.seconds(), truthDir));
        b.append(String.format(Locale.ROOT, "models:    %d noiseless truth models in %.2f s -> %s%n", c.checked, c.renderSeconds, modelDir));
        b.append(String.format(Locale.ROOT, "check:     reduced chi2 of stamp vs truth model: median %.3f (16-84%%: %.3f-%.3f), expected ~1%n",
                median(c.chi2nu), percentile(c.chi2nu, 16), percentile(c.chi2nu, 84)));
        b.append(String.format(Locale.ROOT, "           flux fraction inside the stamp: median %.4f, min %.4f; S/N median %.1f (%.1f-%.1f)%n",
                median(c.fluxInStamp), percentile(c.fluxInStamp, 0), median(c.snr), percentile(c.snr, 0), percentile(c.snr, 100)));
        for (String w : warnings) b.append("warning:   ").append(w).append('\n');
        b.append(String.format(Locale.ROOT, "total:     %.2f s%n", seconds));
        return b.toString();
    }

    static double median(double[] v) {
        return percentile(v, 50);
    }

    /** Linear-interpolated percentile (0 … 100); NaN for no values. */
    static double percentile(double[] v, double pct) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = pct / 100.0 * (s.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
