package org.sersic4j.compare;

import org.sersic4j.render.SersicParams;

/**
 * A parameter judged on a truth set: its column name, how its error Δ is formed and when Δ makes a row an outlier.
 *
 * <p>Δ = (est − true)/true for the relative ones (flux, re, n); Δ = est − true for mag, q, x0 and y0; for PA
 * Δ = est − true wrapped into (−90°, 90°], since a position angle is only defined modulo 180°. A row is an outlier
 * when |Δ| exceeds {@link #outlierThreshold()} (strictly); PA outliers are only counted on rows whose
 * <em>true</em> q is below {@link #PA_OUTLIER_MAX_TRUE_Q}, where the position angle is meaningful.
 */
public enum Parameter {
    /** Centre x, FITS 1-based pixels; outlier when |Δx| &gt; 1 px. */
    X0("x0", false, 1.0),
    /** Centre y, FITS 1-based pixels; outlier when |Δy| &gt; 1 px. */
    Y0("y0", false, 1.0),
    /** Total flux in ADU; relative Δ, outlier beyond 15%. */
    FLUX("flux", true, 0.15),
    /** Magnitude ZP − 2.5 log10(flux); outlier when |Δmag| &gt; 0.15. */
    MAG("mag", false, 0.15),
    /** Half-light radius in pixels; relative Δ, outlier beyond 15%. */
    RE("re", true, 0.15),
    /** Sérsic index; relative Δ, outlier beyond 15%. */
    N("n", true, 0.15),
    /** Axis ratio b/a; outlier when |Δq| &gt; 0.15. */
    Q("q", false, 0.15),
    /** Position angle in degrees, Δ wrapped into (−90, 90]; outlier when |ΔPA| &gt; 15°, counted only where true q &lt; 0.9. */
    PA("pa", false, 15.0);

    /** PA outliers are counted only on rows whose true axis ratio is below this value. */
    public static final double PA_OUTLIER_MAX_TRUE_Q = 0.9;

    private final String column;
    private final boolean relative;
    private final double outlierThreshold;

    Parameter(String column, boolean relative, double outlierThreshold) {
        this.column = column;
        this.relative = relative;
        this.outlierThreshold = outlierThreshold;
    }

    /** The column name used in catalogues and reports (x0, y0, flux, mag, re, n, q, pa). */
    public String column() {
        return column;
    }

    /** Whether Δ is relative, (est − true)/true, rather than the plain difference. */
    public boolean relative() {
        return relative;
    }

    /** A row is an outlier when |Δ| is strictly greater than this (in Δ's units: a fraction, mag, px or degrees). */
    public double outlierThreshold() {
        return outlierThreshold;
    }

    /**
     * The error of one estimate: (est − true)/true for relative parameters, est − true wrapped into (−90, 90] for
     * PA, est − true otherwise. A relative Δ against a true value of zero is not finite; callers check the truth.
     */
    public double delta(double est, double truth) {
        if (relative) return (est - truth) / truth;
        if (this == PA) return wrapPa(est - truth);
        return est - truth;
    }

    /** Whether an error Δ makes its row an outlier: |Δ| &gt; {@link #outlierThreshold()}. */
    public boolean isOutlier(double delta) {
        return Math.abs(delta) > outlierThreshold;
    }

    /** Whether a row with this true axis ratio takes part in the outlier fraction (always, except PA with true q ≥ 0.9). */
    public boolean outlierCounted(double trueQ) {
        return this != PA || trueQ < PA_OUTLIER_MAX_TRUE_Q;
    }

    /** This parameter's value in a profile; the zero-point is used only for {@link #MAG}. */
    public double value(SersicParams p, double zeropoint) {
        return switch (this) {
            case X0 -> p.x0();
            case Y0 -> p.y0();
            case FLUX -> p.flux();
            case MAG -> p.mag(zeropoint);
            case RE -> p.re();
            case N -> p.n();
            case Q -> p.q();
            case PA -> p.pa();
        };
    }

    /** The parameter with this column name; throws {@link IllegalArgumentException} for an unknown one. */
    public static Parameter ofColumn(String column) {
        for (Parameter p : values()) if (p.column.equals(column)) return p;
        throw new IllegalArgumentException("unknown parameter column '" + column + "'");
    }

    /**
     * An angle difference in degrees reduced modulo 180 into (−90, 90]: 178 → −2, −178 → 2, 90 → 90, −90 → 90.
     * Exact in floating point (IEEE remainder); NaN stays NaN.
     */
    public static double wrapPa(double d) {
        double r = Math.IEEEremainder(d, 180.0); // in [−90, 90]
        return r == -90.0 ? 90.0 : r;
    }
}
