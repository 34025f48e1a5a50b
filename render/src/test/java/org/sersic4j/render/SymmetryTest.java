package org.sersic4j.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Geometric symmetries of the rendered image, without a PSF and with a round Moffat PSF.
 *
 * <p>Convention (docs/conventions.md): PA counter-clockwise from +y, "up = 0, left = 90": the major axis of PA θ points
 * along (−sin θ, cos θ). Adding 90° rotates the galaxy by 90° counter-clockwise about its centre, so for a galaxy
 * centred on pixel (c, c) of a square stamp, image_{θ+90}(c+dx, c+dy) = image_θ(c+dy, c−dx). Changing θ to −θ
 * mirrors x: image_{−θ}(c+dx, y) = image_θ(c−dx, y).
 */
class SymmetryTest {
    private static final int SIDE = 41, C = SIDE / 2; // centre pixel (20, 20), FITS (21, 21)
    private static final double FITS_C = C + 1;
    private static final JavaReferenceRenderer R = new JavaReferenceRenderer();
    private static final PixelPsf MOFFAT = MoffatPsf.round(3.5, 3).toPixelPsf(21);

    private static PixelPsf psf(boolean withPsf) {
        return withPsf ? MOFFAT : null;
    }

    private static double tol(boolean withPsf) {
        return withPsf ? 1e-6 : 1e-9;
    }

    private static Image render(SersicParams p, boolean withPsf) {
        return R.render(p, SIDE, SIDE, psf(withPsf), RenderSettings.DEFAULT);
    }

    /** max over pixels of |a(ix, iy) − b(map(ix, iy))| / peak of b, over the pixels where map is inside. */
    private static double maxDiff(Image a, Image b, IntBinaryOperator mapX, IntBinaryOperator mapY, int margin) {
        double m = 0;
        for (int iy = margin; iy < a.height() - margin; iy++) {
            for (int ix = margin; ix < a.width() - margin; ix++) {
                int jx = mapX.applyAsInt(ix, iy), jy = mapY.applyAsInt(ix, iy);
                if (jx < 0 || jy < 0 || jx >= b.width() || jy >= b.height()) continue;
                m = Math.max(m, Math.abs(a.get(ix, iy) - b.get(jx, jy)));
            }
        }
        return m / b.max();
    }

    @ParameterizedTest(name = "psf={0}")
    @ValueSource(booleans = {false, true})
    void paAndPaPlus180AreTheSame(boolean withPsf) {
        List<String> failures = new ArrayList<>();
        for (double pa : new double[] {0, 23.7, 90, 141}) {
            SersicParams p = new SersicParams(20.37, 21.81, 1e4, 3.2, 2.3, 0.45, pa);
            Image a = render(p, withPsf);
            Image b = render(new SersicParams(20.37, 21.81, 1e4, 3.2, 2.3, 0.45, pa + 180), withPsf);
            double d = maxDiff(a, b, (x, y) -> x, (x, y) -> y, 0);
            System.out.printf("symmetry pa/pa+180 psf=%b pa=%.1f: %.2e%n", withPsf, pa, d);
            if (!(d <= tol(withPsf))) failures.add("pa=" + pa + " vs pa+180: " + d + " of peak");
        }
        assertTrue(failures.isEmpty(), "psf=" + withPsf + ": " + failures);
    }

    @ParameterizedTest(name = "psf={0}")
    @ValueSource(booleans = {false, true})
    void addingNinetyDegreesRotatesTheImageCounterClockwise(boolean withPsf) {
        List<String> failures = new ArrayList<>();
        for (double pa : new double[] {0, 17.5, 60, 100}) {
            Image a = render(new SersicParams(FITS_C, FITS_C, 1e4, 2.7, 1.6, 0.35, pa), withPsf);
            Image b = render(new SersicParams(FITS_C, FITS_C, 1e4, 2.7, 1.6, 0.35, pa + 90), withPsf);
            // b(c+dx, c+dy) = a(c+dy, c−dx)
            double d = maxDiff(b, a, (x, y) -> C + (y - C), (x, y) -> C - (x - C), 0);
            System.out.printf("symmetry rot90 psf=%b pa=%.1f: %.2e%n", withPsf, pa, d);
            if (!(d <= tol(withPsf))) failures.add("pa=" + pa + " vs pa+90 rotated: " + d + " of peak");
            // (A clockwise rotation differs from this one by 180°, a symmetry of the profile, so it matches too; the
            // absolute direction is asserted in paConventionUpIsZeroLeftIsNinety.) The images do differ unrotated:
            double unrotated = maxDiff(b, a, (x, y) -> x, (x, y) -> y, 0);
            assertTrue(unrotated > 1e-2, "pa and pa+90 should give different images, got " + unrotated);
        }
        assertTrue(failures.isEmpty(), "psf=" + withPsf + ": " + failures);
    }

    @ParameterizedTest(name = "psf={0}")
    @ValueSource(booleans = {false, true})
    void negatingPaMirrorsX(boolean withPsf) {
        List<String> failures = new ArrayList<>();
        for (double pa : new double[] {12, 45, 77.7, 133}) {
            double y0 = 19.62; // mirror in x only: any y0
            Image a = render(new SersicParams(FITS_C, y0, 1e4, 3.1, 0.9, 0.5, pa), withPsf);
            Image b = render(new SersicParams(FITS_C, y0, 1e4, 3.1, 0.9, 0.5, 180 - pa), withPsf);
            double d = maxDiff(b, a, (x, y) -> 2 * C - x, (x, y) -> y, 0);
            System.out.printf("symmetry mirror psf=%b pa=%.1f: %.2e%n", withPsf, pa, d);
            if (!(d <= tol(withPsf))) failures.add("pa=" + pa + " vs 180−pa mirrored: " + d + " of peak");
        }
        assertTrue(failures.isEmpty(), "psf=" + withPsf + ": " + failures);
    }

