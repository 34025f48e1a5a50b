package org.sersic4j.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * renderWithJacobian: the model equals a plain render, the flux column is model/flux, and every other column agrees
 * with an independent central difference of two plain renders taken with a much larger step than the Jacobian's
 * own; for x0 without a PSF, also with the exact derivative of each pixel integral, −∂/∂x of the pixel box, which is
 * the difference of the profile's line integrals along the pixel's left and right edges.
 */
class JacobianTest {
    private static final int SIDE = 41;
    private static final JavaReferenceRenderer R = new JavaReferenceRenderer();
    private static final PixelPsf MOFFAT = MoffatPsf.round(4, 3.5).toPixelPsf(25);
    private static final SersicParams[] SETS = {
            new SersicParams(20.3, 21.6, 5000, 3.0, 1.5, 0.6, 30),
            new SersicParams(21.1, 20.7, 5000, 2.0, 4.0, 0.8, 110),
            new SersicParams(20.8, 21.2, 5000, 5.0, 0.7, 0.4, 75),
            // Centred on a pixel centre (the common case), compact and cuspy.
            new SersicParams(21.0, 21.0, 5000, 0.8, 4.0, 0.7, 10),
            // Round: the q derivative is one-sided and the pa column vanishes.
            new SersicParams(20.6, 21.3, 5000, 2.2, 2.0, 1.0, 50),
    };

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < SETS.length; i++) {
            out.add(Arguments.of(i, false));
            out.add(Arguments.of(i, true));
        }
        return out.stream();
    }

    /** Step of the independent central difference for parameter k (flux excluded). */
    private static double step(int k, SersicParams p) {
        return switch (k) {
            case 0, 1 -> 0.02;
            case 3 -> 0.01 * p.re();
            case 4 -> 0.01 * p.n();
            case 5 -> 0.01;
            case 6 -> 0.5;
            default -> throw new IllegalArgumentException();
        };
    }

    @ParameterizedTest(name = "set {0}, psf={1}")
    @MethodSource("cases")
    void columnsAgreeWithLargeStepCentralDifferences(int set, boolean withPsf) {
        SersicParams p = SETS[set];
        PixelPsf psf = withPsf ? MOFFAT : null;
        ModelAndJacobian mj = R.renderWithJacobian(p, SIDE, SIDE, psf, RenderSettings.DEFAULT);
        Image plain = R.render(p, SIDE, SIDE, psf, RenderSettings.DEFAULT);
        // With a PSF the Jacobian shares its FFTs with the derivatives: equal to rounding, not bit for bit.
        assertEquals(0.0, ExactReferences.maxRelToPeak(mj.model(), plain), 1e-10, "model = plain render");
        assertEquals(SersicParams.COUNT, mj.jacobian().length);

        double[] model = mj.model().pixels(), dFlux = mj.jacobian()[2];
        for (int i = 0; i < model.length; i++) {
            assertEquals(model[i] / p.flux(), dFlux[i], 1e-12 * Math.abs(model[i] / p.flux()) + 1e-300, "flux column");
        }

        double[] base = p.toArray();
        StringBuilder report = new StringBuilder();
        List<String> failures = new ArrayList<>();
        for (int k = 0; k < SersicParams.COUNT; k++) {
            if (k == 2) continue;
            double h = step(k, p);
            double[] col = mj.jacobian()[k];
            assertEquals(model.length, col.length);
            if (k == 6 && p.q() == 1) {
                // A round profile does not depend on pa at all.
                double m = 0;
                for (double v : col) m = Math.max(m, Math.abs(v));
                assertTrue(m <= 1e-9 * mj.model().max(), "pa column of a round profile: " + m);
                report.append(String.format(" pa(round)=%.1e", m / mj.model().max()));
                continue;
            }
            double[] fd;
            if (k == 5 && base[5] + h > 1) {
                // q may not exceed 1: second-order one-sided difference (3f(q) − 4f(q−h) + f(q−2h)) / 2h.
                double[] m1 = base.clone(), m2 = base.clone();
                m1[5] -= h;
                m2[5] -= 2 * h;
                double[] b1 = R.render(SersicParams.of(m1), SIDE, SIDE, psf, RenderSettings.DEFAULT).pixels();
                double[] b2 = R.render(SersicParams.of(m2), SIDE, SIDE, psf, RenderSettings.DEFAULT).pixels();
                fd = new double[model.length];
                for (int i = 0; i < fd.length; i++) fd[i] = (3 * model[i] - 4 * b1[i] + b2[i]) / (2 * h);
            } else {
                double[] plus = base.clone(), minus = base.clone();
                plus[k] += h;
                minus[k] -= h;
                double[] a = R.render(SersicParams.of(plus), SIDE, SIDE, psf, RenderSettings.DEFAULT).pixels();
                double[] b = R.render(SersicParams.of(minus), SIDE, SIDE, psf, RenderSettings.DEFAULT).pixels();
                fd = new double[model.length];
                for (int i = 0; i < fd.length; i++) fd[i] = (a[i] - b[i]) / (2 * h);
            }
            double colMax = 0, diff = 0;
            for (int i = 0; i < col.length; i++) {
                colMax = Math.max(colMax, Math.abs(col[i]));
                diff = Math.max(diff, Math.abs(col[i] - fd[i]));
            }
            double rel = diff / colMax;
            report.append(String.format(" %s=%.2e", SersicParams.NAMES[k], rel));
            assertTrue(colMax > 0, SersicParams.NAMES[k] + " column is all zero");
            if (!(rel <= 0.02)) failures.add(SersicParams.NAMES[k] + String.format(" (%.3e)", rel));
        }
        System.out.printf("jacobian set %d psf=%b: max|J − FD|/max|J|%s%n", set, withPsf, report);
        assertTrue(failures.isEmpty(), "columns off by more than 2% of their max: " + failures + " for " + p);
    }

    /**
     * With a PSF the model is a smooth function of the centre, so its derivative is continuous: the x0 (y0) column at
     * a centre must equal the mean of the columns 0.004 px either side, to second order (measured ~6e-6 of the
     * column's max at generic centres). Centres on multiples of 1/oversample (pixel centres and corners) are where
     * the renderer's galaxy-centred cell grid is re-indexed between the ± steps of its own finite difference.
     */
    @ParameterizedTest(name = "{0} at {1}")
    @org.junit.jupiter.params.provider.CsvSource({"x0, 21.0", "x0, 21.5", "x0, 21.3", "y0, 20.5", "y0, 21.0", "y0, 20.7"})
    void centreColumnsAreContinuousInTheCentre(String which, double at) {
        int k = which.equals("x0") ? 0 : 1;
        double[] base = {21.3, 20.7, 5000, 0.8, 4.0, 0.7, 10};
        base[k] = at;
        double[][] cols = new double[3][];
        for (int s = -1; s <= 1; s++) {
            double[] v = base.clone();
            v[k] += 0.004 * s;
            cols[s + 1] = R.renderWithJacobian(SersicParams.of(v), SIDE, SIDE, MOFFAT, RenderSettings.DEFAULT).jacobian()[k];
        }
        double max = 0, diff = 0;
        for (int i = 0; i < cols[1].length; i++) {
            max = Math.max(max, Math.abs(cols[1][i]));
            diff = Math.max(diff, Math.abs(cols[1][i] - 0.5 * (cols[0][i] + cols[2][i])));
        }
        System.out.printf("jacobian continuity %s at %.3f (psf): |J − mean(J±0.004)| = %.2e of max%n", which, at, diff / max);
        assertTrue(diff / max <= 1e-4, which + " column at " + which + " = " + at + " jumps by " + diff / max + " of its max");
    }

    /**
     * Without a PSF, pixel (ix, iy) = ∫_{x_L}^{x_R} ∫ I(x − x0, y − y0) dy dx, so ∂/∂x0 = ∫ [I(x_L, y) − I(x_R, y)] dy
     * over the pixel's height: line integrals of the analytic profile along the pixel's vertical edges.
     */
    @Test
    void x0ColumnIsMinusTheSpatialDerivativeOfThePixelIntegral() {
        int side = 21;
        SersicParams p = new SersicParams(10.7, 11.35, 5000, 2.5, 1.5, 0.6, 30);
        SersicTruth.Profile t = new SersicTruth.Profile(p);
        ModelAndJacobian mj = R.renderWithJacobian(p, side, side, null, RenderSettings.DEFAULT);
        double[] col = mj.jacobian()[0], colY = mj.jacobian()[1];
        // line[e][iy]: ∫ over row iy's height of I along the vertical line x = e + 0.5 (FITS), e = 0 … side.
        double[][] vertical = new double[side + 1][side];
        double[][] horizontal = new double[side + 1][side];
        for (int e = 0; e <= side; e++) {
            double edge = e + 0.5;
            for (int j = 0; j < side; j++) {
                double lo = j + 0.5, hi = j + 1.5;
                vertical[e][j] = lineIntegral(y -> t.at(edge, y), lo, hi, p.y0());
                horizontal[e][j] = lineIntegral(x -> t.at(x, edge), lo, hi, p.x0());
            }
        }
        double maxX = 0, diffX = 0, maxY = 0, diffY = 0;
        for (int iy = 0; iy < side; iy++) {
            for (int ix = 0; ix < side; ix++) {
                double exactX = vertical[ix][iy] - vertical[ix + 1][iy];
                double exactY = horizontal[iy][ix] - horizontal[iy + 1][ix];
                int i = iy * side + ix;
                maxX = Math.max(maxX, Math.abs(exactX));
                diffX = Math.max(diffX, Math.abs(col[i] - exactX));
                maxY = Math.max(maxY, Math.abs(exactY));
                diffY = Math.max(diffY, Math.abs(colY[i] - exactY));
            }
        }
        System.out.printf("jacobian vs edge line integrals: x0 %.2e, y0 %.2e of column max%n", diffX / maxX, diffY / maxY);
        assertTrue(diffX / maxX <= 1e-3, "x0 column vs exact: " + diffX / maxX);
        assertTrue(diffY / maxY <= 1e-3, "y0 column vs exact: " + diffY / maxY);
    }

    /** ∫_lo^hi f, split at the galaxy centre's coordinate when it falls inside (the profile peaks near there). */
    private static double lineIntegral(org.hipparchus.analysis.UnivariateFunction f, double lo, double hi, double centre) {
        if (centre > lo && centre < hi) {
            return SersicTruth.integrate(f, lo, centre, 1e-11, 1e-14) + SersicTruth.integrate(f, centre, hi, 1e-11, 1e-14);
        }
        return SersicTruth.integrate(f, lo, hi, 1e-11, 1e-14);
    }
}
