package org.sersic4j.compare;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap of the median bias, NMAD and outlier fraction of one parameter's errors: the rows are
 * resampled with replacement (all three statistics from the same resample), and each 95% interval runs from the
 * 2.5% to the 97.5% quantile of that statistic over the resamples.
 */
final class RowBootstrap {

    /** The three intervals of one parameter. */
    record Intervals(Interval medianBias, Interval nmad, Interval outlierFraction) {
        static final Intervals NONE = new Intervals(Interval.NONE, Interval.NONE, Interval.NONE);
    }

    /** Lower and upper quantiles of a 95% percentile interval. */
    static final double LOWER = 0.025, UPPER = 0.975;

    private RowBootstrap() {}

    /**
     * Intervals for the errors {@code delta} of the successful rows; {@code counted[i]} says whether row i takes
     * part in the outlier fraction and {@code outlier[i]} whether it is an outlier. A resample that happens to hold
     * no counted row gives no outlier-fraction value; the interval is taken over the resamples that do.
     */
    static Intervals run(double[] delta, boolean[] counted, boolean[] outlier, BootstrapSettings settings) {
        int n = delta.length;
        if (!settings.enabled() || n == 0) return Intervals.NONE;
        int r = settings.resamples();
        SplittableRandom rng = new SplittableRandom(settings.seed());
        double[] medians = new double[r], nmads = new double[r], fractions = new double[r];
        int nFractions = 0;
        double[] work = new double[n];
        for (int b = 0; b < r; b++) {
            int eligible = 0, outliers = 0;
            for (int i = 0; i < n; i++) {
                int j = rng.nextInt(n);
                work[i] = delta[j];
                if (counted[j]) {
                    eligible++;
                    if (outlier[j]) outliers++;
                }
            }
            double median = OrderStatistics.medianInPlace(work, n);
            medians[b] = median;
            nmads[b] = Metrics.NMAD_SCALE * OrderStatistics.absDeviationMedianInPlace(work, n, median);
            if (eligible > 0) fractions[nFractions++] = (double) outliers / eligible;
        }
        return new Intervals(percentile(medians, r), percentile(nmads, r), percentile(fractions, nFractions));
    }

    private static Interval percentile(double[] values, int n) {
        if (n == 0) return Interval.NONE;
        Arrays.sort(values, 0, n);
        return new Interval(OrderStatistics.quantileOfSorted(values, n, LOWER), OrderStatistics.quantileOfSorted(values, n, UPPER));
    }
}
