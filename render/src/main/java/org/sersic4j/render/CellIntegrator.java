package org.sersic4j.render;

/**
 * Flux of a Sérsic profile inside one square cell, in double precision.
 *
 * <p>Cells near the centre (where the profile is cusped) are integrated exactly by the polar decomposition of the
 * cell: in the circularised frame the flux inside a polygon is (F/2π) Σ_edges ∫ P(2n, b (R/r_e)^(1/n)) dθ, with
 * the analytic enclosed-light fraction P, so no sub-pixel grid is needed at the cusp. Other cells use an m×m
 * Gauss–Legendre rule with m chosen from the profile's local length scale for the requested tolerance. The
 * choice per cell (its "plan") can be frozen and reused so that derivatives by finite differences are smooth.
 */
public final class CellIntegrator {
    /** Plan code of a cell integrated by the exact polar method. */
    public static final int POLAR = 0;

    private static final double[] C1_AND_RATIOS = GaussLegendre.errorConstantRatios();

    private CellIntegrator() {}

    /**
     * Chooses how to integrate a cell of side h centred at offset (dx, dy) from the galaxy centre: {@link #POLAR} near
     * the centre, else the smallest Gauss–Legendre order m whose error estimate C_m (L/ℓ)^(2m) I(r_min) stays below
     * tol × max(I(r_min), floorSb) (L: the cell's extent in the circularised frame, ℓ: the profile's local length
     * scale at the cell's nearest radius r_min). With floorSb = flux / (cells × h²) the error is relative to each
     * cell's own light, and the faint cells together cannot lose more than tol × flux: no bias from the wings.
     */
    public static int plan(ProfileGeometry g, double dx, double dy, double h, double tol, double floorSb) {
        double w = h * Math.sqrt(0.5) / g.q;
        double rho = g.radius(dx, dy);
        if (rho < 2 * w) return POLAR;
        double rMin = rho - w;
        double z = Math.pow(rMin / g.re, g.invN);
        double scale = Math.min(rMin, g.n * rMin / (g.b * z));
        double x2 = 4 * w * w / (scale * scale);
        double sb = g.ie * Math.exp(-g.b * (z - 1));
        double p = sb / (tol * Math.max(sb, floorSb)) * C1_AND_RATIOS[0] * x2;
        int m = 1;
        while (m < GaussLegendre.MAX && p > 1) {
            p *= x2 * C1_AND_RATIOS[m];
            m++;
        }
        return m;
    }

    /** Flux in the cell of side h centred at offset (dx, dy) from the galaxy centre, integrated as {@code plan} says. */
    public static double flux(ProfileGeometry g, double dx, double dy, double h, int plan) {
        return plan == POLAR ? polarFlux(g, dx, dy, h) : gaussFlux(g, dx, dy, h, plan);
    }

    static double gaussFlux(ProfileGeometry g, double dx, double dy, double h, int m) {
        double half = 0.5 * h, sum = 0;
        for (int j = 0; j < m; j++) {
            double y = dy + half * GaussLegendre.node(m, j);
            double row = 0;
            for (int i = 0; i < m; i++) {
                double x = dx + half * GaussLegendre.node(m, i);
                double u = g.u(x, y), v = g.v(x, y);
                row += GaussLegendre.weight(m, i) * g.intensityAtSquared(u * u + v * v);
            }
            sum += GaussLegendre.weight(m, j) * row;
        }
        return sum * half * half;
    }

    static double polarFlux(ProfileGeometry g, double dx, double dy, double h) {
        double half = 0.5 * h;
        double[] xs = {dx - half, dx + half, dx + half, dx - half};
        double[] ys = {dy - half, dy - half, dy + half, dy + half};
        double total = 0;
        for (int e = 0; e < 4; e++) {
            int f = (e + 1) & 3;
            total += edgeSweep(g, g.u(xs[e], ys[e]), g.v(xs[e], ys[e]), g.u(xs[f], ys[f]), g.v(xs[f], ys[f]));
        }
        return g.flux / (2 * Math.PI) * Math.abs(total);
    }

    /**
     * ∫ P(R) dθ along the straight edge A→B of the circularised frame, written as ∫ P(R(s)) d / (d² + s²) ds with
     * s measured from the foot of the perpendicular from the centre and d the signed distance; the s-range is cut
     * at the foot and graded geometrically from d so that edges passing close to the cusp stay accurate.
     */
    static double edgeSweep(ProfileGeometry g, double au, double av, double bu, double bv) {
        double eu = bu - au, ev = bv - av, len = Math.hypot(eu, ev);
        eu /= len;
        ev /= len;
        double d = au * ev - av * eu;
        double ad = Math.abs(d);
        if (ad < 1e-14 * len) return 0;
        double sA = au * eu + av * ev, sB = sA + len;
        double total = 0;
        if (sA < 0 && sB > 0) {
            total += gradedSide(g, d, ad, 0, -sA);
            total += gradedSide(g, d, ad, 0, sB);
        } else if (sB <= 0) {
            total += gradedSide(g, d, ad, -sB, -sA);
        } else {
            total += gradedSide(g, d, ad, sA, sB);
        }
        return total;
    }

    /** ∫_{s1}^{s2} P(√(d²+s²)) d/(d²+s²) ds for 0 ≤ s1 &lt; s2, on pieces [0, d], [d, 3d], [3d, 9d], … clipped. */
    private static double gradedSide(ProfileGeometry g, double d, double ad, double s1, double s2) {
        double total = 0, lo = s1;
        double edge = ad;
        while (edge <= lo) edge *= 3;
        while (lo < s2) {
            double hi = Math.min(edge, s2);
            total += gaussPiece(g, d, ad, lo, hi);
            lo = hi;
            edge *= 3;
        }
        return total;
    }

    private static double gaussPiece(ProfileGeometry g, double d, double ad, double lo, double hi) {
        int m = GaussLegendre.EDGE_POINTS;
        double mid = 0.5 * (lo + hi), half = 0.5 * (hi - lo), sum = 0;
        for (int i = 0; i < m; i++) {
            double s = mid + half * GaussLegendre.node(m, i);
            double r2 = ad * ad + s * s;
            sum += GaussLegendre.weight(m, i) * g.enclosed(Math.sqrt(r2)) * d / r2;
        }
        return sum * half;
    }
}
