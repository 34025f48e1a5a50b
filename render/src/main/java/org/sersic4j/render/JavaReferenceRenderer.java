package org.sersic4j.render;

import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * The exact reference renderer, in double precision on the CPU. Cell fluxes come from {@link CellIntegrator}; with a
 * PSF the cells are centred on the galaxy (side 1/oversample) and convolved by {@link FftConvolver} with the effective
 * PSF whose cell box is divided out, so the pixel response is applied exactly once. It also returns the Jacobian for
 * the fitter ({@link StampModel} does the drawing). Thread-safe; batches are spread over the common fork-join pool.
 */
public final class JavaReferenceRenderer implements Renderer {

    /** Renders one stamp in double precision; {@code psf} may be null. */
    public Image render(SersicParams p, int width, int height, PixelPsf psf, RenderSettings s) {
        return new Image(width, height, new StampModel(width, height, psf, s).model(p));
    }

    @Override
    public float[][] renderBatch(List<SersicParams> params, int width, int height, List<PixelPsf> psfs, RenderSettings s) {
        return Renderers.inParallel(this::render, params, width, height, psfs, s);
    }

    /**
     * The model and its seven derivatives ({@link StampModel#modelAndJacobian}): analytic under each cell's quadrature,
     * central differences of the exact integral at the cusp, the taps' derivative for the centre under a PSF; the
     * flux column is exactly model/flux.
     */
    public ModelAndJacobian renderWithJacobian(SersicParams p, int width, int height, PixelPsf psf, RenderSettings s) {
        return new StampModel(width, height, psf, s).modelAndJacobian(p);
    }

    @Override
    public String deviceDescription() {
        return "Java reference (double), " + Math.max(2, ForkJoinPool.commonPool().getParallelism() + 1) + " threads";
    }
}
