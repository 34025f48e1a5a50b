package org.sersic4j.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StampScalingTest {

    @Test
    void borderNoiseEstimatesTheNoiseSigma() {
        Random r = new Random(1);
        float[] px = new float[64 * 64];
        for (int i = 0; i < px.length; i++) px[i] = (float) (7.5 * r.nextGaussian());
        assertEquals(7.5, StampScaling.borderNoise(px, 64, 64), 0.75);
    }

    @Test
    void scaleOfABrightBlobIsItsCentralThreeByThreeMean() {
        float[] px = new float[32 * 32];
        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 32; x++) px[y * 32 + x] = (float) (1000 * Math.exp(-((x - 16) * (x - 16) + (y - 16) * (y - 16)) / 8.0));
        double expected = 0;
        for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) expected += px[(16 + dy) * 32 + 16 + dx];
        StampScaling.Scale s = StampScaling.of(px, 32, 32);
        assertEquals(expected / 9, s.scale(), 1e-3);
        assertTrue(s.peakSnr() > 1e3, "a noiseless stamp has a huge peak S/N");
    }

    @Test
    void pureNoiseGetsThreeSigmaScale() {
        Random r = new Random(2);
        float[] px = new float[64 * 64];
        for (int i = 0; i < px.length; i++) px[i] = (float) (5 * r.nextGaussian());
        StampScaling.Scale s = StampScaling.of(px, 64, 64);
        assertTrue(s.scale() >= 3 * s.noise() - 1e-9);
        assertTrue(s.peakSnr() < 3, "noise has no real peak");
    }
}
