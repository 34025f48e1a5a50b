package org.sersic4j.fit.optim;

import java.util.Arrays;
import java.util.Objects;

/**
 * The BFGS quasi-Newton minimiser (Nocedal &amp; Wright, <i>Numerical Optimization</i>, algorithm 6.1) with a
 * strong-Wolfe line search.
 *
 * <p>The inverse-Hessian approximation starts as the identity, is scaled by yᵀs/yᵀy after the first step, skips
 * pairs with yᵀs ≤ 1e-10 |s||y|, and restarts from the scaled identity when it stops giving a descent direction or
 * when a line search along its direction fails. The first trial step is 1/|g| (at most 1) before any curvature is
 * known and 1 afterwards.
 *
 * <p>Stopping: the largest gradient component is at most the gradient tolerance ({@link Status#CONVERGED_GRADIENT}),
 * or one iteration changes the value by at most the function tolerance times the larger of the two values in
 * magnitude ({@link Status#CONVERGED_FUNCTION}). With a per-coordinate scale, the search runs in z with
 * x = start + scale ⊙ z and the gradient test applies to the scaled gradient scale ⊙ ∇f.
 *
 * <p>Instances are immutable and configured with withers: {@code Bfgs.defaults().withGradientTolerance(1e-10)}.
 */
public final class Bfgs {

    /** Why a minimisation stopped. */
    public enum Status {
        /** The largest gradient component fell to the gradient tolerance. */
        CONVERGED_GRADIENT,
        /** One iteration changed the value by at most the relative function tolerance. */
        CONVERGED_FUNCTION,
        /** The iteration cap was reached. */
        MAX_ITERATIONS,
        /** The evaluation cap was reached. */
        MAX_EVALUATIONS,
        /** No step with sufficient decrease was found, even along the scaled steepest-descent direction. */
        LINE_SEARCH_FAILED,
        /** The value or gradient at the start is NaN or infinite; nothing was done. */
        NON_FINITE_START;

        /** Whether this status is one of the two convergence criteria. */
        public boolean converged() {
            return this == CONVERGED_GRADIENT || this == CONVERGED_FUNCTION;
        }
    }

    /**
     * The outcome of a minimisation: the last point, its value and gradient, accepted steps, function evaluations,
     * why it stopped, and the final inverse-Hessian approximation (in the original coordinates).
     */
    public record Result(double[] x, double value, double[] gradient, int iterations, int evaluations, Status status,
                         double[][] inverseHessian) {
        public Result {
            x = x.clone();
            gradient = gradient.clone();
            inverseHessian = copy(inverseHessian);
        }

        /** A copy of the point. */
        @Override
        public double[] x() {
            return x.clone();
        }

        /** A copy of the gradient at the point. */
        @Override
        public double[] gradient() {
            return gradient.clone();
        }

        /** A copy of the inverse-Hessian approximation. */
        @Override
        public double[][] inverseHessian() {
            return copy(inverseHessian);
        }

        /** Whether the status is a convergence criterion. */
        public boolean converged() {
            return status.converged();
        }

        @Override
        public String toString() {
            return "Bfgs.Result[status=" + status + ", value=" + value + ", x=" + Arrays.toString(x) + ", iterations="
                    + iterations + ", evaluations=" + evaluations + "]";
        }

        private static double[][] copy(double[][] m) {
            double[][] c = new double[m.length][];
            for (int i = 0; i < m.length; i++) c[i] = m[i].clone();
            return c;
        }
    }

    private final int maxIterations;
    private final double gradientTolerance;
    private final double functionTolerance;
    private final int maxEvaluations;
    private final WolfeLineSearch lineSearch;

    private Bfgs(int maxIterations, double gradientTolerance, double functionTolerance, int maxEvaluations,
                 WolfeLineSearch lineSearch) {
        if (maxIterations < 0) throw new IllegalArgumentException("maxIterations must not be negative: " + maxIterations);
        if (!(gradientTolerance >= 0)) throw new IllegalArgumentException("gradient tolerance must be >= 0: " + gradientTolerance);
        if (!(functionTolerance >= 0)) throw new IllegalArgumentException("function tolerance must be >= 0: " + functionTolerance);
        if (maxEvaluations < 1) throw new IllegalArgumentException("maxEvaluations must be at least 1: " + maxEvaluations);
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
        this.functionTolerance = functionTolerance;
        this.maxEvaluations = maxEvaluations;
        this.lineSearch = Objects.requireNonNull(lineSearch, "lineSearch");
    }

    /**
     * A minimiser with 1000 iterations, gradient tolerance 1e-8, relative function tolerance 1e-14,
     * 10 000 evaluations and the default {@link WolfeLineSearch}.
     */
    public static Bfgs defaults() {
        return new Bfgs(1000, 1e-8, 1e-14, 10_000, new WolfeLineSearch());
    }

    /** A copy with another iteration cap. */
    public Bfgs withMaxIterations(int maxIterations) {
        return new Bfgs(maxIterations, gradientTolerance, functionTolerance, maxEvaluations, lineSearch);
    }

    /** A copy with another gradient tolerance (on the largest gradient component; 0 disables the test). */
    public Bfgs withGradientTolerance(double gradientTolerance) {
        return new Bfgs(maxIterations, gradientTolerance, functionTolerance, maxEvaluations, lineSearch);
    }

    /** A copy with another relative function-change tolerance (0 disables the test). */
    public Bfgs withFunctionTolerance(double functionTolerance) {
        return new Bfgs(maxIterations, gradientTolerance, functionTolerance, maxEvaluations, lineSearch);
    }

