package org.sersic4j.validation.cae;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealVector;

/**
 * Ordinary least squares with an intercept, fitted on one set of rows and scored on another, and the statistics the
 * campaign reports: R² = 1 − SS_res/SS_tot (docs/conventions.md), Pearson's r with its Fisher 95% interval, Spearman's ρ, and a
 * bootstrap interval of an out-of-sample R².
 */
public final class LinearFits {
    /** Bootstrap resamples of an R² interval. */
    static final int BOOTSTRAP = 400;

    private LinearFits() {}

    /** A fitted regression: the coefficients (intercept first) and its predictions on the scoring rows. */
    public record Fit(double[] coefficients, double[] predicted) {}

    /** An out-of-sample R² with its 95% bootstrap interval over the scoring rows. */
    public record Score(double r2, double low, double high) {}

    /**
     * Fits y ≈ b0 + Σ b_j x_j on ({@code xFit}, {@code yFit}) and predicts the rows of {@code xScore}.
     *
     * @param xFit rows of regressors (all of one length)
     */
    public static Fit fit(double[][] xFit, double[] yFit, double[][] xScore) {
        int n = xFit.length, k = xFit[0].length;
        double[][] a = new double[n][k + 1];
        for (int i = 0; i < n; i++) {
            a[i][0] = 1;
            System.arraycopy(xFit[i], 0, a[i], 1, k);
        }
        RealVector b = new QRDecomposition(new Array2DRowRealMatrix(a, false), 1e-12).getSolver().solve(new ArrayRealVector(yFit, false));
        double[] c = b.toArray();
        double[] p = new double[xScore.length];
        for (int i = 0; i < p.length; i++) {
            double s = c[0];
            for (int j = 0; j < k; j++) s += c[j + 1] * xScore[i][j];
            p[i] = s;
        }
        return new Fit(c, p);
    }

    /** The R² on the scoring rows of a regression fitted on the fitting rows, with its bootstrap interval (seeded). */
    public static Score score(double[][] xFit, double[] yFit, double[][] xScore, double[] yScore, long seed) {
        double[] p = fit(xFit, yFit, xScore).predicted();
        double[] boot = new double[BOOTSTRAP];
        SplittableRandom r = new SplittableRandom(seed);
        int n = yScore.length;
        double[] ys = new double[n], ps = new double[n];
        for (int b = 0; b < BOOTSTRAP; b++) {
            for (int i = 0; i < n; i++) {
                int j = r.nextInt(n);
                ys[i] = yScore[j];
                ps[i] = p[j];
            }
            boot[b] = r2(ys, ps);
        }
        Arrays.sort(boot);
        return new Score(r2(yScore, p), boot[(int) (0.025 * (BOOTSTRAP - 1))], boot[(int) Math.ceil(0.975 * (BOOTSTRAP - 1))]);
    }

    /** R² = 1 − SS_res / SS_tot of predictions against truth (NaN when the truth is constant). */
    public static double r2(double[] truth, double[] predicted) {
        double m = mean(truth), res = 0, tot = 0;
        for (int i = 0; i < truth.length; i++) {
            res += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            tot += (truth[i] - m) * (truth[i] - m);
        }
        return tot > 0 ? 1 - res / tot : Double.NaN;
    }

    /** Pearson's r (NaN when either is constant). */
    public static double pearson(double[] a, double[] b) {
        double ma = mean(a), mb = mean(b), ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : Double.NaN;
    }

    /** The 95% interval of Pearson's r from Fisher's z transform, {lo, hi}. */
    public static double[] fisherInterval(double r, int n) {
        if (!Double.isFinite(r) || n < 4) return new double[] {Double.NaN, Double.NaN};
        double z = 0.5 * Math.log((1 + r) / (1 - r)), h = 1.959963984540054 / Math.sqrt(n - 3);
        return new double[] {Math.tanh(z - h), Math.tanh(z + h)};
    }

    /** Spearman's ρ: Pearson's r of the ranks (ties get their mean rank). */
    public static double spearman(double[] a, double[] b) {
        return pearson(ranks(a), ranks(b));
    }

    /** The least-squares slope of y on x. */
    public static double slope(double[] x, double[] y) {
        double mx = mean(x), my = mean(y), xy = 0, xx = 0;
        for (int i = 0; i < x.length; i++) {
            xy += (x[i] - mx) * (y[i] - my);
            xx += (x[i] - mx) * (x[i] - mx);
        }
        return xx > 0 ? xy / xx : Double.NaN;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double d : v) s += d;
        return s / v.length;
    }

    private static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) idx[i] = i;
        Arrays.sort(idx, (i, j) -> Double.compare(v[i], v[j]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) j++;
            for (int k = i; k <= j; k++) r[idx[k]] = 0.5 * (i + j);
            i = j + 1;
        }
        return r;
    }
}
