package org.sersic4j.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsBootstrapTest {

    /** Relative x0-like errors: N(0.02, 0.05²) with 20% of rows replaced by a broad N(0, 0.5²) outlier population. */
    private static double[][] sample(int n, long seed) {
        Random rng = new Random(seed);
        double[] truth = new double[n], est = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = 1 + 9 * rng.nextDouble();
            double rel = rng.nextDouble() < 0.2 ? 0.5 * rng.nextGaussian() : 0.02 + 0.05 * rng.nextGaussian();
            est[i] = truth[i] * (1 + rel);
        }
        return new double[][] {truth, est};
    }

    private static ParameterMetrics metrics(double[][] s, BootstrapSettings b) {
        return Metrics.of(Parameter.RE, s[0], s[1], null, b);
    }

    @Test
    void intervalsContainThePointEstimates() {
        for (long seed = 1; seed <= 5; seed++) {
            ParameterMetrics m = metrics(sample(500, seed), BootstrapSettings.seeded(seed));
            assertTrue(m.medianBiasInterval().contains(m.medianBias()), "median bias " + m);
            assertTrue(m.nmadInterval().contains(m.nmad()), "nmad " + m);
            assertTrue(m.outlierFractionInterval().contains(m.outlierFraction()), "outlier fraction " + m);
            assertTrue(m.nmadInterval().width() > 0);
        }
    }

    @Test
    void intervalsNarrowAsOneOverRootN() {
        // average widths over a few independent truth sets so the ratio is not one set's luck; expected ratio 2
        int sets = 4;
        double[] small = new double[3], large = new double[3];
        for (int s = 0; s < sets; s++) {
            ParameterMetrics a = metrics(sample(400, 100 + s), BootstrapSettings.seeded(s));
            ParameterMetrics b = metrics(sample(1600, 200 + s), BootstrapSettings.seeded(s));
            small[0] += a.medianBiasInterval().width();
            small[1] += a.nmadInterval().width();
            small[2] += a.outlierFractionInterval().width();
            large[0] += b.medianBiasInterval().width();
            large[1] += b.nmadInterval().width();
            large[2] += b.outlierFractionInterval().width();
        }
        String[] names = {"median bias", "nmad", "outlier fraction"};
        for (int k = 0; k < 3; k++) {
            double ratio = small[k] / large[k];
            assertEquals(2.0, ratio, 0.5, names[k] + " width ratio N=400 : N=1600");
        }
    }

    @Test
    void outlierFractionIntervalMatchesTheBinomialWidth() {
        // independent truth: for a fraction p of N rows the 95% interval is about p ± 1.96·sqrt(p(1 − p)/N)
        int n = 1600;
        ParameterMetrics m = metrics(sample(n, 77), BootstrapSettings.seeded(77));
        double p = m.outlierFraction();
        double expectedWidth = 2 * 1.96 * Math.sqrt(p * (1 - p) / n);
        assertEquals(expectedWidth, m.outlierFractionInterval().width(), 0.15 * expectedWidth);
    }

    @Test
    void medianBiasIntervalMatchesTheNormalTheoryWidth() {
        // pure N(0.02, 0.05²) errors: the median's standard error is sqrt(pi/2)·0.05/sqrt(N)
        int n = 1600;
        Random rng = new Random(31);
        double[] truth = new double[n], est = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = 2;
            est[i] = 2 * (1.02 + 0.05 * rng.nextGaussian());
        }
        ParameterMetrics m = Metrics.of(Parameter.FLUX, truth, est, null, BootstrapSettings.seeded(31));
        double expectedWidth = 2 * 1.96 * Math.sqrt(Math.PI / 2) * 0.05 / Math.sqrt(n);
        assertEquals(expectedWidth, m.medianBiasInterval().width(), 0.3 * expectedWidth);
    }

    @Test
    void sameSeedGivesIdenticalIntervals() {
        double[][] s = sample(300, 9);
        ParameterMetrics a = metrics(s, new BootstrapSettings(500, 42));
        ParameterMetrics b = metrics(s, new BootstrapSettings(500, 42));
        assertEquals(a, b);
        ParameterMetrics c = metrics(s, new BootstrapSettings(500, 43));
        assertNotEquals(a.nmadInterval(), c.nmadInterval(), "another seed draws other resamples");
        assertEquals(a.nmad(), c.nmad(), 0.0, "the point estimate does not depend on the seed");
    }

    @Test
    void noneSkipsTheIntervals() {
        ParameterMetrics m = metrics(sample(100, 4), BootstrapSettings.NONE);
        assertFalse(m.medianBiasInterval().present());
        assertFalse(m.nmadInterval().present());
        assertFalse(m.outlierFractionInterval().present());
        assertTrue(Double.isFinite(m.nmad()));
        assertEquals(1000, BootstrapSettings.seeded(5).resamples());
    }
}
