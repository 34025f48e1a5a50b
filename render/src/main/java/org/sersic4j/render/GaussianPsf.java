package org.sersic4j.render;

/** An elliptical Gaussian PSF: FWHM along the major axis (pixels), axis ratio q, PA in degrees from +y. */
public record GaussianPsf(double fwhm, double q, double pa) implements AnalyticPsf {

    public GaussianPsf {
        if (!(fwhm > 0)) throw new IllegalArgumentException("Gaussian PSF FWHM must be > 0 (got " + fwhm + ")");
        if (!(q > 0 && q <= 1)) throw new IllegalArgumentException("Gaussian PSF q must be in (0, 1] (got " + q + ")");
    }

    /** A round Gaussian. */
    public static GaussianPsf round(double fwhm) {
        return new GaussianPsf(fwhm, 1, 0);
    }

    /** σ along the major axis. */
    public double sigma() {
        return fwhm / (2 * Math.sqrt(2 * Math.log(2)));
    }

    @Override
    public double radial(double r2) {
        double s = sigma();
        return Math.exp(-0.5 * r2 / (s * s));
    }
}
