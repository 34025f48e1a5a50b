package org.sersic4j.fit;

import org.sersic4j.render.Image;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.SersicParams;

/**
 * The automatic initial guess, from adaptive (Gaussian-weighted) image moments: start at the peak of the 5×5-smoothed
 * image near the stamp centre, iterate the weight's covariance to twice the weighted second moments (it converges to
 * the object's own covariance for a Gaussian object); the centroid gives x0, y0; the moments minus the PSF's
 * (measured the same way) give q and PA, and r_e = 1.1774·σ_major (the half-light radius of a Gaussian);
 * flux = the larger of twice the weighted sum (exact for a Gaussian) and the sum inside the 3σ ellipse; n = 2.
 * Masked pixels are ignored. It is a starting point for the optimisers, not an estimate.
 */
public final class MomentGuess {
    private MomentGuess() {}

    /** The guess for a problem (its excluded pixels and those of fitted neighbours ignored). */
    public static SersicParams of(FitProblem p) {
        return of(p.image(), p.targetExcluded(), p.psf());
    }

    /** The guess for an image; {@code excluded} may be null, {@code psf} may be null. */
    public static SersicParams of(Image img, boolean[] excluded, PixelPsf psf) {
        int w = img.width(), h = img.height();
        double[] px = img.pixels();
        boolean[] ok = new boolean[px.length];
        for (int i = 0; i < px.length; i++) ok[i] = (excluded == null || !excluded[i]) && Double.isFinite(px[i]);
        int peak = peak(px, ok, w, h);
        Moments obj = adaptive(px, ok, w, h, peak % w, peak / w, Math.max(w, h));
        Moments ps = psf == null ? null : adaptive(psf.toImage().pixels(), null, psf.size(), psf.size(),
                psf.radius(), psf.radius(), psf.size());
        double mxx = obj.mxx, myy = obj.myy, mxy = obj.mxy;
        if (ps != null) {
            mxx -= ps.mxx;
            myy -= ps.myy;
            mxy -= ps.mxy;
        }
        double tr = mxx + myy, det = mxx * myy - mxy * mxy;
        double disc = Math.sqrt(Math.max(0, 0.25 * tr * tr - det));
        double l1 = Math.max(0.5 * tr + disc, 0.0625), l2 = Math.max(0.5 * tr - disc, 0.0625);
        l2 = Math.min(l2, l1);
        double q = Math.max(0.1, Math.sqrt(l2 / l1));
        // Major-axis direction (ex, ey) = (−sin PA, cos PA).
        double ex = mxy, ey = l1 - mxx;
        if (Math.abs(ex) + Math.abs(ey) < 1e-12) {
            ex = mxx >= myy ? 1 : 0;
            ey = mxx >= myy ? 0 : 1;
        }
        double pa = SersicParams.normalisePa(Math.toDegrees(Math.atan2(-ex, ey)));
        double re = Math.max(0.5, 1.1774 * Math.sqrt(l1));
        double aperture = apertureSum(px, ok, w, h, obj, 3);
        double flux = Math.max(2 * obj.sum, aperture);
        if (!(flux > 0)) flux = Math.max(1e-30, Math.abs(aperture));
        return new SersicParams(obj.xc + 1, obj.yc + 1, flux, re, 2, Math.min(1, q), pa);
    }

    /** Weighted centroid (0-based), second moments about it, and the weighted sum Σ W·I. */
    private record Moments(double xc, double yc, double mxx, double myy, double mxy, double sum) {}

