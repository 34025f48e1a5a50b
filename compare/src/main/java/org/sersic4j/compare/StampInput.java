package org.sersic4j.compare;

import java.util.Objects;
import org.sersic4j.fit.FitProblem;
import org.sersic4j.render.Image;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.sim.NoiseModel;

/**
 * One stamp as every estimator sees it: the pixels, what is known of their noise, the PSF and the photometric
 * calibration. Immutable by convention (the images are not copied; do not change their pixels).
 *
 * @param id         the stamp's id (its file name without {@code .fits})
 * @param image      the sky-subtracted data [ADU]
 * @param sigma      per-pixel 1σ noise [ADU], or null when none was given
 * @param mask       bad-pixel mask the image's size, non-zero = left out (as in mask files), or null for none
 * @param psf        the PSF, or null for none (the profile is then only integrated over each pixel)
 * @param noise      the CCD noise model (GAIN, RDNOISE, SKY), or null when unknown (real data with a σ map)
 * @param zeropoint  magnitude zero-point: mag = ZP − 2.5 log10(flux)
 * @param pixelScale arcsec per pixel, or NaN when unknown
 */
public record StampInput(String id, Image image, Image sigma, Image mask, PixelPsf psf, NoiseModel noise,
                         double zeropoint, double pixelScale) {

    /** Checks that the maps match the image and that something says how noisy the pixels are. */
    public StampInput {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
        requireSameSize(id, "sigma map", sigma, image);
        requireSameSize(id, "mask", mask, image);
        if (sigma == null && noise == null)
            throw new IllegalArgumentException(id + ": no sigma map and no noise model: nothing says how noisy the pixels are");
        if (!Double.isFinite(zeropoint))
            throw new IllegalArgumentException(id + ": zero-point must be a finite number (got " + zeropoint + ")");
    }

    /**
     * The stamp of a loaded fit problem (a stamp read by {@code fit.io}): its image, σ map, noise model, PSF,
     * zero-point and pixel scale; every pixel the problem leaves out (mask, segmentation, NaN pixels, unusable σ) is
     * masked.
     */
    public static StampInput of(FitProblem p) {
        boolean[] excluded = p.excluded();
        double[] m = new double[excluded.length];
        boolean any = false;
        for (int i = 0; i < m.length; i++) {
            if (excluded[i]) {
                m[i] = 1;
                any = true;
            }
        }
        Image img = p.image();
        double[] s = p.sigma();
        return new StampInput(p.id(), img, s == null ? null : new Image(img.width(), img.height(), s),
                any ? new Image(img.width(), img.height(), m) : null, p.psf(), p.noise(), p.zeropoint(), p.pixelScale());
    }

    /**
     * True for each pixel no estimate is judged on: masked, or holding a NaN or infinite value. (A pixel whose σ is
     * unusable is left out by the scorer as well; see {@code DataScorer}.)
     */
    public boolean[] excluded() {
        double[] px = image.pixels();
        boolean[] out = new boolean[px.length];
        for (int i = 0; i < px.length; i++) out[i] = !Double.isFinite(px[i]) || (mask != null && mask.pixels()[i] != 0);
        return out;
    }

    /**
     * A fit problem for this stamp as {@code sersic4j fit} sets it up by default: the fitters' render settings, the
     * automatic starting point (the caller may set a guess), default bounds, and the default likelihood (Poisson when
     * the noise model is known, χ² with the σ map otherwise). The caller may change anything, then builds.
     */
    public FitProblem.Builder problem() {
        return FitProblem.builder(id, image).sigma(sigma).mask(mask).psf(psf).noise(noise).zeropoint(zeropoint)
                .pixelScale(pixelScale);
    }

    private static void requireSameSize(String id, String what, Image other, Image image) {
        if (other != null && (other.width() != image.width() || other.height() != image.height()))
            throw new IllegalArgumentException(id + ": " + what + " is " + other.width() + "x" + other.height()
                    + " but the image is " + image.width() + "x" + image.height());
    }
}
