package org.sersic4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.Image;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.StampModel;
import org.sersic4j.render.sim.NoiseModel;

/** The no-signal rule shared by the Java path and the device path. */
class SignalCheckTest {
    static final NoiseModel NOISE = new NoiseModel(100, 1, 5);
    static final SersicParams GALAXY = new SersicParams(16.5, 16.5, 3000, 3, 1.5, 0.7, 30);

    private static FitProblem problem(double[] px) {
        return FitProblem.builder("s", new Image(32, 32, px)).noise(NOISE).build();
    }

    private static double[] galaxy() {
        return new StampModel(32, 32, null, FitSettings.RENDER).model(GALAXY);
    }

    @Test
    void anAllZeroStampHasNoSignalAndItsFluxSitsAtItsBound() {
        FitProblem p = problem(new double[32 * 32]);
        SignalCheck.Verdict v = SignalCheck.check(p, GALAXY.withFlux(1e-30), 40, () -> new double[32 * 32]);
        assertEquals(FitFlags.NO_SIGNAL | FitFlags.AT_BOUND, v.flags());
        assertTrue(v.message().startsWith("no signal: its fitted pixels are all equal"), v.message());
    }

    @Test
    void aGalaxyWhoseFluxIsUnconstrainedButWhoseModelFitsTheDataHasSignal() {
        // a degenerate corner (huge r_e, flux error above the flux) that still beats an empty stamp by its S/N²
        double[] d = galaxy();
        SignalCheck.Verdict v = SignalCheck.check(problem(d), GALAXY, 5000, () -> d);
        assertEquals(0, v.flags());
        assertNull(v.message());
        assertTrue(SignalCheck.improvement(problem(d), d) > 100);
    }

    @Test
    void pureNoiseFittedWithAFaintUndetectedGalaxyHasNoSignal() {
        Random rnd = new Random(1);
        double[] d = new double[32 * 32];
        for (int i = 0; i < d.length; i++) d[i] = Math.sqrt(NOISE.variance(0)) * rnd.nextGaussian();
        double[] m = galaxy();
        for (int i = 0; i < m.length; i++) m[i] *= 1e-6;
        SignalCheck.Verdict v = SignalCheck.check(problem(d), GALAXY.withFlux(3000e-6), 50, () -> m);
        assertTrue((v.flags() & FitFlags.NO_SIGNAL) != 0, "flags " + v.flags());
        assertNotNull(v.message());
    }

    @Test
    void aDetectedFluxNeverAsksForTheModel() {
        double[] d = galaxy();
        SignalCheck.Verdict v = SignalCheck.check(problem(d), GALAXY, 30, () -> {
            throw new AssertionError("the model is drawn only for an undetected flux");
        });
        assertEquals(0, v.flags());
    }
}
