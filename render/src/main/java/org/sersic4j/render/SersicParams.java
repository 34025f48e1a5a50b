package org.sersic4j.render;

/**
 * The seven parameters of one Sérsic profile, in the project's conventions (FITS 1-based pixel centres,
 * total flux in ADU, half-light radius along the major axis in pixels, axis ratio q = b/a, PA in degrees
 * counter-clockwise from +y). An immutable value: it only describes a profile, it never draws one.
 */
public record SersicParams(double x0, double y0, double flux, double re, double n, double q, double pa) {

    /** Smallest and largest Sérsic index the renderer accepts. */
    public static final double N_MIN = 0.2, N_MAX = 10.0;

    /** Number of parameters, in the order of {@link #toArray()}: x0, y0, flux, re, n, q, pa. */
    public static final int COUNT = 7;

    /** Parameter names in array order. */
    public static final String[] NAMES = {"x0", "y0", "flux", "re", "n", "q", "pa"};

    /** Builds from an array in {@link #NAMES} order. */
    public static SersicParams of(double[] p) {
        return new SersicParams(p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
    }

    /** The parameters in {@link #NAMES} order. */
    public double[] toArray() {
        return new double[] {x0, y0, flux, re, n, q, pa};
    }

    /** Returns the reason these parameters cannot be rendered, or {@code null} when they can. */
    public String problem() {
        double[] v = toArray();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) return NAMES[i] + " is not a finite number (" + v[i] + ")";
        }
        if (flux < 0) return "flux must be >= 0 (got " + flux + ")";
        if (re <= 0) return "re must be > 0 (got " + re + ")";
        if (n < N_MIN || n > N_MAX) return "n must be in [" + N_MIN + ", " + N_MAX + "] (got " + n + ")";
        if (q <= 0 || q > 1) return "q must be in (0, 1] (got " + q + ")";
        return null;
    }

    /** Throws {@link IllegalArgumentException} naming the problem when these parameters cannot be rendered. */
    public SersicParams validated() {
        String p = problem();
        if (p != null) throw new IllegalArgumentException(p);
        return this;
    }

    /** Magnitude for a zero-point: ZP − 2.5 log10(flux). */
    public double mag(double zeropoint) {
        return zeropoint - 2.5 * Math.log10(flux);
    }

    /** Ellipticity 1 − q. */
    public double ell() {
        return 1 - q;
    }

    /** A copy with another centre. */
    public SersicParams withCentre(double x, double y) {
        return new SersicParams(x, y, flux, re, n, q, pa);
    }

    /** A copy with another total flux. */
    public SersicParams withFlux(double f) {
        return new SersicParams(x0, y0, f, re, n, q, pa);
    }

    /** Position angle reduced to [0, 180). */
    public static double normalisePa(double pa) {
        double p = pa % 180.0;
        return p < 0 ? p + 180.0 : p;
    }
}
