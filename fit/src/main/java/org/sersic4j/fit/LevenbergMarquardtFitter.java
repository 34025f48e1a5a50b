package org.sersic4j.fit;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;

/**
 * GALFIT-style Levenberg–Marquardt on Hipparchus' {@link LevenbergMarquardtOptimizer}: the likelihood's residuals
 * ({@link PixelStatistic}, so Poisson and model-variance Gaussian fits are least squares too), the reference renderer's
 * double-precision model and analytic Jacobian ({@link org.sersic4j.render.StampModel}), bounds through a smooth change
 * of variables ({@link ParameterMap}). Trial steps evaluate the model alone; the Jacobian is computed only at accepted
 * points. If the iteration limit stops it, the best point seen is returned, flagged.
 */
public final class LevenbergMarquardtFitter implements Fitter {
    private final int maxIterations;
    private final double costTolerance, parameterTolerance;

    /** The defaults: 200 iterations, relative cost and parameter tolerances 1e-8. */
    public LevenbergMarquardtFitter() {
        this(200, 1e-8, 1e-8);
    }

    public LevenbergMarquardtFitter(int maxIterations, double costTolerance, double parameterTolerance) {
        this.maxIterations = maxIterations;
        this.costTolerance = costTolerance;
        this.parameterTolerance = parameterTolerance;
    }

    @Override
    public String name() {
        return "lm";
    }

    @Override
    public FitResult fit(FitProblem problem) {
        long start = System.nanoTime();
        try {
            FitProblem p = problem.guess() != null ? problem : problem.withGuess(MomentGuess.of(problem));
            FitObjective f = new FitObjective(p);
            double[] u0 = f.map.toInternal(p.guess(), p.skyStart());
            Best best = new Best(u0);
            int n = f.size(), nf = f.map.size();
            LeastSquaresProblem lsp = new LeastSquaresBuilder()
                    .start(u0)
                    .target(new double[n])
                    .model(u -> {
                        // Hipparchus may ask twice for the residuals of one point: the last one is kept.
                        if (best.lastU != null && java.util.Arrays.equals(u, best.lastU)) return best.lastR.clone();
                        double[] r = new double[n];
                        f.residuals(u, r);
                        best.offer(u, r);
                        return r;
                    }, u -> {
                        double[] r = new double[n];
                        double[][] jac = new double[n][nf];
                        f.residualsAndJacobian(u, r, jac);
                        best.offer(u, r);
                        return jac;
                    })
                    .lazyEvaluation(true)
                    .maxIterations(maxIterations)
                    .maxEvaluations(5 * maxIterations)
                    .build();
            LevenbergMarquardtOptimizer lm = new LevenbergMarquardtOptimizer()
                    .withCostRelativeTolerance(costTolerance)
                    .withParameterRelativeTolerance(parameterTolerance);
            try {
                LeastSquaresOptimizer.Optimum o = lm.optimize(lsp);
                return OptimumSummary.summarise(f, o.getPoint().toArray(), name(), o.getIterations(), FitFlags.CONVERGED, start);
            } catch (MathIllegalStateException limit) {
                return OptimumSummary.summarise(f, best.u, name(), maxIterations, FitFlags.ITERATION_LIMIT, start);
            }
        } catch (FitInputException | IllegalArgumentException e) {
            return FitResult.failed(problem.id(), name(), e.getMessage(), (System.nanoTime() - start) / 1e9);
        }
    }

    /** The lowest-cost point seen, for a fit stopped by the iteration limit. */
    private static final class Best {
        double[] u;
        double cost = Double.POSITIVE_INFINITY;

        Best(double[] u0) {
            u = u0.clone();
        }

        double[] lastU, lastR;

        void offer(double[] point, double[] r) {
            lastU = point.clone();
            lastR = r.clone();
            double c = 0;
            for (double v : r) c += v * v;
            if (c < cost) {
                cost = c;
                u = point.clone();
            }
        }
    }
}
