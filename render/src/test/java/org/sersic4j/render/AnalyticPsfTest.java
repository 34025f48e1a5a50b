package org.sersic4j.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.special.Erf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Analytic PSFs integrated over pixels: against exact erf pixel integrals (Gaussian) and independent quadrature (Moffat). */
class AnalyticPsfTest {

    @ParameterizedTest
    @CsvSource({"0.8, 11", "2.0, 15", "4.0, 31"})
    void roundGaussianPixelsAreExactErfIntegrals(double fwhm, int size) {
        GaussianPsf g = GaussianPsf.round(fwhm);
        PixelPsf p = g.toPixelPsf(size);
        double s = g.sigma() * Math.sqrt(2);
        int r = size / 2;
        double[] oneD = new double[size];
        double total = 0;
        for (int i = -r; i <= r; i++) total += oneD[i + r] = 0.5 * (Erf.erf((i + 0.5) / s) - Erf.erf((i - 0.5) / s));
        double peak = oneD[r] * oneD[r] / (total * total), worst = 0;
        for (int y = -r; y <= r; y++)
            for (int x = -r; x <= r; x++)
                worst = Math.max(worst, Math.abs(p.at(x, y) - oneD[x + r] * oneD[y + r] / (total * total)));
        assertTrue(worst / peak < 1e-6, "max |Δ|/peak " + worst / peak);
    }

    @ParameterizedTest
    @CsvSource({"1.5, 2.5", "4.0, 3.5"})
    void moffatPixelsMatchFineMidpointSums(double fwhm, double beta) {
        MoffatPsf m = MoffatPsf.round(fwhm, beta);
        PixelPsf p = m.toPixelPsf(25);
        // Independent: a 400×400 midpoint sum over each pixel of a few pixels, against the normalised value.
        double norm = 0;
        int n = 400;
        double[] check = new double[3];
        for (int y = -12; y <= 12; y++) {
            for (int x = -12; x <= 12; x++) {
                int steps = Math.abs(x) <= 2 && Math.abs(y) <= 2 ? n : 40;
                double sum = 0;
                for (int j = 0; j < steps; j++)
                    for (int i = 0; i < steps; i++)
                        sum += m.value(x - 0.5 + (i + 0.5) / steps, y - 0.5 + (j + 0.5) / steps);
                sum /= (double) steps * steps;
                norm += sum;
                if (y == 0 && x >= 0 && x <= 2) check[x] = sum;
            }
        }
        for (int x = 0; x <= 2; x++) assertEquals(check[x] / norm, p.at(x, 0), 1e-5 * p.at(0, 0), "pixel (" + x + ", 0)");
    }
}
