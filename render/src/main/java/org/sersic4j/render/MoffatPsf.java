package org.sersic4j.render;

/** An elliptical Moffat PSF (1 + (r/α)²)^−β: FWHM along the major axis (pixels), β, axis ratio q, PA from +y. */
public record MoffatPsf(double fwhm, double beta, double q, double pa) implements AnalyticPsf {

    public MoffatPsf {
        if (!(fwhm > 0)) throw new IllegalArgumentException("Moffat PSF FWHM must be > 0 (got " + fwhm + ")");
        if (!(beta > 1)) throw new IllegalArgumentException("Moffat PSF beta must be > 1 (got " + beta + ")");
        if (!(q > 0 && q <= 1)) throw new IllegalArgumentException("Moffat PSF q must be in (0, 1] (got " + q + ")");
    }

    /** A round Moffat. */
    public static MoffatPsf round(double fwhm, double beta) {
        return new MoffatPsf(fwhm, beta, 1, 0);
    }

    /** The scale radius α = FWHM / (2 √(2^(1/β) − 1)). */
    public double alpha() {
        return fwhm / (2 * Math.sqrt(Math.pow(2, 1 / beta) - 1));
    }

    @Override
    public double radial(double r2) {
        double a = alpha();
        return Math.pow(1 + r2 / (a * a), -beta);
    }
}
