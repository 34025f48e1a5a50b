package org.sersic4j.render;

/**
 * A PSF sampled on the pixel grid: odd-sized, centred on its middle pixel, normalised to unit sum.
 *
 * <p>{@code pixelIncluded} says what the samples are. {@code true} (the default for PSF images, like GalSim's
 * {@code no_pixel}) means an <em>effective</em> PSF that already contains the pixel response, as survey PSF
 * images usually do: the renderer then never integrates over the pixel a second time. {@code false} means the
 * optical PSF sampled at pixel centres; the renderer then applies the pixel response itself.
 */
public final class PixelPsf {
    private final int size;
    private final double[] data;
    private final boolean pixelIncluded;
    private final String source;

    private PixelPsf(int size, double[] data, boolean pixelIncluded, String source) {
        this.size = size;
        this.data = data;
        this.pixelIncluded = pixelIncluded;
        this.source = source;
    }

    /**
     * Validates and normalises a PSF image. Throws {@link IllegalArgumentException} naming the problem: not square,
     * even-sized, non-finite values, non-positive sum, or a peak more than one pixel from the middle pixel (a peak in
     * a neighbouring pixel is accepted: a PSF centred within its middle pixel can sample highest next to it).
     */
    public static PixelPsf of(Image img, boolean pixelIncluded, String source) {
        String where = source == null ? "PSF" : source;
        if (img.width() != img.height())
            throw new IllegalArgumentException(where + ": PSF must be square, got " + img.width() + "x" + img.height());
        if (img.width() % 2 == 0)
            throw new IllegalArgumentException(where + ": PSF must be odd-sized so that its centre is a pixel, got "
                    + img.width() + "x" + img.height() + " (crop or pad it by one pixel about its peak)");
        int bad = img.countNonFinite();
        if (bad > 0) throw new IllegalArgumentException(where + ": PSF holds " + bad + " NaN or infinite pixel(s)");
        double sum = img.sum();
        if (!(sum > 0)) throw new IllegalArgumentException(where + ": PSF sum is " + sum + ", it must be positive");
        int s = img.width(), c = s / 2;
        int peak = 0;
        for (int i = 1; i < s * s; i++) if (img.pixels()[i] > img.pixels()[peak]) peak = i;
        int px = peak % s, py = peak / s;
        if (Math.abs(px - c) > 1 || Math.abs(py - c) > 1)
            throw new IllegalArgumentException(where + ": PSF peak is at pixel (" + (px + 1) + ", " + (py + 1)
                    + "), not at the centre (" + (c + 1) + ", " + (c + 1) + ")");
        double[] d = new double[s * s];
        for (int i = 0; i < d.length; i++) d[i] = img.pixels()[i] / sum;
        return new PixelPsf(s, d, pixelIncluded, source);
    }

    /** Side length in pixels (odd). */
    public int size() {
        return size;
    }

    /** Half-size: the PSF covers offsets −radius … +radius. */
    public int radius() {
        return size / 2;
    }

    /** Normalised value at offset (dx, dy) from the centre pixel; 0 outside. */
    public double at(int dx, int dy) {
        int r = radius();
        if (Math.abs(dx) > r || Math.abs(dy) > r) return 0;
        return data[(dy + r) * size + dx + r];
    }

    /** True when the samples already contain the pixel response (an effective PSF). */
    public boolean pixelIncluded() {
        return pixelIncluded;
    }

    /** Where this PSF came from (a file name or a description). */
    public String source() {
        return source;
    }

    /** A copy of the normalised samples as an image. */
    public Image toImage() {
        return new Image(size, size, data.clone());
    }

    /** Fraction of the light in the outermost ring of pixels: large values mean a truncated PSF. */
    public double edgeFraction() {
        double e = 0;
        int r = radius();
        for (int i = -r; i <= r; i++) {
            e += at(i, -r) + at(i, r);
            if (Math.abs(i) != r) e += at(-r, i) + at(r, i);
        }
        return e;
    }
}
