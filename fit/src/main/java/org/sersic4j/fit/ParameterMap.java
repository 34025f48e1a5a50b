package org.sersic4j.fit;

import org.sersic4j.render.SersicParams;

/**
 * The smooth change of variables between the optimiser's unbounded vector u and the user's parameter vector θ, for a
 * model of any number of parameters, so that unbounded optimisers respect the bounds. Each parameter has a
 * {@link Scale}: a logistic map between two finite bounds (in log space for {@link Scale#LOG}), exp for a parameter
 * with one bound, the identity for a periodic one (PA) or one with no bounds (the sky level). An axis ratio
 * ({@link Scale#AXIS_RATIO}) is fitted as q' in [q_min, 1/q_min] (logistic in ln q'): q' &gt; 1 is the same profile
 * seen along the other axis (r_e·q', 1/q', PA + 90°), so round galaxies sit in the middle of the range instead of
 * against a wall at q = 1 (only when its r_e and PA are both free; otherwise q stays in [q_min, q_max]).
 *
 * <p>{@link #sersicAndSky} lays out one Sérsic profile (x0, y0, flux, re, n, q, pa) and a sky offset in slot 7.
 */
final class ParameterMap {
    /** How a parameter is mapped. */
    enum Scale { LINEAR, LOG, PERIODIC, AXIS_RATIO }

    /** Index of the sky offset in {@link #sersicAndSky}'s layout. */
    static final int SKY = 7;
    private static final int X0 = 0, Y0 = 1, FLUX = 2, RE = 3, N = 4, Q = 5, PA = 6;

    private final Scale[] scale;
    private final int[] free;
    private final double[] fixedValues;
    private final double[] lo, hi;
    private final double[] userLo, userHi;
    /** Per axis ratio that may swap: {q, re, pa} slots. */
    private final int[][] swaps;
    /** Ties: parameter tied[t][0] = ratio · parameter tied[t][1] + offset (ratio, offset in tieValues[t]). */
    private final int[][] tied;
    private final double[][] tieValues;
    private final Tie[] ties;

    /**
     * @param scale  how each parameter is mapped
     * @param lower  lower bounds (−∞ for none; ignored for periodic parameters)
     * @param upper  upper bounds (+∞ for none)
     * @param fixed  which parameters are held at their starting value
     * @param axes   for each axis ratio, the slots {q, re, pa} of its profile (the q' &gt; 1 trick needs them)
     */
    ParameterMap(Scale[] scale, double[] lower, double[] upper, boolean[] fixed, int[][] axes) {
        this(scale, lower, upper, fixed, axes, new Tie[0]);
    }

    /** A tie: parameter {@code slave} = {@code ratio} · parameter {@code master} + {@code offset}. */
    record Tie(int slave, int master, double ratio, double offset) {}

    /**
     * As {@link #ParameterMap(Scale[], double[], double[], boolean[], int[][])}, with ties: a tied parameter is not
     * free (its fixed flag is ignored); it follows its master, which must be neither tied nor the same parameter.
     */
    ParameterMap(Scale[] scale, double[] lower, double[] upper, boolean[] fixed, int[][] axes, Tie[] ties) {
        fixed = fixed.clone();
        this.ties = ties.clone();
        tied = new int[ties.length][];
        tieValues = new double[ties.length][];
        for (int t = 0; t < ties.length; t++) {
            Tie tie = ties[t];
            if (tie.slave() == tie.master()) throw new IllegalArgumentException("parameter " + tie.slave() + " is tied to itself");
            for (Tie other : ties)
                if (other.slave() == tie.master())
                    throw new IllegalArgumentException("parameter " + tie.master() + " is tied and is a master of another tie");
            fixed[tie.slave()] = true;
            tied[t] = new int[] {tie.slave(), tie.master()};
            tieValues[t] = new double[] {tie.ratio(), tie.offset()};
        }
        int p = scale.length;
        if (lower.length != p || upper.length != p || fixed.length != p)
            throw new IllegalArgumentException("a parameter map needs one scale, bound pair and fixed flag per parameter");
        this.scale = scale.clone();
        int count = 0;
        for (boolean f : fixed) if (!f) count++;
        free = new int[count];
        for (int i = 0, j = 0; i < p; i++) if (!fixed[i]) free[j++] = i;
        fixedValues = new double[p];
        lo = new double[p];
        hi = new double[p];
        userLo = lower.clone();
        userHi = upper.clone();
        int nSwap = 0;
        int[][] candidates = new int[axes.length][];
        for (int[] a : axes) {
            int q = a[0], re = a[1], pa = a[2];
            if (upper[q] == 1 && !fixed[pa] && !fixed[re]) candidates[nSwap++] = a.clone();
        }
        swaps = java.util.Arrays.copyOf(candidates, nSwap);
        for (int i = 0; i < p; i++) {
            switch (scale[i]) {
                case LOG, AXIS_RATIO -> {
                    lo[i] = lower[i] > 0 ? Math.log(lower[i]) : Double.NEGATIVE_INFINITY;
                    hi[i] = Math.log(upper[i]);
                }
                case PERIODIC -> lo[i] = hi[i] = Double.NaN;
                case LINEAR -> {
                    lo[i] = lower[i];
                    hi[i] = upper[i];
                }
            }
        }
        for (int[] s : swaps) hi[s[0]] = -lo[s[0]];
    }

