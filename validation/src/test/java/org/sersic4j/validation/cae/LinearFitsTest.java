package org.sersic4j.validation.cae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sersic4j.learn.cae.PcaBaseline;

/** The statistics of the PCA comparison on data whose answer is known. */
class LinearFitsTest {
    @Test
    void pcaRecoversALinearSignalAndNotAnUnrelatedOne() {
        int n = 400, p = 64, half = n / 2;
        SplittableRandom r = new SplittableRandom(1);
        double[] a = new double[p], b = new double[p];
        for (int j = 0; j < p; j++) {
            a[j] = Math.exp(-j / 10.0);
            b[j] = Math.sin(j / 5.0);
        }
        double[] t = new double[n], unrelated = new double[n];
        float[] x = new float[n * p];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextDouble();
            double u = r.nextDouble();
            unrelated[i] = r.nextDouble();
            for (int j = 0; j < p; j++) x[i * p + j] = (float) (t[i] * a[j] + 2 * u * b[j] + 0.01 * (r.nextDouble() - 0.5));
        }
        PcaBaseline pca = PcaBaseline.fit(Arrays.copyOf(x, half * p), p, 8);
        double[][] s = pca.project(x, p);
        double[][] fit = Arrays.copyOfRange(s, 0, half), score = Arrays.copyOfRange(s, half, n);
        LinearFits.Score known = LinearFits.score(fit, Arrays.copyOfRange(t, 0, half), score, Arrays.copyOfRange(t, half, n), 2);
        assertTrue(known.r2() > 0.99 && known.low() <= known.r2() && known.r2() <= known.high(), known.toString());
        LinearFits.Score none = LinearFits.score(fit, Arrays.copyOfRange(unrelated, 0, half), score, Arrays.copyOfRange(unrelated, half, n), 3);
        assertTrue(none.r2() < 0.1, none.toString());
        int best = CaeEvaluator.bestComponent(fit, Arrays.copyOfRange(t, 0, half));
        assertTrue(best < 2, "the signal lies in the first two components: " + best);
    }

    @Test
    void theStatisticsAreTheTextbookOnes() {
        double[] x = {1, 2, 3, 4, 5}, y = {2, 4, 6, 8, 10};
        assertEquals(1, LinearFits.pearson(x, y), 1e-12);
        assertEquals(1, LinearFits.spearman(x, new double[] {1, 10, 100, 1000, 10000}), 1e-12);
        assertEquals(2, LinearFits.slope(x, y), 1e-12);
        assertEquals(1, LinearFits.r2(y, y), 1e-12);
        assertEquals(0, LinearFits.r2(y, new double[] {6, 6, 6, 6, 6}), 1e-12);
        double[] ci = LinearFits.fisherInterval(0.9, 103);
        assertEquals(Math.tanh(0.5 * Math.log(1.9 / 0.1) - 0.196), ci[0], 1e-3);
        double[] img = new double[16 * 16];
        img[8 * 16 + 8] = 1;
        assertEquals(0, CaeEvaluator.halfLightRadius(img, 16), 1e-12);
    }
}
