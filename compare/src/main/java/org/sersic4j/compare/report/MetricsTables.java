package org.sersic4j.compare.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.ParameterMetrics;
import org.sersic4j.compare.result.EstimatorMetrics;
import org.sersic4j.compare.result.RealGalaxyRow;
import org.sersic4j.compare.result.Timing;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.render.SersicParams;

/** The report's tables: estimators side by side, one estimator's parameter metrics, and the real galaxies. */
final class MetricsTables {

    /** Columns of {@link #overviewRows}. */
    static final List<String> OVERVIEW_HEADER = List.of("estimator", "galaxies", "flagged", "median χ²ν", "median log L",
            "median s/galaxy", "95th pct s/galaxy", "galaxies/s");

    /** Columns of {@link #parameterRows}. */
    static final List<String> PARAMETER_HEADER = List.of("parameter", "Δ", "used", "failed", "median bias [95%]",
            "NMAD [95%]", "outliers", "outlier fraction [95%]", "R²");

    /** Columns of {@link #realRows}. */
    static final List<String> REAL_HEADER = List.of("id", "estimator", "x0", "y0", "flux", "re", "n", "q", "pa", "χ²ν", "flags");

    private MetricsTables() {
    }

    /** One row per estimator: size of the set, flagged rows, fit to the data and time per galaxy. */
    static List<List<String>> overviewRows(List<EstimatorMetrics> metrics) {
        List<List<String>> rows = new ArrayList<>();
        for (EstimatorMetrics m : metrics) {
            if (m == null) continue;
            List<ParameterMetrics> params = ComparisonReport.listOrEmpty(m.parameters());
            String galaxies = params.isEmpty() || params.get(0) == null ? Labels.NONE : Integer.toString(params.get(0).rows());
            Timing t = m.timing();
            rows.add(List.of(String.valueOf(m.estimator()), galaxies, Integer.toString(m.flagged()),
                    Labels.number(m.medianChi2nu()), Labels.number(m.medianLogl()),
                    t == null ? Labels.NONE : Labels.number(t.medianSeconds()),
                    t == null ? Labels.NONE : Labels.number(t.p95Seconds()),
                    t == null ? Labels.NONE : Labels.number(t.galaxiesPerSecond())));
        }
        return rows;
    }

    /** One row per parameter of one estimator: every statistic of its {@link ParameterMetrics} with its interval. */
    static List<List<String>> parameterRows(List<ParameterMetrics> parameters) {
        List<List<String>> rows = new ArrayList<>();
        for (ParameterMetrics pm : parameters) {
            if (pm == null) continue;
            rows.add(List.of(pm.parameter().column(), Labels.deltaUnit(pm.parameter()), Integer.toString(pm.count()),
                    Integer.toString(pm.failed()),
                    Labels.withInterval(pm.medianBias(), pm.medianBiasInterval()),
                    Labels.withInterval(pm.nmad(), pm.nmadInterval()),
                    pm.outliers() + " of " + pm.outlierRows(),
                    Labels.percentWithInterval(pm.outlierFraction(), pm.outlierFractionInterval()),
                    Labels.number(pm.r2())));
        }
        return rows;
    }

    /** How the intervals of these metrics were drawn, as a sentence. */
    static String bootstrapSentence(List<EstimatorMetrics> metrics) {
        for (EstimatorMetrics m : metrics) {
            for (ParameterMetrics pm : m == null ? List.<ParameterMetrics>of() : ComparisonReport.listOrEmpty(m.parameters())) {
                if (pm == null) continue;
                BootstrapSettings b = pm.bootstrap();
                return b.enabled()
                        ? "Intervals in brackets are 95% percentile bootstrap intervals over the galaxies (" + b.resamples()
                                + " resamples, seed " + b.seed() + ")."
                        : "No bootstrap intervals were computed in this run.";
            }
        }
        return "";
    }

    /** One row per real galaxy and estimator; parameters the estimator did not produce are written "—". */
    static List<List<String>> realRows(List<RealGalaxyRow> real) {
        List<List<String>> rows = new ArrayList<>();
        for (RealGalaxyRow r : real) {
            if (r == null) continue;
            List<String> row = new ArrayList<>(List.of(String.valueOf(r.id()), String.valueOf(r.estimator())));
            SersicParams p = r.params();
            double[] v = p == null ? null : p.toArray();
            for (int i = 0; i < SersicParams.COUNT; i++) row.add(v == null ? Labels.NONE : Labels.number(v[i]));
            row.add(Labels.number(r.chi2nu()));
            row.add(flags(r.flags()));
            rows.add(row);
        }
        return rows;
    }

    /** The header of {@link #realChi2Rows}: the galaxy, then one χ²ν column per estimator. */
    static List<String> realChi2Header(List<String> estimators) {
        List<String> h = new ArrayList<>(List.of("id"));
        for (String e : estimators) h.add("χ²ν " + e);
        return h;
    }

    /**
     * One row per real galaxy, in order of first appearance: its χ²ν under each estimator ("—" for none), marked
     * "(out of range)" where the answer lies outside the network's training range.
     */
    static List<List<String>> realChi2Rows(List<RealGalaxyRow> real, List<String> estimators) {
        Map<String, Map<String, RealGalaxyRow>> byGalaxy = new LinkedHashMap<>();
        for (RealGalaxyRow r : real) {
            if (r == null) continue;
            byGalaxy.computeIfAbsent(String.valueOf(r.id()), k -> new LinkedHashMap<>()).put(r.estimator(), r);
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, RealGalaxyRow>> g : byGalaxy.entrySet()) {
            List<String> row = new ArrayList<>(List.of(g.getKey()));
            for (String e : estimators) {
                RealGalaxyRow r = g.getValue().get(e);
                if (r == null) row.add(Labels.NONE);
                else row.add(Labels.number(r.chi2nu()) + ((r.flags() & FitFlags.OUT_OF_TRAINING_RANGE) != 0 ? " (out of range)" : ""));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Flags as "49: converged, masked pixels, out of training range" ("0" when none is set). */
    static String flags(int flags) {
        List<String> names = FitFlags.names(flags);
        return flags + (names.isEmpty() ? "" : ": " + String.join(", ", names).replace('_', ' '));
    }
}
