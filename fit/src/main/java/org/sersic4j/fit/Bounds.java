package org.sersic4j.fit;

import java.util.Arrays;
import org.sersic4j.render.SersicParams;

/**
 * Lower and upper bounds of the fitted parameters, in {@link SersicParams#NAMES} order (PA has none: it is periodic).
 * The defaults keep the centre on the stamp, flux positive, r_e between 0.05 px and twice the stamp's diagonal,
 * n within the renderer's range and q ≥ 0.05.
 */
public record Bounds(double[] lower, double[] upper) {

    public Bounds {
        if (lower.length != SersicParams.COUNT || upper.length != SersicParams.COUNT)
            throw new IllegalArgumentException("bounds need " + SersicParams.COUNT + " values each");
        lower = lower.clone();
        upper = upper.clone();
        for (int i = 0; i < SersicParams.COUNT; i++) {
            if (!(lower[i] < upper[i]))
                throw new IllegalArgumentException("bound of " + SersicParams.NAMES[i] + ": lower " + lower[i]
                        + " is not below upper " + upper[i]);
        }
        if (lower[2] < 0 || lower[3] <= 0 || lower[4] < SersicParams.N_MIN || upper[4] > SersicParams.N_MAX
                || lower[5] <= 0 || upper[5] > 1)
            throw new IllegalArgumentException("bounds must keep flux >= 0, re > 0, n in [" + SersicParams.N_MIN + ", "
                    + SersicParams.N_MAX + "] and q in (0, 1]: " + this);
    }

    /** The default bounds for a width × height stamp. */
    public static Bounds defaults(int width, int height) {
        double diag = Math.hypot(width, height);
        return new Bounds(new double[] {0.5, 0.5, 0, 0.05, SersicParams.N_MIN, 0.05, Double.NEGATIVE_INFINITY},
                new double[] {width + 0.5, height + 0.5, Double.POSITIVE_INFINITY, 2 * diag, SersicParams.N_MAX, 1,
                        Double.POSITIVE_INFINITY});
    }

    /** A copy with one parameter's bounds replaced. */
    public Bounds with(int index, double lo, double hi) {
        double[] l = lower.clone(), u = upper.clone();
        l[index] = lo;
        u[index] = hi;
        return new Bounds(l, u);
    }

    /** True when every parameter of {@code p} lies within these bounds (PA is always inside). */
    public boolean contains(SersicParams p) {
        double[] v = p.toArray();
        for (int i = 0; i < 6; i++) if (v[i] < lower[i] || v[i] > upper[i]) return false;
        return true;
    }

    /** {@code p} moved into the bounds: each value clamped, strictly inside by a small margin of its range. */
    public SersicParams clamp(SersicParams p) {
        double[] v = p.toArray();
        for (int i = 0; i < 6; i++) {
            double lo = lower[i], hi = upper[i];
            double margin = Double.isFinite(hi - lo) ? 1e-3 * (hi - lo) : 1e-3 * Math.max(Math.abs(lo), 1e-12);
            if (i == 5) margin = Math.min(margin, 1e-6);
            if (v[i] < lo) v[i] = lo + margin;
            if (v[i] > hi) v[i] = i == 5 ? hi : hi - margin;
        }
        return SersicParams.of(v);
    }

    @Override
    public String toString() {
        return "Bounds{lower=" + Arrays.toString(lower) + ", upper=" + Arrays.toString(upper) + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bounds b && Arrays.equals(lower, b.lower) && Arrays.equals(upper, b.upper);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper);
    }
}
