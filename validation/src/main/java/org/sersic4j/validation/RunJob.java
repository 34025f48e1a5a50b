package org.sersic4j.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.sersic4j.compare.Estimator;
import org.sersic4j.compare.result.ComparisonResult;
import org.sersic4j.compare.run.TruthSet;
import org.sersic4j.compare.run.TruthSetReader;
import org.sersic4j.render.Renderer;
import org.sersic4j.io.AtomicWrite;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.sim.SimulationConfig;
import org.sersic4j.render.sim.Simulator;
import org.sersic4j.validation.compare.ComparisonJob;
import org.sersic4j.validation.compare.EstimatorSet;
import org.sersic4j.validation.compare.Network;
import org.sersic4j.validation.compare.RealStamps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sersic4j.io.JsonOutput;

/**
 * The main job behind {@code sersic4j run}: the network against classical fits. It simulates a truth set, runs the
 * configuration's estimators on it (by default the CNN, Levenberg–Marquardt from the automatic guess, and
 * Levenberg–Marquardt started from the CNN's answer) and on real galaxies, scores every answer against the truth and
 * the data, and writes the report.
 *
 * <p>Layout of the output directory:
 * <pre>
 * run.yaml          the configuration used, every default filled in
 * truth/            the simulated stamps, PSF, truth.csv and truth.fits (see {@link Simulator})
 * catalogs/         &lt;estimator&gt;.csv/.fits per estimator, &lt;estimator&gt;_real.csv/.fits on the real galaxies
 * report.html       the comparison report (one self-contained page)
 * summary.json      the comparison's machine-readable summary, with a "run" section (timings, inputs, provenance)
 * summary.txt       a few lines: what ran, how long each part took, one line per estimator
 * </pre>
 *
 * <p>The network is loaded, and the real galaxies read, before anything is simulated, so that a missing model or
 * manifest fails at once.
 */
public final class RunJob {
    private final RunConfig cfg;
    private final Renderer renderer;
    private final String version;
    private final InputPaths inputs;
    private final boolean progress;
    private final Consumer<String> log;
    private ComparisonJob.Preface preface;

    /**
     * What the job did.
     *
     * @param output      the results directory
     * @param truthDir    the simulated truth set
     * @param report      report.html
     * @param summaryJson summary.json
     * @param summaryText summary.txt
     * @param count       stamps simulated
     * @param real        real galaxies compared
     * @param problems    real galaxies that could not be read (each also a warning)
     * @param seconds     wall time of the job
     * @param lines       one line per estimator (truth set, then real galaxies)
     * @param warnings    what went wrong without stopping the job
     * @param comparison  everything the comparison produced (truth, answers, scores, metrics)
     */
    public record Result(Path output, Path truthDir, Path report, Path summaryJson, Path summaryText, int count, int real,
                         int problems, double seconds, List<String> lines, List<String> warnings, ComparisonResult comparison) {}

    /**
     * A job for this configuration.
     *
     * @param renderer the renderer of the simulation (not closed here)
     * @param version  the sersic4j version, for provenance
     * @param inputs   where relative input paths of the configuration are looked up
     * @param progress progress bars on stderr
     * @param log      receives one line per step (e.g. to stderr), may be null
     */
    public RunJob(RunConfig cfg, Renderer renderer, String version, InputPaths inputs, boolean progress, Consumer<String> log) {
        this.cfg = cfg;
        this.renderer = renderer;
        this.version = version;
        this.inputs = inputs;
        this.progress = progress;
        this.log = log == null ? s -> { } : log;
    }

    /**
     * This job with the report opening on {@code preface}'s sections, made once the comparison is done (a campaign's
     * claims, say); null for none.
     */
    public RunJob withPreface(ComparisonJob.Preface preface) {
        this.preface = preface;
        return this;
    }

    /** Runs the job. File problems are {@link InvalidInputException}s naming the file. */
    public Result run() {
        long t0 = System.nanoTime();
        String started = Instant.now().toString();
        Path out = cfg.output(), truthDir = out.resolve("truth");
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new InvalidInputException(out, "cannot create the output directory (" + e.getMessage() + ")", e);
        }
        AtomicWrite.writeString(out.resolve("run.yaml"), cfg.toYaml());
        List<String> warnings = new ArrayList<>();
        Path model = cfg.model() == null ? null : input("model", cfg.model());
        Network network = new Network(model, cfg.mcSamples(), "'model:' in the run configuration", log);
        EstimatorSet set = new EstimatorSet(network, cfg.threads(), line -> log.accept("fit: " + line), cfg.fitDevice());
        for (String name : cfg.estimators()) set.add(name);
        List<Estimator> estimators = set.list();
        Path manifest = realManifest(warnings);
        RealStamps.Loaded real = manifest == null ? RealStamps.Loaded.NONE : RealStamps.fromManifest(manifest);
        warnings.addAll(real.problems());
        if (manifest != null) log.accept(real.stamps().size() + " real galaxies from " + manifest);

        SimulationConfig sim = cfg.simulate();
        log.accept("simulating " + sim.count() + " stamps of " + sim.size() + "x" + sim.size() + " px into " + truthDir);
        Simulator.Summary simulated = new Simulator(sim, renderer, truthDir).withProgress(progress).run();
        TruthSet truth = TruthSetReader.read(truthDir);

