package org.sersic4j.compare;

import java.util.Arrays;

/** Medians, absolute-deviation medians and quantiles in linear time, working in place on the first n values of an array. */
final class OrderStatistics {

    private OrderStatistics() {}

    /** Median of a[0..n) (mean of the two middle values for even n); reorders those values. NaN when n = 0. */
    static double medianInPlace(double[] a, int n) {
        if (n == 0) return Double.NaN;
        int k = n / 2;
        double upper = select(a, 0, n - 1, k);
        if ((n & 1) == 1) return upper;
        // after selection a[0..k) ≤ a[k], so the lower middle value is the largest of them
        double lower = a[0];
        for (int i = 1; i < k; i++) if (a[i] > lower) lower = a[i];
        return 0.5 * lower + 0.5 * upper;
    }

    /** Median of |a[i] − centre| over a[0..n); overwrites those values with the absolute deviations. */
    static double absDeviationMedianInPlace(double[] a, int n, double centre) {
        for (int i = 0; i < n; i++) a[i] = Math.abs(a[i] - centre);
        return medianInPlace(a, n);
    }

    /**
     * The p-quantile of the values s[0..n), which must be sorted ascending, interpolating linearly between order
     * statistics at position (n − 1)·p (the usual "type 7" definition). NaN when n = 0.
     */
    static double quantileOfSorted(double[] s, int n, double p) {
        if (n == 0) return Double.NaN;
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) return s[n - 1];
        return s[lo] + (h - lo) * (s[lo + 1] - s[lo]);
    }

    /**
     * Moves the k-th smallest of a[lo..hi] (inclusive) to a[k], with smaller-or-equal values before it and
     * greater-or-equal after it, and returns it. Quickselect with median-of-three pivots; falls back to a sort when
     * the partitions keep coming out unbalanced, so the worst case stays O(n log n). The values must not be NaN.
     */
    static double select(double[] a, int lo, int hi, int k) {
        int budget = 2 * (32 - Integer.numberOfLeadingZeros(hi - lo + 1)) + 8;
        while (hi - lo > 16) {
            if (--budget < 0) {
                Arrays.sort(a, lo, hi + 1);
                return a[k];
            }
            int mid = (lo + hi) >>> 1;
            if (a[mid] < a[lo]) swap(a, mid, lo);
            if (a[hi] < a[lo]) swap(a, hi, lo);
            if (a[hi] < a[mid]) swap(a, hi, mid);
            double pivot = a[mid];
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            // now a[lo..j] ≤ pivot, a[i..hi] ≥ pivot and everything strictly between equals the pivot
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return a[k];
        }
        // insertion sort of the short remaining range
        for (int i = lo + 1; i <= hi; i++) {
            double v = a[i];
            int j = i - 1;
            while (j >= lo && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
