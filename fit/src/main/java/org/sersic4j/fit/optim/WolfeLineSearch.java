package org.sersic4j.fit.optim;

/**
 * Line search for a step satisfying the strong Wolfe conditions, after Nocedal &amp; Wright, <i>Numerical
 * Optimization</i> (2nd ed.), algorithms 3.5 (bracketing) and 3.6 (zoom, here with safeguarded cubic interpolation).
 *
 * <p>Along the ray {@code x + α p} with φ(α) = f(x + α p), an accepted step satisfies
 * φ(α) ≤ φ(0) + c1 α φ'(0) (sufficient decrease) and |φ'(α)| ≤ c2 |φ'(0)| (curvature). A trial point where the value
 * or any gradient component is not finite is treated as lying too far: the step is shrunk. Each search stops after
 * a capped number of function evaluations.
 */
public final class WolfeLineSearch {

    /** Default sufficient-decrease constant. */
    public static final double DEFAULT_C1 = 1e-4;
    /** Default curvature constant, the usual choice for quasi-Newton methods. */
    public static final double DEFAULT_C2 = 0.9;
    /** Default cap on function evaluations per search. */
    public static final int DEFAULT_MAX_EVALUATIONS = 40;

    /** Factor by which the bracketing phase enlarges a step that is still too short. */
    private static final double EXPANSION = 3.0;
    /** An interpolated zoom point keeps at least this fraction of the bracket from either end. */
    private static final double SAFEGUARD = 0.1;
    /** A bracket narrower than this, relative to its ends, is treated as collapsed. */
    private static final double COLLAPSE = 1e-15;

    /** How a search ended. */
    public enum Outcome {
        /** The step satisfies both strong Wolfe conditions. */
        STRONG_WOLFE,
        /** The step decreases the function sufficiently but the evaluation cap or bracket width ran out first. */
        SUFFICIENT_DECREASE,
        /** No step with sufficient decrease was found; the step is zero and the point is the starting point. */
        FAILED
    }

    /**
     * The step found: its length {@code alpha}, the point {@code x + alpha p}, the value and gradient there, and the
     * number of function evaluations the search used.
     */
    public record Step(Outcome outcome, double alpha, double[] x, double value, double[] gradient, int evaluations) {
        public Step {
            x = x.clone();
            gradient = gradient.clone();
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

        /** Whether the step moved and decreased the function (every outcome except {@link Outcome#FAILED}). */
        public boolean accepted() {
            return outcome != Outcome.FAILED;
        }
    }

    private final double c1;
    private final double c2;
    private final int maxEvaluations;

    /** A search with c1 = 1e-4, c2 = 0.9 and at most 40 evaluations. */
    public WolfeLineSearch() {
        this(DEFAULT_C1, DEFAULT_C2, DEFAULT_MAX_EVALUATIONS);
    }

    /**
     * A search with the given constants.
     *
     * @param c1             sufficient-decrease constant, 0 &lt; c1 &lt; c2
     * @param c2             curvature constant, c1 &lt; c2 &lt; 1
     * @param maxEvaluations cap on function evaluations per search, at least 1
     */
    public WolfeLineSearch(double c1, double c2, int maxEvaluations) {
        if (!(c1 > 0 && c1 < c2 && c2 < 1))
            throw new IllegalArgumentException("need 0 < c1 < c2 < 1, got c1 = " + c1 + ", c2 = " + c2);
        if (maxEvaluations < 1) throw new IllegalArgumentException("maxEvaluations must be at least 1: " + maxEvaluations);
        this.c1 = c1;
        this.c2 = c2;
        this.maxEvaluations = maxEvaluations;
    }

    /** The sufficient-decrease constant. */
    public double c1() {
        return c1;
    }

    /** The curvature constant. */
    public double c2() {
        return c2;
    }

    /** The cap on function evaluations per search. */
    public int maxEvaluations() {
        return maxEvaluations;
    }

    /** Searches with this search's own evaluation cap; see {@link #search(DifferentiableObjective, double[], double, double[], double[], double, int)}. */
    public Step search(DifferentiableObjective f, double[] x, double value, double[] gradient, double[] direction,
                       double initialStep) {
        return search(f, x, value, gradient, direction, initialStep, maxEvaluations);
    }

    /**
     * Searches along {@code direction} from {@code x}.
     *
     * @param f           the function
     * @param x           the starting point
     * @param value       f at {@code x}, finite
     * @param gradient    the gradient of f at {@code x}, finite
     * @param direction   a descent direction: gradient · direction &lt; 0
     * @param initialStep the first trial step length, positive and finite
     * @param budget      further cap on evaluations (the smaller of this and the search's own cap applies)
     * @return the step found; {@link Outcome#FAILED} with zero evaluations if the budget is below 1
     */
    public Step search(DifferentiableObjective f, double[] x, double value, double[] gradient, double[] direction,
                       double initialStep, int budget) {
        if (gradient.length != x.length || direction.length != x.length)
            throw new IllegalArgumentException("point, gradient and direction lengths differ: "
                    + x.length + ", " + gradient.length + ", " + direction.length);
        if (!Double.isFinite(value)) throw new IllegalArgumentException("value at the starting point is not finite: " + value);
        double slope0 = dot(gradient, direction);
        if (!(slope0 < 0)) throw new IllegalArgumentException("not a descent direction: slope " + slope0);
        if (!(initialStep > 0 && Double.isFinite(initialStep)))
            throw new IllegalArgumentException("initial step must be positive and finite: " + initialStep);
        Ray ray = new Ray(f, x, direction, Math.min(budget, maxEvaluations));
        Trial origin = new Trial(0, value, slope0, x.clone(), gradient.clone(), true);
        return bracket(ray, origin, initialStep);
    }

