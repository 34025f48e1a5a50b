package org.sersic4j.validation.components;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.components.ComponentMetrics;
import org.sersic4j.compare.components.ModelSelection;
import org.sersic4j.fit.BatchFitter;
import org.sersic4j.fit.FitRunner;
import org.sersic4j.fit.FitSettings;
import org.sersic4j.fit.LevenbergMarquardtFitter;
import org.sersic4j.fit.ModelSpec;
import org.sersic4j.fit.NeighbourPolicy;
import org.sersic4j.fit.io.FitCatalog;
import org.sersic4j.fit.io.FitOptions;
import org.sersic4j.fit.io.StampInputs;
import org.sersic4j.fit.io.StampTask;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.sim.SimulationConfig;
import org.sersic4j.render.sim.Simulator;
import org.sersic4j.validation.fit.FitJob;

/**
 * The multi-component campaign: a bulge+disc truth set and a one-Sérsic set of the same ranges (so the same S/N),
 * each fitted with one Sérsic and with bulge+disc; pairs of galaxies fitted with the neighbour masked and fitted
 * together; the real KiDS galaxies fitted with one Sérsic and with bulge+disc and their neighbours. Everything goes
 * under the output directory ({@code bulge-disc/}, {@code sersic/}, {@code pairs/}, {@code kids/}, each with its
 * {@code truth/} and catalogues); the scores are computed by {@link ComponentMetrics}, {@link ModelSelection} and
 * {@link PairScores}. Catalogues already complete are reused, so a killed campaign resumes where it stopped.
 *
 * @param bulgeDisc the bulge+disc simulation configuration (its {@code model:} section removed gives the one-Sérsic set)
 * @param pairs     the pairs simulation configuration (one neighbour a stamp, with segmentation maps)
 * @param count     stamps per set (0: as the configurations say)
 * @param kids      the real galaxies' manifest, or null to leave them out
 * @param kidsNeighbours neighbours fitted with each real galaxy
 * @param threads   fits at once (0: every core)
 * @param seed      the bootstrap's seed
 * @param out       the output directory
 */
