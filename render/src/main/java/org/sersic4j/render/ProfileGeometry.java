package org.sersic4j.render;

import org.hipparchus.special.Gamma;

/**
 * Everything the renderer needs to evaluate one Sérsic profile quickly: the exact b_n, I_e, ln Γ(2n) and the
 * rotation, with the elliptical radius measured along the major axis (PA counter-clockwise from +y).
 */
public final class ProfileGeometry {
    final double x0, y0, flux, re, n, q, cos, sin, b, ie, lnGamma2n, invN;

    public ProfileGeometry(SersicParams p) {
        x0 = p.x0();
        y0 = p.y0();
        flux = p.flux();
        re = p.re();
        n = p.n();
        q = p.q();
        double t = Math.toRadians(p.pa());
        cos = Math.cos(t);
        sin = Math.sin(t);
        b = SersicMath.bn(n);
        ie = SersicMath.ie(flux, re, n, q, b);
        lnGamma2n = Gamma.logGamma(2 * n);
        invN = 1 / n;
    }

    /** Major-axis coordinate of an offset (dx, dy) from the centre. */
    double u(double dx, double dy) {
        return -sin * dx + cos * dy;
    }

    /** Minor-axis coordinate divided by q (the circularised frame). */
    double v(double dx, double dy) {
        return (cos * dx + sin * dy) / q;
    }

    /** Elliptical radius of an offset from the centre. */
    double radius(double dx, double dy) {
        double u = u(dx, dy), v = v(dx, dy);
        return Math.sqrt(u * u + v * v);
    }

    /** Surface brightness at squared elliptical radius r². */
    double intensityAtSquared(double r2) {
        double rho2 = r2 / (re * re);
        // ρ^(1/n) through ln ρ, exactly as the Jacobian evaluates it (CellDerivatives), so model and derivatives agree.
        double z = rho2 > 0 ? Math.exp(0.5 * Math.log(rho2) * invN) : 0;
        return intensityAtZ(z);
    }

    /** Surface brightness where z = (r/r_e)^(1/n). */
    double intensityAtZ(double z) {
        return ie * Math.exp(-b * (z - 1));
    }

    /** Fraction of the total flux inside elliptical radius r. */
    double enclosed(double r) {
        return LowerGamma.p(2 * n, b * Math.pow(r / re, invN), lnGamma2n);
    }
}
