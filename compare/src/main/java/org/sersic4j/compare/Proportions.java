package org.sersic4j.compare;

/** Intervals and tests for fractions k/n of counted cases. */
public final class Proportions {
    /** z of the one-sided 5% level. */
    static final double Z_ONE_SIDED_5 = 1.6448536269514722;
    /** z of the two-sided 95% interval. */
    static final double Z_95 = 1.959963984540054;

    private Proportions() {}

    /** The 95% Wilson score interval of k/n, {lo, hi}; {0, 1} for n = 0. */
    public static double[] wilson(int k, int n) {
        if (n <= 0) return new double[] {0, 1};
        double p = (double) k / n, z2 = Z_95 * Z_95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z_95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /**
     * Whether k1/n1 is not significantly below k2/n2: true when it is at least as large, else when the one-sided
     * two-proportion z-test (pooled variance) at the 5% level does not reject equality.
     */
    public static boolean notSignificantlyBelow(int k1, int n1, int k2, int n2) {
        if (n1 <= 0 || n2 <= 0) throw new IllegalArgumentException("counts need n > 0");
        double p1 = (double) k1 / n1, p2 = (double) k2 / n2;
        if (p1 >= p2) return true;
        double p = (double) (k1 + k2) / (n1 + n2);
        double se = Math.sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2));
        return se > 0 && (p1 - p2) / se > -Z_ONE_SIDED_5;
    }
}
