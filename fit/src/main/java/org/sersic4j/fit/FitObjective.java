package org.sersic4j.fit;

import org.sersic4j.render.ModelAndJacobian;
import org.sersic4j.render.model.ModelStamp;
import org.sersic4j.render.sim.NoiseModel;

/**
 * One problem's objective over the internal parameter vector u: the likelihood's residuals over the fitted pixels
 * ({@link PixelStatistic}) for the problem's model laid out by {@link ModelLayout} (any number of components, drawn
 * by {@link ModelStamp}, with the fast model where {@link FitSettings#fast} says), their Jacobian through
 * {@link ParameterMap}'s chain rule, and ½Σr² with its gradient for the minimisers. The problem must have its starting guess. Counts model evaluations. Not thread-safe: one per fit.
 */
final class FitObjective {
    final FitProblem problem;
    final ModelLayout layout;
    final ParameterMap map;
    final ModelStamp model;
    final PixelStatistic statistic;
    final int[] pixel;
    private final double[] drdm;
    private int evaluations;

    FitObjective(FitProblem problem) {
        this.problem = problem;
        this.layout = ModelLayout.of(problem, problem.guess());
        this.map = layout.map;
        this.model = FitSettings.stamp(problem.image().width(), problem.image().height(), problem.psf(), problem.settings());
        boolean[] excluded = problem.excluded();
        pixel = new int[problem.fittedPixels()];
        double[] data = new double[pixel.length];
        double[] img = problem.image().pixels();
        for (int i = 0, j = 0; i < excluded.length; i++) {
            if (excluded[i]) continue;
            pixel[j] = i;
            data[j++] = img[i];
        }
        this.statistic = statistic(problem, pixel, data);
        this.drdm = new double[pixel.length];
    }

    private static PixelStatistic statistic(FitProblem p, int[] pixel, double[] data) {
        NoiseModel noise = p.noise();
        return switch (p.likelihood()) {
            case POISSON -> new PoissonStatistic(pixel, data, noise);
            case GAUSSIAN -> new GaussianVarianceStatistic(pixel, data, noise);
            case CHI2 -> {
                double[] s = new double[pixel.length];
                double[] map = p.sigma();
                for (int j = 0; j < pixel.length; j++) {
                    // Without a σ map, σ from the noise model at the data (GALFIT's habit; biased at low S/N).
                    s[j] = map != null ? map[pixel[j]] : Math.sqrt(noise.variance(data[j]));
                }
                yield new Chi2Statistic(pixel, data, s);
            }
        };
    }

    int evaluations() {
        return evaluations;
    }

    /** Residuals at u (non-finite ones replaced by a large value, so optimisers back away); false if any was not finite. */
    boolean residuals(double[] u, double[] r) {
        evaluations++;
        ParameterMap.Mapped m = map.toUser(u);
        double[] img;
        try {
            img = model.model(layout.model(m.values()));
        } catch (IllegalArgumentException e) {
            java.util.Arrays.fill(r, 1e10);
            return false;
        }
        boolean finite = statistic.residuals(img, 0, r, drdm);
        if (!finite) for (int j = 0; j < r.length; j++) if (!Double.isFinite(r[j])) r[j] = 1e10;
        return finite;
    }

    /**
     * Residuals at u, and their Jacobian with respect to u, ∂r_j/∂u_c, kept as the model's own derivatives and computed
     * row by row when read ({@link Jacobian#row}): no array of pixels × parameters is made here.
     */
    Jacobian residualsAndJacobian(double[] u, double[] r) {
        evaluations++;
        ParameterMap.Mapped m = map.toUser(u);
        ModelAndJacobian mj = model.modelAndJacobian(layout.model(m.values()));
        boolean finite = statistic.residuals(mj.model().pixels(), 0, r, drdm);
        for (int j = 0; j < r.length; j++) {
            if (!Double.isFinite(r[j])) {
                r[j] = 1e10;
                finite = false;
            }
        }
        return new Jacobian(mj.jacobian(), m.chain(), drdm.clone(), pixel, map.size(), finite);
    }

    /**
     * The residuals' Jacobian at one point: the model's derivatives with respect to its parameters (one image per
     * parameter), the chain rule to u and ∂r/∂model at each fitted pixel. A row costs a few multiplications, the same
     * ones, in the same order, as an eagerly computed Jacobian's.
     */
    static final class Jacobian {
        private final double[][] jm, chain;
        private final double[] drdm;
        private final int[] pixel;
        private final int parameters;
        final boolean finite;

        private Jacobian(double[][] jm, double[][] chain, double[] drdm, int[] pixel, int parameters, boolean finite) {
            this.jm = jm;
            this.chain = chain;
            this.drdm = drdm;
            this.pixel = pixel;
            this.parameters = parameters;
            this.finite = finite;
        }

        /** Fitted pixels (rows). */
        int rows() {
            return pixel.length;
        }

        /** Parameters of u (columns). */
        int columns() {
            return parameters;
        }

        /** Row j: out[c] = ∂r_j/∂u_c. */
        void row(int j, double[] out) {
            int i = pixel[j], np = jm.length;
            for (int c = 0; c < parameters; c++) {
                double s = 0;
                for (int k = 0; k < np; k++) {
                    double ch = chain[k][c];
                    if (ch != 0) s += jm[k][i] * ch;
                }
                out[c] = drdm[j] * s;
            }
        }

        /** ∂r_j/∂u_c. */
        double entry(int j, int c) {
            int i = pixel[j];
            double s = 0;
            for (int k = 0; k < jm.length; k++) {
                double ch = chain[k][c];
                if (ch != 0) s += jm[k][i] * ch;
            }
            return drdm[j] * s;
        }
    }

    /** ½Σr² and its gradient with respect to u (for the minimisers); NaN when not finite. */
    double valueAndGradient(double[] u, double[] gradient) {
        double[] r = new double[pixel.length];
        Jacobian jac = residualsAndJacobian(u, r);
        if (!jac.finite) return Double.NaN;
        double v = 0;
        java.util.Arrays.fill(gradient, 0);
        double[] row = new double[jac.columns()];
        for (int j = 0; j < r.length; j++) {
            v += r[j] * r[j];
            jac.row(j, row);
            for (int c = 0; c < gradient.length; c++) gradient[c] += r[j] * row[c];
        }
        return 0.5 * v;
    }

    int size() {
        return pixel.length;
    }
}
