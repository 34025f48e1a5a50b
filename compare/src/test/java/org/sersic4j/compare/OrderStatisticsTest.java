package org.sersic4j.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrderStatisticsTest {

    /** The median by full sort, as the reference. */
    private static double sortedMedian(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * s[n / 2 - 1] + 0.5 * s[n / 2];
    }

    @Test
    void selectionMedianEqualsTheSortedMedian() {
        Random rng = new Random(7);
        for (int n = 1; n <= 300; n++) {
            for (int kind = 0; kind < 5; kind++) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = switch (kind) {
                        case 0 -> rng.nextGaussian();
                        case 1 -> rng.nextInt(4);          // many ties
                        case 2 -> i;                        // sorted
                        case 3 -> n - i;                    // reversed
                        default -> i % 2 == 0 ? i : -i;     // organ-pipe-like
                    };
                }
                assertEquals(sortedMedian(v), Metrics.median(v), 0.0, "n=" + n + " kind=" + kind);
            }
        }
    }

    @Test
    void selectionLeavesThePartitionInPlace() {
        Random rng = new Random(11);
        double[] v = new double[1001];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextInt(50);
        int k = 317;
        double x = OrderStatistics.select(v, 0, v.length - 1, k);
        assertEquals(x, v[k], 0.0);
        for (int i = 0; i < k; i++) assertTrue(v[i] <= x);
        for (int i = k + 1; i < v.length; i++) assertTrue(v[i] >= x);
    }

    @Test
    void medianOfSmallKnownSets() {
        assertEquals(2, Metrics.median(new double[] {3, 1, 2}), 0.0);
        assertEquals(2.5, Metrics.median(new double[] {4, 1, 3, 2}), 0.0);
        assertEquals(7, Metrics.median(new double[] {7}), 0.0);
        assertTrue(Double.isNaN(Metrics.median(new double[0])));
        // median 3; |x − 3| = {2, 0, 1, 7, 97} → median 2
        assertEquals(2 * 1.4826, Metrics.nmad(new double[] {1, 3, 2, 10, 100}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Metrics.median(new double[] {1, Double.NaN}));
    }

    @Test
    void quantileInterpolatesBetweenOrderStatistics() {
        double[] s = {0, 10, 20, 30, 40};
        assertEquals(0, OrderStatistics.quantileOfSorted(s, 5, 0), 0.0);
        assertEquals(40, OrderStatistics.quantileOfSorted(s, 5, 1), 0.0);
        assertEquals(20, OrderStatistics.quantileOfSorted(s, 5, 0.5), 0.0);
        assertEquals(1, OrderStatistics.quantileOfSorted(s, 5, 0.025), 1e-12);
        assertEquals(39, OrderStatistics.quantileOfSorted(s, 5, 0.975), 1e-12);
    }
}
