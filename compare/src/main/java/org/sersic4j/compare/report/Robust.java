package org.sersic4j.compare.report;

import java.util.Arrays;
import org.sersic4j.compare.Metrics;

/** Order statistics of the finite values of an array, for scaling plots and pictures; NaN where there are none. */
final class Robust {

    private Robust() {
    }

    /** The finite values, sorted ascending. */
    static double[] finiteSorted(double[] values) {
        double[] out = Arrays.stream(values).filter(Double::isFinite).toArray();
        Arrays.sort(out);
        return out;
    }

    /** The p-quantile (0 ≤ p ≤ 1) of sorted values by linear interpolation; NaN for none. */
    static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        double pos = p * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) return sorted[sorted.length - 1];
        return sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
    }

    /** NMAD (1.4826 · median absolute deviation) of the finite values; NaN for none. */
    static double nmad(double[] values) {
        return Metrics.nmad(finiteSorted(values));
    }
}
