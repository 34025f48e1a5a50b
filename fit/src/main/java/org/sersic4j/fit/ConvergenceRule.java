package org.sersic4j.fit;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * When a fit has converged, in statistical units, the same on every path (the CPU Levenberg–Marquardt and the batched
 * device fitter): after an accepted step, stop when every free parameter moved by less than {@link #STEP_IN_SIGMA} of
 * its own 1σ error bar, or when −2 ln L fell by less than {@link #DELTA_M2LNL} while the quadratic model predicts
 * less than that again from the new point (so that a heavily damped step far from the optimum does not stop a fit).
 * The error bars are those of the Fisher matrix JᵀJ of the likelihood's residuals (Σr² = −2 ln L + const) in the same
 * coordinates as the step.
 */
public final class ConvergenceRule {
    /** A step below this fraction of every free parameter's error bar ends the fit. */
    public static final double STEP_IN_SIGMA = 0.01;
    /** A drop of −2 ln L below this (with as little left to gain) ends the fit. */
    public static final double DELTA_M2LNL = 0.01;

    private ConvergenceRule() {}

    /**
     * @param step     the accepted step, in the coordinates of {@code normal}
     * @param normal   JᵀJ at the new point (symmetric, free parameters only)
     * @param gradient Jᵀr at the new point (½ the gradient of Σr²)
     * @param drop     −2 ln L before the step minus after it (≥ 0 for an accepted step)
     */
    public static boolean converged(double[] step, double[][] normal, double[] gradient, double drop) {
        int n = step.length;
        if (n == 0) return true;
        RealMatrix inverse;
        try {
            inverse = new CholeskyDecomposition(new Array2DRowRealMatrix(normal), 1e-14, 1e-14).getSolver().getInverse();
        } catch (RuntimeException singular) {
            return false;
        }
        boolean small = true;
        for (int j = 0; j < n && small; j++) {
            double var = inverse.getEntry(j, j);
            small = var > 0 && Math.abs(step[j]) < STEP_IN_SIGMA * Math.sqrt(var);
        }
        if (small) return true;
        if (!(drop >= 0 && drop < DELTA_M2LNL)) return false;
        // The Gauss–Newton step from here would lower Σr² by gᵀ(JᵀJ)⁻¹g: little must be left to gain.
        double predicted = 0;
        for (int a = 0; a < n; a++) for (int b = 0; b < n; b++) predicted += gradient[a] * inverse.getEntry(a, b) * gradient[b];
        return predicted < DELTA_M2LNL;
    }
}
