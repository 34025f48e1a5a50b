package org.sersic4j.render;

/**
 * The flux of one cell and its derivatives with respect to r_e, n, q and PA (and the centre, when the cells rather
 * than the convolution taps carry it), integrated by the rules of {@link CellIntegrator}: an m×m Gauss–Legendre rule
 * summed in the same order (so the flux is bit for bit {@link CellIntegrator#flux}), each point's derivative being
 * the point's value times ∂ ln I/∂θ ({@link #slopes}); the exact polar integral at the cusp, differentiated by central
 * differences. A Gauss–Legendre cell may weight the profile by the fast model's window w or 1 − w
 * ({@link FastStampModel#window}), which does not depend on θ. Each call leaves its cell's results in the fields
 * {@link #f} … {@link #y}. Made per stamp evaluation and used by one thread.
 */
final class CellDerivatives {
    static final int X0 = 0, Y0 = 1, RE = 3, N = 4, Q = 5, PA = 6;
    /** Window codes: the profile itself, the fast model's inner part w·I, its outer part (1 − w)·I. */
    static final int PLAIN = 0, INNER = 1, OUTER = 2;
    private static final double DEG = Math.PI / 180;

    final ProfileGeometry g;
    private final SersicParams p;
    private final boolean centre, derivatives;
    /** d b_n/dn and d ln I_e/dn, by central differences of the exact functions. */
    final double dbDn, dLnIeDn;
    private PolarSteps polar;

    /** The last cell's flux and its derivatives (x and y only when the centre comes from the cells). */
    double f, re, n, q, pa, x, y;
    /** The last point's ∂ ln I/∂θ, from {@link #slopes}. */
    double sre, sn, sq, spa, sx, sy;

    /**
     * @param centre whether x0 and y0 are differentiated here (cells are pixels, no PSF) or left to the taps
     */
    CellDerivatives(SersicParams p, ProfileGeometry g, boolean centre) {
        this.p = p;
        this.g = g;
        this.centre = centre;
        this.derivatives = true;
        double nn = p.n(), e = 1e-5 * nn;
        dbDn = (SersicMath.bn(nn + e) - SersicMath.bn(nn - e)) / (2 * e);
        dLnIeDn = (Math.log(SersicMath.ie(1, p.re(), nn + e, p.q())) - Math.log(SersicMath.ie(1, p.re(), nn - e, p.q())))
                / (2 * e);
    }

    /** The fluxes alone (the derivative fields stay zero). */
    private CellDerivatives(ProfileGeometry g) {
        this.p = null;
        this.g = g;
        this.centre = false;
        this.derivatives = false;
        dbDn = dLnIeDn = 0;
    }

    /** Cells' fluxes without their derivatives, by the same rules and in the same order. */
    static CellDerivatives fluxOnly(ProfileGeometry g) {
        return new CellDerivatives(g);
    }

    /**
     * ∂ ln I/∂θ at the point (u, v) of the circularised frame, r² = u² + v², into {@link #sre} … {@link #sy} (per
     * degree for PA; the centre's only when this object differentiates it). Returns z = (r/r_e)^(1/n), computed as
     * {@link ProfileGeometry#intensityAtSquared} computes it.
     */
    double slopes(double u, double v, double r2) {
        double rho2 = r2 / (g.re * g.re);
        double lnRho = rho2 > 0 ? 0.5 * Math.log(rho2) : 0;
        double z = rho2 > 0 ? Math.exp(lnRho * g.invN) : 0;
        slopes(u, v, r2, z, lnRho);
        return z;
    }

    /** {@link #slopes(double, double, double)} where z and ln(r/r_e) are known already. */
    void slopes(double u, double v, double r2, double z, double lnRho) {
        double bzn = g.b * z * g.invN;
        sre = (bzn - 2) / g.re;
        sn = dLnIeDn - dbDn * (z - 1) + g.b * z * lnRho * g.invN * g.invN;
        if (r2 > 0) {
            double k = bzn / r2;
            sq = (k * v * v - 1) / g.q;
            spa = -k * u * v * (1 / g.q - g.q) * DEG;
            if (centre) {
                sx = k * (-u * g.sin + v * g.cos / g.q);
                sy = k * (u * g.cos + v * g.sin / g.q);
            }
        } else {
            sq = -1 / g.q;
            spa = sx = sy = 0;
        }
    }