        log.accept("comparing " + String.join(", ", cfg.estimators()) + " on " + truth.size() + " stamps"
                + (real.stamps().isEmpty() ? "" : " and " + real.stamps().size() + " real galaxies"));
        ComparisonJob.Outcome o = new ComparisonJob(ComparisonJob.settings(out, title(truth.size(), real.stamps().size()),
                cfg.bootstrap(), sim.seed(), cfg.threads(), progress, version), log).run(truth, estimators, real.stamps(), preface);
        double seconds = (System.nanoTime() - t0) * 1e-9;

        Path text = out.resolve("summary.txt");
        List<String> lines = o.lines();
        addRunSection(o.summaryJson(), started, seconds, simulated, o, manifest, real, warnings);
        writeText(text, summaryText(seconds, simulated, truthDir, manifest, real, o, lines, warnings));
        return new Result(out, truthDir, o.report(), o.summaryJson(), text, simulated.count(), real.stamps().size(),
                real.problems().size(), seconds, lines, List.copyOf(warnings), o.result());
    }

    /** The real galaxies' manifest, or null for none; a missing default is a warning, a missing named file an error. */
    private Path realManifest(List<String> warnings) {
        if (!cfg.hasReal()) return null;
        if (cfg.realGiven()) return input("real", cfg.real());
        Path found = inputs.find(cfg.real());
        if (found == null)
            warnings.add("no real galaxies: the default manifest " + inputs.describe(cfg.real()) + " does not exist "
                    + "(name one with 'real:', or write 'real: none')");
        return found;
    }

    /** A named input file of the configuration, found by {@link InputPaths}, or an error naming the key. */
    private Path input(String key, Path p) {
        Path found = inputs.find(p);
        if (found == null) {
            Path where = cfg.file() != null ? cfg.file() : p;
            throw new InvalidInputException(where, key + ": no such file: " + inputs.describe(p));
        }
        return found;
    }

    private String title(int stamps, int real) {
        String name = cfg.file() == null || cfg.file().getFileName() == null ? "run" : cfg.file().getFileName().toString();
        return "sersic4j run " + name + ": " + String.join(", ", cfg.estimators()) + " on " + stamps + " simulated stamps"
                + (real > 0 ? " and " + real + " real galaxies" : "");
    }

    /** Puts a {@code run} section (inputs, timings, provenance, warnings) first in the comparison's summary.json. */
    private void addRunSection(Path json, String started, double seconds, Simulator.Summary s, ComparisonJob.Outcome o,
                               Path manifest, RealStamps.Loaded real, List<String> warnings) {
        ObjectMapper mapper = JsonOutput.MAPPER;
        ObjectNode root = mapper.createObjectNode();
        ObjectNode run = root.putObject("run");
        run.put("job", "run");
        run.put("sersic4j_version", version);
        if (cfg.file() != null) run.put("config", cfg.file().toString());
        run.put("run_yaml", "run.yaml");
        run.put("output", cfg.output().toString());
        run.put("started", started);
        run.put("renderer", renderer.deviceDescription());
        run.putPOJO("estimators", cfg.estimators());
        run.put("model", cfg.model() == null ? "shipped" : cfg.model().toString());
        run.put("mc_samples", cfg.mcSamples());
        ObjectNode so = run.putObject("simulate");
        SimulationConfig sim = cfg.simulate();
        so.put("count", s.count());
        so.put("seed", sim.seed());
        so.put("size", sim.size());
        so.put("pixel_scale", sim.pixelScale());
        so.put("directory", "truth");
        ObjectNode ro = run.putObject("real");
        ro.put("manifest", manifest == null ? null : manifest.toString());
        ro.put("galaxies", real.stamps().size());
        ro.put("unreadable", real.problems().size());
        ObjectNode t = run.putObject("seconds");
        t.put("simulate", s.seconds());
        t.put("compare", o.compareSeconds());
        t.put("report", o.reportSeconds());
        t.put("total", seconds);
        run.putPOJO("warnings", warnings);
        try {
            ObjectNode comparison = (ObjectNode) mapper.readTree(json.toFile());
            root.setAll(comparison);
            JsonOutput.write(json, root);
        } catch (IOException | ClassCastException e) {
            throw new InvalidInputException(json, "cannot add the run's section to the summary (" + e.getMessage() + ")", e);
        }
    }

    private String summaryText(double seconds, Simulator.Summary s, Path truthDir, Path manifest, RealStamps.Loaded real,
                               ComparisonJob.Outcome o, List<String> lines, List<String> warnings) {
        SimulationConfig sim = cfg.simulate();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "sersic4j %s run (%s)%n", version, cfg.file() == null ? "configuration in code" : cfg.file()));
        b.append(String.format(Locale.ROOT, "simulated: %d stamps of %dx%d px, seed %d, in %.1f s on %s -> %s%n", s.count(),
                sim.size(), sim.size(), sim.seed(), s.seconds(), renderer.deviceDescription(), truthDir));
        if (manifest != null) b.append(String.format(Locale.ROOT, "real:      %d galaxies from %s%n", real.stamps().size(), manifest));
        b.append(String.format(Locale.ROOT, "compared:  %s in %.1f s -> %s%n", String.join(", ", cfg.estimators()),
                o.compareSeconds(), cfg.output().resolve("catalogs")));
        for (String l : lines) b.append("           ").append(l).append('\n');
        b.append(String.format(Locale.ROOT, "report:    %s (%.1f s), %s%n", o.report(), o.reportSeconds(), o.summaryJson()));
        for (String w : warnings) b.append("warning:   ").append(w).append('\n');
        b.append(String.format(Locale.ROOT, "total:     %.1f s%n", seconds));
        return b.toString();
    }

    private static void writeText(Path file, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicWrite.write(file, w -> w.write(bytes));
    }
}
