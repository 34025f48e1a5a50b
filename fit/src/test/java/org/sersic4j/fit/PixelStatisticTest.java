package org.sersic4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sersic4j.render.sim.NoiseModel;

/**
 * The likelihoods written as residuals: for every pixel, r(m)² − r(m')² equals the change of −2 ln L computed
 * directly from the likelihood's own formula, r changes sign where the pixel's own likelihood peaks, and dr/dm equals
 * a numerical derivative, including right at the peak where r = 0.
 */
class PixelStatisticTest {
    static final NoiseModel NOISE = new NoiseModel(100, 2.5, 5);
    static final double[] DATA = {-20, -3, 0, 0.7, 5, 40, 300, 5000};

    /** −2 ln L of one pixel by the textbook formula (constants dropped). */
    static double poissonDeviance(double d, double m) {
        double g = NOISE.gain(), off = g * NOISE.sky() + NOISE.rdnoise() * NOISE.rdnoise();
        double c = g * (m) + off, cd = Math.max(0, g * d + off);
        return 2 * (c - cd * Math.log(c));
    }

    static double gaussianDeviance(double d, double m) {
        double v = NOISE.variance(m);
        return (d - m) * (d - m) / v + Math.log(v);
    }

    static PixelStatistic build(String kind, double[] data) {
        int[] px = new int[data.length];
        for (int i = 0; i < px.length; i++) px[i] = i;
        return switch (kind) {
            case "poisson" -> new PoissonStatistic(px, data, NOISE);
            case "gaussian" -> new GaussianVarianceStatistic(px, data, NOISE);
            default -> {
                double[] s = new double[data.length];
                java.util.Arrays.fill(s, 7.5);
                yield new Chi2Statistic(px, data, s);
            }
        };
    }

    static double deviance(String kind, double d, double m) {
        return switch (kind) {
            case "poisson" -> poissonDeviance(d, m);
            case "gaussian" -> gaussianDeviance(d, m);
            default -> (d - m) * (d - m) / (7.5 * 7.5);
        };
    }

    @Test
    void squaredResidualDifferencesAreDevianceDifferences() {
        for (String kind : new String[] {"chi2", "poisson", "gaussian"}) {
            PixelStatistic s = build(kind, DATA);
            for (double shift : new double[] {-15, -1, -0.01, 0.3, 2, 60}) {
                double[] m1 = DATA.clone(), m2 = DATA.clone();
                for (int i = 0; i < m1.length; i++) {
                    m1[i] = Math.max(DATA[i] + shift, -30);
                    m2[i] = Math.max(DATA[i] + 0.5 * shift + 3, -30);
                }
                double[] r1 = new double[DATA.length], r2 = new double[DATA.length], d = new double[DATA.length];
                assertTrue(s.residuals(m1, 0, r1, d));
                assertTrue(s.residuals(m2, 0, r2, d));
                for (int i = 0; i < DATA.length; i++) {
                    double expected = deviance(kind, DATA[i], m1[i]) - deviance(kind, DATA[i], m2[i]);
                    double got = r1[i] * r1[i] - r2[i] * r2[i];
                    assertEquals(expected, got, 1e-9 * (1 + Math.abs(expected)), kind + " pixel " + i + " shift " + shift);
                }
            }
        }
    }

