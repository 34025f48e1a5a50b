package org.sersic4j.validation.deblend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sersic4j.validation.deblend.ImageScores.Metric;

class ImageScoresTest {
    private static float[] galaxy(int side) {
        float[] px = new float[side * side];
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++) px[y * side + x] = (float) Math.exp(-((x - 15.5) * (x - 15.5) + (y - 14) * (y - 14)) / 30.0);
        return px;
    }

    @Test
    void aPerfectReconstructionHasSsimOneAndNoiseHasLowSsim() {
        float[] g = galaxy(32), noise = new float[32 * 32];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < noise.length; i++) noise[i] = (float) r.nextDouble();
        ImageScores same = ImageScores.of("same", g, g, 1, 32), rnd = ImageScores.of("noise", noise, g, 1, 32);
        assertEquals(1.0, same.mean(Metric.SSIM), 1e-12);
        assertEquals(0.0, same.mean(Metric.MSE));
        assertEquals(100.0, same.mean(Metric.PSNR));
        assertTrue(rnd.mean(Metric.SSIM) < 0.1, "SSIM of noise: " + rnd.mean(Metric.SSIM));
    }

    @Test
    void mseAndPsnrMatchHandComputedValues() {
        float[] a = new float[16 * 16], b = new float[16 * 16];
        for (int i = 0; i < a.length; i++) b[i] = i % 2 == 0 ? 0.1f : -0.1f; // every pixel off by 0.1: MSE 0.01, PSNR 20 dB
        ImageScores s = ImageScores.of("x", b, a, 1, 16);
        assertEquals(0.01, s.mean(Metric.MSE), 1e-8);
        assertEquals(20.0, s.mean(Metric.PSNR), 1e-5);
        float[] two = new float[2 * 256], t2 = new float[2 * 256];
        for (int i = 0; i < 256; i++) two[i] = 0.1f;                     // blend 0: MSE 0.01; blend 1: MSE 0.04
        for (int i = 256; i < 512; i++) two[i] = 0.2f;
        ImageScores m = ImageScores.of("two", two, t2, 2, 16);
        assertEquals(0.025, m.mean(Metric.MSE), 1e-8);
        assertEquals((20 + 10 * Math.log10(25)) / 2, m.mean(Metric.PSNR), 1e-4);
        double[] ci = m.interval(Metric.MSE);
        assertTrue(ci[0] < 0.025 && ci[1] > 0.025);
    }
}
