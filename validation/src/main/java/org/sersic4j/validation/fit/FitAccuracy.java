package org.sersic4j.validation.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.ErrorCalibration;
import org.sersic4j.compare.Metrics;
import org.sersic4j.compare.Parameter;
import org.sersic4j.compare.ParameterMetrics;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitResult;
import org.sersic4j.render.SersicParams;

/**
 * Scores fits against a truth set: outlier fraction, NMAD and median bias per parameter with 95% bootstrap intervals
 * (the project's metric definitions), the calibration of the quoted errors, and the comparison with the bar set by
 * imfit's Poisson-likelihood Levenberg–Marquardt on such a set (outliers flux/re/n/q 0.18/0.27/0.31/0.08, NMAD
 * 0.058/0.091/0.127/0.036, and |median bias| below 2% for flux, re and n).
 */
public final class FitAccuracy {
    /** The bar: parameter → {outlier fraction, NMAD}. */
    static final Map<Parameter, double[]> BAR = Map.of(
            Parameter.FLUX, new double[] {0.18, 0.058},
            Parameter.RE, new double[] {0.27, 0.091},
            Parameter.N, new double[] {0.31, 0.127},
            Parameter.Q, new double[] {0.08, 0.036});
    /** The largest acceptable |median bias| of flux, re and n. */
    static final double MAX_BIAS = 0.02;

    private FitAccuracy() {}

    /** The scores of {@code fits} (in the same order as {@code truth}; null or failed = failed), as a JSON-ready map. */
    public static Map<String, Object> score(List<SersicParams> truth, List<FitResult> fits, double zeropoint, long seed) {
        List<SersicParams> est = new ArrayList<>();
        int converged = 0, failed = 0;
        for (FitResult r : fits) {
            boolean bad = r == null || (r.flags() & FitFlags.FAILED) != 0;
            est.add(bad ? null : r.params());
            if (bad) failed++;
            else if (r.converged()) converged++;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stamps", truth.size());
        out.put("converged", converged);
        out.put("failed", failed);
        List<ParameterMetrics> metrics = Metrics.all(truth, est, zeropoint, BootstrapSettings.seeded(seed));
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean allMet = true;
        for (ParameterMetrics m : metrics) {
            Map<String, Object> row = new LinkedHashMap<>(m.toMap());
            double[] bar = BAR.get(m.parameter());
            if (bar != null) {
                row.put("bar_outlier_fraction", bar[0]);
                row.put("bar_nmad", bar[1]);
                boolean met = m.outlierFraction() <= bar[0] && m.nmad() <= bar[1];
                if (m.parameter() != Parameter.Q) met &= Math.abs(m.medianBias()) < MAX_BIAS;
                row.put("meets_bar", met);
                allMet &= met;
            }
            rows.add(row);
        }
        out.put("metrics", rows);
        out.put("meets_every_bar", allMet);
        out.put("error_calibration", calibration(truth, fits));
        return out;
    }

    private static List<Map<String, Object>> calibration(List<SersicParams> truth, List<FitResult> fits) {
        Parameter[] ps = {Parameter.X0, Parameter.Y0, Parameter.FLUX, Parameter.RE, Parameter.N, Parameter.Q, Parameter.PA};
        List<Map<String, Object>> out = new ArrayList<>();
        for (int k = 0; k < ps.length; k++) {
            double[] t = new double[truth.size()], e = new double[truth.size()], s = new double[truth.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = truth.get(i).toArray()[k];
                FitResult r = fits.get(i);
                boolean bad = r == null || (r.flags() & FitFlags.FAILED) != 0;
                e[i] = bad ? Double.NaN : r.params().toArray()[k];
                s[i] = bad ? Double.NaN : r.errors()[k];
            }
            out.add(ErrorCalibration.of(ps[k], t, e, s).toMap());
        }
        return out;
    }

    /** Median and 95th percentile of the per-fit wall times. */
    public static Map<String, Object> timing(List<FitResult> fits) {
        double[] t = fits.stream().filter(r -> r != null && (r.flags() & FitFlags.FAILED) == 0)
                .mapToDouble(FitResult::seconds).sorted().toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fits", t.length);
        m.put("median_s_per_fit", t.length == 0 ? null : Metrics.median(t.clone()));
        m.put("p95_s_per_fit", t.length == 0 ? null : t[(int) Math.min(t.length - 1, Math.ceil(0.95 * t.length) - 1)]);
        m.put("mean_iterations", fits.stream().filter(r -> r != null).mapToInt(FitResult::iterations).average().orElse(0));
        m.put("mean_evaluations", fits.stream().filter(r -> r != null).mapToInt(FitResult::evaluations).average().orElse(0));
        return m;
    }
}
