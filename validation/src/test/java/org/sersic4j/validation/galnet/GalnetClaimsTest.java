package org.sersic4j.validation.galnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sersic4j.compare.result.ComparisonResult;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.compare.result.EstimatorMetrics;
import org.sersic4j.compare.result.EstimatorRun;
import org.sersic4j.compare.result.RealGalaxyRow;
import org.sersic4j.compare.result.Timing;
import org.sersic4j.compare.result.TruthRow;
import org.sersic4j.render.SersicParams;
import org.sersic4j.validation.Claim;

/**
 * The GaLNet claims on comparisons built with known errors: a network three times more precise than the fit holds the
 * accuracy claims, one three times less precise does not, and the real-data and speed claims follow their numbers.
 */
class GalnetClaimsTest {
    private static final int ROWS = 600;

    /** A comparison whose network errs by {@code cnnSigma} and fit by {@code lmSigma} (relative, Gaussian) on r_e and n. */
    private static ComparisonResult comparison(double cnnSigma, double lmSigma, double[] cnnChi2, double[] lmChi2, double lmPerSecond) {
        SplittableRandom rng = new SplittableRandom(21);
        List<TruthRow> truth = new ArrayList<>();
        List<Estimate> cnn = new ArrayList<>(), lm = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            SersicParams t = new SersicParams(32, 32, 1e4, 2 + 8 * rng.nextDouble(), 0.5 + 3.5 * rng.nextDouble(), 0.7, 40);
            String id = "g" + i;
            truth.add(new TruthRow(id, t, 50, 30));
            cnn.add(estimate(id, t, cnnSigma, rng));
            lm.add(estimate(id, t, lmSigma, rng));
        }
        List<RealGalaxyRow> real = new ArrayList<>();
        for (int i = 0; i < cnnChi2.length; i++) {
            real.add(new RealGalaxyRow("r" + i, GalnetClaims.CNN, truth.get(i).truth(), cnnChi2[i], 0));
            real.add(new RealGalaxyRow("r" + i, GalnetClaims.LM, truth.get(i).truth(), lmChi2[i], 0));
        }
        List<EstimatorMetrics> metrics = List.of(
                new EstimatorMetrics(GalnetClaims.LM, List.of(), new Timing(0.05, 0.1, lmPerSecond), 1, 0, 0));
        return new ComparisonResult("test", truth, List.of(new EstimatorRun(GalnetClaims.CNN, cnn, List.of()),
                new EstimatorRun(GalnetClaims.LM, lm, List.of())), metrics, List.of(), List.of(), real, List.of(), List.of());
    }

    private static Estimate estimate(String id, SersicParams t, double sigma, SplittableRandom rng) {
        SersicParams e = new SersicParams(t.x0(), t.y0(), t.flux(), t.re() * (1 + sigma * rng.nextGaussian()),
                t.n() * (1 + sigma * rng.nextGaussian()), t.q(), t.pa());
        return new Estimate(id, e, new double[SersicParams.COUNT], 0, 0.001, 0, 0);
    }

    private static Map<String, Claim> byId(List<Claim> claims) {
        return claims.stream().collect(Collectors.toMap(Claim::id, Function.identity()));
    }

    @Test
    void aMorePreciseNetworkHoldsTheAccuracyClaimsAndALessPreciseOneDoesNot() {
        double[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        Map<String, Claim> better = byId(GalnetClaims.of(comparison(0.05, 0.15, ten, ten, 20), 2000, 400, 1, "test machine"));
        Map<String, Claim> worse = byId(GalnetClaims.of(comparison(0.15, 0.05, ten, ten, 20), 2000, 400, 1, "test machine"));
        for (String id : List.of("sim-outliers-re", "sim-outliers-n", "sim-nmad-re", "sim-nmad-n")) {
            assertTrue(better.get(id).held(), id + ": " + better.get(id).line());
            assertFalse(worse.get(id).held(), id + ": " + worse.get(id).line());
        }
        // NMAD of Gaussian relative errors scales with σ: the ratio is about 1/3 and its interval covers it.
        Claim nmad = better.get("sim-nmad-re");
        assertEquals(1 / 3.0, nmad.oursFraction(), 0.06);
        assertTrue(nmad.oursLow() < 1 / 3.0 && 1 / 3.0 < nmad.oursHigh(), nmad.line());
        // outliers |Δ| > 0.15: 1.6% at σ = 0.05 against 31.7% at σ = 0.15
        assertTrue(better.get("sim-outliers-n").oursFraction() < 0.2, better.get("sim-outliers-n").line());
    }

    @Test
    void theRealChi2ClaimIsTheRatioOfMeansAndHoldsOnlyWhenSignificantlyBelowOne() {
        double[] lm = {2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
        double[] lower = {1.2, 1.3, 1.2, 1.25, 1.3, 1.2, 1.25, 1.3, 1.2, 1.3};
        double[] higher = {3, 2.5, 4, 3, 2.8, 3.5, 2.2, 3, 2.9, 3.1};
        Claim held = byId(GalnetClaims.of(comparison(0.1, 0.1, lower, lm, 20), 2000, 400, 1, "m")).get("real-chi2");
        Claim notHeld = byId(GalnetClaims.of(comparison(0.1, 0.1, higher, lm, 20), 2000, 400, 1, "m")).get("real-chi2");
        // mean of the network's χ²ν over the fit's, by hand: (12.5 / 10) / 2
        assertEquals(0.625, held.oursFraction(), 1e-12);
        assertEquals(1.5, notHeld.oursFraction(), 1e-12); // (30 / 10) / 2
        assertTrue(held.held(), held.line());
        assertFalse(notHeld.held(), notHeld.line());
        // the paper's figure: GaLNet's χ²ν 37% lower than GALFIT's on the HSC galaxies
        assertEquals(0.63, held.paperFraction(), 1e-12);
    }

    @Test
    void theSpeedClaimsCompareTheSinglePassThroughputWithThePaperAndTheFit() {
        double[] one = {1};
        Map<String, Claim> fast = byId(GalnetClaims.of(comparison(0.1, 0.1, one, one, 5), 1200, 100, 1, "m"));
        Map<String, Claim> slow = byId(GalnetClaims.of(comparison(0.1, 0.1, one, one, 50), 400, 100, 1, "m"));
        assertTrue(fast.get("throughput").held());
        assertTrue(fast.get("speedup").held());                  // 1200 / 5 = 240×
        assertEquals(240, fast.get("speedup").oursFraction(), 1e-9);
        assertFalse(slow.get("throughput").held());
        assertFalse(slow.get("speedup").held());                 // 400 / 50 = 8×
    }

    @Test
    void aComparisonWithoutTheFitIsAClearError() {
        ComparisonResult r = comparison(0.1, 0.1, new double[0], new double[0], 1);
        ComparisonResult noLm = new ComparisonResult("t", r.truth(), List.of(r.runs().get(0)), r.metrics(), List.of(), List.of(),
                List.of(), List.of(), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GalnetClaims.of(noLm, 1, 10, 1, "m"));
        assertTrue(e.getMessage().contains("'lm'"), e.getMessage());
    }
}