    private static int peak(double[] px, boolean[] ok, int w, int h) {
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int pass = 0; pass < 2 && best < 0; pass++) {
            int x0 = pass == 0 ? w / 4 : 0, x1 = pass == 0 ? w - w / 4 : w;
            int y0 = pass == 0 ? h / 4 : 0, y1 = pass == 0 ? h - h / 4 : h;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    double s = 0;
                    int c = 0;
                    for (int dy = -2; dy <= 2; dy++) {
                        for (int dx = -2; dx <= 2; dx++) {
                            int xx = x + dx, yy = y + dy;
                            if (xx < 0 || yy < 0 || xx >= w || yy >= h || !ok[yy * w + xx]) continue;
                            s += px[yy * w + xx];
                            c++;
                        }
                    }
                    if (c > 0 && ok[y * w + x] && s / c > bestValue) {
                        bestValue = s / c;
                        best = y * w + x;
                    }
                }
            }
        }
        return Math.max(best, 0);
    }

    private static Moments adaptive(double[] px, boolean[] ok, int w, int h, double xc, double yc, int size) {
        double wxx = 9, wyy = 9, wxy = 0, sum = 0;
        double maxVar = 0.25 * size * size;
        for (int it = 0; it < 60; it++) {
            double det = wxx * wyy - wxy * wxy;
            double ixx = wyy / det, iyy = wxx / det, ixy = -wxy / det;
            double s0 = 0, sx = 0, sy = 0;
            double reach = 4 * Math.sqrt(Math.max(wxx, wyy));
            int xlo = (int) Math.max(0, Math.floor(xc - reach)), xhi = (int) Math.min(w - 1, Math.ceil(xc + reach));
            int ylo = (int) Math.max(0, Math.floor(yc - reach)), yhi = (int) Math.min(h - 1, Math.ceil(yc + reach));
            for (int y = ylo; y <= yhi; y++) {
                for (int x = xlo; x <= xhi; x++) {
                    int i = y * w + x;
                    if (ok != null && !ok[i]) continue;
                    double dx = x - xc, dy = y - yc;
                    double wt = Math.exp(-0.5 * (ixx * dx * dx + 2 * ixy * dx * dy + iyy * dy * dy)) * px[i];
                    s0 += wt;
                    sx += wt * dx;
                    sy += wt * dy;
                }
            }
            if (!(s0 > 0)) break;
            double nx = xc + sx / s0, ny = yc + sy / s0;
            double mxx = 0, myy = 0, mxy = 0;
            for (int y = ylo; y <= yhi; y++) {
                for (int x = xlo; x <= xhi; x++) {
                    int i = y * w + x;
                    if (ok != null && !ok[i]) continue;
                    double dx = x - xc, dy = y - yc;
                    double wt = Math.exp(-0.5 * (ixx * dx * dx + 2 * ixy * dx * dy + iyy * dy * dy)) * px[i];
                    double ex = x - nx, ey = y - ny;
                    mxx += wt * ex * ex;
                    myy += wt * ey * ey;
                    mxy += wt * ex * ey;
                }
            }
            mxx /= s0;
            myy /= s0;
            mxy /= s0;
            double nxx = Math.min(2 * mxx, maxVar), nyy = Math.min(2 * myy, maxVar), nxy = 2 * mxy;
            if (!(nxx > 0.05 && nyy > 0.05 && nxx * nyy - nxy * nxy > 1e-4)) break;
            boolean done = Math.abs(nxx - wxx) < 1e-4 * wxx && Math.abs(nyy - wyy) < 1e-4 * wyy
                    && Math.abs(nx - xc) < 1e-4 && Math.abs(ny - yc) < 1e-4;
            sum = s0;
            if (nx >= 0 && nx <= w - 1 && ny >= 0 && ny <= h - 1) {
                xc = nx;
                yc = ny;
            }
            wxx = nxx;
            wyy = nyy;
            wxy = nxy;
            if (done) break;
        }
        return new Moments(xc, yc, wxx, wyy, wxy, sum);
    }

    private static double apertureSum(double[] px, boolean[] ok, int w, int h, Moments m, double nSigma) {
        double det = m.mxx * m.myy - m.mxy * m.mxy;
        double ixx = m.myy / det, iyy = m.mxx / det, ixy = -m.mxy / det, s = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!ok[i]) continue;
                double dx = x - m.xc, dy = y - m.yc;
                if (ixx * dx * dx + 2 * ixy * dx * dy + iyy * dy * dy <= nSigma * nSigma) s += px[i];
            }
        }
        return s;
    }
}