public record ComponentsCampaign(Path bulgeDisc, Path pairs, int count, Path kids, int kidsNeighbours, int threads,
                                 long seed, Path out) {

    /** The catalogues of one simulated set. */
    public record Set(String name, Path truthDir, Table truth, Map<String, Table> fits, Map<String, Double> seconds) {}

    /** What the campaign measured. */
    public record Outcome(Set bulgeDisc, Set single, Set pairs, Set kids, Map<String, Object> summary) {}

    /** Runs every step; {@code log} gets one line per step. */
    public Outcome run(Consumer<String> log) throws IOException {
        Files.createDirectories(out);
        SimulationConfig bd = SimulationConfig.load(bulgeDisc);
        SimulationConfig pr = SimulationConfig.load(pairs);
        if (count > 0) {
            bd = bd.withCount(count);
            pr = pr.withCount(count);
        }
        Set twoSet = simulated("bulge-disc", bd, log);
        fit(twoSet, "sersic", ModelSpec.SERSIC, NeighbourPolicy.MASK, null, log);
        fit(twoSet, "bulge+disc", ModelSpec.named("bulge+disc"), NeighbourPolicy.MASK, null, log);
        Set oneSet = simulated("sersic", bd.withModel(null), log);
        fit(oneSet, "sersic", ModelSpec.SERSIC, NeighbourPolicy.MASK, null, log);
        fit(oneSet, "bulge+disc", ModelSpec.named("bulge+disc"), NeighbourPolicy.MASK, null, log);
        Set pairSet = simulated("pairs", pr, log);
        Path manifest = PairScores.manifest(pairSet.truth(), pairSet.truthDir());
        fit(pairSet, "masked", ModelSpec.SERSIC, NeighbourPolicy.MASK, manifest, log);
        fit(pairSet, "together", ModelSpec.SERSIC, new NeighbourPolicy(1, 6), manifest, log);
        Set kidsSet = null;
        if (kids != null) {
            kidsSet = new Set("kids", kids.getParent(), null, new LinkedHashMap<>(), new LinkedHashMap<>());
            fit(kidsSet, "sersic", ModelSpec.SERSIC, NeighbourPolicy.MASK, kids, log);
            fit(kidsSet, "bulge+disc", ModelSpec.named("bulge+disc"),
                    kidsNeighbours > 0 ? new NeighbourPolicy(kidsNeighbours, NeighbourPolicy.FIT.reach()) : NeighbourPolicy.MASK,
                    kids, log);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("campaign", "components");
        String truthCsv = twoSet.truthDir().resolve("truth.csv").toString();
        BootstrapSettings boot = BootstrapSettings.seeded(seed);
        List<Map<String, Object>> bdMetrics = new ArrayList<>(ComponentMetrics.score(twoSet.truth(), truthCsv, "bulge+disc",
                twoSet.fits().get("bulge+disc"), boot));
        bdMetrics.addAll(ComponentMetrics.score(twoSet.truth(), truthCsv, "sersic", twoSet.fits().get("sersic"), boot));
        Map<String, Object> bdScores = new LinkedHashMap<>();
        bdScores.put("stamps", twoSet.truth().rowCount());
        bdScores.put("metrics", bdMetrics);
        summary.put("bulge_disc", bdScores);
        summary.put("truth_snr", snrRange(twoSet.truth()));
        summary.put("selection_bulge_disc", ModelSelection.score(twoSet.truth(), candidates(twoSet)));
        summary.put("selection_sersic", ModelSelection.score(oneSet.truth(), candidates(oneSet)));
        summary.put("pairs", PairScores.score(pairSet.truth(), pairSet.fits().get("masked"), pairSet.fits().get("together"),
                seed));
        if (kidsSet != null) summary.put("kids", KidsTable.rows(kidsSet.fits().get("sersic"), kidsSet.fits().get("bulge+disc")));
        Map<String, Object> speed = new LinkedHashMap<>();
        speed.put("threads", threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
        for (Set s : new Set[] {twoSet, oneSet}) {
            for (Map.Entry<String, Table> e : s.fits().entrySet())
                speed.put(s.name() + "/" + e.getKey() + "_median_s_per_fit", medianTime(e.getValue()));
        }
        summary.put("speed", speed);
        return new Outcome(twoSet, oneSet, pairSet, kidsSet, summary);
    }

    private Set simulated(String name, SimulationConfig cfg, Consumer<String> log) throws IOException {
        Path dir = out.resolve(name).resolve("truth");
        Path csv = dir.resolve("truth.csv");
        boolean complete = Files.exists(dir.resolve("truth.fits")) && CatalogIO.readCsv(csv).rowCount() == cfg.count();
        if (!complete) {
            log.accept("simulating " + cfg.count() + " stamps of the " + name + " set into " + dir);
            try (Renderer r = Renderers.create(cfg.device().name().toLowerCase(java.util.Locale.ROOT))) {
                new Simulator(cfg, r, dir).withProgress(System.console() != null).run();
            }
        } else {
            log.accept("reusing the " + name + " set in " + dir);
        }
        return new Set(name, dir, CatalogIO.readCsv(csv), new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /** Fits a set's stamps (or a manifest's) with one model into {@code <set>/<label>.csv}, resuming a partial one. */
    private void fit(Set set, String label, ModelSpec spec, NeighbourPolicy neighbours, Path manifest, Consumer<String> log) {
        Path dir = out.resolve(set.name());
        Path csv = dir.resolve(label.replace('+', '_') + ".csv");
        Path psf = set.truthDir().resolve("psf.fits");
        FitOptions.Builder ob = FitOptions.builder().model(spec).neighbours(neighbours).settings(FitSettings.RENDER);
        if (manifest == null || !set.name().equals("kids")) ob.psf(psf);
        FitOptions o = ob.build();
        List<StampTask> tasks = manifest != null ? StampInputs.fromManifest(manifest, o)
                : StampInputs.fromImages(List.of(set.truthDir()), o);
        long t0 = System.nanoTime();
        log.accept("fitting " + tasks.size() + " stamps of the " + set.name() + " set with " + label);
        FitRunner runner = new BatchFitter(new LevenbergMarquardtFitter(), threads, System.console() != null);
        FitJob job = new FitJob(tasks, runner, "lm", csv, set.name().equals("kids") ? dir.resolve("blocks-" + label.replace('+', '_')) : null,
                true, 30, 0.2, null, "campaign", FitCatalog.layout(spec));
        job.run(line -> log.accept("  " + line));
        set.fits().put(label, FitCatalog.readCsv(csv));
        set.seconds().put(label, (System.nanoTime() - t0) / 1e9);
    }

    /** A set's one-Sérsic and bulge+disc catalogues, the candidates of model selection. */
    private static Map<String, Table> candidates(Set set) {
        Map<String, Table> c = new LinkedHashMap<>();
        c.put("sersic", set.fits().get("sersic"));
        c.put("bulge+disc", set.fits().get("bulge+disc"));
        return c;
    }

    private static Map<String, Object> snrRange(Table truth) {
        double[] s = new double[truth.rowCount()];
        for (int i = 0; i < s.length; i++) s[i] = truth.getDouble(i, "snr");
        java.util.Arrays.sort(s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", s[0]);
        m.put("median", s[s.length / 2]);
        m.put("max", s[s.length - 1]);
        return m;
    }

    private static double medianTime(Table t) {
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            double x = t.getDouble(i, "time_s");
            if (Double.isFinite(x)) v.add(x);
        }
        if (v.isEmpty()) return Double.NaN;
        v.sort(null);
        return v.get(v.size() / 2);
    }
}
