package org.sersic4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaussianSquaredErrorObjectiveTest {

    @Test
    void analyticGradientMatchesCentralDifferences() {
        StampPixels pixels = StampPixels.of(GaussianStamps.withNoise(
                GaussianStamps.gaussian(24, 20, 5, 11.3, 9.8, 3, 1.7, 25), 0.1, 5), null);
        GaussianSquaredErrorObjective f = new GaussianSquaredErrorObjective(pixels, 0.37);
        double[] p = {4.2, 12.1, 9.1, Math.log(2.6), Math.log(1.9), 0.7};
        double[] g = new double[6];
        f.valueAndGradient(p, g);
        for (int i = 0; i < 6; i++) {
            double h = 1e-6 * Math.max(1, Math.abs(p[i]));
            double[] plus = p.clone(), minus = p.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (f.valueAndGradient(plus, new double[6]) - f.valueAndGradient(minus, new double[6])) / (2 * h);
            assertEquals(numeric, g[i], 1e-6 * Math.max(1, Math.abs(numeric)), "parameter " + i);
        }
    }
}
