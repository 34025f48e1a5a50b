package org.sersic4j.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.SersicParams;

class TargetScalingTest {

    @Test
    void encodeDecodeRoundTripsEveryParameterIncludingPeriodicPa() {
        Random r = new Random(3);
        double[][] raw = new double[200][];
        SersicParams[] ps = new SersicParams[200];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = new SersicParams(32.5 + r.nextGaussian(), 32.5 + r.nextGaussian(), 100 + 5e4 * r.nextDouble(),
                    1 + 20 * r.nextDouble(), 0.5 + 3.5 * r.nextDouble(), 0.3 + 0.7 * r.nextDouble(), 180 * r.nextDouble());
            raw[i] = TargetScaling.raw(ps[i], 77.0, 32.5);
        }
        TargetScaling t = TargetScaling.measure(raw);
        for (SersicParams p : ps) {
            float[] z = t.encode(p, 77.0, 32.5);
            SersicParams back = TargetScaling.decode(t.unstandardise(z), 77.0, 32.5);
            assertEquals(p.flux(), back.flux(), 1e-5 * p.flux());
            assertEquals(p.re(), back.re(), 1e-5 * p.re());
            assertEquals(p.n(), back.n(), 1e-5 * p.n());
            assertEquals(p.q(), back.q(), 1e-5);
            double dpa = Math.abs(p.pa() - back.pa());
            assertEquals(0, Math.min(dpa, 180 - dpa), 1e-3);
            assertEquals(p.x0(), back.x0(), 1e-4);
            assertEquals(p.y0(), back.y0(), 1e-4);
        }
    }

    @Test
    void standardisedTargetsHaveZeroMeanAndUnitSpread() {
        Random r = new Random(5);
        double[][] raw = new double[500][];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = TargetScaling.raw(new SersicParams(32.5, 33, 1000 + 1e4 * r.nextDouble(), 2 + 10 * r.nextDouble(), 1 + r.nextDouble(),
                    0.5 + 0.5 * r.nextDouble(), 180 * r.nextDouble()), 50, 32.5);
        }
        TargetScaling t = TargetScaling.measure(raw);
        double[] m = new double[TargetScaling.COUNT];
        for (double[] row : raw) {
            double[] z = new double[TargetScaling.COUNT];
            for (int k = 0; k < z.length; k++) m[k] += (row[k] - t.mean()[k]) / t.std()[k] / raw.length;
        }
        for (int k = 0; k < 6; k++) assertEquals(0, m[k], 1e-9, TargetScaling.NAMES[k]);
    }

    @Test
    void paNearTheWrapComesBackNearTheWrap() {
        double[] t = TargetScaling.raw(new SersicParams(0, 0, 10, 3, 1, 0.5, 179.5), 1, 0);
        double[] t2 = TargetScaling.raw(new SersicParams(0, 0, 10, 3, 1, 0.5, 0.5), 1, 0);
        assertEquals(t[4], t2[4], 1e-3);   // cos 2PA continuous across 180°
        assertEquals(-t[5], t2[5], 1e-12);
    }
}
