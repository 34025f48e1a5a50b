package org.sersic4j.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** b_n, I_e ↔ flux, the enclosed fraction and the incomplete gamma function against independent truth. */
class SersicMathTest {

    @Test
    void bnOfHalfIsLn2() {
        // P(1, b) = 1 − e^(−b) = 1/2  ⇒  b = ln 2.
        assertEquals(Math.log(2), SersicMath.bn(0.5), 1e-14);
    }

    @Test
    void bnMatchesPublishedValues() {
        // Ciotti & Bertin 1999 / Graham & Driver 2005 tables.
        assertEquals(1.678346990, SersicMath.bn(1), 1e-8);
        assertEquals(7.669249443, SersicMath.bn(4), 1e-8);
    }

    @Test
    void bnIsTheMedianOfGamma2n() {
        for (double n = 0.2; n <= 10.0 + 1e-9; n += 0.1) {
            double b = SersicMath.bn(n);
            double p = Gamma.regularizedGammaP(2 * n, b, 1e-16, 100000);
            assertEquals(0.5, p, 1e-13, "P(2n, b_n) for n = " + n);
            // And agrees with an independent bisection.
            assertEquals(SersicTruth.bn(n), b, 1e-12 * b, "b_n for n = " + n);
        }
    }

    @Test
    void bnBetweenTheTablesNodesIsExactToo() {
        // b_n starts from an interpolated table: between its nodes Newton's method must still reach the exact root.
        for (double n = 0.2037; n < 12; n += 0.0713) {
            double b = SersicMath.bn(n);
            assertEquals(0.5, Gamma.regularizedGammaP(2 * n, b, 1e-16, 100000), 1e-13, "P(2n, b_n) for n = " + n);
            assertEquals(SersicTruth.bn(n), b, 1e-12 * b, "b_n for n = " + n);
        }
    }

    @Test
    void ieAndFluxRoundTrip() {
        double[][] cases = {{1e4, 3, 0.5, 1}, {123.4, 0.7, 4, 0.3}, {5e6, 25, 1.7, 0.85}, {1, 1, 10, 0.05}, {42, 2, 0.2, 1}};
        for (double[] c : cases) {
            double ie = SersicMath.ie(c[0], c[1], c[2], c[3]);
            assertEquals(c[0], SersicMath.totalFlux(ie, c[1], c[2], c[3]), 1e-13 * c[0]);
            // And I_e agrees with the textbook closed form computed independently.
            assertEquals(SersicTruth.ie(c[0], c[1], c[2], c[3]), ie, 1e-11 * ie);
        }
    }

    @Test
    void halfTheLightIsInsideRe() {
        for (double n : new double[] {0.2, 0.5, 1, 2.5, 4, 8, 10}) {
            for (double re : new double[] {0.3, 1, 17}) {
                assertEquals(0.5, SersicMath.enclosedFraction(re, re, n), 1e-13, "n = " + n + ", re = " + re);
            }
            assertEquals(0.0, SersicMath.enclosedFraction(0, 2, n));
            assertEquals(1.0, SersicMath.enclosedFraction(1e6, 2, n), 1e-9);
        }
    }

    /** Total flux = 2π q ∫_0^∞ I(r) r dr, integrated numerically in s = ln(r/r_e) (no use of the Γ function). */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1, 4})
    void totalFluxEqualsNumericalIntegralOfTheProfile(double n) {
        double ie = 3.7, re = 2.5, q = 0.6;
        double b = SersicTruth.bn(n);
        // Upper limit where b (r/re)^(1/n) = 2n + 100: the tail beyond is below e^(-90) of the total.
        double sMax = n * Math.log((2 * n + 100) / b), sMin = -40;
        double total = 0;
        for (double lo = sMin; lo < sMax; lo += 0.5) {
            double hi = Math.min(lo + 0.5, sMax);
            total += SersicTruth.integrate(s -> {
                double r = re * Math.exp(s);
                return ie * Math.exp(-b * (Math.exp(s / n) - 1)) * r * r; // I(r) r dr with dr = r ds
            }, lo, hi, 1e-14, 1e-300);
        }
        double numeric = 2 * Math.PI * q * total;
        double analytic = SersicMath.totalFlux(ie, re, n, q);
        assertEquals(numeric, analytic, 1e-10 * numeric, "n = " + n);
    }

    @Test
    void lowerGammaMatchesHipparchus() {
        double worst = 0;
        String where = "";
        for (int i = 0; i <= 60; i++) {
            double a = 0.4 * Math.pow(20 / 0.4, i / 60.0);
            double lg = Gamma.logGamma(a);
            for (int j = 0; j <= 120; j++) {
                double x = 1e-4 * Math.pow(80 / 1e-4, j / 120.0);
                double expected = Gamma.regularizedGammaP(a, x, 1e-16, 100000);
                double got = LowerGamma.p(a, x, lg);
                double d = Math.abs(got - expected);
                if (d > worst) {
                    worst = d;
                    where = "a = " + a + ", x = " + x;
                }
            }
        }
        // Also at the points the renderer meets most: x = b_n-scaled values near a.
        for (double a = 0.4; a <= 20; a += 0.37) {
            double lg = Gamma.logGamma(a);
            for (double f : new double[] {0.5, 0.9, 0.99, 1, 1.01, 1.1, 2}) {
                double x = f * a;
                double d = Math.abs(LowerGamma.p(a, x, lg) - Gamma.regularizedGammaP(a, x, 1e-16, 100000));
                if (d > worst) {
                    worst = d;
                    where = "a = " + a + ", x = " + x;
                }
            }
        }
        System.out.println("LowerGamma.p vs Hipparchus: max |Δ| = " + worst + " at " + where);
        assertTrue(worst <= 1e-12, "max |Δ| = " + worst + " at " + where);
        assertEquals(0.0, LowerGamma.p(2, 0, Gamma.logGamma(2)));
    }
}
