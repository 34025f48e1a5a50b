package org.sersic4j.render;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The exact reference renderer, in double precision on the CPU. Cell fluxes come from {@link CellIntegrator}; with a
 * PSF the cells are centred on the galaxy (side 1/oversample) and convolved by {@link FftConvolver} with the effective
 * PSF whose cell box is divided out, so the pixel response is applied exactly once. It also returns the Jacobian for
 * the fitter. Thread-safe; batches are spread over the common fork-join pool.
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
     * The model and its seven derivatives. Derivatives are central differences (steps: 1e-3 px in x0, y0; 1e-4
     * relative in re and n; 1e-4 in q, one-sided at q = 1; 0.01° in pa) taken with the integration plan of the nominal
     * parameters frozen, so that they are smooth; the flux derivative is exactly model/flux.
     */
    public ModelAndJacobian renderWithJacobian(SersicParams p, int width, int height, PixelPsf psf, RenderSettings s) {
        p.validated();
        StampLayout nominal = layout(p, width, height, psf, s);
        int[] plan = new int[nominal.cellsX() * nominal.cellsY()];
        Arrays.fill(plan, -1);
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
            double[] plus = base.clone(), minus = base.clone();
            plus[k] = k == 5 ? Math.min(1, base[k] + steps[k]) : base[k] + steps[k];
            minus[k] = base[k] - steps[k];
            double[] a = drawWithPlan(SersicParams.of(plus), width, height, psf, s, nominal, plan);
            double[] b = drawWithPlan(SersicParams.of(minus), width, height, psf, s, nominal, plan);
            double span = plus[k] - minus[k];
            double[] d = new double[a.length];
            for (int i = 0; i < d.length; i++) d[i] = (a[i] - b[i]) / span;
            jac[k] = d;
        }
        return new ModelAndJacobian(model, jac);
    }

    /** Draws with the nominal plan, unless a centre shift moved the galaxy-centred cell grid by a whole cell. */
    private double[] drawWithPlan(SersicParams q, int width, int height, PixelPsf psf, RenderSettings s,
                                  StampLayout nominal, int[] plan) {
        StampLayout l = layout(q, width, height, psf, s);
        boolean aligned = psf == null || Math.abs(l.originDx() - nominal.originDx()) < 1e-6
                && Math.abs(l.originDy() - nominal.originDy()) < 1e-6;
        return draw(q, width, height, psf, s, aligned ? plan : null).pixels();
    }

    @Override
    public String deviceDescription() {
        return "Java reference (double), " + Math.max(2, ForkJoinPool.commonPool().getParallelism() + 1) + " threads";
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
        double floorSb = p.flux() / (cells.length * h * h);
        if (p.flux() != 0) {
            for (int cy = 0; cy < l.cellsY(); cy++) {
                double dy = l.originDy() + cy * h;
                for (int cx = 0; cx < l.cellsX(); cx++) {
                    double dx = l.originDx() + cx * h;
                    int idx = cy * l.cellsX() + cx;
                    int m;
                    if (plan == null) {
                        m = CellIntegrator.plan(g, dx, dy, h, s.tolerance(), floorSb);
                    } else {
                        if (plan[idx] < 0) plan[idx] = CellIntegrator.plan(g, dx, dy, h, s.tolerance(), floorSb);
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
