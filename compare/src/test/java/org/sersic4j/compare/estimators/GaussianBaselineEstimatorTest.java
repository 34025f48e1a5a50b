package org.sersic4j.compare.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.render.GaussianPsf;
import org.sersic4j.render.Image;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.NoiseModel;

/** The Gaussian baseline read as n = 0.5: a Gaussian galaxy seen through a round Gaussian PSF comes back whole. */
class GaussianBaselineEstimatorTest {

    @Test
    void aGaussianGalaxyThroughAGaussianPsfIsRecovered() {
        PixelPsf psf = GaussianPsf.round(3).toPixelPsf(21);
        SersicParams truth = new SersicParams(32.3, 31.8, 10000, 5, 0.5, 0.6, 30);
        Image model = new JavaReferenceRenderer().render(truth, 64, 64, psf, RenderSettings.DEFAULT);
        StampInput s = new StampInput("g", model, null, null, psf, new NoiseModel(100, 1, 5), 30, Double.NaN);
        Estimate e = new GaussianBaselineEstimator(1).estimate(List.of(s)).get(0);
        assertTrue((e.flags() & FitFlags.CONVERGED) != 0, FitFlags.names(e.flags()).toString());
        SersicParams p = e.params();
        assertEquals(0.5, p.n());
        assertEquals(truth.x0(), p.x0(), 0.01);
        assertEquals(truth.y0(), p.y0(), 0.01);
        assertEquals(truth.flux(), p.flux(), 0.01 * truth.flux());
        assertEquals(truth.re(), p.re(), 0.03 * truth.re());
        assertEquals(truth.q(), p.q(), 0.03);
        assertEquals(truth.pa(), p.pa(), 1.0);
        assertTrue(Double.isNaN(e.errors()[0]), "no errors");
    }

    @Test
    void aFullyMaskedStampFails() {
        double[] ones = new double[16 * 16];
        java.util.Arrays.fill(ones, 1);
        StampInput s = new StampInput("m", new Image(16, 16, new double[256]), null, new Image(16, 16, ones), null,
                new NoiseModel(100, 1, 5), 30, Double.NaN);
        Estimate e = new GaussianBaselineEstimator(1).estimate(List.of(s)).get(0);
        assertNull(e.params());
        assertTrue((e.flags() & FitFlags.FAILED) != 0);
    }
}
