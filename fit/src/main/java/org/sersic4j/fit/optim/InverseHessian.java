package org.sersic4j.fit.optim;

import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * The BFGS approximation H of the inverse Hessian: starts as the identity, is rescaled by yᵀs/yᵀy at the first
 * usable curvature pair (Nocedal &amp; Wright eq. 6.20), and is updated by H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ with
 * ρ = 1/yᵀs. Pairs with too little curvature are skipped so that H stays positive definite.
 */
final class InverseHessian {

    /** A pair is skipped when yᵀs ≤ this times |s||y|. */
    static final double CURVATURE_THRESHOLD = 1e-10;

    private final int dimension;
    private RealMatrix h;
    private double gamma = 1;
    private boolean scaled;
    private boolean fresh = true;

    InverseHessian(int dimension) {
        this.dimension = dimension;
        this.h = MatrixUtils.createRealIdentityMatrix(dimension);
    }

    /** The quasi-Newton direction −H g. */
    double[] direction(double[] gradient) {
        return h.operate(new ArrayRealVector(gradient, false)).mapMultiply(-1).toArray();
    }

    /** Whether any curvature pair has been used yet. */
    boolean hasCurvature() {
        return scaled;
    }

    /** Whether H is a (scaled) identity that no pair has updated since. */
    boolean fresh() {
        return fresh;
    }

    /** Resets H to γI, γ the yᵀs/yᵀy of the latest pair used (1 before any). */
    void restart() {
        h = MatrixUtils.createRealIdentityMatrix(dimension).scalarMultiply(gamma);
        fresh = true;
    }

    /**
     * Updates H with the step s and the gradient change y.
     *
     * @return whether the pair was used (false when yᵀs ≤ 1e-10 |s||y| or not finite)
     */
    boolean update(double[] step, double[] gradientChange) {
        RealVector s = new ArrayRealVector(step, false);
        RealVector y = new ArrayRealVector(gradientChange, false);
        double ys = s.dotProduct(y);
        if (!(ys > CURVATURE_THRESHOLD * s.getNorm() * y.getNorm()) || !Double.isFinite(ys)) return false;
        double yy = y.dotProduct(y);
        gamma = ys / yy;
        if (!scaled) {
            h = MatrixUtils.createRealIdentityMatrix(dimension).scalarMultiply(gamma);
            scaled = true;
        }
        double rho = 1 / ys;
        RealVector hy = h.operate(y);
        double yhy = y.dotProduct(hy);
        RealMatrix cross = s.outerProduct(hy);
        h = h.subtract(cross.add(cross.transpose()).scalarMultiply(rho))
                .add(s.outerProduct(s).scalarMultiply(rho * rho * yhy + rho));
        h = h.add(h.transpose()).scalarMultiply(0.5);
        fresh = false;
        return true;
    }

    /** A copy of H. */
    double[][] toArray() {
        return h.getData();
    }
}
