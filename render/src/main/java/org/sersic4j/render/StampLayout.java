package org.sersic4j.render;

/**
 * Where the cells lie for one stamp. Without a PSF the cells are the pixels. With a PSF they form a grid of side
 * h = 1/k centred on the galaxy (so the cusp sits at a cell centre) that covers the stamp plus the kernel span;
 * output pixel (ix, iy) then sums cells (k·ix + w, k·iy + v) for w, v &lt; taps with kernel weights K(t0 − w h),
 * where t0 ∈ [R + 3/2, R + 3/2 + h) so that the taps reach past the kernel's cut-off on both sides.
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
     * Taps along one axis. The kernel is cut off at |t| = R + 3/2 pixels ({@link #kernelReach}; an effective PSF of
     * footprint radius R reaches R + 1 since its samples include the pixel), and the taps cover at least
     * [−(R + 3/2), R + 3/2] wherever the galaxy sits: (2R + 3)·k + 2 cells of side 1/k.
     */
    public static int taps(int psfRadius, int k) {
        return (2 * psfRadius + 3) * k + 2;
    }

    /** Distance from the PSF centre, in pixels, beyond which the kernel is zero. */
    public static double kernelReach(int psfRadius) {
        return psfRadius + 1.5;
    }

    /** Cells = pixels of a width × height stamp (no PSF). */
    public static StampLayout pixels(SersicParams p, int width, int height) {
        return new StampLayout(width, height, 1 - p.x0(), 1 - p.y0(), 0, 0);
    }

    /** Galaxy-centred cells for convolution with a PSF of the given radius, k cells per pixel. */
    public static StampLayout convolved(SersicParams p, int width, int height, int psfRadius, int k) {
        double h = 1.0 / k;
        int taps = taps(psfRadius, k);
        double reach = kernelReach(psfRadius);
        long jx = (long) Math.ceil((p.x0() - 1 + reach) / h);
        long jy = (long) Math.ceil((p.y0() - 1 + reach) / h);
        double ox = -jx * h, oy = -jy * h;
        return new StampLayout((width - 1) * k + taps, (height - 1) * k + taps, ox, oy, 1 - p.x0() - ox, 1 - p.y0() - oy);
    }
}
