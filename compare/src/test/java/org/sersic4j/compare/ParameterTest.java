package org.sersic4j.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sersic4j.render.SersicParams;

class ParameterTest {

    @Test
    void columnsRelativeFlagsAndThresholdsFollowTheDefinitions() {
        String[] columns = {"x0", "y0", "flux", "mag", "re", "n", "q", "pa"};
        boolean[] relative = {false, false, true, false, true, true, false, false};
        double[] threshold = {1, 1, 0.15, 0.15, 0.15, 0.15, 0.15, 15};
        Parameter[] all = Parameter.values();
        assertEquals(8, all.length);
        for (int i = 0; i < all.length; i++) {
            assertEquals(columns[i], all[i].column());
            assertEquals(relative[i], all[i].relative(), all[i] + " relative");
            assertEquals(threshold[i], all[i].outlierThreshold(), 0.0, all[i] + " threshold");
            assertEquals(all[i], Parameter.ofColumn(columns[i]));
        }
        assertThrows(IllegalArgumentException.class, () -> Parameter.ofColumn("ellipticity"));
    }

    @Test
    void deltaIsRelativeOrPlainAsDefined() {
        assertEquals(0.1, Parameter.FLUX.delta(110, 100), 1e-15);
        assertEquals(-0.25, Parameter.RE.delta(3, 4), 1e-15);
        assertEquals(0.5, Parameter.N.delta(6, 4), 1e-15);
        assertEquals(-0.3, Parameter.MAG.delta(21.7, 22.0), 1e-12);
        assertEquals(0.05, Parameter.Q.delta(0.55, 0.5), 1e-15);
        assertEquals(-0.75, Parameter.X0.delta(31.25, 32), 0.0);
        assertEquals(2.5, Parameter.Y0.delta(12.5, 10), 0.0);
    }

    @Test
    void paDeltaWrapsIntoMinus90To90() {
        assertEquals(-2, Parameter.PA.delta(179, 1), 1e-12);
        assertEquals(2, Parameter.PA.delta(1, 179), 1e-12);
        assertEquals(90, Parameter.PA.delta(135, 45), 0.0, "+90 stays +90");
        assertEquals(90, Parameter.PA.delta(45, 135), 0.0, "-90 maps to +90");
        assertEquals(90, Parameter.wrapPa(-90), 0.0);
        assertEquals(90, Parameter.wrapPa(270), 0.0);
        assertEquals(-89.5, Parameter.wrapPa(90.5), 1e-12);
        assertEquals(10, Parameter.wrapPa(370), 1e-12);
        assertEquals(0, Parameter.wrapPa(180), 0.0);
        assertEquals(-10, Parameter.PA.delta(-5, 5), 1e-12, "an unnormalised estimate still gives the short way round");
        for (double d = -720; d <= 720; d += 0.37) {
            double w = Parameter.wrapPa(d);
            assertTrue(w > -90 && w <= 90, "wrap(" + d + ") = " + w);
            double turns = (d - w) / 180;
            assertEquals(Math.rint(turns), turns, 1e-9, "wrap changes by whole half-turns");
        }
    }

    @Test
    void outlierIsStrictlyBeyondTheThreshold() {
        assertFalse(Parameter.FLUX.isOutlier(Parameter.FLUX.delta(115, 100)), "exactly 15% is not an outlier");
        assertTrue(Parameter.FLUX.isOutlier(Parameter.FLUX.delta(116, 100)));
        assertTrue(Parameter.FLUX.isOutlier(Parameter.FLUX.delta(84, 100)));
        assertFalse(Parameter.X0.isOutlier(1.0));
        assertTrue(Parameter.Y0.isOutlier(-1.01));
        assertTrue(Parameter.PA.isOutlier(Parameter.PA.delta(164, 179 + 1)), "16 degrees the short way round");
        assertFalse(Parameter.PA.isOutlier(Parameter.PA.delta(178, 3)), "175 apart is 5 the short way round");
        assertFalse(Parameter.PA.isOutlier(Parameter.PA.delta(170, 5)), "165 apart is exactly 15 the short way round");
        assertTrue(Parameter.PA.outlierCounted(0.89));
        assertFalse(Parameter.PA.outlierCounted(0.9));
        assertTrue(Parameter.Q.outlierCounted(0.95), "only PA depends on the true q");
    }

    @Test
    void valueReadsTheColumnFromAProfile() {
        SersicParams p = new SersicParams(10.5, 20.5, 1000, 4, 2.5, 0.6, 30);
        double zp = 25;
        double[] expected = {10.5, 20.5, 1000, 25 - 7.5, 4, 2.5, 0.6, 30};
        Parameter[] all = Parameter.values();
        for (int i = 0; i < all.length; i++) assertEquals(expected[i], all[i].value(p, zp), 1e-12, all[i].column());
    }
}
