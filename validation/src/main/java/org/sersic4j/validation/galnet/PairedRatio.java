package org.sersic4j.validation.galnet;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.sersic4j.compare.Metrics;

/**
 * The ratio of one statistic between two estimators over the same rows, with a paired percentile bootstrap: each
 * resample draws rows (not values) with replacement and takes both estimators' values of those rows together.
 *
 * @param ratio the statistic of {@code a} over the statistic of {@code b}
 * @param low   2.5th percentile of the resampled ratios (NaN with fewer than two rows)
 * @param high  97.5th percentile of the resampled ratios
 */
public record PairedRatio(double ratio, double low, double high) {

    /**
     * The ratio stat(a)/stat(b) over paired rows.
     *
     * @param a         per-row values of the first estimator (rows with a non-finite value in a or b are dropped first)
     * @param b         the second estimator's values of the same rows
     * @param stat      the statistic of one estimator's values (e.g. a mean, an outlier fraction, an NMAD)
     * @param resamples bootstrap resamples (0: no interval)
     */
    public static PairedRatio of(double[] a, double[] b, ToDoubleFunction<double[]> stat, int resamples, long seed) {
        if (a.length != b.length) throw new IllegalArgumentException("paired rows differ in number: " + a.length + " and " + b.length);
        int n = 0;
        double[] x = new double[a.length], y = new double[b.length];
        for (int i = 0; i < a.length; i++)
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                x[n] = a[i];
                y[n++] = b[i];
            }
        x = Arrays.copyOf(x, n);
        y = Arrays.copyOf(y, n);
        double ratio = n == 0 ? Double.NaN : stat.applyAsDouble(x) / stat.applyAsDouble(y);
        if (n < 2 || resamples <= 0) return new PairedRatio(ratio, Double.NaN, Double.NaN);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] r = new double[resamples];
        double[] xs = new double[n], ys = new double[n];
        int kept = 0;
        for (int k = 0; k < resamples; k++) {
            for (int i = 0; i < n; i++) {
                int j = rng.nextInt(n);
                xs[i] = x[j];
                ys[i] = y[j];
            }
            double v = stat.applyAsDouble(xs) / stat.applyAsDouble(ys);
            if (!Double.isNaN(v)) r[kept++] = v;
        }
        if (kept < 2) return new PairedRatio(ratio, Double.NaN, Double.NaN);
        double[] s = Arrays.copyOf(r, kept);
        return new PairedRatio(ratio, Metrics.quantile(s, 0.025), Metrics.quantile(s, 0.975));
    }
}
