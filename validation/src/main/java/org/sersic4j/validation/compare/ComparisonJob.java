package org.sersic4j.validation.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.Estimator;
import org.sersic4j.compare.Metrics;
import org.sersic4j.compare.Parameter;
import org.sersic4j.compare.ParameterMetrics;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.report.ComparisonReport;
import org.sersic4j.compare.report.HtmlReport;
import org.sersic4j.compare.result.ComparisonResult;
import org.sersic4j.compare.result.EstimatorMetrics;
import org.sersic4j.compare.result.RealGalaxyRow;
import org.sersic4j.compare.run.ComparisonRun;
import org.sersic4j.compare.run.SummaryJson;
import org.sersic4j.compare.run.TruthSet;
import org.sersic4j.fit.FitFlags;

/**
 * A comparison from estimators to report, as {@code sersic4j compare} and {@code sersic4j run} do it: runs the
 * estimators on the truth set and the real galaxies ({@link ComparisonRun}, which writes {@code catalogs/} and
 * {@code summary.json}), writes {@value #REPORT} beside them, and sums up each estimator in one line of text.
 */
public final class ComparisonJob {
    /** The report's file name in the output directory. */
    public static final String REPORT = "report.html";

    /**
     * What a comparison produced.
     *
     * @param result         the comparison
     * @param report         the report
     * @param summaryJson    the machine-readable summary
     * @param compareSeconds wall time of the estimators and their scoring
     * @param reportSeconds  wall time of writing the report
     */
    public record Outcome(ComparisonResult result, Path report, Path summaryJson, double compareSeconds, double reportSeconds) {
        /** One line per estimator on the truth set, then one per estimator on the real galaxies. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            for (EstimatorMetrics m : result.metrics()) out.add(line(m));
            out.addAll(realLines(result.real()));
            return out;
        }
    }

    private final ComparisonRun.Settings settings;
    private final Consumer<String> log;

    /** A comparison with these settings (which must name an output directory); {@code log} hears of each step. */
    public ComparisonJob(ComparisonRun.Settings settings, Consumer<String> log) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.out() == null) throw new IllegalArgumentException("a comparison job needs an output directory");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * The settings of a comparison writing into {@code out}.
     *
     * @param resamples bootstrap resamples (0: no intervals), drawn from {@code seed}
     * @param threads   stamps scored at once (≤ 0: every core)
     * @param progress  progress bars on stderr
     * @param version   sersic4j version, for the catalogues' provenance
     */
    public static ComparisonRun.Settings settings(Path out, String title, int resamples, long seed, int threads,
                                                  boolean progress, String version) {
        return ComparisonRun.Settings.defaults(out, seed).withTitle(title).withBootstrap(new BootstrapSettings(resamples, seed))
                .withThreads(threads).withProgress(progress).withVersion(version);
    }

    /** Sections a caller puts first in the report, made from the finished comparison and its truth set. */
    @FunctionalInterface
    public interface Preface {
        /** The sections to add before the comparison's own (null for none). */
        Consumer<HtmlReport> of(ComparisonResult result, TruthSet set);
    }

    /** Compares the estimators on the set and on the real galaxies (may be empty) and writes the report. */
    public Outcome run(TruthSet set, List<Estimator> estimators, List<StampInput> real) {
        return run(set, estimators, real, null);
    }

    /** {@link #run(TruthSet, List, List)} with the report opening on {@code preface}'s sections (null: none). */
    public Outcome run(TruthSet set, List<Estimator> estimators, List<StampInput> real, Preface preface) {
        long t0 = System.nanoTime();
        ComparisonResult r = new ComparisonRun(settings, log).run(set, estimators, real);
        Consumer<HtmlReport> first = preface == null ? null : preface.of(r, set);
        long t1 = System.nanoTime();
        Path html = settings.out().resolve(REPORT);
        log.accept("writing the report " + html);
        ComparisonReport.write(r, html, first);
        long t2 = System.nanoTime();
        return new Outcome(r, html, settings.out().resolve(SummaryJson.FILE), (t1 - t0) * 1e-9, (t2 - t1) * 1e-9);
    }

    /** One line per estimator: flux and r_e accuracy, median χ²ν, time per galaxy, flagged answers. */
    public static String line(EstimatorMetrics m) {
        ParameterMetrics flux = m.parameters().get(Parameter.FLUX.ordinal()), re = m.parameters().get(Parameter.RE.ordinal());
        return String.format(Locale.ROOT, "%-16s flux NMAD %.3f, outliers %.1f%%; re NMAD %.3f, outliers %.1f%%; median chi2nu %.3f;"
                        + " %.3g s/galaxy; %d flagged", m.estimator(), flux.nmad(), 100 * flux.outlierFraction(), re.nmad(),
                100 * re.outlierFraction(), m.medianChi2nu(), m.timing().medianSeconds(), m.flagged());
    }

    /** One line per estimator on real galaxies: median and range of χ²ν, answers out of the network's training range. */
    public static List<String> realLines(List<RealGalaxyRow> rows) {
        Map<String, List<RealGalaxyRow>> by = new LinkedHashMap<>();
        for (RealGalaxyRow r : rows) by.computeIfAbsent(r.estimator(), k -> new ArrayList<>()).add(r);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<RealGalaxyRow>> e : by.entrySet()) {
            double[] chi2 = e.getValue().stream().mapToDouble(RealGalaxyRow::chi2nu).filter(Double::isFinite).sorted().toArray();
            long outOfRange = e.getValue().stream().filter(r -> (r.flags() & FitFlags.OUT_OF_TRAINING_RANGE) != 0).count();
            long failed = e.getValue().stream().filter(r -> r.params() == null).count();
            out.add(String.format(Locale.ROOT, "%-16s %d real galaxies: median chi2nu %.3g (%s); %d out of training range; %d failed",
                    e.getKey() + " (real)", e.getValue().size(), Metrics.median(chi2),
                    chi2.length == 0 ? "none finite" : String.format(Locale.ROOT, "%.3g to %.3g", chi2[0], chi2[chi2.length - 1]),
                    outOfRange, failed));
        }
        return out;
    }
}
