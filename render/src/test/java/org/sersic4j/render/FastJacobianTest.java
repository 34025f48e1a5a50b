package org.sersic4j.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The fast model's Jacobian: its model is what {@link FastStampModel#model} draws, the flux column is model/flux, and
 * every other column agrees with central differences of the fast model itself (at a tight tolerance, so that the cells'
 * integration plans, which change with the parameters, hardly move the model between the two sides); and its model
 * agrees with the reference at oversample 4 as the fast renderer does (median ≤ 1e-3, 90th percentile ≤ 3e-3, max ≤
 * 1e-2 of the peak), at the fits' settings.
 */
class FastJacobianTest {
    private static final int SIDE = 48;
    private static final PixelPsf MOFFAT = MoffatPsf.round(4, 3.5).toPixelPsf(25);
    private static final RenderSettings TIGHT = new RenderSettings(2, 1e-8);
    private static final SersicParams[] SETS = {
            new SersicParams(24.3, 25.6, 5000, 3.0, 1.5, 0.6, 30),
            new SersicParams(25.1, 24.7, 5000, 2.0, 4.0, 0.8, 110),
            new SersicParams(24.8, 25.2, 5000, 5.0, 0.7, 0.4, 75),
            // Centred on a pixel centre, compact and cuspy: the fine cells hold most of the light.
            new SersicParams(25.0, 25.0, 5000, 1.5, 4.0, 0.7, 10),
            new SersicParams(24.6, 24.9, 5000, 0.8, 6.0, 0.5, 140),
            // Round: the pa column vanishes; the q difference is one-sided.
            new SersicParams(24.6, 25.3, 5000, 2.2, 2.0, 1.0, 50),
            // Flat and large: the window's taper crosses cells far along the minor axis.
            new SersicParams(23.7, 24.2, 5000, 9.0, 1.0, 0.2, 160),
    };

    @ParameterizedTest(name = "set {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void columnsAgreeWithCentralDifferencesOfTheFastModel(int set) {
        check(SETS[set], TIGHT, SIDE, SIDE);
    }

    @Test
    void finerCuspCellsAndAnOblongStamp() {
        check(new SersicParams(20.2, 17.4, 3000, 1.2, 3.0, 0.6, 70), TIGHT.withOversample(3), 40, 34);
        check(new SersicParams(20.2, 17.4, 3000, 1.2, 3.0, 0.6, 70), TIGHT.withOversample(4), 40, 34);
    }

