package org.sersic4j.compare.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.sersic4j.render.Image;

/**
 * Stamps as pictures: data and models in greyscale with an asinh stretch, residuals in a symmetric diverging
 * colormap (blue negative, near-white zero, red positive) scaled by a robust σ. Pictures are enlarged by an integer
 * nearest-neighbour factor so that a small stamp shows at up to {@value #TARGET_PIXELS} pixels (larger stamps can be
 * {@link #binned binned} down first), and drawn with FITS
 * y upwards (row 1 at the bottom), as image viewers show them. Non-finite pixels (masked or failed) are drawn in
 * {@link #NON_FINITE_RGB}.
 */
public final class StampImages {

    static {
        Headless.ensure();
    }

    /** The size in screen pixels that the larger side of a stamp is enlarged towards. */
    public static final int TARGET_PIXELS = 128;

    /** Residuals are shown from −{@value} σ (full blue) to +{@value} σ (full red). */
    public static final double RESIDUAL_RANGE_SIGMA = 3.0;

    /** The colour of a zero residual, the centre of the diverging colormap. */
    public static final int DIVERGING_CENTRE_RGB = 0xF7F7F7;

    /** The colour of a NaN or infinite pixel. */
    public static final int NON_FINITE_RGB = 0xD000D0;

    /** ColorBrewer RdBu (7 classes), from the most negative to the most positive. */
    private static final int[] DIVERGING = {0x2166AC, 0x67A9CF, 0xD1E5F0, DIVERGING_CENTRE_RGB, 0xFDDBC7, 0xEF8A62, 0xB2182B};

    private StampImages() {
    }

    /**
     * A greyscale mapping v → asinh((v − lo)/softening) / asinh((hi − lo)/softening), clamped to [0, 1]: linear for
     * faint values near the noise, logarithmic for the bright core, so that both show.
     *
     * @param lo        the value drawn black
     * @param hi        the value drawn white, ≥ lo
     * @param softening where the stretch turns from linear to logarithmic, &gt; 0
     */
    public record Stretch(double lo, double hi, double softening) {
        public Stretch {
            if (!(hi >= lo) || !(softening > 0) || !Double.isFinite(lo) || !Double.isFinite(hi) || !Double.isFinite(softening))
                throw new IllegalArgumentException("a stretch needs finite lo <= hi and softening > 0: " + lo + ", " + hi + ", " + softening);
        }

        /**
         * The stretch for a stamp: black at its 1st percentile (just below the sky in a sky-subtracted stamp),
         * white at its maximum, softened at its robust σ (the noise, where most pixels are sky). A flat or empty
         * stamp gets a stretch that draws it mid-grey.
         */
        public static Stretch of(Image image) {
            double[] s = Robust.finiteSorted(image.pixels());
            if (s.length == 0) return new Stretch(0, 0, 1);
            double lo = Robust.quantile(s, 0.01), hi = s[s.length - 1];
            double sigma = Robust.nmad(s);
            double floor = (hi - lo) * 1e-3;
            double softening = sigma > floor ? sigma : floor;
            return new Stretch(lo, hi, softening > 0 ? softening : 1);
        }

        /** The grey level of a value in [0, 1]; 0.5 for a flat stretch (lo = hi). */
        public double apply(double v) {
            if (hi == lo) return 0.5;
            double t = asinh((v - lo) / softening) / asinh((hi - lo) / softening);
            return Math.min(1, Math.max(0, t));
        }
    }

    /**
     * The nearest-neighbour enlargement for a stamp: the largest integer that keeps its larger side at most
     * {@value #TARGET_PIXELS}, at least 1 (so that data, model and residual fit side by side in the report's columns).
     */
    public static int upscale(Image image) {
        int side = Math.max(image.width(), image.height());
        return Math.max(1, TARGET_PIXELS / side);
    }

    /**
     * The binning for a stamp larger than {@value #TARGET_PIXELS} pixels on a side: the smallest integer that brings its
     * larger side to at most that, so that data, model and residual fit side by side; 1 for smaller stamps.
     */
    public static int binning(Image image) {
        int side = Math.max(image.width(), image.height());
        return Math.max(1, (side + TARGET_PIXELS - 1) / TARGET_PIXELS);
    }

