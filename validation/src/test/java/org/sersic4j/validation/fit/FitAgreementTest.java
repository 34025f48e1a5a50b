package org.sersic4j.validation.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.Likelihood;
import org.sersic4j.render.SersicParams;

/** Agreement in error bars: counted over the galaxies both fits converge on, PA modulo 180°, bounds told apart. */
class FitAgreementTest {
    static final double[] ERR = {0.1, 0.1, 50, 0.2, 0.1, 0.02, 2};

    static FitResult fit(String id, SersicParams p, int flags, double logl) {
        return new FitResult(id, "lm", Likelihood.POISSON, p, ERR, 0, 0, 1, logl, 4096, 7, 5, 9, 0.01, flags, null, null, "java", null);
    }

    @Test
    void countsTheGalaxiesWithinATenthOfEveryErrorBar() {
        SersicParams base = new SersicParams(32, 32, 5000, 3, 2, 0.6, 179.9);
        int ok = FitFlags.CONVERGED;
        List<FitResult> ref = List.of(fit("a", base, ok, -10), fit("b", base, ok, -10), fit("c", base, ok | FitFlags.AT_BOUND, -10),
                fit("d", base, ok, -10), fit("e", base, FitFlags.ITERATION_LIMIT, -10));
        List<FitResult> other = List.of(
                fit("a", new SersicParams(32.005, 32, 5000, 3, 2, 0.6, 0.05), ok, -10),  // 0.05σ, PA 0.075σ across 180°
                fit("b", new SersicParams(32, 32, 5000, 3.1, 2, 0.6, 179.9), ok, -9),   // r_e 0.5σ off, higher logl
                fit("c", new SersicParams(32, 32, 5020, 3, 2, 0.6, 179.9), ok, -10),    // 0.4σ off, at a bound
                fit("d", base, ok, -10),
                fit("e", base, ok, -10));                                              // the reference did not converge
        Map<String, Object> a = FitAgreement.of(ref, other);
        assertEquals(4, a.get("both_converged"));
        assertEquals(1, a.get("only_other_converged"));
        assertEquals(0.5, (Double) a.get("within_tenth_sigma"), 1e-12);
        assertEquals(3, a.get("both_converged_off_bounds"));
        assertEquals(2.0 / 3, (Double) a.get("within_tenth_sigma_off_bounds"), 1e-12);
        assertEquals(2, a.get("disagreeing"));
        assertEquals(1, a.get("disagreeing_where_other_has_higher_logl"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Double>> per = (Map<String, Map<String, Double>>) a.get("per_parameter");
        assertEquals(0.5, per.get("re").get("max_pull"), 1e-9);
        assertEquals(0.075, per.get("pa").get("max_pull"), 1e-9, "179.9 and 0.05 degrees are 0.15 apart");
    }
}