    /** Algorithm 3.5: enlarge the step until it brackets an acceptable one (or is acceptable). */
    private Step bracket(Ray ray, Trial origin, double initialStep) {
        Trial previous = origin;
        double alpha = initialStep;
        while (true) {
            if (ray.exhausted()) return fallback(ray, previous);
            Trial t = ray.evaluate(alpha);
            if (!t.finite || !sufficientDecrease(origin, t) || (previous != origin && t.phi >= previous.phi))
                return zoom(ray, origin, previous, t);
            if (curvature(origin, t)) return step(Outcome.STRONG_WOLFE, t, ray);
            if (t.dphi >= 0) return zoom(ray, origin, t, previous);
            previous = t;
            alpha *= EXPANSION;
            if (!Double.isFinite(alpha)) return step(Outcome.SUFFICIENT_DECREASE, t, ray);
        }
    }

    /**
     * Algorithm 3.6: shrink the bracket between {@code lo} (the best point so far with sufficient decrease) and
     * {@code hi} until a point satisfies both conditions.
     */
    private Step zoom(Ray ray, Trial origin, Trial lo, Trial hi) {
        while (true) {
            if (ray.exhausted()) return fallback(ray, lo);
            double width = Math.abs(hi.alpha - lo.alpha);
            if (width <= COLLAPSE * Math.max(Math.abs(lo.alpha), Math.abs(hi.alpha))) return fallback(ray, lo);
            Trial t = ray.evaluate(trialStep(lo, hi));
            if (!t.finite || !sufficientDecrease(origin, t) || t.phi >= lo.phi) {
                hi = t;
            } else {
                if (curvature(origin, t)) return step(Outcome.STRONG_WOLFE, t, ray);
                if (t.dphi * (hi.alpha - lo.alpha) >= 0) hi = lo;
                lo = t;
            }
        }
    }

    private boolean sufficientDecrease(Trial origin, Trial t) {
        return t.phi <= origin.phi + c1 * t.alpha * origin.dphi;
    }

    private boolean curvature(Trial origin, Trial t) {
        return Math.abs(t.dphi) <= -c2 * origin.dphi;
    }

    /**
     * The minimiser of the cubic matching value and slope at both ends (Nocedal &amp; Wright eq. 3.59), kept at
     * least {@link #SAFEGUARD} of the bracket away from either end; the midpoint when the far end is not finite or
     * the cubic has no minimiser.
     */
    static double trialStep(Trial lo, Trial hi) {
        double a0 = lo.alpha, a1 = hi.alpha, mid = 0.5 * (a0 + a1);
        if (!hi.finite) return mid;
        double d1 = lo.dphi + hi.dphi - 3 * (lo.phi - hi.phi) / (a0 - a1);
        double radicand = d1 * d1 - lo.dphi * hi.dphi;
        if (!(radicand >= 0)) return mid;
        double d2 = Math.signum(a1 - a0) * Math.sqrt(radicand);
        double a = a1 - (a1 - a0) * (hi.dphi + d2 - d1) / (hi.dphi - lo.dphi + 2 * d2);
        if (!Double.isFinite(a)) return mid;
        double margin = SAFEGUARD * Math.abs(a1 - a0);
        double low = Math.min(a0, a1) + margin, high = Math.max(a0, a1) - margin;
        return Math.max(low, Math.min(high, a));
    }

    private static Step fallback(Ray ray, Trial best) {
        return step(best.alpha > 0 ? Outcome.SUFFICIENT_DECREASE : Outcome.FAILED, best, ray);
    }

    private static Step step(Outcome outcome, Trial t, Ray ray) {
        return new Step(outcome, t.alpha, t.x, t.phi, t.gradient, ray.evaluations);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** One evaluated point on the ray: step length, φ, φ', the point and its gradient. */
    record Trial(double alpha, double phi, double dphi, double[] x, double[] gradient, boolean finite) {
    }

    /** The function restricted to the ray x + α p, counting evaluations against a cap. */
    private static final class Ray {
        private final DifferentiableObjective f;
        private final double[] x;
        private final double[] p;
        private final int cap;
        int evaluations;

        Ray(DifferentiableObjective f, double[] x, double[] p, int cap) {
            this.f = f;
            this.x = x.clone();
            this.p = p.clone();
            this.cap = cap;
        }

        boolean exhausted() {
            return evaluations >= cap;
        }

        Trial evaluate(double alpha) {
            double[] point = new double[x.length];
            for (int i = 0; i < x.length; i++) point[i] = x[i] + alpha * p[i];
            double[] g = new double[x.length];
            double phi = f.valueAndGradient(point.clone(), g);
            evaluations++;
            double dphi = dot(g, p);
            boolean finite = Double.isFinite(phi) && Double.isFinite(dphi) && allFinite(g);
            return new Trial(alpha, phi, dphi, point, g, finite);
        }

        private static boolean allFinite(double[] v) {
            for (double d : v) if (!Double.isFinite(d)) return false;
            return true;
        }
    }
}
