package org.sersic4j.render.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.Image;

class NoiseModelTest {

    /** Tolerances are this many standard errors of the statistic. */
    private static final double Z = 5;

    @Test
    void varianceFollowsTheConvention() {
        NoiseModel nm = new NoiseModel(100, 2, 5);
        assertEquals(150 / 2.0 + 6.25, nm.variance(50), 1e-12);
        assertEquals(100 / 2.0 + 6.25, nm.variance(0), 1e-12);
        assertEquals(6.25, nm.variance(-500), 1e-12, "model + sky is clipped at zero");
        Image m = new Image(2, 1, new double[] {0, 50});
        assertArrayEquals(new double[] {Math.sqrt(56.25), Math.sqrt(81.25)}, nm.sigmaMap(m).pixels(), 1e-12);
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new NoiseModel(-1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new NoiseModel(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new NoiseModel(1, 1, Double.NaN));
    }

    @Test
    void noisyDrawsAverageToTheModelWithTheModelVariance() {
        NoiseModel nm = new NoiseModel(100, 2.5, 6);
        int w = 12, h = 10, p = w * h;
        double[] model = new double[p];
        for (int i = 0; i < p; i++) model[i] = i % 7 == 0 ? -20 : 3000.0 * Math.exp(-i / 25.0); // a few below zero
        Image m = new Image(w, h, model);
        int draws = 4000;
        double[] sum = new double[p], sum2 = new double[p];
        Well19937c rng = new Well19937c(12345L);
        for (int k = 0; k < draws; k++) {
            double[] d = nm.addNoise(m, rng).pixels();
            for (int i = 0; i < p; i++) {
                double r = d[i] - model[i];
                sum[i] += r;
                sum2[i] += r * r;
            }
        }
        double zMeanAll = 0, chi2All = 0;
        for (int i = 0; i < p; i++) {
            double var = nm.variance(model[i]);
            double mean = sum[i] / draws;
            // per pixel: the sample mean of the residual is within Z standard errors of 0
            assertEquals(0, mean, Z * Math.sqrt(var / draws), "mean residual of pixel " + i);
            // per pixel: the sample variance is within Z standard errors (≈ var·sqrt(2/(N−1)) for near-normal data)
            double sampleVar = (sum2[i] - draws * mean * mean) / (draws - 1);
            assertEquals(var, sampleVar, Z * var * Math.sqrt(2.0 / (draws - 1)), "variance of pixel " + i);
            zMeanAll += mean / Math.sqrt(var / draws);
            chi2All += sum2[i] / var;
        }
        // all pixels together: the standardised means average to 0 (sd 1/sqrt(p)), χ²/(N p) to 1 (sd sqrt(2/(N p)))
        assertEquals(0, zMeanAll / p, Z / Math.sqrt(p));
        assertEquals(1, chi2All / ((double) draws * p), Z * Math.sqrt(2.0 / ((double) draws * p)));
    }

    @Test
    void photonCountsHaveTheRightMeanAndVarianceFromTinyToHugeMeans() {
        Well19937c r = new Well19937c(99L);
        for (double lambda : new double[] {0.3, 3.7, 39.9, 40.0, 45.5, 1e4, 1e7, 2e9, 2e15}) {
            int n = 20000;
            double s = 0, s2 = 0;
            boolean integers = true;
            for (int k = 0; k < n; k++) {
                double v = NoiseModel.poisson(r, lambda);
                integers &= v == Math.rint(v) && v >= 0;
                double d = v - lambda;   // accumulate deviations: sums of squares of 1e15 would lose the variance
                s += d;
                s2 += d * d;
            }
            double meanDev = s / n, var = (s2 - n * meanDev * meanDev) / (n - 1);
            assertTrue(integers, "Poisson deviates are non-negative integers (mean " + lambda + ")");
            assertEquals(0, meanDev, Z * Math.sqrt(lambda / n), "mean for λ = " + lambda);
            // sd of the sample variance of a Poisson: sqrt((μ4 − σ⁴)/n) with μ4 = λ(1 + 3λ)
            double sdVar = Math.sqrt((lambda * (1 + 3 * lambda) - lambda * lambda) / n);
            assertEquals(lambda, var, Z * sdVar, "variance for λ = " + lambda);
        }
        assertEquals(0.0, NoiseModel.poisson(r, 0));
    }

    @Test
    void sameGeneratorSeedGivesTheSameNoise() {
        NoiseModel nm = new NoiseModel(80, 3, 4);
        Image m = new Image(4, 4, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16000});
        assertArrayEquals(nm.addNoise(m, new Well19937c(5L)).pixels(), nm.addNoise(m, new Well19937c(5L)).pixels());
    }

    @Test
    void snrIsTheMatchedFilterAndScalesAsFluxWhenSkyDominated() {
        NoiseModel nm = new NoiseModel(1e6, 1.0, 0.0);
        int w = 21;
        double[] a = new double[w * w];
        for (int y = 0; y < w; y++)
            for (int x = 0; x < w; x++) a[y * w + x] = 50 * Math.exp(-((x - 10) * (x - 10) + (y - 10) * (y - 10)) / 8.0);
        Image m1 = new Image(w, w, a);
        double[] b = a.clone();
        for (int i = 0; i < b.length; i++) b[i] *= 2;
        Image m2 = new Image(w, w, b);
        double s1 = nm.snr(m1), s2 = nm.snr(m2);
        double sumSq = 0;
        for (double v : a) sumSq += v * v;
        assertEquals(Math.sqrt(sumSq / 1e6), s1, 1e-4 * s1, "sky-limited matched filter: sqrt(Σm²/σ²_sky)");
        // peak 100 ADU on a 1e6 ADU sky: the model's own shot noise changes the ratio by < 1e-4
        assertEquals(2.0, s2 / s1, 1e-4);
        // with exact definition: sqrt(Σ m² / variance(m))
        double exact = 0;
        for (double v : b) exact += v * v / nm.variance(v);
        assertEquals(Math.sqrt(exact), s2, 1e-12 * s2);
    }
}
