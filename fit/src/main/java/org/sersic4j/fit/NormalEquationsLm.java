package org.sersic4j.fit;

import java.util.Arrays;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealVector;
import org.sersic4j.render.AparapiFitEvaluator;

/**
 * One galaxy's Levenberg–Marquardt, driven from outside one evaluation at a time: it says which point it wants
 * evaluated next ({@link #pointToEvaluate}) and takes back that point's sums (JᵀJ, Jᵀr and Σr² in the user's
 * parameters θ, as {@link AparapiFitEvaluator} returns them). It works on the normal equations in the optimiser's
 * unbounded coordinates u (JᵀJ_u = Cᵀ JᵀJ_θ C with C = ∂θ/∂u from {@link ParameterMap}), with Marquardt's scaled damping
 * (JᵀJ + λ diag JᵀJ) δ = −Jᵀr and Nielsen's update of λ; it stops by {@link ConvergenceRule}. Any number of
 * parameters: the sums' size follows the map.
 *
 * <p>Two guards keep the bounds' change of variables from misleading it. A step is shortened so that no logistic
 * coordinate of u (a parameter between two finite bounds) moves by more than {@link #MAX_STEP}: next to a bound the
 * logistic map is nearly flat, Marquardt's scaling then asks for a huge step in u, and the parameter would jump to the
 * far end of its range. And a step that was shortened, or taken under heavy damping (λ &gt; 1), is short for that
 * reason, not because the fit is done: the convergence test then measures the Gauss–Newton step from the new point.
 */
final class NormalEquationsLm {
    private static final double STALLED = 1e16;
    /** The largest move of one coordinate of u in one step (a logistic coordinate spans its range in about ±10). */
    static final double MAX_STEP = 8;
    private double lambdaOfTrial;
    private boolean trialShortened;
    private final boolean[] logistic;
    private final ParameterMap map;
    private final int maxIterations, maxEvaluations;
    private final int p;
    private double[] u, trial;
    private ParameterMap.Mapped at, trialAt;
    private double[] sums;
    private double cost = Double.NaN, predicted;
    private double lambda = 1e-3, nu = 2;
    private int iterations, evaluations, stop;
    private boolean done;

    NormalEquationsLm(ParameterMap map, double[] u0, int maxIterations) {
        this.map = map;
        this.p = map.count();
        this.maxIterations = maxIterations;
        this.maxEvaluations = 5 * maxIterations;
        this.u = u0.clone();
        this.at = map.toUser(u);
        this.logistic = map.logistic();
    }

    /** The user's parameters θ to evaluate next. */
    double[] pointToEvaluate() {
        return (trial == null ? at : trialAt).values();
    }

    /** Takes the sums at the point last asked for and decides the next step (or stops). */
    void update(double[] s) {
        evaluations++;
        double c = s[costIndex()];
        if (sums == null) {
            if (!Double.isFinite(c)) {
                finish(FitFlags.NON_FINITE);
                return;
            }
            sums = s;
            cost = c;
        } else if (Double.isFinite(c) && c < cost) {
            double drop = cost - c;
            double[] step = new double[u.length];
            for (int j = 0; j < u.length; j++) step[j] = trial[j] - u[j];
            u = trial;
            at = trialAt;
            sums = s;
            cost = c;
            iterations++;
            double rho = predicted > 0 ? drop / predicted : 0;
            lambda *= Math.max(1.0 / 3, 1 - Math.pow(2 * rho - 1, 3));
            nu = 2;
            double[][] h = normal();
            double[] g = gradient();
            if (lambdaOfTrial > 1 || trialShortened) step = gaussNewtonStep(h, g, step);
            if (ConvergenceRule.converged(step, h, g, drop)) {
                finish(FitFlags.CONVERGED);
                return;
            }
        } else {
            lambda *= nu;
            nu *= 2;
        }
        trial = null;
        if (iterations >= maxIterations || evaluations >= maxEvaluations) {
            finish(FitFlags.ITERATION_LIMIT);
            return;
        }
        // No step lowers −2 ln L however short: a minimum to the precision of the sums.
        if (lambda > STALLED) {
            finish(FitFlags.CONVERGED);
            return;
        }
        propose();
    }

    private void finish(int flag) {
        stop = flag;
        done = true;
        trial = null;
    }