    /** One Sérsic profile (x0, y0, flux, re, n, q, pa) and a sky offset (slot {@link #SKY}), the seven within {@code bounds}. */
    static ParameterMap sersicAndSky(boolean[] fixed, Bounds bounds) {
        Scale[] s = {Scale.LINEAR, Scale.LINEAR, Scale.LOG, Scale.LOG, Scale.LOG, Scale.AXIS_RATIO, Scale.PERIODIC,
                Scale.LINEAR};
        double[] lo = new double[8], hi = new double[8];
        System.arraycopy(bounds.lower(), 0, lo, 0, SersicParams.COUNT);
        System.arraycopy(bounds.upper(), 0, hi, 0, SersicParams.COUNT);
        lo[SKY] = Double.NEGATIVE_INFINITY;
        hi[SKY] = Double.POSITIVE_INFINITY;
        return new ParameterMap(s, lo, hi, fixed, new int[][] {{Q, RE, PA}});
    }

    /** The ties. */
    Tie[] ties() {
        return ties.clone();
    }

    /** Number of parameters, free and fixed. */
    int count() {
        return scale.length;
    }

    /** Number of free parameters. */
    int size() {
        return free.length;
    }

    /** The indices of the free parameters, in u's order. */
    int[] free() {
        return free.clone();
    }

    /** The internal vector of a starting point (which must lie inside the bounds); fixed values are kept. */
    double[] toInternal(double[] values) {
        if (values.length != scale.length)
            throw new IllegalArgumentException("expected " + scale.length + " parameters, got " + values.length);
        System.arraycopy(values, 0, fixedValues, 0, values.length);
        double[] u = new double[free.length];
        for (int j = 0; j < free.length; j++) {
            int i = free[j];
            u[j] = switch (scale[i]) {
                case PERIODIC -> values[i];
                case LOG, AXIS_RATIO -> inverse(Math.log(values[i]), lo[i], hi[i]);
                case LINEAR -> inverse(values[i], lo[i], hi[i]);
            };
        }
        return u;
    }

    /** {@link #toInternal(double[])} for {@link #sersicAndSky}'s layout. */
    double[] toInternal(SersicParams p, double sky) {
        double[] v = new double[8];
        System.arraycopy(p.toArray(), 0, v, 0, SersicParams.COUNT);
        v[SKY] = sky;
        return toInternal(v);
    }

    /**
     * A point of the internal space in user terms, with d(user)/du for the chain rule.
     *
     * @param values the user's parameters (q ≤ 1, PA in [0, 180))
     * @param chain  chain[k][j] = ∂θ_k/∂u_j
     */
    record Mapped(double[] values, double[][] chain) {
        /** The Sérsic profile of {@link #sersicAndSky}'s layout. */
        SersicParams params() {
            return new SersicParams(values[X0], values[Y0], values[FLUX], values[RE], values[N], values[Q], values[PA]);
        }

        /** The sky offset of {@link #sersicAndSky}'s layout. */
        double sky() {
            return values[SKY];
        }
    }

    /** Maps u to the user's parameters and the chain-rule matrix. */
    Mapped toUser(double[] u) {
        int p = scale.length;
        double[] v = fixedValues.clone();
        double[] slope = new double[p];
        for (int j = 0; j < free.length; j++) {
            int i = free[j];
            if (scale[i] == Scale.PERIODIC) {
                v[i] = u[j];
                slope[i] = 1;
                continue;
            }
            double s = forward(u[j], lo[i], hi[i]), ds = forwardSlope(u[j], lo[i], hi[i]);
            boolean log = scale[i] != Scale.LINEAR;
            v[i] = log ? Math.exp(s) : s;
            slope[i] = log ? v[i] * ds : ds;
            // exp(ln(bound)) may round a hair outside the bound.
            if (!isSwapped(i)) v[i] = Math.min(Math.max(v[i], userLo[i]), userHi[i]);
        }
        double[][] chain = new double[p][free.length];
        for (int j = 0; j < free.length; j++) chain[free[j]][j] = slope[free[j]];
        for (int[] s : swaps) {
            int q = s[0], re = s[1], pa = s[2];
            if (v[q] <= 1) continue;
            // The same profile along the other axis: r_e·q', 1/q', PA + 90°.
            double r = v[re], qq = v[q];
            for (int j = 0; j < free.length; j++) {
                double dre = chain[re][j], dq = chain[q][j];
                chain[re][j] = dre * qq + r * dq;
                chain[q][j] = -dq / (qq * qq);
            }
            v[re] = r * qq;
            v[q] = 1 / qq;
            v[pa] += 90;
        }
        for (int i = 0; i < p; i++) {
            if (scale[i] == Scale.AXIS_RATIO) v[i] = Math.min(1, v[i]);
        }
        for (int t = 0; t < tied.length; t++) {
            int slave = tied[t][0], master = tied[t][1];
            double ratio = tieValues[t][0];
            v[slave] = ratio * v[master] + tieValues[t][1];
            for (int j = 0; j < free.length; j++) chain[slave][j] = ratio * chain[master][j];
        }
        for (int i = 0; i < p; i++) {
            if (scale[i] == Scale.PERIODIC) v[i] = SersicParams.normalisePa(v[i]);
        }
        return new Mapped(v, chain);
    }

    private boolean isSwapped(int i) {
        for (int[] s : swaps) if (s[0] == i) return true;
        return false;
    }

    /** For each free parameter (in u's order), whether it is mapped by a logistic between two finite bounds. */
    boolean[] logistic() {
        boolean[] out = new boolean[free.length];
        for (int j = 0; j < free.length; j++) {
            int i = free[j];
            out[j] = scale[i] != Scale.PERIODIC && Double.isFinite(lo[i]) && Double.isFinite(hi[i]);
        }
        return out;
    }

    /** True when a bounded free parameter sits within 1e-4 of its range from a bound (q = 1 is not a bound here). */
    boolean atBound(double[] u) {
        for (int j = 0; j < free.length; j++) {
            int i = free[j];
            if (scale[i] == Scale.PERIODIC) continue;
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
