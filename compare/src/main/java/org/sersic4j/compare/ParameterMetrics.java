package org.sersic4j.compare;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics of one parameter on a truth set.
 *
 * @param parameter               the parameter judged
 * @param count                   rows with a usable (finite) estimate; all statistics are over these
 * @param failed                  rows whose estimate was missing or not finite, excluded from the statistics
 * @param medianBias              median Δ (NaN when count = 0)
 * @param medianBiasInterval      95% percentile bootstrap interval of the median bias
 * @param nmad                    1.4826 · median(|Δ − median Δ|)
 * @param nmadInterval            95% percentile bootstrap interval of the NMAD
 * @param outlierRows             rows that take part in the outlier fraction (for PA only those with true q &lt; 0.9)
 * @param outliers                of those, the rows with |Δ| above the parameter's threshold
 * @param outlierFraction         outliers / outlierRows (NaN when outlierRows = 0)
 * @param outlierFractionInterval 95% percentile bootstrap interval of the outlier fraction
 * @param r2                      1 − SS_res/SS_tot of the estimates against the truth (NaN when the truth does not vary)
 * @param bootstrap               the settings the intervals were drawn with
 */
public record ParameterMetrics(Parameter parameter, int count, int failed,
                               double medianBias, Interval medianBiasInterval,
                               double nmad, Interval nmadInterval,
                               int outlierRows, int outliers, double outlierFraction, Interval outlierFractionInterval,
                               double r2, BootstrapSettings bootstrap) {

    public ParameterMetrics {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(medianBiasInterval, "medianBiasInterval");
        Objects.requireNonNull(nmadInterval, "nmadInterval");
        Objects.requireNonNull(outlierFractionInterval, "outlierFractionInterval");
        Objects.requireNonNull(bootstrap, "bootstrap");
        if (count < 0 || failed < 0) throw new IllegalArgumentException("row counts must be >= 0");
        if (outlierRows < 0 || outlierRows > count || outliers < 0 || outliers > outlierRows)
            throw new IllegalArgumentException("inconsistent outlier counts: " + outliers + " of " + outlierRows + " of " + count);
    }

    /** All rows of the truth set: count + failed. */
    public int rows() {
        return count + failed;
    }

    /**
     * The metrics as an ordered map for JSON or CSV writing, keys in snake case (parameter, count, failed,
     * median_bias, median_bias_lo, median_bias_hi, nmad, nmad_lo, nmad_hi, outlier_rows, outliers,
     * outlier_fraction, outlier_fraction_lo, outlier_fraction_hi, r2, bootstrap_resamples, bootstrap_seed).
     * JSON has no NaN, so an undefined value or an absent interval is written as {@code null}.
     */
    public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("parameter", parameter.column());
        m.put("count", count);
        m.put("failed", failed);
        putWithInterval(m, "median_bias", medianBias, medianBiasInterval);
        putWithInterval(m, "nmad", nmad, nmadInterval);
        m.put("outlier_rows", outlierRows);
        m.put("outliers", outliers);
        putWithInterval(m, "outlier_fraction", outlierFraction, outlierFractionInterval);
        m.put("r2", finiteOrNull(r2));
        m.put("bootstrap_resamples", bootstrap.resamples());
        m.put("bootstrap_seed", bootstrap.seed());
        return m;
    }

    private static void putWithInterval(Map<String, Object> m, String key, double value, Interval ci) {
        m.put(key, finiteOrNull(value));
        m.put(key + "_lo", finiteOrNull(ci.lo()));
        m.put(key + "_hi", finiteOrNull(ci.hi()));
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
