package org.sersic4j.compare.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.ToDoubleFunction;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.Estimator;
import org.sersic4j.compare.ParallelStamps;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.components.ComponentView;
import org.sersic4j.compare.result.BinnedMetrics;
import org.sersic4j.compare.result.ComparisonResult;
import org.sersic4j.compare.result.DataScore;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.compare.result.EstimatorMetrics;
import org.sersic4j.compare.result.EstimatorRun;
import org.sersic4j.compare.result.GalleryEntry;
import org.sersic4j.compare.result.RealGalaxyRow;
import org.sersic4j.compare.result.TruthRow;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitSettings;
import org.sersic4j.fit.io.CatalogProvenance;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.io.Table;

/**
 * Runs estimators on a truth set and judges them on one footing: each estimator's answers are scored against the data
 * ({@link DataScorer}) and the truth (parameter metrics with bootstrap intervals, timing, flags), over the whole set
 * and in bins of S/N and of n; a few stamps per estimator are picked for the gallery; optionally real galaxies are
 * estimated and scored against their data alone.
 *
 * <p>Into the output directory (when one is set) go {@code catalogs/<estimator>.csv} and {@code .fits} (the columns
 * of {@code sersic4j fit}'s catalogue, written as soon as that estimator has finished, so an interrupted comparison
 * keeps every finished estimator's answers), {@code catalogs/<estimator>_real.csv} and {@code .fits} for real
 * galaxies, and at the end {@link SummaryJson#FILE}.
 */
public final class ComparisonRun {
    /** The subdirectory of the output directory holding the catalogues. */
    public static final String CATALOG_DIR = "catalogs";

    /** Up to this many real galaxies, the gallery shows every one of them with every estimator's model. */
    public static final int REAL_GALLERY_ALL = 20;

    /**
     * How a comparison runs.
     *
     * @param title      heading of the report
     * @param out        output directory (created if missing), or null to write nothing
     * @param bootstrap  resamples and seed of the metrics' intervals (the seed is also written into the catalogues)
     * @param threads    stamps scored at once (≤ 0: every core); estimators bring their own thread counts
     * @param progress   show a progress bar per estimator on stderr
     * @param version    sersic4j version for the catalogues' provenance
     * @param snrEdges   S/N bin edges, increasing: bin k is [edge k, edge k+1); the last may be +∞
     * @param nEdges     Sérsic-index bin edges, likewise
     * @param worstCases highest-χ²ν stamps shown per estimator in the gallery
     */
    public record Settings(String title, Path out, BootstrapSettings bootstrap, int threads, boolean progress,
                           String version, List<Double> snrEdges, List<Double> nEdges, int worstCases) {

        /**
         * Default S/N bins [0, 20), [20, 50), [50, 100), [100, ∞): below 20 fits start to lose the profile's shape, by
         * 100 every method should be at its best; the edges split the simulator's default ranges into bins of
         * comparable counts.
         */
        public static final List<Double> SNR_EDGES = List.of(0.0, 20.0, 50.0, 100.0, Double.POSITIVE_INFINITY);
        /** Default n bins [0, 1), [1, 2), [2, 3), [3, ∞): discs, intermediate, and spheroid-like profiles. */
        public static final List<Double> N_EDGES = List.of(0.0, 1.0, 2.0, 3.0, Double.POSITIVE_INFINITY);
        /** Default number of worst cases shown per estimator. */
        public static final int WORST_CASES = 3;

        /** Checks the values. */
        public Settings {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(bootstrap, "bootstrap");
            Objects.requireNonNull(version, "version");
            snrEdges = checkEdges(snrEdges, "S/N");
            nEdges = checkEdges(nEdges, "n");
            if (worstCases < 0) throw new IllegalArgumentException("worst cases must be >= 0 (got " + worstCases + ")");
        }

        /** The defaults: writing into {@code out}, 1000 bootstrap resamples from {@code seed}, no progress bars. */
        public static Settings defaults(Path out, long seed) {
            return new Settings("sersic4j comparison", out, BootstrapSettings.seeded(seed), 0, false,
                    CatalogProvenance.packageVersion(), SNR_EDGES, N_EDGES, WORST_CASES);
        }

        /** A copy with another title. */
        public Settings withTitle(String t) {
            return new Settings(t, out, bootstrap, threads, progress, version, snrEdges, nEdges, worstCases);
        }

        /** A copy with progress bars on or off. */
        public Settings withProgress(boolean on) {
            return new Settings(title, out, bootstrap, threads, on, version, snrEdges, nEdges, worstCases);
        }

        /** A copy with another bootstrap. */
        public Settings withBootstrap(BootstrapSettings b) {
            return new Settings(title, out, b, threads, progress, version, snrEdges, nEdges, worstCases);
        }

        /** A copy with another version for provenance. */
        public Settings withVersion(String v) {
            return new Settings(title, out, bootstrap, threads, progress, v, snrEdges, nEdges, worstCases);
        }

        /** A copy scoring on {@code n} threads (≤ 0: every core). */
        public Settings withThreads(int n) {
            return new Settings(title, out, bootstrap, n, progress, version, snrEdges, nEdges, worstCases);
        }

        private static List<Double> checkEdges(List<Double> edges, String what) {
            if (edges == null || edges.size() < 2) throw new IllegalArgumentException(what + " bins need at least two edges");
            for (int i = 1; i < edges.size(); i++)
                if (!(edges.get(i) > edges.get(i - 1)))
                    throw new IllegalArgumentException(what + " bin edges must increase: " + edges);
            return List.copyOf(edges);
        }
    }

