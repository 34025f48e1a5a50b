package org.sersic4j.render.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeSet;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.discrete.PoissonDistribution;
import org.hipparchus.random.Well19937c;
import org.junit.jupiter.api.Test;

class PoissonSamplerTest {

    /** A correct sampler fails one of these goodness-of-fit tests with probability about 1e-6. */
    private static final double P_FALSE_ALARM = 1e-6;

    @Test
    void deviatesFollowTheExactPoissonDistribution() {
        Well19937c rng = new Well19937c(2718L);
        for (double lambda : new double[] {0.05, 0.5, 3, 9.99, 10, 12.5, 45.5, 300, 1023.7, 1e4, 1e7}) {
            PoissonDistribution pd = new PoissonDistribution(lambda);
            // bins between the quantiles j/25 of the exact distribution (merged where they coincide)
            TreeSet<Integer> edgeSet = new TreeSet<>();
            for (int j = 1; j < 25; j++) edgeSet.add(pd.inverseCumulativeProbability(j / 25.0));
            int[] edges = edgeSet.stream().mapToInt(Integer::intValue).toArray();
            int n = 100_000;
            long[] counts = new long[edges.length + 1];
            for (int k = 0; k < n; k++) {
                long v = PoissonSampler.sample(rng, lambda);
                assertTrue(v >= 0);
                int b = java.util.Arrays.binarySearch(edges, (int) Math.min(v, Integer.MAX_VALUE));
                counts[b >= 0 ? b : -b - 1]++;
            }
            double chi2 = 0, prev = 0;
            for (int b = 0; b < counts.length; b++) {
                double cdf = b < edges.length ? pd.cumulativeProbability(edges[b]) : 1.0;
                double expected = n * (cdf - prev);
                prev = cdf;
                chi2 += (counts[b] - expected) * (counts[b] - expected) / expected;
            }
            int dof = counts.length - 1;
            double critical = new ChiSquaredDistribution(dof).inverseCumulativeProbability(1 - P_FALSE_ALARM);
            assertTrue(chi2 < critical, "λ = " + lambda + ": χ² = " + chi2 + " for " + dof + " dof (critical " + critical + ")");
        }
    }

    @Test
    void hugeMeansHaveTheRightMeanAndVariance() {
        Well19937c rng = new Well19937c(31L);
        double lambda = 1e12;
        int n = 50_000;
        double s = 0, s2 = 0;
        for (int k = 0; k < n; k++) {
            double v = PoissonSampler.sample(rng, lambda) - lambda;
            s += v;
            s2 += v * v;
        }
        double mean = s / n, var = s2 / n - mean * mean;
        assertEquals(0, mean, 5 * Math.sqrt(lambda / n));
        assertEquals(lambda, var, 5 * lambda * Math.sqrt(2.0 / n));
    }

    @Test
    void edgeCases() {
        Well19937c rng = new Well19937c(1L);
        assertEquals(0, PoissonSampler.sample(rng, 0));
        assertThrows(IllegalArgumentException.class, () -> PoissonSampler.sample(rng, -1));
        assertThrows(IllegalArgumentException.class, () -> PoissonSampler.sample(rng, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> PoissonSampler.sample(rng, 1e16));
    }
}
