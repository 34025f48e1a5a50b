package org.sersic4j.fit;

import java.util.Arrays;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.sersic4j.render.Image;
import org.sersic4j.render.ModelAndJacobian;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.model.Component;
import org.sersic4j.render.model.ComponentType;
import org.sersic4j.render.model.Model;

/**
 * Turns an optimiser's end point into a {@link FitResult}: the best-fit model, reduced χ² and Gaussian
 * log-likelihood over the fitted pixels, and 1σ errors from the covariance matrix (JᵀJ)⁻¹ of the likelihood's
 * residuals, computed directly in the user's parameters (so the bounds' change of variables does not distort them).
 */
final class OptimumSummary {
    private OptimumSummary() {}

    static FitResult summarise(FitObjective f, double[] u, String estimator, int iterations, int flags, long startNanos) {
        FitProblem p = f.problem;
        ParameterMap.Mapped m = f.map.toUser(u);
        Model fitted = f.layout.model(m.values());
        int[] free = f.map.free();
        int nf = free.length, np = fitted.count();
        ModelAndJacobian mj;
        try {
            mj = f.model.modelAndJacobian(fitted);
        } catch (IllegalArgumentException e) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            return FitResult.failed(p.id(), estimator, "end point cannot be rendered: " + e.getMessage(), seconds);
        }
        double[] model = mj.model().pixels();
        int n = f.pixel.length;
        double[] r = new double[n], drdm = new double[n];
        boolean finite = f.statistic.residuals(model, 0, r, drdm);
        double[] img = p.image().pixels();
        double chi2 = 0, logL = 0;
        for (int j = 0; j < n; j++) {
            int i = f.pixel[j];
            double var = f.statistic.variance(j, model[i]);
            double d = img[i] - model[i];
            chi2 += d * d / var;
            logL += -0.5 * (d * d / var + Math.log(2 * Math.PI * var));
        }
        // Information matrix in the user's parameters: rows ∂r_j/∂θ_c = (dr/dm)_j ∂m_j/∂θ_c, a free parameter's column
        // carrying the parameters tied to it.
        ParameterMap.Tie[] ties = f.map.ties();
        double[][] jm = mj.jacobian();
        double[][] columns = new double[nf][];
        for (int c = 0; c < nf; c++) {
            // The model's own column unless a tie adds to it (then a copy: a column may serve two parameters).
            double[] col = jm[free[c]];
            boolean copied = false;
            for (ParameterMap.Tie t : ties) {
                if (t.master() != free[c]) continue;
                if (!copied) {
                    col = col.clone();
                    copied = true;
                }
                double[] js = jm[t.slave()];
                for (int i = 0; i < col.length; i++) col[i] += t.ratio() * js[i];
            }
            columns[c] = col;
        }
        double[][] info = new double[nf][nf];
        double[] row = new double[nf];
        for (int j = 0; j < n; j++) {
            int i = f.pixel[j];
            for (int c = 0; c < nf; c++) row[c] = drdm[j] * columns[c][i];
            for (int a = 0; a < nf; a++) for (int b = 0; b <= a; b++) info[a][b] += row[a] * row[b];
        }
        for (int a = 0; a < nf; a++) for (int b = 0; b < a; b++) info[b][a] = info[a][b];
        double[] variances = covarianceDiagonal(info);
        double[] all = new double[np];
        for (int c = 0; c < nf; c++) {
            double e = Math.sqrt(variances[c]);
            all[free[c]] = e;
            if (!Double.isFinite(e)) flags |= FitFlags.ERRORS_UNAVAILABLE;
        }
        for (ParameterMap.Tie t : ties) all[t.slave()] = Math.abs(t.ratio()) * all[t.master()];
        FittedModel components = new FittedModel(f.layout.spec.name(), fitted, all, f.layout.targetComponents);
        Component target = fitted.components().get(0);
        SersicParams params = target.profile();
        double[] errors = sersicErrors(target, all);
        double sky = 0, skyError = 0;
        for (int k = 0, o = 0; k < fitted.components().size(); o += fitted.components().get(k).type().count(), k++) {
            if (fitted.components().get(k).type().isSky()) {
                sky = fitted.components().get(k).values()[0];
                skyError = all[o];
                break;
            }
        }
        if (!finite || !Double.isFinite(chi2)) flags |= FitFlags.NON_FINITE;
        if (f.map.atBound(u)) flags |= FitFlags.AT_BOUND;
        if (p.maskedPixels() > 0) flags |= FitFlags.MASKED_PIXELS;
        if (p.badSigmaPixels() > 0) flags |= FitFlags.BAD_SIGMA;
        if (p.guessClamped()) flags |= FitFlags.GUESS_CLAMPED;
        double[] image = model;
        SignalCheck.Verdict signal = SignalCheck.check(p, params, errors[2], () -> image);
        flags |= signal.flags();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return new FitResult(p.id(), estimator, p.likelihood(), params, errors, sky, skyError,
                chi2 / Math.max(1, n - nf), logL, n, nf, iterations, f.evaluations(), seconds, flags,
                new Image(p.image().width(), p.image().height(), model), signal.message(), "java", components);
    }

    /** The first component's errors in {@link SersicParams#NAMES} order (n's error 0 when the type holds n fixed). */
    private static double[] sersicErrors(Component target, double[] all) {
        if (target.type() == ComponentType.SERSIC) return Arrays.copyOf(all, SersicParams.COUNT);
        return new double[] {all[0], all[1], all[2], all[3], 0, all[4], all[5]};
    }

    /** Diagonal of the inverse; NaN for parameters the data do not constrain (a singular direction). */
    static double[] covarianceDiagonal(double[][] info) {
        int nf = info.length;
        double[] out = new double[nf];
        if (nf == 0) return out;
        RealMatrix a = new Array2DRowRealMatrix(info);
        try {
            RealMatrix inv = new CholeskyDecomposition(a, 1e-14, 1e-14).getSolver().getInverse();
            for (int c = 0; c < nf; c++) out[c] = inv.getEntry(c, c);
            return out;
        } catch (RuntimeException singular) {
            SingularValueDecomposition svd = new SingularValueDecomposition(a);
            double[] s = svd.getSingularValues();
            double tol = s[0] * 1e-12;
            RealMatrix v = svd.getV();
            Arrays.fill(out, 0);
            for (int k = 0; k < s.length; k++) {
                for (int c = 0; c < nf; c++) {
                    double vk = v.getEntry(c, k);
                    if (s[k] > tol) out[c] += vk * vk / s[k];
                    else if (Math.abs(vk) > 1e-6) out[c] = Double.NaN;
                }
            }
            return out;
        }
    }
}