    /** A copy with another cap on function evaluations, counting the one at the start. */
    public Bfgs withMaxEvaluations(int maxEvaluations) {
        return new Bfgs(maxIterations, gradientTolerance, functionTolerance, maxEvaluations, lineSearch);
    }

    /** A copy with another line search. */
    public Bfgs withLineSearch(WolfeLineSearch lineSearch) {
        return new Bfgs(maxIterations, gradientTolerance, functionTolerance, maxEvaluations, lineSearch);
    }

    /** The iteration cap. */
    public int maxIterations() {
        return maxIterations;
    }

    /** The gradient tolerance. */
    public double gradientTolerance() {
        return gradientTolerance;
    }

    /** The relative function-change tolerance. */
    public double functionTolerance() {
        return functionTolerance;
    }

    /** The evaluation cap. */
    public int maxEvaluations() {
        return maxEvaluations;
    }

    /** Minimises {@code f} from {@code start}. */
    public Result minimize(DifferentiableObjective f, double[] start) {
        return minimize(f, start, null);
    }

    /**
     * Minimises {@code f} from {@code start}, searching in z with x = start + scale ⊙ z: a diagonal preconditioner for
     * badly scaled problems (choose scale[i] as the typical size of a change in x[i]).
     *
     * @param scale positive finite per-coordinate scales, or null for none
     */
    public Result minimize(DifferentiableObjective f, double[] start, double[] scale) {
        Objects.requireNonNull(f, "f");
        if (start.length == 0) throw new IllegalArgumentException("start must have at least one coordinate");
        if (scale == null) return new Run(f, start).result();
        if (scale.length != start.length)
            throw new IllegalArgumentException("scale has " + scale.length + " entries, start " + start.length);
        for (double s : scale)
            if (!(s > 0 && Double.isFinite(s))) throw new IllegalArgumentException("scales must be positive and finite: " + Arrays.toString(scale));
        ScaledObjective scaled = new ScaledObjective(f, start, scale);
        Result r = new Run(scaled, new double[start.length]).result();
        return new Result(scaled.toX(r.x), r.value, scaled.gradientToX(r.gradient), r.iterations, r.evaluations,
                r.status, scaled.inverseHessianToX(r.inverseHessian));
    }

    /** The state of one minimisation. */
    private final class Run {
        private final DifferentiableObjective f;
        private final InverseHessian h;
        private double[] x;
        private double value;
        private double[] gradient;
        private int iterations;
        private int evaluations;

        Run(DifferentiableObjective f, double[] start) {
            this.f = f;
            this.h = new InverseHessian(start.length);
            this.x = start.clone();
            this.gradient = new double[start.length];
            this.value = f.valueAndGradient(x.clone(), gradient);
            this.evaluations = 1;
        }

        Result result() {
            if (!Double.isFinite(value) || !allFinite(gradient)) return finish(Status.NON_FINITE_START);
            if (maxGradient() <= gradientTolerance) return finish(Status.CONVERGED_GRADIENT);
            while (true) {
                if (iterations >= maxIterations) return finish(Status.MAX_ITERATIONS);
                if (evaluations >= maxEvaluations) return finish(Status.MAX_EVALUATIONS);
                WolfeLineSearch.Step step = search();
                if (!step.accepted())
                    return finish(evaluations >= maxEvaluations ? Status.MAX_EVALUATIONS : Status.LINE_SEARCH_FAILED);
                double previous = value;
                accept(step);
                if (maxGradient() <= gradientTolerance) return finish(Status.CONVERGED_GRADIENT);
                if (functionTolerance > 0 && Math.abs(previous - value) <= functionTolerance * Math.max(Math.abs(previous), Math.abs(value)))
                    return finish(Status.CONVERGED_FUNCTION);
            }
        }

        /** One line search along −Hg, retried once along the scaled steepest descent if H was not already that. */
        private WolfeLineSearch.Step search() {
            double[] p = h.direction(gradient);
            if (!(WolfeLineSearch.dot(gradient, p) < 0)) {
                h.restart();
                p = h.direction(gradient);
                if (!(WolfeLineSearch.dot(gradient, p) < 0))
                    return new WolfeLineSearch.Step(WolfeLineSearch.Outcome.FAILED, 0, x, value, gradient, 0);
            }
            WolfeLineSearch.Step step = searchAlong(p);
            if (step.accepted() || h.fresh() || evaluations >= maxEvaluations) return step;
            h.restart();
            return searchAlong(h.direction(gradient));
        }

        private WolfeLineSearch.Step searchAlong(double[] p) {
            double initial = h.hasCurvature() ? 1 : Math.min(1, 1 / norm(gradient));
            WolfeLineSearch.Step step =
                    lineSearch.search(f, x, value, gradient, p, initial, maxEvaluations - evaluations);
            evaluations += step.evaluations();
            return step;
        }

        private void accept(WolfeLineSearch.Step step) {
            double[] xNew = step.x(), gNew = step.gradient();
            double[] s = new double[x.length], y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - gradient[i];
            }
            x = xNew;
            gradient = gNew;
            value = step.value();
            iterations++;
            h.update(s, y);
        }

        private Result finish(Status status) {
            return new Result(x, value, gradient, iterations, evaluations, status, h.toArray());
        }

        private double maxGradient() {
            double m = 0;
            for (double g : gradient) m = Math.max(m, Math.abs(g));
            return m;
        }
    }

    private static double norm(double[] v) {
        return Math.sqrt(WolfeLineSearch.dot(v, v));
    }

    private static boolean allFinite(double[] v) {
        for (double d : v) if (!Double.isFinite(d)) return false;
        return true;
    }
}
