package org.sersic4j.fit.io;

import java.nio.file.Path;
import java.util.List;

/**
 * A GALFIT feedme file as read by {@link FeedmeReader}: one Sérsic component and an optional sky, with paths resolved
 * against the feedme's directory. Null stands for a file not given ({@code none}); NaN for a number not given.
 *
 * @param file        the feedme file
 * @param image       A) the input image
 * @param output      B) GALFIT's output image block (null when absent)
 * @param sigma       C) the σ map, or null
 * @param psf         D) the PSF, or null (no convolution)
 * @param mask        F) the bad-pixel mask, or null
 * @param region      H) the fitting region, or null for the whole image
 * @param zeropoint   J) the magnitude zeropoint, or NaN
 * @param pixelScaleX K) arcsec per pixel along x, or NaN
 * @param pixelScaleY K) arcsec per pixel along y, or NaN
 * @param sersic      the Sérsic component's starting values and toggles
 * @param sky         the sky component, or null
 * @param warnings    what was ignored (G) constraints, unknown lines, …), one line each naming the feedme and line
 */
public record Feedme(Path file, Path image, Path output, Path sigma, Path psf, Path mask, Region region,
                     double zeropoint, double pixelScaleX, double pixelScaleY, Sersic sersic, Sky sky,
                     List<String> warnings) {

    public Feedme {
        warnings = List.copyOf(warnings);
    }

    /**
     * H) a fitting region, 1-based and inclusive like GALFIT's. The problem is cut to it, so its coordinates are the
     * cut-out's: x_image = x_cutout + {@link #xOffset()}, likewise y.
     */
    public record Region(int xmin, int xmax, int ymin, int ymax) {
        public Region {
            if (xmin < 1 || ymin < 1 || xmax < xmin || ymax < ymin)
                throw new IllegalArgumentException("fitting region " + xmin + " " + xmax + " " + ymin + " " + ymax
                        + " is not 1 <= xmin <= xmax, 1 <= ymin <= ymax");
        }

        public int width() { return xmax - xmin + 1; }
        public int height() { return ymax - ymin + 1; }
        /** Add to a cut-out x to get the image's x. */
        public int xOffset() { return xmin - 1; }
        /** Add to a cut-out y to get the image's y. */
        public int yOffset() { return ymin - 1; }
    }

    /**
     * The Sérsic component as written in the feedme, in the full image's coordinates: position, integrated magnitude,
     * r_e [pix, along the major axis], n, q and PA. GALFIT's PA is measured counter-clockwise from +y ("up = 0,
     * left = 90") like ours; it is kept here reduced to [0, 180). {@code fixed} names the parameters whose toggle is
     * 0 (x0, y0, flux for the magnitude, re, n, q, pa).
     */
    public record Sersic(double x0, double y0, double mag, double re, double n, double q, double pa, List<String> fixed) {
        public Sersic {
            fixed = List.copyOf(fixed);
        }
    }

    /** The sky component: a constant [ADU] added to the model, fitted when {@code free}. */
    public record Sky(double value, boolean free) {}

    /** K)'s pixel scale [arcsec/pixel]: √(dx·dy) (they are equal for square pixels), or NaN when K) is absent. */
    public double pixelScale() {
        return Math.sqrt(pixelScaleX * pixelScaleY);
    }

    /** The stamp's id: the image file name without {@code .fits}. */
    public String id() {
        return StampInputs.idOf(image);
    }

    /**
     * The stamp to fit. The feedme decides its files, region, zeropoint, pixel scale, starting point, fixed parameters
     * (added to the options' own) and sky; the options give the rest (noise, likelihood, PSF pixel response, render
     * settings) and stand in for an absent J) or K).
     */
    public StampTask task(FitOptions o) {
        return new FeedmeTask(this, o);
    }
}
