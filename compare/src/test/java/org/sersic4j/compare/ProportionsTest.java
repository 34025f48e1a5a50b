package org.sersic4j.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The count claims' interval and rule. */
class ProportionsTest {
    @Test
    void wilsonIntervalOfKnownCases() {
        double[] ci = Proportions.wilson(971, 1000);
        assertEquals(0.9586, ci[0], 5e-4);
        assertEquals(0.9797, ci[1], 5e-4);
        double[] all = Proportions.wilson(10, 10);
        assertEquals(1.0, all[1], 1e-12);
        assertTrue(all[0] > 0.69 && all[0] < 0.73);
    }

    @Test
    void aCountHoldsUnlessSignificantlyBelowThePapers() {
        assertTrue(Proportions.notSignificantlyBelow(990, 1000, 971, 1000), "higher holds");
        assertTrue(Proportions.notSignificantlyBelow(962, 1000, 971, 1000), "within sampling noise holds");
        assertFalse(Proportions.notSignificantlyBelow(900, 1000, 971, 1000), "far below does not");
        assertFalse(Proportions.notSignificantlyBelow(0, 200, 971, 1000));
    }
}
