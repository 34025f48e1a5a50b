package org.sersic4j.compare;

/**
 * A closed interval [lo, hi], such as a bootstrap confidence interval; {@link #NONE} (both NaN) when none was computed.
 *
 * @param lo lower end
 * @param hi upper end, ≥ lo
 */
public record Interval(double lo, double hi) {

    /** No interval: both ends NaN. */
    public static final Interval NONE = new Interval(Double.NaN, Double.NaN);

    public Interval {
        boolean loNaN = Double.isNaN(lo), hiNaN = Double.isNaN(hi);
        if (loNaN != hiNaN) throw new IllegalArgumentException("an interval has both ends or neither: [" + lo + ", " + hi + "]");
        if (!loNaN && lo > hi) throw new IllegalArgumentException("interval ends out of order: [" + lo + ", " + hi + "]");
    }

    /** Whether this is a real interval rather than {@link #NONE}. */
    public boolean present() {
        return !Double.isNaN(lo);
    }

    /** hi − lo (NaN for {@link #NONE}). */
    public double width() {
        return hi - lo;
    }

    /** Whether lo ≤ x ≤ hi (false for {@link #NONE}). */
    public boolean contains(double x) {
        return lo <= x && x <= hi;
    }
}
