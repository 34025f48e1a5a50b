package org.sersic4j.render;

import org.hipparchus.special.Gamma;

/** Exact Sérsic relations: b_n as the root of P(2n, b) = 1/2, and total flux ↔ I_e. */
public final class SersicMath {
    private SersicMath() {}

    /** The table of b_n that starts Newton's method: n from {@link #TABLE_START} in steps of {@link #TABLE_STEP}. */
    private static final double TABLE_START = 0.1, TABLE_STEP = 0.01;
    private static final double[] TABLE = table(2001);

    private static double[] table(int size) {
        double[] t = new double[size];
        for (int i = 0; i < size; i++) t[i] = bnFromBracket(TABLE_START + i * TABLE_STEP);
        return t;
    }

    /**
     * b_n solving P(2n, b_n) = 1/2 exactly (regularised lower incomplete gamma), to double precision: Newton's method
     * from a cubic interpolation of a table of exact values (one or two steps), by bracketing outside the table.
     */
    public static double bn(double n) {
        if (!(n > 0)) throw new IllegalArgumentException("n must be > 0 (got " + n + ")");
        double x = (n - TABLE_START) / TABLE_STEP;
        int i = (int) Math.floor(x);
        if (i < 1 || i + 2 >= TABLE.length) return bnFromBracket(n);
        double f = x - i;
        // Cubic Lagrange interpolation through the table values at i − 1 … i + 2.
        double guess = -f * (f - 1) * (f - 2) / 6 * TABLE[i - 1] + (f + 1) * (f - 1) * (f - 2) / 2 * TABLE[i]
                - (f + 1) * f * (f - 2) / 2 * TABLE[i + 1] + (f + 1) * f * (f - 1) / 6 * TABLE[i + 2];
        double a = 2 * n, logGammaA = Gamma.logGamma(a), b = guess;
        for (int k = 0; k < 6; k++) {
            double dens = Math.exp((a - 1) * Math.log(b) - b - logGammaA);
            double step = (Gamma.regularizedGammaP(a, b) - 0.5) / dens;
            b -= step;
            if (Math.abs(step) <= 1e-15 * b) return b;
        }
        return bnFromBracket(n);
    }

    /** b_n by bracketing, bisection and Newton from scratch (the table's own values, and n outside the table). */
    private static double bnFromBracket(double n) {
        double a = 2 * n;
        // The median of Gamma(a) lies in (a - 1/3 - 0.1, a) for a >= 0.1; bracket generously and bisect + Newton.
        double lo = Math.max(1e-12, a - 1.0), hi = a + 1.0;
        while (Gamma.regularizedGammaP(a, lo) > 0.5) lo *= 0.5;
        while (Gamma.regularizedGammaP(a, hi) < 0.5) hi *= 2;
        double b = 0.5 * (lo + hi);
        double logGammaA = Gamma.logGamma(a);
        for (int i = 0; i < 200; i++) {
            double f = Gamma.regularizedGammaP(a, b) - 0.5;
            if (f > 0) hi = b; else lo = b;
            double dens = Math.exp((a - 1) * Math.log(b) - b - logGammaA);
            double nb = b - f / dens;
            if (!(nb > lo && nb < hi)) nb = 0.5 * (lo + hi);
            if (Math.abs(nb - b) <= 1e-15 * b) return nb;
            b = nb;
        }
        return b;
    }

    /** Total flux (to infinity) of a profile with surface brightness I_e at r_e: 2π q r_e² I_e n e^b b^(−2n) Γ(2n). */
    public static double totalFlux(double ie, double re, double n, double q) {
        return ie * fluxPerIe(re, n, q);
    }

    /** I_e of a profile with the given total flux. */
    public static double ie(double flux, double re, double n, double q) {
        return ie(flux, re, n, q, bn(n));
    }

    /** I_e of a profile with the given total flux, its b_n already known. */
    public static double ie(double flux, double re, double n, double q, double bn) {
        return flux / fluxPerIe(re, n, q, bn);
    }

    private static double fluxPerIe(double re, double n, double q) {
        return fluxPerIe(re, n, q, bn(n));
    }

    private static double fluxPerIe(double re, double n, double q, double b) {
        return 2 * Math.PI * q * re * re * n * Math.exp(b + Gamma.logGamma(2 * n) - 2 * n * Math.log(b));
    }

    /** Fraction of the total flux inside elliptical radius r: P(2n, b (r/r_e)^(1/n)). */
    public static double enclosedFraction(double r, double re, double n) {
        if (r <= 0) return 0;
        return Gamma.regularizedGammaP(2 * n, bn(n) * Math.pow(r / re, 1 / n));
    }

    /** Surface brightness at elliptical radius r (same units as I_e). */
    public static double intensity(double r, double ie, double re, double n, double b) {
        return ie * Math.exp(-b * (Math.pow(r / re, 1 / n) - 1));
    }

    /** Mean surface brightness inside r_e in mag/arcsec² for a total magnitude, r_e in arcsec and axis ratio q. */
    public static double meanSurfaceBrightness(double mag, double reArcsec, double q) {
        return mag + 2.5 * Math.log10(2 * Math.PI * q * reArcsec * reArcsec);
    }
}
