package org.sersic4j.render;

/**
 * Where the cells lie for one stamp. Without a PSF the cells are the pixels. With a PSF they form a grid of side
 * h = 1/k centred on the galaxy (so the cusp sits at a cell centre) that covers the stamp plus the kernel span;
 * output pixel (ix, iy) then sums cells (k·ix + w, k·iy + v) for w, v &lt; taps with kernel weights K(t0 − w h).
 *
 * @param cellsX cells along x
 * @param cellsY cells along y
 * @param originDx offset (pixels) of the centre of cell (0, 0) from the galaxy centre, along x
 * @param originDy the same along y
 * @param t0x     kernel offset of tap 0 along x (pixel centre minus cell centre)
 * @param t0y     the same along y
 */
public record StampLayout(int cellsX, int cellsY, double originDx, double originDy, double t0x, double t0y) {

    /**
     * Taps along one axis: the effective PSF of a footprint of radius R reaches R + 1 pixels (its samples already
     * include the pixel), so the kernel spans 2R + 3 pixels, in cells of side 1/k.
     */
    public static int taps(int psfRadius, int k) {
        return (2 * psfRadius + 3) * k;
    }

    /** Cells = pixels of a width × height stamp (no PSF). */
    public static StampLayout pixels(SersicParams p, int width, int height) {
        return new StampLayout(width, height, 1 - p.x0(), 1 - p.y0(), 0, 0);
    }

    /** Galaxy-centred cells for convolution with a PSF of the given radius, k cells per pixel. */
    public static StampLayout convolved(SersicParams p, int width, int height, int psfRadius, int k) {
        double h = 1.0 / k;
        int taps = taps(psfRadius, k);
        long jx = (long) Math.floor((p.x0() - 1 + psfRadius + 1.5) / h + 1e-9);
        long jy = (long) Math.floor((p.y0() - 1 + psfRadius + 1.5) / h + 1e-9);
        double ox = -jx * h, oy = -jy * h;
        return new StampLayout((width - 1) * k + taps, (height - 1) * k + taps, ox, oy, 1 - p.x0() - ox, 1 - p.y0() - oy);
    }
}
