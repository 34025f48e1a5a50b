package org.sersic4j.fit.optim;

/**
 * An objective seen in scaled coordinates z, with x = origin + scale ⊙ z: the diagonal preconditioner of
 * {@link Bfgs}. The gradient in z is scale ⊙ ∇f(x); an inverse Hessian H_z in z is D H_z D in x, D = diag(scale).
 */
final class ScaledObjective implements DifferentiableObjective {

    private final DifferentiableObjective f;
    private final double[] origin;
    private final double[] scale;

    ScaledObjective(DifferentiableObjective f, double[] origin, double[] scale) {
        this.f = f;
        this.origin = origin.clone();
        this.scale = scale.clone();
    }

    @Override
    public double valueAndGradient(double[] z, double[] gradientOut) {
        double value = f.valueAndGradient(toX(z), gradientOut);
        for (int i = 0; i < scale.length; i++) gradientOut[i] *= scale[i];
        return value;
    }

    /** The point x of scaled coordinates z; z = 0 gives the origin exactly. */
    double[] toX(double[] z) {
        double[] x = new double[z.length];
        for (int i = 0; i < z.length; i++) x[i] = origin[i] + scale[i] * z[i];
        return x;
    }

    /** The gradient in x of a gradient in z. */
    double[] gradientToX(double[] gz) {
        double[] g = new double[gz.length];
        for (int i = 0; i < gz.length; i++) g[i] = gz[i] / scale[i];
        return g;
    }

    /** The inverse Hessian in x of one in z. */
    double[][] inverseHessianToX(double[][] hz) {
        double[][] h = new double[hz.length][];
        for (int i = 0; i < hz.length; i++) {
            h[i] = new double[hz.length];
            for (int j = 0; j < hz.length; j++) h[i][j] = scale[i] * hz[i][j] * scale[j];
        }
        return h;
    }
}
