package org.sersic4j.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pixel holding the centre of a galaxy (the cusp, the hardest pixel) equals an independent numerical integral of
 * the analytic profile over that pixel, and its value has the units of surface brightness × 1 px².
 */
class CentralValueTest {

    /**
     * ∫∫_pixel I: polar coordinates about the galaxy centre (at the pixel centre), split into the four triangles
     * that the pixel edges make with the centre; along a ray of direction θ the elliptical radius is r·s(θ), and
     * the radial integral ∫_0^{R(θ)} I(r s) r dr is taken in y with r = R y^n, which makes the cusp smooth
     * (the integrand becomes n R² y^(2n−1) I_e exp(−b ((R s / r_e)^(1/n) y − 1))).
     */
    static double centralPixelIntegral(SersicParams p) {
        SersicTruth.Profile t = new SersicTruth.Profile(p);
        double n = p.n(), total = 0;
        for (int edge = 0; edge < 4; edge++) {
            double normal = edge * Math.PI / 2; // direction of the edge's outward normal
            total += SersicTruth.integrate(theta -> {
                double rEdge = 0.5 / Math.cos(theta - normal);
                double s = t.ellipticalRadius(Math.cos(theta), Math.sin(theta));
                double k = t.b * Math.pow(rEdge * s / t.re, 1 / n);
                return SersicTruth.integrate(
                        y -> n * rEdge * rEdge * Math.pow(y, 2 * n - 1) * t.ie * Math.exp(-(k * y - t.b)),
                        0, 1, 1e-13, 1e-300);
            }, normal - Math.PI / 4, normal + Math.PI / 4, 1e-11, 1e-300);
        }
        return total;
    }

    @ParameterizedTest(name = "n={0} re={1} q={2} pa={3}")
    @CsvSource({"1, 50, 1, 0", "4, 2, 1, 0", "4, 0.8, 0.6, 33", "6, 3, 0.9, 120", "8, 1, 0.5, 75"})
    void centralPixelEqualsIntegralOfTheProfile(double n, double re, double q, double pa) {
        int side = 15;
        double c = (side + 1) / 2.0; // pixel (7, 7) is centred at FITS (8, 8)
        SersicParams p = new SersicParams(c, c, 1e4, re, n, q, pa);
        Image img = new JavaReferenceRenderer().render(p, side, side, null, RenderSettings.DEFAULT);
        double got = img.get(side / 2, side / 2);
        double expected = centralPixelIntegral(p);
        System.out.printf("central pixel: n=%s re=%s q=%s renderer=%.12g integral=%.12g rel=%.2e%n",
                n, re, q, got, expected, got / expected - 1);
        assertEquals(expected, got, 1e-6 * expected, "central pixel of " + p);
        assertEquals(got, img.max(), 0.0, "the central pixel is the brightest");
    }

    @Test
    void centralPixelOfAWideExponentialIsTheCentralSurfaceBrightness() {
        // n = 1: I(r) = I_0 exp(−r/h), h = r_e/b_1, F = 2π q h² I_0, so I_0 = F b² / (2π q r_e²), b_1 = 1.678346990.
        double re = 50, q = 1, flux = 1e6, b = 1.678346990;
        double i0 = flux * b * b / (2 * Math.PI * q * re * re);
        SersicParams p = new SersicParams(8, 8, flux, re, 1, q, 0);
        Image img = new JavaReferenceRenderer().render(p, 15, 15, null, RenderSettings.DEFAULT);
        double pixel = img.get(7, 7);
        // The pixel average of exp(−r/h) over a unit square is about 1 − 0.38/h ≈ 0.987 of I_0 for h ≈ 30 px.
        assertEquals(i0, pixel, 0.02 * i0, "central pixel vs I_e e^(b_n) × 1 px²");
        assertEquals(i0, SersicMath.ie(flux, re, 1, q) * Math.exp(SersicMath.bn(1)), 1e-8 * i0);
    }
}
