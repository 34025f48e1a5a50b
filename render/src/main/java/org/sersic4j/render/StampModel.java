package org.sersic4j.render;

/**
 * The model of one stamp and its analytic Jacobian, for fitting: bound to a stamp size, PSF and settings, it draws
 * exactly what {@link JavaReferenceRenderer} draws (the same cells, integration plans and taps) and differentiates
 * that discrete model.
 *
 * <p>How each column is obtained: flux exactly (model/flux); r_e, n, q and PA by differentiating the surface
 * brightness under the same Gauss–Legendre rule that integrates each cell, and by central differences of the exact
 * polar integral for the few cells at the cusp; with a PSF, x0 and y0 from the derivative of the convolution taps
 * (the cells are centred on the galaxy, so only the taps move with the centre); without a PSF, x0 and y0 like the
 * shape parameters. All derived columns share one set of FFTs. Thread-safe.
 */
public final class StampModel implements ProfileModel {
    private static final int X0 = 0, Y0 = 1, RE = 3, N = 4, Q = 5, PA = 6;
    private final int width, height;
    private final PixelPsf psf;
    private final RenderSettings settings;
    private final FftConvolver convolver;

    private static final FftConvolverCache CONVOLVERS = new FftConvolverCache();

    /** A model of width × height pixels; {@code psf} may be null (the profile integrated over each pixel only). */
    public StampModel(int width, int height, PixelPsf psf, RenderSettings settings) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("stamp size must be positive: " + width + "x" + height);
        this.width = width;
        this.height = height;
        this.psf = psf;
        this.settings = settings;
        this.convolver = psf == null ? null : CONVOLVERS.get(psf, settings.oversample(), width, height);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** The model alone. */
    @Override
    public double[] model(SersicParams p) {
        ProfileGeometry g = new ProfileGeometry(p.validated());
        StampLayout l = layout(p);
        double h = cellSide();
        double[] cells = new double[l.cellsX() * l.cellsY()];
        double floorSb = p.flux() / (cells.length * h * h);
        for (int cy = 0; cy < l.cellsY(); cy++) {
            double dy = l.originDy() + cy * h;
            for (int cx = 0; cx < l.cellsX(); cx++) {
                double dx = l.originDx() + cx * h;
                int m = CellIntegrator.plan(g, dx, dy, h, settings.tolerance(), floorSb);
                cells[cy * l.cellsX() + cx] = CellIntegrator.flux(g, dx, dy, h, m);
            }
        }
        if (convolver == null) return cells;
        return convolver.convolve(cells, l.cellsX(), l.cellsY(), l.t0x(), l.t0y());
    }

    /** The model and its seven derivatives, in {@link SersicParams#NAMES} order. */
    @Override
    public ModelAndJacobian modelAndJacobian(SersicParams p) {
        p.validated();
        if (!(p.flux() > 0)) throw new IllegalArgumentException("the Jacobian needs flux > 0 (got " + p.flux() + ")");
        ProfileGeometry g = new ProfileGeometry(p);
        StampLayout l = layout(p);
        double h = cellSide();
        int nc = l.cellsX() * l.cellsY();
        boolean centreFromCells = convolver == null;
        CellDerivatives d = new CellDerivatives(p, g, centreFromCells);
        double[] f = new double[nc], fre = new double[nc], fn = new double[nc], fq = new double[nc], fpa = new double[nc];
        double[] fx = centreFromCells ? new double[nc] : null, fy = centreFromCells ? new double[nc] : null;
        double floorSb = p.flux() / (nc * h * h);
        for (int cy = 0; cy < l.cellsY(); cy++) {
            double dy = l.originDy() + cy * h;
            for (int cx = 0; cx < l.cellsX(); cx++) {
                double dx = l.originDx() + cx * h;
                int idx = cy * l.cellsX() + cx;
                d.cell(dx, dy, h, CellIntegrator.plan(g, dx, dy, h, settings.tolerance(), floorSb));
                f[idx] = d.f;
                fre[idx] = d.re;
                fn[idx] = d.n;
                fq[idx] = d.q;
                fpa[idx] = d.pa;
                if (centreFromCells) {
                    fx[idx] = d.x;
                    fy[idx] = d.y;
                }
            }
        }
        double[][] jac = new double[SersicParams.COUNT][];
        double[] model;
        if (convolver == null) {
            model = f;
            jac[X0] = fx;
            jac[Y0] = fy;
            jac[RE] = fre;
            jac[N] = fn;
            jac[Q] = fq;
            jac[PA] = fpa;
        } else {
            int nt = StampLayout.taps(psf.radius(), settings.oversample());
            double[][] taps = convolver.tapsWithGradient(l.t0x(), l.t0y(), nt);
            double[][] out = convolver.convolveMany(new double[][] {f, fre, fn, fq, fpa}, l.cellsX(), l.cellsY(), taps,
                    new int[] {0, 0, 0, 1, 2, 3, 4}, new int[] {0, 1, 2, 0, 0, 0, 0});
            model = out[0];
            // t0 = 1 − x0 − origin: the centre moves the taps the other way.
            jac[X0] = negate(out[1]);
            jac[Y0] = negate(out[2]);
            jac[RE] = out[3];
            jac[N] = out[4];
            jac[Q] = out[5];
            jac[PA] = out[6];
        }
        double[] dFlux = new double[model.length];
        for (int i = 0; i < model.length; i++) dFlux[i] = model[i] / p.flux();
        jac[2] = dFlux;
        return new ModelAndJacobian(new Image(width, height, model), jac);
    }

