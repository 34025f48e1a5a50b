package org.sersic4j.fit;

import org.sersic4j.fit.optim.Bfgs;

/**
 * BFGS ({@link Bfgs}, strong-Wolfe line search) on the same objective as {@link LevenbergMarquardtFitter}: −ln L + const
 * = ½Σr² of the likelihood's residuals, with its exact gradient Jᵀr from the model's analytic Jacobian ({@link FitSettings}),
 * over the same bounded change of variables. Errors come from the same covariance matrix at the end point.
 */
public final class BfgsFitter implements Fitter {
    private final Bfgs bfgs;

    /** The defaults: 500 iterations, stop when |Δ(−ln L)| ≤ 1e-10·|−ln L| or the largest gradient component ≤ 1e-6. */
    public BfgsFitter() {
        this(Bfgs.defaults().withMaxIterations(500).withMaxEvaluations(2000).withGradientTolerance(1e-6)
                .withFunctionTolerance(1e-10));
    }

    public BfgsFitter(Bfgs bfgs) {
        this.bfgs = bfgs;
    }

    @Override
    public String name() {
        return "bfgs";
    }

    @Override
    public FitResult fit(FitProblem problem) {
        long start = System.nanoTime();
        try {
            FitProblem p = problem.guess() != null ? problem : problem.withGuess(MomentGuess.of(problem));
            FitObjective f = new FitObjective(p);
            double[] u0 = f.map.toInternal(f.layout.start.values());
            Bfgs.Result r = bfgs.minimize(f::valueAndGradient, u0);
            int flags = switch (r.status()) {
                case CONVERGED_GRADIENT, CONVERGED_FUNCTION -> FitFlags.CONVERGED;
                case MAX_ITERATIONS, MAX_EVALUATIONS -> FitFlags.ITERATION_LIMIT;
                case NON_FINITE_START -> FitFlags.NON_FINITE;
                // The line search could make no progress: at the floor of the objective's precision, not converged.
                case LINE_SEARCH_FAILED -> 0;
            };
            return OptimumSummary.summarise(f, r.x(), name(), r.iterations(), flags, start);
        } catch (FitInputException | IllegalArgumentException e) {
            return FitResult.failed(problem.id(), name(), e.getMessage(), (System.nanoTime() - start) / 1e9);
        }
    }
}
