package org.sersic4j.render;

import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.hipparchus.special.Gamma;

/**
 * Independent truth for the renderer tests: the Sérsic profile written from docs/conventions.md alone (b_n by plain bisection
 * on Hipparchus' P(2n, b) = 1/2, I_e from the textbook closed form with Hipparchus' Γ, PA counter-clockwise from +y)
 * and adaptive quadrature by Hipparchus. Nothing here calls the main code.
 */
final class SersicTruth {
    private SersicTruth() {}

    /** b_n by bisection on Hipparchus' regularised lower incomplete gamma (independent of SersicMath.bn). */
    static double bn(double n) {
        double a = 2 * n, lo = 0, hi = 2 * a + 10;
        for (int i = 0; i < 200 && hi - lo > 1e-16 * hi; i++) {
            double m = 0.5 * (lo + hi);
            if (Gamma.regularizedGammaP(a, m, 1e-16, 100000) < 0.5) lo = m; else hi = m;
        }
        return 0.5 * (lo + hi);
    }

    /**
     * I_e from total flux F (Graham and Driver 2005, eq. 4 with the axis ratio): F = 2π q r_e² I_e n e^b b^(−2n) Γ(2n).
     */
    static double ie(double flux, double re, double n, double q) {
        double b = bn(n);
        return flux / (2 * Math.PI * q * re * re * n * Math.exp(b) * Math.pow(b, -2 * n) * Gamma.gamma(2 * n));
    }

    /** A Sérsic surface-brightness function in FITS pixel coordinates, built from the parameters. */
    static final class Profile {
        final double x0, y0, re, n, q, b, ie, sinPa, cosPa;

        Profile(SersicParams p) {
            x0 = p.x0();
            y0 = p.y0();
            re = p.re();
            n = p.n();
            q = p.q();
            b = bn(n);
            ie = SersicTruth.ie(p.flux(), re, n, q);
            double t = Math.toRadians(p.pa());
            sinPa = Math.sin(t);
            cosPa = Math.cos(t);
        }

        /** Elliptical radius of an offset: the major axis points along (−sin PA, cos PA) ("up = 0, left = 90"). */
        double ellipticalRadius(double dx, double dy) {
            double major = -sinPa * dx + cosPa * dy;
            double minor = cosPa * dx + sinPa * dy;
            return Math.sqrt(major * major + (minor / q) * (minor / q));
        }

        /** Surface brightness at elliptical radius r. */
        double atRadius(double r) {
            return ie * Math.exp(-b * (Math.pow(r / re, 1 / n) - 1));
        }

        /** Surface brightness at FITS position (x, y). */
        double at(double x, double y) {
            return atRadius(ellipticalRadius(x - x0, y - y0));
        }
    }

    /** Adaptive Gauss–Legendre integral of f on [a, b] (Hipparchus), to the given relative and absolute accuracy. */
    static double integrate(UnivariateFunction f, double a, double b, double rel, double abs) {
        IterativeLegendreGaussIntegrator in = new IterativeLegendreGaussIntegrator(16, rel, abs, 2, 60);
        return in.integrate(50_000_000, f, a, b);
    }

    /** Pixel index (0-based) of FITS coordinate x: pixel ix is centred at ix + 1. */
    static double pixelCentre(int index) {
        return index + 1.0;
    }
}