    private static void check(SersicParams p, RenderSettings s, int w, int h) {
        FastStampModel fast = new FastStampModel(w, h, MOFFAT, s);
        ModelAndJacobian mj = fast.modelAndJacobian(p);
        double[] model = mj.model().pixels(), plain = fast.model(p);
        double peak = mj.model().max();
        double worst = 0;
        for (int i = 0; i < model.length; i++) worst = Math.max(worst, Math.abs(model[i] - plain[i]));
        assertTrue(worst <= 1e-12 * peak, "model from the Jacobian differs from the plain model by " + worst / peak);
        assertEquals(SersicParams.COUNT, mj.jacobian().length);
        double[] dFlux = mj.jacobian()[2];
        for (int i = 0; i < model.length; i++) assertEquals(model[i] / p.flux(), dFlux[i], 1e-12 * peak / p.flux(), "flux column");

        double[] base = p.toArray();
        double[] steps = {1e-3, 1e-3, 0, 1e-3 * p.re(), 1e-3 * p.n(), 1e-3, 0.05};
        StringBuilder report = new StringBuilder();
        List<String> failures = new ArrayList<>();
        for (int k = 0; k < SersicParams.COUNT; k++) {
            if (k == 2) continue;
            double[] col = mj.jacobian()[k];
            double colMax = 0;
            for (double v : col) colMax = Math.max(colMax, Math.abs(v));
            if (k == 6 && p.q() == 1) {
                assertTrue(colMax <= 1e-9 * peak, "pa column of a round profile: " + colMax / peak);
                report.append(String.format(" pa(round)=%.1e", colMax / peak));
                continue;
            }
            double hk = steps[k];
            double[] fd = new double[model.length];
            if (k == 5 && base[5] + hk > 1) {
                // q may not exceed 1: the second-order one-sided difference, with a longer step. At q = 1 exactly the
                // fine cells on the diagonals next to the centre sit on the polar plan's threshold (a Gauss–Legendre rule
                // there, the polar integral for any q < 1), a jump of ~1e-6 of the peak that a short step would magnify.
                hk = 1e-2;
                double[] m1 = base.clone(), m2 = base.clone();
                m1[5] -= hk;
                m2[5] -= 2 * hk;
                double[] b1 = fast.model(SersicParams.of(m1)), b2 = fast.model(SersicParams.of(m2));
                for (int i = 0; i < fd.length; i++) fd[i] = (3 * plain[i] - 4 * b1[i] + b2[i]) / (2 * hk);
            } else {
                double[] plus = base.clone(), minus = base.clone();
                plus[k] += hk;
                minus[k] -= hk;
                double[] a = fast.model(SersicParams.of(plus)), b = fast.model(SersicParams.of(minus));
                for (int i = 0; i < fd.length; i++) fd[i] = (a[i] - b[i]) / (2 * hk);
            }
            double diff = 0;
            for (int i = 0; i < col.length; i++) diff = Math.max(diff, Math.abs(col[i] - fd[i]));
            double rel = diff / colMax;
            report.append(String.format(" %s=%.2e", SersicParams.NAMES[k], rel));
            assertTrue(colMax > 0, SersicParams.NAMES[k] + " column is all zero");
            if (!(rel <= 1e-3)) failures.add(SersicParams.NAMES[k] + String.format(" (%.3e)", rel));
        }
        System.out.printf("fast jacobian %s oversample %d %dx%d: max|J − FD|/max|J|%s%n", p, s.oversample(), w, h, report);
        assertTrue(failures.isEmpty(), "columns off by more than 1e-3 of their max: " + failures + " for " + p);
    }

    @Test
    void modelAgreesWithTheReferenceAtOversample4() {
        RenderSettings fit = new RenderSettings(2, 1e-4);
        JavaReferenceRenderer ref = new JavaReferenceRenderer();
        Random rnd = new Random(23);
        int count = 24;
        double[] err = new double[count];
        for (int i = 0; i < count; i++) {
            // Compact and cuspy galaxies more often than the fit benchmark draws them: where pixel cells fail.
            double re = i % 2 == 0 ? 0.5 + 2.5 * rnd.nextDouble() : 0.5 + 12 * rnd.nextDouble();
            SersicParams p = new SersicParams(32.5 + 6 * rnd.nextDouble() - 3, 32.5 + 6 * rnd.nextDouble() - 3,
                    500 + 49500 * rnd.nextDouble(), re, 0.5 + 5.5 * rnd.nextDouble(), 0.3 + 0.7 * rnd.nextDouble(),
                    180 * rnd.nextDouble());
            Image truth = ref.render(p, 64, 64, MOFFAT, fit.withOversample(4));
            Image img = new FastStampModel(64, 64, MOFFAT, fit).modelAndJacobian(p).model();
            err[i] = ExactReferences.maxRelToPeak(img, truth);
            System.out.printf("fast jacobian's model vs reference x4 %s: max|Δ|/peak = %.3e%n", p, err[i]);
        }
        double[] s = FastRendererTest.summary("fast jacobian's model vs reference x4", err);
        assertTrue(s[0] <= 1e-3, "median " + s[0]);
        assertTrue(s[1] <= 3e-3, "90th percentile " + s[1]);
        assertTrue(s[2] <= 1e-2, "max " + s[2]);
    }
}