    @Test
    void slopeMatchesNumericalDerivativeAlsoAtThePeak() {
        for (String kind : new String[] {"chi2", "poisson", "gaussian"}) {
            PixelStatistic s = build(kind, DATA);
            // The peak of each pixel's own likelihood: scan for the sign change of r.
            for (int i = 0; i < DATA.length; i++) {
                double lo = DATA[i] - 50, hi = DATA[i] + 50;
                for (int it = 0; it < 200; it++) {
                    double mid = 0.5 * (lo + hi);
                    if (residual(s, i, mid) < 0) lo = mid; else hi = mid;
                }
                double peak = 0.5 * (lo + hi);
                assertEquals(0, residual(s, i, peak), 1e-7, kind + " r at the peak");
                for (double at : new double[] {peak, peak + 1e-9, peak + 0.4, peak - 3, peak + 25}) {
                    double h = 1e-5 * Math.max(1, Math.abs(at));
                    double numeric = (residual(s, i, at + h) - residual(s, i, at - h)) / (2 * h);
                    assertEquals(numeric, slope(s, i, at), 1e-6 * Math.max(1, Math.abs(numeric)), kind + " dr/dm pixel " + i + " at " + at);
                }
            }
        }
    }

    @Test
    void poissonPeakIsTheDataAndGaussianPeakSitsBelowIt() {
        PixelStatistic p = build("poisson", DATA), g = build("gaussian", DATA);
        for (int i = 0; i < DATA.length; i++) {
            if (NOISE.gain() * (DATA[i] + NOISE.sky()) + 25 <= 0) continue;
            assertEquals(0, residual(p, i, DATA[i]), 1e-12);
            // The log-variance term pulls the Gaussian peak slightly below the data, by about 1/(2·GAIN).
            double r = residual(g, i, DATA[i]);
            assertTrue(r > 0, "gaussian r at the data is positive (peak below the data)");
        }
    }

    @Test
    void impossibleModelIsReportedNotHidden() {
        PixelStatistic p = build("poisson", DATA);
        double[] m = DATA.clone();
        m[0] = -1e6;
        double[] r = new double[DATA.length], d = new double[DATA.length];
        assertFalse(p.residuals(m, 0, r, d));
    }

    /**
     * A model absurdly far above the data (as a runaway optimiser step can propose) is a terrible fit, never a perfect
     * one: r² grows with the model up to where it overflows, where (x − ln(1 + x))/x² used to overflow to 0.
     */
    @Test
    void anAbsurdlyBrightModelFitsTerriblyNotPerfectly() {
        for (String kind : new String[] {"poisson", "gaussian"}) {
            PixelStatistic s = build(kind, DATA);
            for (int i = 0; i < DATA.length; i++) {
                double previous = Math.abs(residual(s, i, DATA[i] + 1e3));
                for (double m : new double[] {1e10, 1e60, 1e120, 1e160, 1e200, 1e250, 1e300}) {
                    double r = residual(s, i, m), slope = slope(s, i, m);
                    assertTrue(Double.isFinite(r) && Double.isFinite(slope), kind + " pixel " + i + " at m = " + m);
                    assertTrue(Math.abs(r) > previous, kind + " pixel " + i + ": |r| at m = " + m + " is " + Math.abs(r)
                            + ", not above " + previous + " at a smaller model");
                    assertTrue(slope > 0, kind + " pixel " + i + ": dr/dm at m = " + m + " is " + slope);
                    previous = Math.abs(r);
                }
            }
        }
        // Against the deviance itself where both sides stay finite: r² − r(d)² = D(m) − D(d).
        PixelStatistic p = build("poisson", DATA);
        double m = 1e150, rPeak = residual(p, 7, DATA[7]), r = residual(p, 7, m);
        double expected = poissonDeviance(DATA[7], m) - poissonDeviance(DATA[7], DATA[7]);
        assertEquals(1, (r * r - rPeak * rPeak) / expected, 1e-9, "poisson r² at m = 1e150 is the deviance");
    }

    static double residual(PixelStatistic s, int i, double m) {
        double[] model = DATA.clone(), r = new double[DATA.length], d = new double[DATA.length];
        model[i] = m;
        s.residuals(model, 0, r, d);
        return r[i];
    }

    static double slope(PixelStatistic s, int i, double m) {
        double[] model = DATA.clone(), r = new double[DATA.length], d = new double[DATA.length];
        model[i] = m;
        s.residuals(model, 0, r, d);
        return d[i];
    }
}