    /**
     * The stamp binned {@code k}×{@code k}: each output pixel the mean of the finite pixels of its block (NaN when none
     * is finite); partial blocks at the right and top edges keep the pixels they have.
     */
    public static Image binned(Image image, int k) {
        if (k < 1) throw new IllegalArgumentException("binning must be >= 1 (got " + k + ")");
        if (k == 1) return image;
        int w = (image.width() + k - 1) / k, h = (image.height() + k - 1) / k;
        double[] out = new double[w * h];
        for (int by = 0; by < h; by++) {
            for (int bx = 0; bx < w; bx++) {
                double sum = 0;
                int n = 0;
                for (int y = by * k; y < Math.min(image.height(), (by + 1) * k); y++) {
                    for (int x = bx * k; x < Math.min(image.width(), (bx + 1) * k); x++) {
                        double v = image.get(x, y);
                        if (Double.isFinite(v)) {
                            sum += v;
                            n++;
                        }
                    }
                }
                out[by * w + bx] = n > 0 ? sum / n : Double.NaN;
            }
        }
        return new Image(w, h, out);
    }

    /** A stamp in greyscale with its own {@link Stretch#of stretch}, as PNG bytes. */
    public static byte[] greyscalePng(Image image) {
        return greyscalePng(image, Stretch.of(image));
    }

    /** A stamp in greyscale with a given stretch (share the data's stretch to show a model beside it), as PNG bytes. */
    public static byte[] greyscalePng(Image image, Stretch stretch) {
        return png(greyscale(image, stretch));
    }

    /** A stamp in greyscale with a given stretch, enlarged by {@link #upscale}. */
    public static BufferedImage greyscale(Image image, Stretch stretch) {
        return draw(image, v -> {
            int g = (int) Math.round(255 * stretch.apply(v));
            return g << 16 | g << 8 | g;
        });
    }

    /** A residual in the diverging colormap at ±{@value #RESIDUAL_RANGE_SIGMA} {@link #robustSigma robust σ}, as PNG bytes. */
    public static byte[] residualPng(Image residual) {
        return residualPng(residual, robustSigma(residual));
    }

    /** A residual in the diverging colormap at ±{@value #RESIDUAL_RANGE_SIGMA} σ for a given σ (&gt; 0), as PNG bytes. */
    public static byte[] residualPng(Image residual, double sigma) {
        return png(residual(residual, sigma));
    }

    /** A residual in the diverging colormap at ±{@value #RESIDUAL_RANGE_SIGMA} σ, enlarged by {@link #upscale}. */
    public static BufferedImage residual(Image residual, double sigma) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) throw new IllegalArgumentException("sigma must be finite and > 0 (got " + sigma + ")");
        double range = RESIDUAL_RANGE_SIGMA * sigma;
        return draw(residual, v -> diverging(v / range));
    }

    /**
     * The scale residuals are shown at: the NMAD of the finite pixels, or 1 when that is zero or undefined (an exact
     * model, or no finite pixel), so that a zero residual still maps to the colormap's centre.
     */
    public static double robustSigma(Image image) {
        double s = Robust.nmad(image.pixels());
        return s > 0 && Double.isFinite(s) ? s : 1.0;
    }

    /** The diverging colormap as 0xRRGGBB: −1 full blue, 0 {@link #DIVERGING_CENTRE_RGB}, +1 full red; clamped outside [−1, 1]. */
    public static int diverging(double t) {
        if (Double.isNaN(t)) return NON_FINITE_RGB;
        double pos = (Math.min(1, Math.max(-1, t)) + 1) * (DIVERGING.length - 1) / 2.0;
        int i = Math.min((int) Math.floor(pos), DIVERGING.length - 2);
        double f = pos - i;
        int a = DIVERGING[i], b = DIVERGING[i + 1];
        int r = mix(a >> 16 & 0xFF, b >> 16 & 0xFF, f), g = mix(a >> 8 & 0xFF, b >> 8 & 0xFF, f), bl = mix(a & 0xFF, b & 0xFF, f);
        return r << 16 | g << 8 | bl;
    }

    /** PNG bytes of a picture. */
    public static byte[] png(BufferedImage picture) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(picture, "png", out)) throw new IllegalStateException("no PNG writer available");
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Colour {
        int rgb(double value);
    }

    private static BufferedImage draw(Image image, Colour colour) {
        int w = image.width(), h = image.height(), k = upscale(image);
        BufferedImage out = new BufferedImage(w * k, h * k, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w * k];
        for (int iy = 0; iy < h; iy++) {
            for (int ix = 0; ix < w; ix++) {
                double v = image.get(ix, iy);
                int rgb = Double.isFinite(v) ? colour.rgb(v) : NON_FINITE_RGB;
                for (int d = 0; d < k; d++) row[ix * k + d] = rgb;
            }
            int top = (h - 1 - iy) * k; // FITS y upwards: the first row goes to the bottom
            for (int d = 0; d < k; d++) out.setRGB(0, top + d, w * k, 1, row, 0, w * k);
        }
        return out;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    private static double asinh(double x) {
        double a = Math.abs(x);
        return Math.copySign(Math.log(a + Math.sqrt(a * a + 1)), x);
    }
}
