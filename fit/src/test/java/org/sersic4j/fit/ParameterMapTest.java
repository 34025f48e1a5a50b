package org.sersic4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.SersicParams;

/** The change of variables: round trips, chain rule, bounds that hold for any u, and the smooth q' = 1 crossing. */
class ParameterMapTest {
    static final Bounds B = Bounds.defaults(64, 64);

    @Test
    void roundTripReturnsTheStartingPoint() {
        ParameterMap m = new ParameterMap(new boolean[8], B);
        SersicParams p = new SersicParams(30.2, 35.7, 1234, 4.5, 2.2, 0.63, 123);
        SersicParams back = m.toUser(m.toInternal(p, 3.5)).params();
        assertEquals(p.x0(), back.x0(), 1e-9);
        assertEquals(p.y0(), back.y0(), 1e-9);
        assertEquals(p.flux(), back.flux(), 1e-9 * p.flux());
        assertEquals(p.re(), back.re(), 1e-9);
        assertEquals(p.n(), back.n(), 1e-9);
        assertEquals(p.q(), back.q(), 1e-9);
        assertEquals(p.pa(), back.pa(), 1e-9);
        assertEquals(3.5, m.toUser(m.toInternal(p, 3.5)).sky(), 1e-12);
    }

    @Test
    void anyInternalPointMapsInsideTheBounds() {
        ParameterMap m = new ParameterMap(new boolean[8], B);
        Random r = new Random(3);
        for (int i = 0; i < 2000; i++) {
            double[] u = new double[8];
            for (int k = 0; k < 8; k++) u[k] = (r.nextDouble() - 0.5) * 80;
            SersicParams p = m.toUser(u).params();
            assertTrue(p.problem() == null, p.problem());
            assertTrue(p.x0() >= 0.5 && p.x0() <= 64.5 && p.re() >= 0.05 && p.q() >= 0.05 && p.q() <= 1 && p.pa() >= 0 && p.pa() < 180, p.toString());
        }
    }

    @Test
    void chainRuleMatchesNumericalDerivatives() {
        boolean[] fixed = new boolean[8];
        fixed[7] = true;
        ParameterMap m = new ParameterMap(fixed, B);
        for (double q : new double[] {0.5, 0.999, 1.0}) {
            double[] u = m.toInternal(new SersicParams(31, 33, 5000, 5, 1.7, q, 40), 0);
            // Push q' above 1 for the last case, into the swapped branch.
            if (q == 1.0) u[5] += 0.3;
            ParameterMap.Mapped at = m.toUser(u);
            for (int j = 0; j < u.length; j++) {
                double[] a = u.clone(), b = u.clone();
                a[j] += 1e-6;
                b[j] -= 1e-6;
                double[] pa = m.toUser(a).params().toArray(), pb = m.toUser(b).params().toArray();
                for (int k = 0; k < 6; k++) {
                    double numeric = (pa[k] - pb[k]) / 2e-6;
                    assertEquals(numeric, at.chain()[k][j], 1e-5 * Math.max(1, Math.abs(numeric)), "d" + SersicParams.NAMES[k] + "/du" + j + " at q=" + q);
                }
            }
        }
    }

    @Test
    void crossingQPrimeOneKeepsTheImageContinuous() {
        ParameterMap m = new ParameterMap(new boolean[8], B);
        double[] u = m.toInternal(new SersicParams(32, 32, 5000, 5, 1.7, 1.0, 40), 0);
        JavaReferenceRenderer r = new JavaReferenceRenderer();
        double[] below = u.clone(), above = u.clone();
        below[5] -= 1e-7;
        above[5] += 1e-7;
        double[] a = r.render(m.toUser(below).params(), 41, 41, null, RenderSettings.DEFAULT).pixels();
        double[] b = r.render(m.toUser(above).params(), 41, 41, null, RenderSettings.DEFAULT).pixels();
        double max = 0, diff = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, a[i]);
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        assertTrue(diff < 1e-5 * max, "image jumps by " + diff / max + " of its peak across q' = 1");
        assertFalse(m.atBound(u), "q = 1 is not a bound");
    }

    @Test
    void fixedParametersStayPut() {
        boolean[] fixed = {false, false, false, false, true, false, true, true};
        ParameterMap m = new ParameterMap(fixed, B);
        assertEquals(5, m.size());
        double[] u = m.toInternal(new SersicParams(31, 33, 5000, 5, 2.5, 0.7, 40), 0);
        for (int k = 0; k < u.length; k++) u[k] += 0.3;
        SersicParams p = m.toUser(u).params();
        assertEquals(2.5, p.n(), 0);
        assertEquals(40, p.pa(), 0);
    }
}