    /** The damped Gauss–Newton step from u, and the decrease of Σr² the quadratic model predicts for it. */
    private void propose() {
        double[][] h = normal();
        double[] g = gradient();
        int n = u.length;
        double maxDiag = 0;
        for (int j = 0; j < n; j++) maxDiag = Math.max(maxDiag, h[j][j]);
        while (lambda <= STALLED) {
            double[][] a = new double[n][];
            for (int j = 0; j < n; j++) {
                a[j] = h[j].clone();
                a[j][j] += lambda * Math.max(h[j][j], 1e-12 * maxDiag);
            }
            try {
                RealVector delta = new CholeskyDecomposition(new Array2DRowRealMatrix(a, false), 1e-14, 1e-300)
                        .getSolver().solve(new ArrayRealVector(g).mapMultiply(-1));
                double[] d = delta.toArray();
                double longest = 0;
                for (int j = 0; j < n; j++) if (logistic[j]) longest = Math.max(longest, Math.abs(d[j]));
                trialShortened = longest > MAX_STEP;
                if (trialShortened) for (int j = 0; j < n; j++) d[j] *= MAX_STEP / longest;
                double gd = 0, dhd = 0;
                for (int i = 0; i < n; i++) {
                    gd += g[i] * d[i];
                    for (int j = 0; j < n; j++) dhd += d[i] * h[i][j] * d[j];
                }
                predicted = -2 * gd - dhd;
                trial = new double[n];
                for (int j = 0; j < n; j++) trial[j] = u[j] + d[j];
                trialAt = map.toUser(trial);
                lambdaOfTrial = lambda;
                return;
            } catch (RuntimeException notPositive) {
                lambda = Math.max(lambda * 10, 1e-6);
            }
        }
        finish(FitFlags.CONVERGED);
    }

    /** The undamped step −(JᵀJ)⁻¹Jᵀr from the current point, or {@code fallback} where JᵀJ is singular. */
    private static double[] gaussNewtonStep(double[][] h, double[] g, double[] fallback) {
        try {
            return new CholeskyDecomposition(new Array2DRowRealMatrix(h), 1e-14, 1e-300).getSolver()
                    .solve(new ArrayRealVector(g).mapMultiply(-1)).toArray();
        } catch (RuntimeException singular) {
            return fallback;
        }
    }

    /** JᵀJ in u at the current point. */
    double[][] normal() {
        double[][] ht = thetaNormal(sums, p);
        double[][] c = at.chain();
        int n = u.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int a = 0; a < p; a++) {
                    if (c[a][i] == 0) continue;
                    for (int b = 0; b < p; b++) if (c[b][j] != 0) s += c[a][i] * ht[a][b] * c[b][j];
                }
                out[i][j] = out[j][i] = s;
            }
        }
        return out;
    }

    /** Jᵀr in u at the current point. */
    double[] gradient() {
        double[][] c = at.chain();
        int n = u.length, base = p * (p + 1) / 2;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) for (int a = 0; a < p; a++) out[i] += c[a][i] * sums[base + a];
        return out;
    }

    /** The full JᵀJ in θ from packed sums (lower triangle, row by row). */
    static double[][] thetaNormal(double[] sums, int p) {
        double[][] h = new double[p][p];
        for (int a = 0, e = 0; a < p; a++) for (int b = 0; b <= a; b++, e++) h[a][b] = h[b][a] = sums[e];
        return h;
    }

    private int costIndex() {
        return p * (p + 1) / 2 + p;
    }

    boolean done() {
        return done;
    }

    /** How it stopped: {@link FitFlags#CONVERGED}, {@link FitFlags#ITERATION_LIMIT} or {@link FitFlags#NON_FINITE}. */
    int stopFlag() {
        return stop;
    }

    double[] u() {
        return u.clone();
    }

    ParameterMap.Mapped at() {
        return at;
    }

    /** The sums at the current point (null before the first evaluation came back finite). */
    double[] sums() {
        return sums == null ? null : sums.clone();
    }

    int iterations() {
        return iterations;
    }

    int evaluations() {
        return evaluations;
    }

    @Override
    public String toString() {
        return "LM{cost=" + cost + ", lambda=" + lambda + ", iterations=" + iterations + ", u=" + Arrays.toString(u) + "}";
    }
}
