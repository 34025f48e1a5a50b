package org.sersic4j.compare.report;

import java.util.ArrayList;
import java.util.List;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.ParameterMetrics;
import org.sersic4j.compare.result.EstimatorMetrics;
import org.sersic4j.compare.result.RealGalaxyRow;
import org.sersic4j.compare.result.Timing;
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
            row.add(Integer.toString(r.flags()));
            rows.add(row);
        }
        return rows;
    }
}
