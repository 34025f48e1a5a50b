package org.sersic4j.validation.galnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The paired bootstrap ratio: exact on constant scalings, covering the true ratio on noisy samples, pairing rows. */
class PairedRatioTest {
    private static double mean(double[] v) {
        return GalnetClaims.mean(v);
    }

    @Test
    void aRowWiseScalingGivesThatRatioWithADegenerateInterval() {
        double[] b = new double[200], a = new double[200];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < b.length; i++) {
            b[i] = 1 + rng.nextDouble();
            a[i] = 0.5 * b[i];
        }
        PairedRatio r = PairedRatio.of(a, b, PairedRatioTest::mean, 300, 7);
        assertEquals(0.5, r.ratio(), 1e-12);
        assertEquals(0.5, r.low(), 1e-12);
        assertEquals(0.5, r.high(), 1e-12);
    }

    @Test
    void theIntervalCoversTheTrueRatioOfNoisySamplesAndShrinksWithMoreRows() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] widths = new double[2];
        int[] sizes = {100, 1600};
        for (int k = 0; k < sizes.length; k++) {
            double[] a = new double[sizes[k]], b = new double[sizes[k]];
            for (int i = 0; i < a.length; i++) {
                a[i] = 2 + rng.nextGaussian();    // mean 2
                b[i] = 4 + rng.nextGaussian();    // mean 4: true ratio 0.5
            }
            PairedRatio r = PairedRatio.of(a, b, PairedRatioTest::mean, 500, 11);
            assertTrue(r.low() < 0.5 && 0.5 < r.high(), "interval " + r);
            widths[k] = r.high() - r.low();
        }
        assertTrue(widths[1] < 0.5 * widths[0], "16× the rows should narrow the interval about 4×: " + widths[0] + " → " + widths[1]);
    }

    @Test
    void rowsWithAMissingValueOnEitherSideAreDroppedTogether() {
        double[] a = {1, 2, Double.NaN, 4}, b = {2, 4, 100, Double.POSITIVE_INFINITY};
        assertEquals(0.5, PairedRatio.of(a, b, PairedRatioTest::mean, 0, 1).ratio(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> PairedRatio.of(new double[2], new double[3], PairedRatioTest::mean, 0, 1));
    }
}
