package org.sersic4j.render;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The exact reference renderer, in double precision on the CPU: cell fluxes by {@link CellIntegrator}, direct
 * convolution with the {@link PsfKernel}. It also returns the Jacobian for the fitter. Thread-safe; batches are
 * spread over the common fork-join pool.
 */
public final class JavaReferenceRenderer implements Renderer {
    private final FftConvolverCache convolvers = new FftConvolverCache();

    /** Renders one stamp in double precision; {@code psf} may be null. */
    public Image render(SersicParams p, int width, int height, PixelPsf psf, RenderSettings s) {
        return draw(p.validated(), width, height, psf, s, null);
    }

    @Override
    public float[][] renderBatch(List<SersicParams> params, int width, int height, List<PixelPsf> psfs, RenderSettings s) {
        float[][] out = new float[params.size()][];
        IntStream.range(0, params.size()).parallel().forEach(i ->
                out[i] = render(params.get(i), width, height, Renderers.psfFor(psfs, i), s).toFloats());
        return out;
    }

    /**
     * The model and its seven derivatives. Derivatives are central differences taken with the integration plan of
     * the nominal parameters frozen (so they are smooth), except flux, whose derivative is exactly model/flux.
     */
    public ModelAndJacobian renderWithJacobian(SersicParams p, int width, int height, PixelPsf psf, RenderSettings s) {
        p.validated();
        StampLayout layout = layout(p, width, height, psf, s);
        int[] plan = new int[layout.cellsX() * layout.cellsY()];
        java.util.Arrays.fill(plan, -1);
        Image model = draw(p, width, height, psf, s, plan);
        double[] base = p.toArray();
        double[][] jac = new double[SersicParams.COUNT][];
        double[] steps = {1e-3, 1e-3, 0, 1e-4 * p.re(), 1e-4 * p.n(), 1e-4, 1e-2};
        for (int k = 0; k < SersicParams.COUNT; k++) {
            if (k == 2) {
                double[] d = model.pixels().clone();
                for (int i = 0; i < d.length; i++) d[i] /= p.flux();
                jac[k] = d;
                continue;
            }
            double step = steps[k];
            if (k == 5) step = Math.min(step, 0.5 * (1 - p.q()) + 0.5 * step);
            double[] plus = base.clone(), minus = base.clone();
            plus[k] += step;
            minus[k] -= step;
            if (k == 5 && plus[5] > 1) {
                plus[5] = 1;
            }
            double span = plus[k] - minus[k];
            double[] a = drawFrozen(SersicParams.of(plus), width, height, psf, s, p, plan);
            double[] b = drawFrozen(SersicParams.of(minus), width, height, psf, s, p, plan);
            double[] d = new double[a.length];
            for (int i = 0; i < d.length; i++) d[i] = (a[i] - b[i]) / span;
            jac[k] = d;
        }
        return new ModelAndJacobian(model, jac);
    }

    private double[] drawFrozen(SersicParams q, int width, int height, PixelPsf psf, RenderSettings s,
                                SersicParams nominal, int[] plan) {
        StampLayout nominalLayout = layout(nominal, width, height, psf, s);
        StampLayout l = layout(q, width, height, psf, s);
        // The plan belongs to the nominal cell grid; a centre shift moves the grid, so only reuse it when aligned.
        boolean same = l.cellsX() == nominalLayout.cellsX() && l.cellsY() == nominalLayout.cellsY();
        return draw(q, width, height, psf, s, same ? plan : null).pixels();
    }

    @Override
    public String deviceDescription() {
        return "Java reference (double), " + ForkJoinPool.commonPool().getParallelism() + " worker threads";
    }

    private static StampLayout layout(SersicParams p, int width, int height, PixelPsf psf, RenderSettings s) {
        if (psf == null) return StampLayout.pixels(p, width, height);
        return StampLayout.convolved(p, width, height, psf.radius(), s.oversample());
    }

    /** Draws a stamp; {@code plan} is null (choose freely), filled with −1 (choose and record) or a recorded plan. */
    private Image draw(SersicParams p, int width, int height, PixelPsf psf, RenderSettings s, int[] plan) {
        ProfileGeometry g = new ProfileGeometry(p);
        StampLayout l = layout(p, width, height, psf, s);
        int k = psf == null ? 1 : s.oversample();
        double h = 1.0 / k;
        double[] cells = new double[l.cellsX() * l.cellsY()];
        if (p.flux() != 0) {
            for (int cy = 0; cy < l.cellsY(); cy++) {
                double dy = l.originDy() + cy * h;
                for (int cx = 0; cx < l.cellsX(); cx++) {
                    double dx = l.originDx() + cx * h;
                    int idx = cy * l.cellsX() + cx;
                    int m;
                    if (plan == null) {
                        m = CellIntegrator.plan(g, dx, dy, h, s.tolerance());
                    } else {
                        if (plan[idx] < 0) plan[idx] = CellIntegrator.plan(g, dx, dy, h, s.tolerance());
                        m = plan[idx];
                    }
                    cells[idx] = CellIntegrator.flux(g, dx, dy, h, m);
                }
            }
        }
        if (psf == null) return new Image(width, height, cells);
        return new Image(width, height, convolvers.get(psf, k, width, height).convolve(cells, l.cellsX(), l.cellsY(), l.t0x(), l.t0y()));
    }
}
