package org.sersic4j.render;

import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * The fast CPU renderer ({@code --device fast}): with a PSF, half-pixel cells (the settings' oversample) only within a
 * few pixels of the centre and pixel cells elsewhere, joined by a smooth partition of unity, convolved in Fourier space
 * on the pixel grid ({@link FastStampModel}); without a PSF it draws exactly what the reference draws (pixel cells,
 * the cusp integrated exactly). Double precision; batches are spread over the common fork-join pool. Thread-safe.
 */
public final class FastRenderer implements Renderer {

    /** Renders one stamp; {@code psf} may be null. */
    public Image render(SersicParams p, int width, int height, PixelPsf psf, RenderSettings s) {
        if (psf == null) return new Image(width, height, new StampModel(width, height, null, s).model(p));
        return new Image(width, height, new FastStampModel(width, height, psf, s).model(p));
    }

    @Override
    public float[][] renderBatch(List<SersicParams> params, int width, int height, List<PixelPsf> psfs, RenderSettings s) {
        return Renderers.inParallel(this::render, params, width, height, psfs, s);
    }

    @Override
    public String deviceDescription() {
        return "Java fast (double, partitioned cells, FFT on the pixel grid), "
                + Math.max(2, ForkJoinPool.commonPool().getParallelism() + 1) + " threads";
    }
}
