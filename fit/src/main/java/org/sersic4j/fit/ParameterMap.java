package org.sersic4j.fit;

import org.sersic4j.render.SersicParams;

/**
 * The smooth change of variables between the optimiser's unbounded vector u and the user's parameters, so that
 * unbounded optimisers respect the bounds: a logistic map between two finite bounds (in log space for flux, r_e and
 * n), exp for a positive parameter with no upper bound, PA periodic, the sky level as it is. The axis ratio is fitted
 * as q' in [q_min, 1/q_min] (logistic in ln q'): q' &gt; 1 is the same profile seen along the other axis
 * (r_e·q', 1/q', PA + 90°), so round galaxies sit in the middle of the range instead of against a wall at q = 1
 * (only when r_e and PA are both free; otherwise q stays in [q_min, q_max]).
 * Slot 7 is the sky offset.
 */
final class ParameterMap {
    /** Index of the sky offset among the eight parameters. */
    static final int SKY = 7;
    private static final int X0 = 0, Y0 = 1, FLUX = 2, RE = 3, N = 4, Q = 5, PA = 6;
    private static final boolean[] LOG = {false, false, true, true, true, false, false, false};

    private final int[] free;
    private final double[] fixedValues;
    private final double[] lo = new double[8], hi = new double[8];
    private final boolean swapQ;
    private final double[] userLo, userHi;

    /**
     * @param fixed       which of the eight parameters (seven + sky) are held at their starting value
     * @param bounds      bounds of the seven profile parameters
     */
    ParameterMap(boolean[] fixed, Bounds bounds) {
        int count = 0;
        for (boolean f : fixed) if (!f) count++;
        free = new int[count];
        for (int i = 0, j = 0; i < 8; i++) if (!fixed[i]) free[j++] = i;
        fixedValues = new double[8];
        for (int i = 0; i < 7; i++) {
            lo[i] = LOG[i] ? (bounds.lower()[i] > 0 ? Math.log(bounds.lower()[i]) : Double.NEGATIVE_INFINITY) : bounds.lower()[i];
            hi[i] = LOG[i] ? Math.log(bounds.upper()[i]) : bounds.upper()[i];
        }
        // Seen along the other axis, a profile's PA turns by 90° and its r_e scales: only when both are free.
        swapQ = bounds.upper()[Q] == 1 && !fixed[PA] && !fixed[RE];
        userLo = bounds.lower();
        userHi = bounds.upper();
        lo[Q] = Math.log(bounds.lower()[Q]);
        hi[Q] = swapQ ? -lo[Q] : Math.log(bounds.upper()[Q]);
        lo[PA] = hi[PA] = Double.NaN;
        lo[SKY] = Double.NEGATIVE_INFINITY;
        hi[SKY] = Double.POSITIVE_INFINITY;
    }

    /** Number of free parameters. */
    int size() {
        return free.length;
    }

    /** The indices (0–7) of the free parameters, in u's order. */
    int[] free() {
        return free.clone();
    }

    /** The internal vector of a starting point (which must lie inside the bounds); fixed values are kept. */
    double[] toInternal(SersicParams p, double sky) {
        double[] v = {p.x0(), p.y0(), p.flux(), p.re(), p.n(), p.q(), p.pa(), sky};
        System.arraycopy(v, 0, fixedValues, 0, 8);
        double[] u = new double[free.length];
        for (int j = 0; j < free.length; j++) {
            int i = free[j];
            if (i == PA || i == SKY) {
                u[j] = v[i];
            } else if (i == Q) {
                u[j] = inverse(Math.log(v[i]), lo[Q], hi[Q]);
            } else {
                u[j] = inverse(LOG[i] ? Math.log(v[i]) : v[i], lo[i], hi[i]);
            }
        }
        return u;
    }

    /** A point of the internal space in user terms, with d(user)/du for the chain rule. */
    record Mapped(SersicParams params, double sky, double[][] chain) {}

    /** Maps u to the user's parameters (q ≤ 1, PA in [0, 180)) and the chain-rule matrix chain[k][j] = ∂θ_k/∂u_j. */
    Mapped toUser(double[] u) {
        double[] v = fixedValues.clone();
        double[] slope = new double[8];
        for (int j = 0; j < free.length; j++) {
            int i = free[j];
            if (i == PA || i == SKY) {
                v[i] = u[j];
                slope[i] = 1;
                continue;
            }
            double s = forward(u[j], lo[i], hi[i]), ds = forwardSlope(u[j], lo[i], hi[i]);
            boolean log = LOG[i] || i == Q;
            v[i] = log ? Math.exp(s) : s;
            slope[i] = log ? v[i] * ds : ds;
            // exp(ln(bound)) may round a hair outside the bound.
            if (i != Q) v[i] = Math.min(Math.max(v[i], userLo[i]), userHi[i]);
        }
        double[][] chain = new double[8][free.length];
        for (int j = 0; j < free.length; j++) chain[free[j]][j] = slope[free[j]];
        if (v[Q] > 1) {
            // The same profile along the other axis: r_e·q', 1/q', PA + 90°.
            double re = v[RE], q = v[Q];
            for (int j = 0; j < free.length; j++) {
                double dre = chain[RE][j], dq = chain[Q][j];
                chain[RE][j] = dre * q + re * dq;
                chain[Q][j] = -dq / (q * q);
            }
            v[RE] = re * q;
            v[Q] = 1 / q;
            v[PA] += 90;
        }
        SersicParams p = new SersicParams(v[X0], v[Y0], v[FLUX], v[RE], v[N], Math.min(1, v[Q]), SersicParams.normalisePa(v[PA]));
        return new Mapped(p, v[SKY], chain);
    }

    /** True when a bounded free parameter sits within 1e-4 of its range from a bound (q = 1 is not a bound here). */
    boolean atBound(double[] u) {
        for (int j = 0; j < free.length; j++) {
            int i = free[j];
            if (i == PA || i == SKY) continue;
            if (Double.isFinite(lo[i]) && Double.isFinite(hi[i])) {
                double f = logistic(u[j]);
                if (f < 1e-4 || f > 1 - 1e-4) return true;
            }
        }
        return false;
    }

    private static double logistic(double u) {
        return u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
    }

    private static double forward(double u, double lo, double hi) {
        boolean l = Double.isFinite(lo), h = Double.isFinite(hi);
        if (l && h) return lo + (hi - lo) * logistic(u);
        if (l) return lo + Math.exp(u);
        if (h) return hi - Math.exp(-u);
        return u;
    }

    private static double forwardSlope(double u, double lo, double hi) {
        boolean l = Double.isFinite(lo), h = Double.isFinite(hi);
        if (l && h) {
            double f = logistic(u);
            return (hi - lo) * f * (1 - f);
        }
        if (l) return Math.exp(u);
        if (h) return Math.exp(-u);
        return 1;
    }

    private static double inverse(double s, double lo, double hi) {
        boolean l = Double.isFinite(lo), h = Double.isFinite(hi);
        if (l && h) {
            double f = Math.min(Math.max((s - lo) / (hi - lo), 1e-9), 1 - 1e-9);
            return Math.log(f / (1 - f));
        }
        if (l) return Math.log(Math.max(s - lo, 1e-300));
        if (h) return -Math.log(Math.max(hi - s, 1e-300));
        return s;
    }
}
