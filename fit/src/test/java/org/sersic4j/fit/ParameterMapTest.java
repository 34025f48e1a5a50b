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
        ParameterMap m = ParameterMap.sersicAndSky(new boolean[8], B);
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
        ParameterMap m = ParameterMap.sersicAndSky(new boolean[8], B);
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
        ParameterMap m = ParameterMap.sersicAndSky(fixed, B);
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
        ParameterMap m = ParameterMap.sersicAndSky(new boolean[8], B);
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
        ParameterMap m = ParameterMap.sersicAndSky(fixed, B);
        assertEquals(5, m.size());
        double[] u = m.toInternal(new SersicParams(31, 33, 5000, 5, 2.5, 0.7, 40), 0);
        for (int k = 0; k < u.length; k++) u[k] += 0.3;
        SersicParams p = m.toUser(u).params();
        assertEquals(2.5, p.n(), 0);
        assertEquals(40, p.pa(), 0);
    }

    @Test
    void aMapOfAnyLengthKeepsEachProfilesBoundsAndSwapsEachAxisRatioOnItsOwn() {
        // Two profiles (bulge at 0–6, disc at 7–13) and a sky: 15 parameters, the disc's flux fixed.
        ParameterMap.Scale[] one = {ParameterMap.Scale.LINEAR, ParameterMap.Scale.LINEAR, ParameterMap.Scale.LOG,
                ParameterMap.Scale.LOG, ParameterMap.Scale.LOG, ParameterMap.Scale.AXIS_RATIO, ParameterMap.Scale.PERIODIC};
        ParameterMap.Scale[] s = new ParameterMap.Scale[15];
        double[] lo = new double[15], hi = new double[15];
        for (int c = 0; c < 2; c++) {
            System.arraycopy(one, 0, s, 7 * c, 7);
            System.arraycopy(B.lower(), 0, lo, 7 * c, 7);
            System.arraycopy(B.upper(), 0, hi, 7 * c, 7);
        }
        s[14] = ParameterMap.Scale.LINEAR;
        lo[14] = Double.NEGATIVE_INFINITY;
        hi[14] = Double.POSITIVE_INFINITY;
        boolean[] fixed = new boolean[15];
        fixed[9] = true;
        ParameterMap m = new ParameterMap(s, lo, hi, fixed, new int[][] {{5, 3, 6}, {12, 10, 13}});
        assertEquals(15, m.count());
        assertEquals(14, m.size());
        double[] v = {30, 31, 4000, 1.5, 4, 0.9, 20, 30.5, 31.5, 9000, 6, 1, 0.35, 120, 2.5};
        double[] back = m.toUser(m.toInternal(v)).values();
        for (int i = 0; i < 15; i++) assertEquals(v[i], back[i], 1e-9 * Math.max(1, Math.abs(v[i])), "slot " + i);
        // Push the bulge's q' past 1: only the bulge turns by 90 degrees, the disc keeps its own axes.
        double[] u = m.toInternal(v);
        u[5] += 3;
        double[] turned = m.toUser(u).values();
        assertTrue(turned[5] < 1, "bulge q folded back below 1");
        assertEquals(110, turned[6], 1e-9, "bulge PA + 90");
        assertEquals(0.35, turned[12], 1e-9);
        assertEquals(120, turned[13], 1e-9);
        assertEquals(9000, turned[9], 1e-9, "fixed stays fixed");
        Random r = new Random(5);
        for (int k = 0; k < 500; k++) {
            double[] w = new double[14];
            for (int j = 0; j < 14; j++) w[j] = (r.nextDouble() - 0.5) * 60;
            double[] x = m.toUser(w).values();
            for (int c = 0; c < 2; c++) {
                SersicParams p = SersicParams.of(java.util.Arrays.copyOfRange(x, 7 * c, 7 * c + 7));
                // As for one profile: r_e may pass its upper bound by the factor q' when the axes swap.
                assertTrue(p.problem() == null && p.x0() >= 0.5 && p.x0() <= 64.5 && p.re() >= 0.05 && p.q() >= 0.05
                        && p.pa() >= 0 && p.pa() < 180, p.toString());
            }
        }
    }
}
