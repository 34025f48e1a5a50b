package org.sersic4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.random.Well19937c;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.Image;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.MoffatPsf;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.NoiseModel;

/**
 * Convergence in statistical units ({@link ConvergenceRule}) and its use by {@link LevenbergMarquardtFitter}: the
 * rule's decisions on hand-made normal matrices, and a fit started from a good point stops after one or two steps,
 * at the optimum a cold fit finds, without evaluating any point twice.
 */
class LevenbergMarquardtConvergenceTest {
    static final PixelPsf PSF = MoffatPsf.round(4, 3.5).toPixelPsf(25);
    static final NoiseModel NOISE = new NoiseModel(100, 1, 5);
    static final SersicParams TRUTH = new SersicParams(32.8, 31.9, 9000, 5.0, 1.8, 0.65, 55);
    static Image data;
    static FitResult cold;

    @BeforeAll
    static void coldFit() {
        Image m = new JavaReferenceRenderer().render(TRUTH, 64, 64, PSF, RenderSettings.DEFAULT);
        data = NOISE.addNoise(m, new Well19937c(7));
        cold = new LevenbergMarquardtFitter().fit(problem(null));
        assertTrue(cold.converged(), FitFlags.names(cold.flags()).toString());
    }

    static FitProblem problem(SersicParams guess) {
        return FitProblem.builder("s", data).psf(PSF).noise(NOISE).guess(guess).build();
    }

    /** Diagonal normal matrix with error bars σ (JᵀJ = diag(1/σ²)). */
    static double[][] diagonal(double... sigma) {
        double[][] n = new double[sigma.length][sigma.length];
        for (int i = 0; i < sigma.length; i++) n[i][i] = 1 / (sigma[i] * sigma[i]);
        return n;
    }

    @Test
    void aStepOfAFewThousandthsOfEachErrorBarConvergesAndAFewHundredthsDoesNot() {
        double[][] normal = diagonal(0.2, 3.0, 0.01);
        double[] none = new double[3];
        double bigDrop = 5;
        assertTrue(ConvergenceRule.converged(new double[] {0.005 * 0.2, -0.005 * 3.0, 0.005 * 0.01}, normal, none, bigDrop));
        assertFalse(ConvergenceRule.converged(new double[] {0.005 * 0.2, 0.05 * 3.0, 0.005 * 0.01}, normal, none, bigDrop),
                "one parameter moved by 0.05 sigma");
        assertFalse(ConvergenceRule.converged(new double[] {0.05 * 0.2, 0.05 * 3.0, 0.05 * 0.01}, normal, none, bigDrop));
    }

    @Test
    void theErrorBarsAreTheMarginalOnesOfTheInverse() {
        // Strongly correlated pair: 1/√N_jj = 1, but the marginal σ = √((N⁻¹)_jj) = 1/√(1 − 0.95²) ≈ 3.2.
        double[][] normal = {{1, 0.95}, {0.95, 1}};
        double[] none = new double[2];
        assertTrue(ConvergenceRule.converged(new double[] {0.02, -0.02}, normal, none, 5), "0.02 = 0.006 marginal sigma");
        assertFalse(ConvergenceRule.converged(new double[] {0.05, -0.05}, normal, none, 5), "0.05 = 0.016 marginal sigma");
    }

    @Test
    void aSmallDropStopsOnlyWhenLittleIsLeftToGain() {
        double[][] normal = diagonal(0.5, 2.0);
        double[] bigStep = {0.5, 2.0}; // a full sigma: the step test alone would go on
        // Gauss–Newton predicts gᵀ(JᵀJ)⁻¹g from here: (2·0.5)² + (0.25·2)² = 1.25, much more than 0.01.
        assertFalse(ConvergenceRule.converged(bigStep, normal, new double[] {2, 0.25}, 0.001));
        // Predicted 1e-4 and a drop of 0.001: converged.
        assertTrue(ConvergenceRule.converged(bigStep, normal, new double[] {0.02, 0}, 0.001));
        // Little predicted but a large drop: the fit is still moving.
        assertFalse(ConvergenceRule.converged(bigStep, normal, new double[] {0.02, 0}, 0.5));
        // A singular normal matrix cannot be judged: not converged (the optimiser's own tolerances decide).
        assertFalse(ConvergenceRule.converged(new double[] {0, 0}, new double[][] {{1, 1}, {1, 1}}, new double[2], 0));
    }

    @Test
    void aFitStartedAtTheOptimumStopsAtOnceWithoutEvaluatingAPointTwice() {
        FitResult again = new LevenbergMarquardtFitter().fit(problem(cold.params()));
        assertTrue(again.converged(), FitFlags.names(again.flags()).toString());
        assertTrue(again.iterations() <= 2, "iterations " + again.iterations());
        // The start with its Jacobian, then per accepted step one trial model and one Jacobian: no point twice.
        assertTrue(again.evaluations() <= 1 + 2 * again.iterations(), "evaluations " + again.evaluations());
        assertAgreesWithCold(again);
    }

    @Test
    void aFitStartedAFewTenthsOfSigmaFromTheOptimumStopsAfterTwoSteps() {
        // 0.3σ off in every parameter, alternating signs: the first step lands within the rule's reach, the second
        // (a few thousandths of σ, a drop far below 0.01) confirms it.
        double[] start = cold.params().toArray(), s = cold.errors();
        for (int k = 0; k < start.length; k++) start[k] += (k % 2 == 0 ? 0.3 : -0.3) * s[k];
        FitResult near = new LevenbergMarquardtFitter().fit(problem(SersicParams.of(start)));
        assertTrue(near.converged(), FitFlags.names(near.flags()).toString());
        assertTrue(near.iterations() <= 2, "iterations " + near.iterations());
        assertAgreesWithCold(near);
    }

    @Test
    void aFitStartedAtTheTruthOfANoisyStampStopsAtTheColdOptimum() {
        // The truth is about 1σ from this stamp's optimum: one step gets within ~0.1σ (the model is not linear over
        // 1σ), and that step's drop of −2 ln L (a few hundredths) is above the rule's 0.01, so a third step confirms.
        FitResult seeded = new LevenbergMarquardtFitter().fit(problem(TRUTH));
        System.out.printf("cold: %d iterations, %d evaluations; from the truth: %d, %d%n", cold.iterations(),
                cold.evaluations(), seeded.iterations(), seeded.evaluations());
        assertTrue(seeded.converged(), FitFlags.names(seeded.flags()).toString());
        assertTrue(seeded.iterations() <= 3, "iterations " + seeded.iterations());
        assertTrue(seeded.evaluations() <= 1 + 2 * seeded.iterations(), "evaluations " + seeded.evaluations());
        assertAgreesWithCold(seeded);
    }

    /** Within 0.1σ of the cold fit in every parameter (σ the cold fit's error; PA modulo 180°). */
    static void assertAgreesWithCold(FitResult r) {
        double[] a = r.params().toArray(), b = cold.params().toArray(), s = cold.errors();
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            if (k == 6) d = Math.IEEEremainder(d, 180);
            assertEquals(0, d / s[k], 0.1, SersicParams.NAMES[k] + ": " + a[k] + " against " + b[k] + " ± " + s[k]);
        }
    }
}
