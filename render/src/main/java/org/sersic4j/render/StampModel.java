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
public final class StampModel {
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

    /** Stamp width in pixels. */
    public int width() {
        return width;
    }

    /** Stamp height in pixels. */
    public int height() {
        return height;
    }

    /** The model alone. */
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
    public ModelAndJacobian modelAndJacobian(SersicParams p) {
        p.validated();
        if (!(p.flux() > 0)) throw new IllegalArgumentException("the Jacobian needs flux > 0 (got " + p.flux() + ")");
        ProfileGeometry g = new ProfileGeometry(p);
        Derivatives d = new Derivatives(p);
        StampLayout l = layout(p);
        double h = cellSide(), half = 0.5 * h, area = half * half;
        int nc = l.cellsX() * l.cellsY();
        boolean centreFromCells = convolver == null;
        double[] f = new double[nc], fre = new double[nc], fn = new double[nc], fq = new double[nc], fpa = new double[nc];
        double[] fx = centreFromCells ? new double[nc] : null, fy = centreFromCells ? new double[nc] : null;
        double floorSb = p.flux() / (nc * h * h);
        PolarSteps polar = null;
        for (int cy = 0; cy < l.cellsY(); cy++) {
            double dy = l.originDy() + cy * h;
            for (int cx = 0; cx < l.cellsX(); cx++) {
                double dx = l.originDx() + cx * h;
                int idx = cy * l.cellsX() + cx;
                int m = CellIntegrator.plan(g, dx, dy, h, settings.tolerance(), floorSb);
                if (m == CellIntegrator.POLAR) {
                    if (polar == null) polar = new PolarSteps(p);
                    f[idx] = CellIntegrator.polarFlux(g, dx, dy, h);
                    fre[idx] = polar.derivative(RE, dx, dy, h);
                    fn[idx] = polar.derivative(N, dx, dy, h);
                    fq[idx] = polar.derivative(Q, dx, dy, h);
                    fpa[idx] = polar.derivative(PA, dx, dy, h);
                    if (centreFromCells) {
                        fx[idx] = polar.derivative(X0, dx, dy, h);
                        fy[idx] = polar.derivative(Y0, dx, dy, h);
                    }
                    continue;
                }
                double s = 0, sre = 0, sn = 0, sq = 0, spa = 0, sx = 0, sy = 0;
                for (int j = 0; j < m; j++) {
                    double y = dy + half * GaussLegendre.node(m, j), wj = GaussLegendre.weight(m, j);
                    // Summed row by row in the order CellIntegrator uses, so the model is bit-for-bit the plain render.
                    double row = 0, rre = 0, rn = 0, rq = 0, rpa = 0, rx = 0, ry = 0;
                    for (int i = 0; i < m; i++) {
                        double x = dx + half * GaussLegendre.node(m, i), w = GaussLegendre.weight(m, i);
                        double u = g.u(x, y), v = g.v(x, y), r2 = u * u + v * v;
                        double val = w * g.intensityAtSquared(r2);
                        row += val;
                        double rho2 = r2 / (g.re * g.re);
                        double lnRho = rho2 > 0 ? 0.5 * Math.log(rho2) : 0;
                        double z = rho2 > 0 ? Math.exp(lnRho * g.invN) : 0;
                        // ∂ ln I / ∂θ for each parameter θ (see the class comment).
                        double bzn = g.b * z * g.invN;
                        rre += val * (bzn - 2) / g.re;
                        rn += val * (d.dLnIeDn - d.dbDn * (z - 1) + g.b * z * lnRho * g.invN * g.invN);
                        if (r2 > 0) {
                            double k = bzn / r2;
                            rq += val * (k * v * v - 1) / g.q;
                            rpa += val * (-k * u * v * (1 / g.q - g.q)) * DEG;
                            if (centreFromCells) {
                                rx += val * k * (-u * g.sin + v * g.cos / g.q);
                                ry += val * k * (u * g.cos + v * g.sin / g.q);
                            }
                        } else {
                            rq -= val / g.q;
                        }
                    }
                    s += wj * row;
                    sre += wj * rre;
                    sn += wj * rn;
                    sq += wj * rq;
                    spa += wj * rpa;
                    sx += wj * rx;
                    sy += wj * ry;
                }
                f[idx] = s * half * half;
                fre[idx] = sre * area;
                fn[idx] = sn * area;
                fq[idx] = sq * area;
                fpa[idx] = spa * area;
                if (centreFromCells) {
                    fx[idx] = sx * area;
                    fy[idx] = sy * area;
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

    private static final double DEG = Math.PI / 180;

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

    /** d b_n/dn and d ln I_e/dn, by central differences of the exact functions. */
    private static final class Derivatives {
        final double dbDn, dLnIeDn;

        Derivatives(SersicParams p) {
            double n = p.n(), e = 1e-5 * n;
            dbDn = (SersicMath.bn(n + e) - SersicMath.bn(n - e)) / (2 * e);
            dLnIeDn = (Math.log(SersicMath.ie(1, p.re(), n + e, p.q())) - Math.log(SersicMath.ie(1, p.re(), n - e, p.q())))
                    / (2 * e);
        }
    }

    /** Central differences of the exact polar cell integral, for the few cells at the cusp. */
    private static final class PolarSteps {
        private final ProfileGeometry[] plus = new ProfileGeometry[SersicParams.COUNT];
        private final ProfileGeometry[] minus = new ProfileGeometry[SersicParams.COUNT];
        private final double[] span = new double[SersicParams.COUNT];
        private final double centreStep = 1e-4;

        PolarSteps(SersicParams p) {
            double[] base = p.toArray();
            double[] steps = {0, 0, 0, 1e-4 * p.re(), 1e-4 * p.n(), 1e-4 * p.q(), 1e-2};
            for (int k : new int[] {RE, N, Q, PA}) {
                double[] a = base.clone(), b = base.clone();
                a[k] += steps[k];
                b[k] -= steps[k];
                // q may step just past 1: the profile formula is smooth there, only the user-facing range stops at 1.
                plus[k] = new ProfileGeometry(SersicParams.of(a));
                minus[k] = new ProfileGeometry(SersicParams.of(b));
                span[k] = 2 * steps[k];
            }
            plus[X0] = plus[Y0] = minus[X0] = minus[Y0] = new ProfileGeometry(p);
        }

        double derivative(int k, double dx, double dy, double h) {
            if (k == X0 || k == Y0) {
                // The offset of the cell from the centre falls as the centre rises.
                double ex = k == X0 ? centreStep : 0, ey = k == Y0 ? centreStep : 0;
                return -(CellIntegrator.polarFlux(plus[k], dx + ex, dy + ey, h)
                        - CellIntegrator.polarFlux(plus[k], dx - ex, dy - ey, h)) / (2 * centreStep);
            }
            return (CellIntegrator.polarFlux(plus[k], dx, dy, h) - CellIntegrator.polarFlux(minus[k], dx, dy, h)) / span[k];
        }
    }
}
