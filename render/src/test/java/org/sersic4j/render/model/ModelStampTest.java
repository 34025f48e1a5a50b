package org.sersic4j.render.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.FastStampModel;
import org.sersic4j.render.GaussianPsf;
import org.sersic4j.render.ModelAndJacobian;
import org.sersic4j.render.MoffatPsf;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.StampModel;

/**
 * Multi-component models: a one-Sérsic model is the single-Sérsic render; images add; an exponential is a Sérsic with
 * n = 1; a point source conserves flux, sits where it is put and is the PSF itself at a pixel centre; a sky plane is
 * its level at the stamp centre; every Jacobian column agrees with a central difference of two plain renders. Drawn by
 * the fast model, a one-Sérsic model is the fast model's own and the Jacobian agrees with central differences too.
 */
class ModelStampTest {
    private static final int W = 45, H = 41;
    private static final PixelPsf MOFFAT = MoffatPsf.round(3.5, 3.0).toPixelPsf(21);
    private static final RenderSettings S = RenderSettings.DEFAULT;
    private static final SersicParams BULGE = new SersicParams(22.6, 21.3, 3000, 2.0, 4.0, 0.8, 40);
    private static final SersicParams DISC = new SersicParams(22.6, 21.3, 7000, 6.0, 1.0, 0.5, 70);

    private static Model bulgeDiscPointSky() {
        return new Model(List.of(Component.sersic("bulge", BULGE),
                Component.fixedIndex(ComponentType.EXPONENTIAL, "disc", DISC),
                Component.pointSource("agn", 22.9, 21.1, 800),
                new Component(ComponentType.SKYPLANE, "sky", new double[] {5, 0.03, -0.02})));
    }

    @Test
    void oneSersicIsTheSingleSersicRender() {
        double[] single = new StampModel(W, H, MOFFAT, S).model(BULGE);
        assertArrayEquals(single, new ModelStamp(W, H, MOFFAT, S).model(Model.of(BULGE, null)));
        double[] withSky = new ModelStamp(W, H, MOFFAT, S).model(Model.of(BULGE, 12.5));
        for (int i = 0; i < single.length; i++) assertEquals(single[i] + 12.5, withSky[i], 1e-12);
    }

    @Test
    void componentsAddAndAnExponentialIsNOne() {
        ModelStamp ms = new ModelStamp(W, H, MOFFAT, S);
        StampModel sm = new StampModel(W, H, MOFFAT, S);
        double[] sum = ms.model(new Model(List.of(Component.sersic("bulge", BULGE),
                Component.fixedIndex(ComponentType.EXPONENTIAL, "disc", DISC))));
        double[] b = sm.model(BULGE), d = sm.model(DISC);
        for (int i = 0; i < sum.length; i++) assertEquals(b[i] + d[i], sum[i], 1e-9 * (1 + Math.abs(sum[i])));
    }

    @Test
    void pointSourceConservesFluxAndSitsWhereItIsPut() {
        PixelPsf gauss = GaussianPsf.round(3.0).toPixelPsf(25);
        ModelStamp ms = new ModelStamp(W, H, gauss, S);
        double x0 = 21.37, y0 = 19.81, flux = 1000;
        double[] img = ms.model(new Model(List.of(Component.pointSource("star", x0, y0, flux))));
        double sum = 0, sx = 0, sy = 0;
        for (int iy = 0; iy < H; iy++) {
            for (int ix = 0; ix < W; ix++) {
                double v = img[iy * W + ix];
                sum += v;
                sx += v * (ix + 1);
                sy += v * (iy + 1);
            }
        }
        assertEquals(flux, sum, 1e-3 * flux, "flux conserved");
        assertEquals(x0, sx / sum, 2e-3, "centroid x");
        assertEquals(y0, sy / sum, 2e-3, "centroid y");
    }

    @Test
    void pointSourceAtAPixelCentreIsThePsfImage() {
        PixelPsf gauss = GaussianPsf.round(3.0).toPixelPsf(25);
        ModelStamp ms = new ModelStamp(W, H, gauss, S);
        double[] img = ms.model(new Model(List.of(Component.pointSource("star", 23, 21, 1))));
        int r = gauss.radius();
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                assertEquals(gauss.at(dx, dy), img[(20 + dy) * W + 22 + dx], 2e-4 * gauss.at(0, 0), "at " + dx + "," + dy);
            }
        }
    }

    @Test
    void skyPlaneIsItsLevelAtTheStampCentre() {
        ModelStamp ms = new ModelStamp(W, H, null, S);
        double[] img = ms.model(new Model(List.of(new Component(ComponentType.SKYPLANE, "sky", new double[] {5, 0.1, -0.2}))));
        // Centre (23, 21) in FITS pixels is stamp pixel (22, 20).
        assertEquals(5, img[20 * W + 22], 1e-12);
        assertEquals(5 + 0.1 * 10 - 0.2 * -5, img[15 * W + 32], 1e-12);
    }

    @Test
    void jacobianColumnsAgreeWithCentralDifferences() {
        checkJacobian(new ModelStamp(W, H, MOFFAT, S));
    }

    @Test
    void theFastModelDrawsProfilesWhenAsked() {
        ModelStamp fast = new ModelStamp(W, H, MOFFAT, S, true);
        assertTrue(fast.fast());
        assertTrue(!new ModelStamp(W, H, null, S, true).fast(), "without a PSF the reference draws");
        assertArrayEquals(new FastStampModel(W, H, MOFFAT, S).model(BULGE), fast.model(Model.of(BULGE, null)));
        checkJacobian(fast);
    }

    private static void checkJacobian(ModelStamp ms) {
        Model m = bulgeDiscPointSky();
        ModelAndJacobian mj = ms.modelAndJacobian(m);
        assertArrayEquals(ms.model(m), mj.model().pixels(), 1e-9);
        double[] v = m.values();
        List<String> names = m.parameterNames();
        for (int k = 0; k < v.length; k++) {
            String name = names.get(k);
            double h = name.endsWith("_x0") || name.endsWith("_y0") ? 0.02 : name.endsWith("_pa") ? 0.5
                    : name.endsWith("_q") ? 0.01 : name.contains("dsky") ? 0.01 : 0.01 * Math.abs(v[k]);
            double[] up = v.clone(), dn = v.clone();
            up[k] += h;
            dn[k] -= h;
            double[] a = ms.model(m.withValues(up)), b = ms.model(m.withValues(dn));
            double max = 0, err = 0;
            for (int i = 0; i < a.length; i++) {
                double fd = (a[i] - b[i]) / (2 * h);
                max = Math.max(max, Math.abs(fd));
                err = Math.max(err, Math.abs(fd - mj.jacobian()[k][i]));
            }
            assertTrue(max > 0, name + " column is not all zero");
            assertTrue(err < 0.01 * max, name + ": analytic vs central difference " + err + " of " + max);
        }
    }

    @Test
    void aPointSourceWithoutAPsfIsAClearError() {
        ModelStamp ms = new ModelStamp(W, H, null, S);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ms.model(new Model(List.of(Component.pointSource("star", 20, 20, 10)))));
        assertTrue(e.getMessage().contains("needs a PSF"), e.getMessage());
    }

    @Test
    void namesAndLayoutFollowTheComponents() {
        Model m = bulgeDiscPointSky();
        assertEquals(7 + 6 + 3 + 3, m.count());
        assertEquals("c2_re", m.parameterNames().get(10));
        assertEquals(13, m.offset(2));
        assertEquals(3000 + 7000 + 800, m.totalFlux(), 1e-9);
        assertArrayEquals(m.values(), m.withValues(m.values()).values());
    }
}
