package org.sersic4j.compare.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.Metrics;
import org.sersic4j.compare.Parameter;
import org.sersic4j.compare.ParameterMetrics;
import org.sersic4j.compare.SimulatedStamps;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.render.Image;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.SersicParams;

/** Levenberg–Marquardt from the automatic guess, as an estimator: high-S/N stamps are recovered, bad ones fail alone. */
class LmEstimatorTest {

    @Test
    void recoversHighSnrStampsWithoutFluxOutliers() {
        SimulatedStamps.Set set = SimulatedStamps.make(16, 32, 20000, 50000, 11, RenderSettings.DEFAULT);
        AtomicInteger done = new AtomicInteger();
        List<Estimate> est = new LmEstimator(2, line -> { }).estimate(set.stamps(), done::addAndGet);
        assertEquals(16, est.size());
        assertEquals(16, done.get(), "progress counts every stamp");
        List<SersicParams> p = new ArrayList<>();
        for (int i = 0; i < est.size(); i++) {
            Estimate e = est.get(i);
            assertEquals(set.stamps().get(i).id(), e.id(), "estimates come back in the stamps' order");
            assertTrue((e.flags() & FitFlags.CONVERGED) != 0, e.id() + " flags " + FitFlags.names(e.flags()));
            assertTrue(e.seconds() > 0 && e.iterations() > 0 && e.nfev() > 0, e.toString());
            assertTrue(e.errors()[2] > 0, "flux error from the covariance");
            p.add(e.params());
        }
        List<ParameterMetrics> m = Metrics.all(set.truth(), p, SimulatedStamps.ZP, BootstrapSettings.NONE);
        ParameterMetrics flux = m.get(Parameter.FLUX.ordinal());
        assertEquals(0, flux.failed());
        assertEquals(0.0, flux.outlierFraction(), "flux outliers: " + flux);
        assertTrue(Math.abs(flux.medianBias()) < 0.02, "flux bias " + flux.medianBias());
        assertEquals(0.0, m.get(Parameter.RE.ordinal()).outlierFraction(), "re outliers");
        assertEquals(0.0, m.get(Parameter.X0.ordinal()).outlierFraction(), "x0 outliers");
    }

    @Test
    void aStampThatCannotBeFittedFailsAloneWithItsReason() {
        SimulatedStamps.Set set = SimulatedStamps.make(2, 32, 20000, 20000, 5, RenderSettings.DEFAULT);
        StampInput good = set.stamps().get(0), src = set.stamps().get(1);
        double[] all = new double[32 * 32];
        java.util.Arrays.fill(all, 1);
        StampInput masked = new StampInput("masked", src.image(), null, new Image(32, 32, all), src.psf(), src.noise(),
                src.zeropoint(), src.pixelScale());
        List<String> problems = new ArrayList<>();
        List<Estimate> est = new LmEstimator(1, problems::add).estimate(List.of(good, masked));
        assertTrue((est.get(0).flags() & FitFlags.CONVERGED) != 0);
        assertNull(est.get(1).params());
        assertTrue((est.get(1).flags() & FitFlags.FAILED) != 0);
        assertTrue(Double.isNaN(est.get(1).errors()[0]));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("masked"), problems.get(0));
    }
}
