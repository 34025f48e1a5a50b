package org.sersic4j.render;

/**
 * The regularised lower incomplete gamma function P(a, x) with ln Γ(a) supplied by the caller, so that the
 * renderer's inner loops do not recompute it (series below a + 1, Lentz continued fraction above).
 */
public final class LowerGamma {
    private LowerGamma() {}

    private static final double EPS = 1e-15, TINY = 1e-300;
    private static final int MAX_ITER = 500;

    /** P(a, x) for a &gt; 0, given lnGammaA = ln Γ(a). */
    public static double p(double a, double x, double lnGammaA) {
        if (x <= 0) return 0;
        double prefactor = Math.exp(-x + a * Math.log(x) - lnGammaA);
        if (x < a + 1) {
            double term = 1 / a, sum = term;
            for (int k = 1; k < MAX_ITER; k++) {
                term *= x / (a + k);
                sum += term;
                if (term < sum * EPS) break;
            }
            return Math.min(1.0, prefactor * sum);
        }
        double b = x + 1 - a, c = 1 / TINY, d = 1 / b, h = d;
        for (int i = 1; i < MAX_ITER; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < TINY) d = TINY;
            c = b + an / c;
            if (Math.abs(c) < TINY) c = TINY;
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) break;
        }
        return Math.max(0.0, 1 - prefactor * h);
    }
}