    /**
     * A point source: {@code flux} times the effective (pixel-integrated) PSF centred at (x0, y0), interpolated as the
     * profiles' kernel is, but with the cell box kept: a delta, not a filled cell. Its Jacobian has three columns: x0, y0 (from the taps' gradient) and flux. Needs a PSF.
     *
     * @param withJacobian false for the model alone (the Jacobian is then null)
     */
    public ModelAndJacobian pointSource(double x0, double y0, double flux, boolean withJacobian) {
        if (convolver == null) throw new IllegalArgumentException("a point source needs a PSF");
        if (!Double.isFinite(x0) || !Double.isFinite(y0) || !Double.isFinite(flux))
            throw new IllegalArgumentException("point source: x0, y0 and flux must be finite (got " + x0 + ", " + y0 + ", "
                    + flux + ")");
        SersicParams at = new SersicParams(x0, y0, flux, 1, 1, 1, 0);
        StampLayout l = layout(at);
        int k = settings.oversample(), nt = StampLayout.taps(psf.radius(), k);
        // The cell holding the source: originD + j·h = 0.
        int jx = (int) Math.round(-l.originDx() * k), jy = (int) Math.round(-l.originDy() * k);
        double[][] taps = withJacobian ? convolver.pointTapsWithGradient(l.t0x(), l.t0y(), nt)
                : new double[][] {convolver.pointTaps(l.t0x(), l.t0y(), nt)};
        double[] model = new double[width * height];
        double[] dx = withJacobian ? new double[model.length] : null, dy = withJacobian ? new double[model.length] : null;
        double[] df = withJacobian ? new double[model.length] : null;
        for (int iy = 0; iy < height; iy++) {
            int v = jy - k * iy;
            if (v < 0 || v >= nt) continue;
            for (int ix = 0; ix < width; ix++) {
                int w = jx - k * ix;
                if (w < 0 || w >= nt) continue;
                int t = v * nt + w, i = iy * width + ix;
                model[i] = flux * taps[0][t];
                if (withJacobian) {
                    // t0 = 1 − x0 − origin: the centre moves the taps the other way.
                    dx[i] = -flux * taps[1][t];
                    dy[i] = -flux * taps[2][t];
                    df[i] = taps[0][t];
                }
            }
        }
        if (!withJacobian) return new ModelAndJacobian(new Image(width, height, model), null);
        return new ModelAndJacobian(new Image(width, height, model), new double[][] {dx, dy, df});
    }

    private static double[] negate(double[] a) {
        for (int i = 0; i < a.length; i++) a[i] = -a[i];
        return a;
    }

    private double cellSide() {
        return convolver == null ? 1.0 : 1.0 / settings.oversample();
    }

    private StampLayout layout(SersicParams p) {
        if (psf == null) return StampLayout.pixels(p, width, height);
        return StampLayout.convolved(p, width, height, psf.radius(), settings.oversample());
    }
}