    /** Real galaxies estimated and scored against their data: one row per galaxy and estimator, and their gallery. */
    public record RealScores(List<RealGalaxyRow> rows, List<GalleryEntry> gallery) {}

    /** One estimator's answers on some stamps, their scores, and the wall time of the call. */
    private record Outcome(EstimatorRun run, double wallSeconds) {}

    private final Settings settings;
    private final Consumer<String> log;
    private final DataScorer scorer = new DataScorer();

    /** A comparison with these settings, saying nothing as it goes. */
    public ComparisonRun(Settings settings) {
        this(settings, line -> { });
    }

    /** A comparison with these settings; {@code log} receives one line as each estimator finishes. */
    public ComparisonRun(Settings settings, Consumer<String> log) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Compares the estimators on the truth set (no real galaxies). */
    public ComparisonResult run(TruthSet set, List<Estimator> estimators) {
        return run(set, estimators, List.of());
    }

    /**
     * Compares the estimators on the truth set, and estimates and scores {@code real} galaxies (may be empty) with each
     * of them. Estimators run one after the other, in the given order; each one's catalogue is written as it finishes.
     */
    public ComparisonResult run(TruthSet set, List<Estimator> estimators, List<StampInput> real) {
        checkNames(estimators);
        Path catalogs = catalogDir();
        List<EstimatorRun> runs = new ArrayList<>();
        Map<String, RunMetrics.Throughput> throughput = new HashMap<>();
        Map<String, Map<String, Object>> about = new LinkedHashMap<>();
        for (Estimator e : estimators) {
            Outcome o = execute(e, set.stamps());
            runs.add(o.run());
            RunMetrics.Throughput t = RunMetrics.Throughput.of(o.run().estimates(), o.wallSeconds(), e.timedHere());
            throughput.put(e.name(), t);
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("description", e.description());
            a.put("wall_s", o.wallSeconds());
            a.put("timed_here", e.timedHere());
            if (catalogs != null) {
                String stem = CatalogueOutput.stem(e.name());
                CatalogueOutput.write(catalogs, stem, e.name(), set.stamps(), o.run().estimates(), o.run().scores(),
                        settings.version(), settings.bootstrap().seed());
                a.put("catalog", CATALOG_DIR + "/" + stem + ".csv");
                a.put("catalog_fits", CATALOG_DIR + "/" + stem + ".fits");
            }
            about.put(e.name(), a);
            log.accept(summaryLine(e.name(), o, set.size()));
        }
        RealScores realScores = scoreReal(real, estimators);
        List<TruthRow> truth = set.truth();
        int[] all = new int[truth.size()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        List<EstimatorMetrics> metrics = new ArrayList<>();
        for (EstimatorRun r : runs)
            metrics.add(RunMetrics.of(truth, r, all, settings.bootstrap(), throughput.get(r.estimator())));
        List<BinnedMetrics> bins = new ArrayList<>();
        bins.addAll(bins("snr", settings.snrEdges(), TruthRow::snr, truth, runs, throughput));
        bins.addAll(bins("n", settings.nEdges(), t -> t.truth().n(), truth, runs, throughput));
        GalleryPicker picker = new GalleryPicker(scorer, settings.worstCases());
        List<GalleryEntry> gallery = new ArrayList<>();
        for (EstimatorRun r : runs) gallery.addAll(picker.pick(set.stamps(), r, truth));
        ComparisonResult result = new ComparisonResult(settings.title(), truth, runs, metrics, bins, gallery,
                realScores.rows(), realScores.gallery(), notes(set, estimators, real.size()),
                components(set, estimators, runs));
        if (settings.out() != null) SummaryJson.write(settings.out().resolve(SummaryJson.FILE), result, about);
        return result;
    }

    /**
     * The multi-component view where the truth set's catalogue describes its stamps component by component (else
     * null): catalogues read elsewhere are scored on every column they have, estimators run here on their total flux.
     */
    private Map<String, Object> components(TruthSet set, List<Estimator> estimators, List<EstimatorRun> runs) {
        if (set.directory() == null) return null;
        Path csv = set.directory().resolve("truth.csv");
        if (!Files.isRegularFile(csv)) return null;
        Table truth = CatalogIO.readCsv(csv);
        if (!ComponentView.applies(truth)) return null;
        Map<String, Table> tables = new LinkedHashMap<>();
        for (int k = 0; k < estimators.size(); k++) {
            Table t = estimators.get(k).catalogue();
            if (t == null) {
                List<Estimate> est = runs.get(k).estimates();
                List<String> ids = new ArrayList<>();
                double[] flux = new double[est.size()];
                int[] flags = new int[est.size()];
                for (int i = 0; i < est.size(); i++) {
                    ids.add(est.get(i).id());
                    flux[i] = est.get(i).params() == null ? Double.NaN : est.get(i).params().flux();
                    flags[i] = est.get(i).flags() | (est.get(i).params() == null ? FitFlags.FAILED : 0);
                }
                t = ComponentView.fluxTable(ids, flux, flags);
            }
            tables.put(estimators.get(k).name(), t);
        }
        return ComponentView.of(truth, csv.toString(), tables, settings.bootstrap());
    }

    /**
     * Estimates and scores real galaxies (no truth) with each estimator: one row per galaxy and estimator, in
     * estimator-then-stamp order, and the gallery: every galaxy with each estimator's model, galaxy by galaxy, when
     * there are at most {@value #REAL_GALLERY_ALL}, else each estimator's typical and worst stamps by χ²ν. Writes
     * {@code catalogs/<estimator>_real.csv} and {@code .fits} when an output directory is set. Empty for no stamps.
     */
    public RealScores scoreReal(List<StampInput> real, List<Estimator> estimators) {
        if (real.isEmpty()) return new RealScores(List.of(), List.of());
        checkNames(estimators);
        Path catalogs = catalogDir();
        GalleryPicker picker = new GalleryPicker(scorer, settings.worstCases());
        List<RealGalaxyRow> rows = new ArrayList<>();
        List<List<GalleryEntry>> shown = new ArrayList<>();
        for (Estimator e : estimators) {
            Outcome o = execute(e, real);
            List<Estimate> est = o.run().estimates();
            for (int i = 0; i < real.size(); i++)
                rows.add(new RealGalaxyRow(real.get(i).id(), e.name(), est.get(i).params(),
                        o.run().scores().get(i).chi2nu(), est.get(i).flags()));
            if (catalogs != null)
                CatalogueOutput.write(catalogs, CatalogueOutput.stem(e.name()) + "_real", e.name(), real, est,
                        o.run().scores(), settings.version(), settings.bootstrap().seed());
            shown.add(real.size() <= REAL_GALLERY_ALL ? picker.all(real, o.run()) : picker.pick(real, o.run(), null));
            log.accept(summaryLine(e.name() + " (real)", o, real.size()));
        }
        return new RealScores(List.copyOf(rows), real.size() <= REAL_GALLERY_ALL ? byGalaxy(real, shown) : concat(shown));
    }

    /** The entries galaxy by galaxy, each galaxy's in estimator order. */
    private static List<GalleryEntry> byGalaxy(List<StampInput> real, List<List<GalleryEntry>> perEstimator) {
        List<GalleryEntry> out = new ArrayList<>();
        for (StampInput s : real)
            for (List<GalleryEntry> entries : perEstimator)
                for (GalleryEntry g : entries) if (g.id().equals(s.id())) out.add(g);
        return List.copyOf(out);
    }

    private static List<GalleryEntry> concat(List<List<GalleryEntry>> lists) {
        List<GalleryEntry> out = new ArrayList<>();
        for (List<GalleryEntry> l : lists) out.addAll(l);
        return List.copyOf(out);
    }

    /** Runs one estimator with a progress bar, checks its answers pair with the stamps, and scores them. */
    private Outcome execute(Estimator e, List<StampInput> stamps) {
        long t0 = System.nanoTime();
        List<Estimate> est;
        try (ProgressBar bar = settings.progress() ? bar(e.name(), stamps.size()) : null) {
            IntConsumer progress = bar == null ? done -> { } : bar::stepBy;
            est = List.copyOf(e.estimate(stamps, progress));
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        if (est.size() != stamps.size())
            throw new IllegalStateException("estimator " + e.name() + " returned " + est.size() + " estimates for "
                    + stamps.size() + " stamps");
        for (int i = 0; i < est.size(); i++)
            if (!stamps.get(i).id().equals(est.get(i).id()))
                throw new IllegalStateException("estimator " + e.name() + " answered '" + est.get(i).id() + "' for stamp '"
                        + stamps.get(i).id() + "'");
        List<DataScore> scores = ParallelStamps.map(stamps.size(), settings.threads(),
                i -> scorer.score(stamps.get(i), est.get(i).params()), done -> { });
        return new Outcome(new EstimatorRun(e.name(), est, List.copyOf(scores)), wall);
    }

    private List<BinnedMetrics> bins(String by, List<Double> edges, ToDoubleFunction<TruthRow> value, List<TruthRow> truth,
                                     List<EstimatorRun> runs, Map<String, RunMetrics.Throughput> throughput) {
        List<BinnedMetrics> out = new ArrayList<>();
        for (int b = 0; b + 1 < edges.size(); b++) {
            double lo = edges.get(b), hi = edges.get(b + 1);
            List<Integer> in = new ArrayList<>();
            for (int i = 0; i < truth.size(); i++) {
                double v = value.applyAsDouble(truth.get(i));
                if (v >= lo && v < hi) in.add(i);
            }
            if (in.isEmpty()) continue;
            int[] rows = in.stream().mapToInt(Integer::intValue).toArray();
            List<EstimatorMetrics> m = new ArrayList<>();
            for (EstimatorRun r : runs)
                m.add(RunMetrics.of(truth, r, rows, settings.bootstrap(), throughput.get(r.estimator())));
            out.add(new BinnedMetrics(by, lo, hi, rows.length, List.copyOf(m)));
        }
        return out;
    }

    private List<String> notes(TruthSet set, List<Estimator> estimators, int real) {
        List<String> n = new ArrayList<>();
        n.add("truth set: " + set.directory() + " (" + set.size() + " stamps)" + (real > 0 ? "; " + real + " real galaxies" : ""));
        for (Estimator e : estimators) n.add(e.name() + ": " + e.description());
        n.add(String.format(Locale.ROOT, "chi2nu and logl: every estimate rendered with its stamp's PSF in double precision"
                + " by the Java fits' model (%s; oversample %d, tolerance %.0e), over unmasked finite pixels, N_free = %d;"
                + " sigma is the stamp's sigma map, else the noise model at the data (sky + data clipped at 0), the same for"
                + " every estimator of a stamp", FitSettings.describe(FitSettings.RENDER), FitSettings.RENDER.oversample(),
                FitSettings.RENDER.tolerance(), DataScorer.FREE_PARAMETERS));
        n.add("intervals: 95% percentile bootstrap over the rows, " + settings.bootstrap().resamples() + " resamples, seed "
                + settings.bootstrap().seed());
        n.add("timing: wall seconds per galaxy; galaxies/s from the wall time of each estimator's whole batch on this"
                + " machine (for answers read from a catalogue: 1 / mean recorded seconds); in a bin, scaled by that bin's"
                + " mean seconds");
        n.add("bins: S/N edges " + settings.snrEdges() + ", n edges " + settings.nEdges() + " (each bin [lo, hi))");
        n.add("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", sersic4j " + settings.version());
        return List.copyOf(n);
    }

    private Path catalogDir() {
        if (settings.out() == null) return null;
        Path dir = settings.out().resolve(CATALOG_DIR);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException(dir, "cannot create the output directory (" + e.getMessage() + ")", e);
        }
        return dir;
    }

    private static void checkNames(List<Estimator> estimators) {
        if (estimators.isEmpty()) throw new IllegalArgumentException("no estimators to compare");
        Map<String, String> stems = new HashMap<>();
        for (Estimator e : estimators) {
            String other = stems.putIfAbsent(CatalogueOutput.stem(e.name()), e.name());
            if (other != null)
                throw new IllegalArgumentException("two estimators are named '" + other + "' and '" + e.name()
                        + "': names must differ (they name the catalogue files)");
        }
    }

    private static String summaryLine(String name, Outcome o, int stamps) {
        int failed = 0;
        for (Estimate e : o.run().estimates()) if (e.params() == null) failed++;
        return String.format(Locale.ROOT, "%s: %d stamps in %.1f s (%d without an answer)", name, stamps, o.wallSeconds(), failed);
    }

    private static ProgressBar bar(String name, int n) {
        return new ProgressBarBuilder().setTaskName(name).setInitialMax(n).setUnit(" stamps", 1)
                .setUpdateIntervalMillis(500).showSpeed().setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }
}