    @ParameterizedTest(name = "psf={0}")
    @ValueSource(booleans = {false, true})
    void roundProfileIgnoresPa(boolean withPsf) {
        List<String> failures = new ArrayList<>();
        Image a = render(new SersicParams(20.3, 21.6, 1e4, 2.2, 3.1, 1, 0), withPsf);
        for (double pa : new double[] {31, 90, 164.2}) {
            Image b = render(new SersicParams(20.3, 21.6, 1e4, 2.2, 3.1, 1, pa), withPsf);
            double d = maxDiff(a, b, (x, y) -> x, (x, y) -> y, 0);
            System.out.printf("symmetry round psf=%b pa=%.1f: %.2e%n", withPsf, pa, d);
            if (!(d <= tol(withPsf))) failures.add("q=1, pa=0 vs pa=" + pa + ": " + d + " of peak");
        }
        assertTrue(failures.isEmpty(), "psf=" + withPsf + ": " + failures);
    }

    @ParameterizedTest(name = "psf={0}")
    @ValueSource(booleans = {false, true})
    void shiftingX0ByOnePixelShiftsOneColumn(boolean withPsf) {
        List<String> failures = new ArrayList<>();
        for (double x0 : new double[] {19.5, 20.13, 20.77}) {
            Image a = render(new SersicParams(x0, 20.4, 1e4, 2.5, 2.5, 0.6, 35), withPsf);
            Image b = render(new SersicParams(x0 + 1, 20.4, 1e4, 2.5, 2.5, 0.6, 35), withPsf);
            // b(ix + 1, iy) = a(ix, iy), away from the edges
            double d = maxDiff(b, a, (x, y) -> x - 1, (x, y) -> y, 3);
            System.out.printf("symmetry shift psf=%b x0=%.2f: %.2e%n", withPsf, x0, d);
            if (!(d <= tol(withPsf))) failures.add("x0=" + x0 + " vs x0+1 shifted: " + d + " of peak");
        }
        assertTrue(failures.isEmpty(), "psf=" + withPsf + ": " + failures);
    }

    /**
     * The image is a continuous function of the centre: moving it by 2e-9 px changes no pixel by more than 1e-7 of
     * the peak. Probed at pixel centres and corners (multiples of 1/oversample, where the renderer's galaxy-centred
     * cell grid is re-indexed) and at a generic position.
     */
    @ParameterizedTest(name = "psf={0}")
    @ValueSource(booleans = {false, true})
    void imageIsContinuousInTheCentre(boolean withPsf) {
        List<String> failures = new ArrayList<>();
        double eps = 1e-9;
        for (double at : new double[] {21.0, 21.5, 20.75, 21.3}) {
            for (int axis = 0; axis < 2; axis++) {
                double[] lo = {21.3, 20.7, 1e4, 0.8, 4.0, 0.7, 10}, hi = lo.clone();
                lo[axis] = at - eps;
                hi[axis] = at + eps;
                double d = maxDiff(render(SersicParams.of(lo), withPsf), render(SersicParams.of(hi), withPsf),
                        (x, y) -> x, (x, y) -> y, 0);
                System.out.printf("continuity psf=%b %s at %.2f: %.2e%n", withPsf, axis == 0 ? "x0" : "y0", at, d);
                if (!(d <= 1e-7)) failures.add((axis == 0 ? "x0" : "y0") + " = " + at + " ± " + eps + ": image jumps by " + d + " of peak");
            }
        }
        assertTrue(failures.isEmpty(), "psf=" + withPsf + ": " + failures);
    }

    /** The absolute direction of the convention: PA 0 is elongated up (+y), PA 90 along x, PA 45 up-left. */
    @Test
    void paConventionUpIsZeroLeftIsNinety() {
        double q = 0.3;
        Image up = render(new SersicParams(FITS_C, FITS_C, 1e4, 4, 1, q, 0), false);
        assertTrue(up.get(C, C + 6) > 10 * up.get(C + 6, C), "PA 0: brighter along +y than along +x");
        Image left = render(new SersicParams(FITS_C, FITS_C, 1e4, 4, 1, q, 90), false);
        assertTrue(left.get(C - 6, C) > 10 * left.get(C, C + 6), "PA 90: brighter along x than along y");
        Image diag = render(new SersicParams(FITS_C, FITS_C, 1e4, 4, 1, q, 45), false);
        // Major axis along (−1, 1)/√2: up-left and down-right are bright, up-right and down-left faint.
        assertTrue(diag.get(C - 4, C + 4) > 10 * diag.get(C + 4, C + 4), "PA 45 points up-left (counter-clockwise)");
        assertTrue(diag.get(C + 4, C - 4) > 10 * diag.get(C - 4, C - 4), "PA 45 points up-left (counter-clockwise)");
        // And pixel (ix, iy) is centred at FITS (ix+1, iy+1): a galaxy at FITS (11, 31) peaks in pixel (10, 30).
        Image placed = render(new SersicParams(11, 31, 1e4, 1.5, 1, 0.8, 10), false);
        int argmax = 0;
        for (int i = 1; i < placed.pixels().length; i++) if (placed.pixels()[i] > placed.pixels()[argmax]) argmax = i;
        assertTrue(argmax % SIDE == 10 && argmax / SIDE == 30, "peak at pixel (" + argmax % SIDE + ", " + argmax / SIDE + ")");
    }
}