    /** The cell of side h centred at (dx, dy) from the galaxy centre, integrated as {@link CellIntegrator#plan} says. */
    void cell(double dx, double dy, double h, int plan) {
        if (plan == CellIntegrator.POLAR) polar(dx, dy, h);
        else gauss(dx, dy, h, plan, PLAIN);
    }

    /** The exact polar integral of the cell and its central differences. */
    void polar(double dx, double dy, double h) {
        f = CellIntegrator.polarFlux(g, dx, dy, h);
        if (!derivatives) return;
        if (polar == null) polar = new PolarSteps(p);
        re = polar.derivative(RE, dx, dy, h);
        n = polar.derivative(N, dx, dy, h);
        q = polar.derivative(Q, dx, dy, h);
        pa = polar.derivative(PA, dx, dy, h);
        if (centre) {
            x = polar.derivative(X0, dx, dy, h);
            y = polar.derivative(Y0, dx, dy, h);
        }
    }

    /** The m×m Gauss–Legendre rule over the cell, of the profile weighted as {@code window} says. */
    void gauss(double dx, double dy, double h, int m, int window) {
        if (centre && window != PLAIN) throw new IllegalStateException("a windowed cell cannot carry the centre");
        double half = 0.5 * h, area = half * half;
        double s = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0;
        for (int j = 0; j < m; j++) {
            double yy = dy + half * GaussLegendre.node(m, j), wj = GaussLegendre.weight(m, j);
            // Summed row by row in the order CellIntegrator uses, so the flux is bit for bit the plain integral.
            double row = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0;
            for (int i = 0; i < m; i++) {
                double xx = dx + half * GaussLegendre.node(m, i), w = GaussLegendre.weight(m, i);
                if (window != PLAIN) {
                    double win = FastStampModel.window(Math.sqrt(xx * xx + yy * yy));
                    if (window == OUTER) win = 1 - win;
                    if (win == 0) continue;
                    w *= win;
                }
                double u = g.u(xx, yy), v = g.v(xx, yy), rr = u * u + v * v;
                if (!derivatives) {
                    row += w * g.intensityAtSquared(rr);
                    continue;
                }
                double val = w * g.intensityAtZ(slopes(u, v, rr));
                row += val;
                r1 += val * sre;
                r2 += val * sn;
                r3 += val * sq;
                r4 += val * spa;
                if (centre) {
                    r5 += val * sx;
                    r6 += val * sy;
                }
            }
            s += wj * row;
            s1 += wj * r1;
            s2 += wj * r2;
            s3 += wj * r3;
            s4 += wj * r4;
            s5 += wj * r5;
            s6 += wj * r6;
        }
        f = s * half * half;
        re = s1 * area;
        n = s2 * area;
        q = s3 * area;
        pa = s4 * area;
        x = s5 * area;
        y = s6 * area;
    }

    /**
     * A cell of the fast model that its window's taper crosses, of w·I ({@link #INNER}) or (1 − w)·I ({@link #OUTER}):
     * a Gauss–Legendre rule of at least {@link FastStampModel#TAPER_POINTS} points; a cell whose plan is the polar
     * integral (it reaches the cusp) is split in four, up to three times, and then takes the largest rule.
     */
    void taper(double dx, double dy, double h, double tol, double floorSb, int window) {
        taper(dx, dy, h, tol, floorSb, 0, window);
    }

    private void taper(double dx, double dy, double h, double tol, double floorSb, int depth, int window) {
        int m = CellIntegrator.plan(g, dx, dy, h, tol, floorSb);
        if (m == CellIntegrator.POLAR && depth < 3) {
            double quarter = 0.25 * h, s = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
            for (int j = -1; j <= 1; j += 2) {
                for (int i = -1; i <= 1; i += 2) {
                    taper(dx + i * quarter, dy + j * quarter, 0.5 * h, tol, floorSb, depth + 1, window);
                    s += f;
                    s1 += re;
                    s2 += n;
                    s3 += q;
                    s4 += pa;
                }
            }
            f = s;
            re = s1;
            n = s2;
            q = s3;
            pa = s4;
            return;
        }
        if (m == CellIntegrator.POLAR) m = GaussLegendre.MAX;
        gauss(dx, dy, h, Math.max(m, FastStampModel.TAPER_POINTS), window);
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
