package org.sersic4j.fit;

import java.util.Arrays;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.ConvergenceChecker;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.ValueAndJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * GALFIT-style Levenberg–Marquardt on Hipparchus' {@link LevenbergMarquardtOptimizer}: the likelihood's residuals
 * ({@link PixelStatistic}, so Poisson and model-variance Gaussian fits are least squares too), a double-precision
 * model and its analytic Jacobian (the fast renderer's {@link org.sersic4j.render.FastStampModel} at the default
 * oversample 4, the reference's {@link org.sersic4j.render.StampModel} at oversample 1; see {@link FitSettings}),
 * bounds through a smooth change of variables ({@link ParameterMap}). Trial steps evaluate the model alone; the
 * Jacobian is computed at the start and at accepted points, once per point. A fit stops by {@link ConvergenceRule},
 * judged after every accepted step in the optimiser's own coordinates; Hipparchus' relative cost tolerance stays as a
 * backstop, set tighter than the rule so that it ends only fits the rule cannot judge (JᵀJ singular or nearly so, as
 * for a parameter pressed against a bound, where the change of variables flattens its column). Its relative parameter
 * tolerance is off: a position angle is periodic and unbounded in the optimiser's coordinates, and one that the data
 * barely constrain (a round neighbour) can run off to 1e14 in one step, after which every step is "small relative to
 * the point" and the fit stopped there, far from its optimum. If the iteration limit stops it, the best point seen is
 * returned, flagged.
 */
public final class LevenbergMarquardtFitter implements Fitter {
    /** Hipparchus' relative cost tolerance, the backstop behind {@link ConvergenceRule}. */
    static final double BACKSTOP_TOLERANCE = 1e-10;

    private final int maxIterations;
    private final double costTolerance, parameterTolerance;

    /**
     * The defaults: 200 iterations, {@link ConvergenceRule}, the cost tolerance {@link #BACKSTOP_TOLERANCE} and no
     * parameter tolerance (see the class comment).
     */
    public LevenbergMarquardtFitter() {
        this(200, BACKSTOP_TOLERANCE, 0);
    }

    /**
     * @param costTolerance      Hipparchus' relative cost tolerance (the backstop)
     * @param parameterTolerance Hipparchus' relative parameter tolerance (the backstop)
     */
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
            double[] u0 = f.map.toInternal(f.layout.start.values());
            Points points = new Points(f, u0);
            LeastSquaresProblem lsp = new LeastSquaresBuilder()
                    .start(u0)
                    .target(new double[f.size()])
                    .model(points)
                    .checker(CHECKER)
                    .lazyEvaluation(true)
                    .maxIterations(maxIterations)
                    .maxEvaluations(5 * maxIterations)
                    .build();
            LevenbergMarquardtOptimizer lm = new LevenbergMarquardtOptimizer()
                    .withCostRelativeTolerance(costTolerance)
                    .withParameterRelativeTolerance(parameterTolerance);
            try {
                LeastSquaresOptimizer.Optimum o = lm.optimize(lsp);
                points.release();
                return OptimumSummary.summarise(f, o.getPoint().toArray(), name(), o.getIterations(), FitFlags.CONVERGED, start);
            } catch (MathIllegalStateException limit) {
                points.release();
                return OptimumSummary.summarise(f, points.bestU, name(), maxIterations, FitFlags.ITERATION_LIMIT, start);
            }
        } catch (FitInputException | IllegalArgumentException e) {
            return FitResult.failed(problem.id(), name(), e.getMessage(), (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * {@link ConvergenceRule} on Hipparchus' evaluations, called after each accepted step: the step in the optimiser's
     * coordinates u, JᵀJ and Jᵀr at the new point, and the drop of Σr² (= −2 ln L + const; getCost is √Σr²). Hipparchus'
     * residuals are target − value = −r, which changes the sign of Jᵀr only, and the rule uses it in a quadratic form.
     * With {@link Points} every quantity here is already computed (the new point's Jacobian is the one the next
     * iteration needs anyway), so the check costs no model evaluation.
     */
    static final ConvergenceChecker<LeastSquaresProblem.Evaluation> CHECKER = (iteration, previous, current) -> {
        // The costs first, while the previous point's residuals are still kept beside its Jacobian.
        double before = previous.getCost(), after = current.getCost();
        double[] step = current.getPoint().subtract(previous.getPoint()).toArray();
        RealMatrix jacobian = current.getJacobian();
        double[] r = current.getResiduals().toArray();
        int k = step.length;
        double[][] normal = new double[k][k];
        double[] gradient = new double[k];
        if (jacobian instanceof LazyJacobian lazy && lazy.scale() == 1) {
            // Row by row from the fit's own Jacobian (no copy of the whole of it).
            FitObjective.Jacobian jac = lazy.jacobian();
            double[] row = new double[k];
            for (int i = 0; i < r.length; i++) {
                jac.row(i, row);
                accumulate(row, r[i], normal, gradient);
            }
        } else {
            double[][] jac = jacobian instanceof Array2DRowRealMatrix m ? m.getDataRef() : jacobian.getData();
            for (int i = 0; i < r.length; i++) accumulate(jac[i], r[i], normal, gradient);
        }
        for (int a = 0; a < k; a++) for (int b = 0; b < a; b++) normal[b][a] = normal[a][b];
        return ConvergenceRule.converged(step, normal, gradient, before * before - after * after);
    };

    /** Adds one pixel's row of the Jacobian and its residual to JᵀJ (lower triangle) and Jᵀr. */
    private static void accumulate(double[] row, double ri, double[][] normal, double[] gradient) {
        for (int a = 0; a < row.length; a++) {
            double ja = row[a];
            gradient[a] += ja * ri;
            double[] na = normal[a];
            for (int b = 0; b <= a; b++) na[b] += ja * row[b];
        }
    }

    /**
     * The points evaluated so far. Hipparchus' lazy evaluations recompute residuals and Jacobian on every call, and it
     * asks for them more than once per point (the checker, the next iteration, the previous point's cost), so the last
     * model-only evaluation and the last evaluation with the Jacobian are kept, each with its point: a point costs one
     * model evaluation, with or without the Jacobian. The start's Jacobian is always needed, so it is computed with the
     * start's residuals. Also keeps the lowest-cost point seen, for a fit stopped by the iteration limit.
     */
    private static final class Points implements ValueAndJacobianFunction {
        private final FitObjective f;
        private final int n;
        double[] bestU;
        private double bestCost = Double.POSITIVE_INFINITY;
        private double[] lastU, lastR;
        private double[] jacU, jacR;
        /** The Jacobian at jacU, let go before the next one is evaluated (see {@link LazyJacobian}). */
        private final LazyJacobian.Current jac = new LazyJacobian.Current();
        private boolean started;

        Points(FitObjective f, double[] u0) {
            this.f = f;
            this.n = f.size();
            this.bestU = u0.clone();
        }

        /** The residuals at u; the kept array itself, which Hipparchus only reads (it subtracts it from the target). */
        @Override
        public RealVector computeValue(double[] u) {
            return new ArrayRealVector(residuals(u), false);
        }

        @Override
        public RealMatrix computeJacobian(double[] u) {
            // Once the optimiser has its copy (LazyJacobian#getData), the point's Jacobian is gone: evaluated again if asked for.
            if (!Arrays.equals(u, jacU) || jac.jacobian == null) evaluateJacobian(u);
            return new LazyJacobian(jac);
        }

        @Override
        public Pair<RealVector, RealMatrix> value(RealVector point) {
            double[] u = point.toArray();
            return new Pair<>(computeValue(u), computeJacobian(u));
        }

        private double[] residuals(double[] u) {
            if (Arrays.equals(u, lastU)) return lastR;
            if (!started) evaluateJacobian(u);
            if (Arrays.equals(u, jacU)) return jacR;
            double[] r = new double[n];
            f.residuals(u, r);
            lastU = u.clone();
            lastR = r;
            offer(u, r);
            return r;
        }

        private void evaluateJacobian(double[] u) {
            started = true;
            double[] r = new double[n];
            jacU = null;
            jac.release();
            jac.jacobian = f.residualsAndJacobian(u, r);
            jacU = u.clone();
            jacR = r;
            offer(u, r);
        }

        /** Lets the kept evaluations go (the summary evaluates the end point again), keeping the best point. */
        void release() {
            jac.release();
            jacU = jacR = lastU = lastR = null;
            started = true;
        }

        private void offer(double[] u, double[] r) {
            double c = 0;
            for (double v : r) c += v * v;
            if (c < bestCost) {
                bestCost = c;
                bestU = u.clone();
            }
        }
    }
}
