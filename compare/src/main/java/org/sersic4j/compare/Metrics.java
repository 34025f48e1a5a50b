package org.sersic4j.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.sersic4j.render.SersicParams;

/**
 * Parameter-recovery metrics on a truth set: median bias, NMAD and outlier fraction of the errors Δ (each with a
 * seeded 95% percentile bootstrap interval) and R² of the estimates, as defined by {@link Parameter}.
 *
 * <p>An estimate that is NaN or infinite (a failed fit, or the magnitude of a non-positive flux) is excluded from
 * every statistic and counted in {@link ParameterMetrics#failed()}. True values must be finite, and non-zero for
 * the relative parameters.
 */
public final class Metrics {

    /** Scale that makes the median absolute deviation estimate σ for normally distributed values. */
    public static final double NMAD_SCALE = 1.4826;

    private Metrics() {}

    /** Median of the values (mean of the two middle ones for an even count); NaN for none. Throws on NaN values. */
    public static double median(double[] values) {
        double[] a = copyWithoutNaN(values);
        return OrderStatistics.medianInPlace(a, a.length);
    }

    /** Normalised median absolute deviation 1.4826 · median(|x − median x|); NaN for none. Throws on NaN values. */
    public static double nmad(double[] values) {
        double[] a = copyWithoutNaN(values);
        double m = OrderStatistics.medianInPlace(a, a.length);
        return NMAD_SCALE * OrderStatistics.absDeviationMedianInPlace(a, a.length, m);
    }

    /**
     * The p-quantile (0 ≤ p ≤ 1) of the values, interpolating linearly between order statistics at (n − 1)·p (the
     * usual "type 7" definition: p = 0.5 is the median, p = 0.95 the 95th percentile); NaN for none. Throws on NaN values.
     */
    public static double quantile(double[] values, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("quantile p must be in [0, 1] (got " + p + ")");
        double[] a = copyWithoutNaN(values);
        Arrays.sort(a);
        return OrderStatistics.quantileOfSorted(a, a.length, p);
    }

    /**
     * Coefficient of determination R² = 1 − Σ(est − true)² / Σ(true − mean true)²: 1 for perfect estimates, 0 for
     * estimates no better than the truth's mean, negative for worse. NaN when the truth does not vary (or is empty).
     */
    public static double r2(double[] truth, double[] est) {
        requireSameLength(truth, est, "truth", "est");
        double[] residual = new double[truth.length];
        for (int i = 0; i < truth.length; i++) residual[i] = est[i] - truth[i];
        return r2FromResiduals(truth, residual);
    }

    /**
     * Metrics of one parameter. {@code trueQ} holds the true axis ratios, needed for {@link Parameter#PA} (PA outliers
     * count only where true q &lt; 0.9) and ignored, and may be null, otherwise. For PA, R² uses the wrapped
     * difference as the residual. Rows whose estimate is NaN or infinite are counted as failed and left out.
     *
     * @throws IllegalArgumentException when the arrays differ in length or a true value is unusable
     */
    public static ParameterMetrics of(Parameter p, double[] truth, double[] est, double[] trueQ, BootstrapSettings b) {
        Objects.requireNonNull(p, "parameter");
        Objects.requireNonNull(b, "bootstrap settings");
        requireSameLength(truth, est, "truth", "est");
        if (p == Parameter.PA) {
            if (trueQ == null) throw new IllegalArgumentException("PA metrics need the true axis ratios (trueQ)");
            requireSameLength(truth, trueQ, "truth", "trueQ");
        }
        int rows = truth.length;
        for (int i = 0; i < rows; i++) {
            if (!Double.isFinite(truth[i]))
                throw new IllegalArgumentException("true " + p.column() + " of row " + i + " is not finite (" + truth[i] + ")");
            if (p.relative() && truth[i] == 0)
                throw new IllegalArgumentException("true " + p.column() + " of row " + i + " is 0, so its relative error is undefined");
            if (p == Parameter.PA && Double.isNaN(trueQ[i]))
                throw new IllegalArgumentException("true q of row " + i + " is NaN");
        }

        int n = 0;
        for (double e : est) if (Double.isFinite(e)) n++;
        double[] delta = new double[n], usedTruth = new double[n], residual = new double[n];
        boolean[] counted = new boolean[n], outlier = new boolean[n];
        int outlierRows = 0, outliers = 0;
        for (int i = 0, k = 0; i < rows; i++) {
            if (!Double.isFinite(est[i])) continue;
            delta[k] = p.delta(est[i], truth[i]);
            usedTruth[k] = truth[i];
            residual[k] = p == Parameter.PA ? delta[k] : est[i] - truth[i];
            counted[k] = p.outlierCounted(p == Parameter.PA ? trueQ[i] : Double.NaN);
            outlier[k] = counted[k] && p.isOutlier(delta[k]);
            if (counted[k]) outlierRows++;
            if (outlier[k]) outliers++;
            k++;
        }

        double[] work = delta.clone();
        double medianBias = OrderStatistics.medianInPlace(work, n);
        double nmad = NMAD_SCALE * OrderStatistics.absDeviationMedianInPlace(work, n, medianBias);
        double fraction = outlierRows == 0 ? Double.NaN : (double) outliers / outlierRows;
        RowBootstrap.Intervals ci = RowBootstrap.run(delta, counted, outlier, b);
        return new ParameterMetrics(p, n, rows - n, medianBias, ci.medianBias(), nmad, ci.nmad(),
                outlierRows, outliers, fraction, ci.outlierFraction(), r2FromResiduals(usedTruth, residual), b);
    }

    /**
     * Metrics of all eight parameters, in {@link Parameter} order, for paired truth and estimates; an estimate may
     * be null (a failed fit: counted as failed for every parameter). The zero-point turns fluxes into magnitudes; an
     * estimated flux ≤ 0 has no magnitude and counts as a failed magnitude only.
     */
    public static List<ParameterMetrics> all(List<SersicParams> truth, List<SersicParams> est, double zeropoint, BootstrapSettings b) {
        Objects.requireNonNull(truth, "truth");
        double[] zp = new double[truth.size()];
        Arrays.fill(zp, zeropoint);
        return all(truth, est, zp, b);
    }

    /**
     * As {@link #all(List, List, double, BootstrapSettings)}, each row with its own zero-point (stamps of a set may
     * differ); {@code zeropoints} holds one value per row.
     */
    public static List<ParameterMetrics> all(List<SersicParams> truth, List<SersicParams> est, double[] zeropoints,
                                             BootstrapSettings b) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(est, "est");
        Objects.requireNonNull(zeropoints, "zeropoints");
        if (truth.size() != est.size())
            throw new IllegalArgumentException("truth has " + truth.size() + " rows but est has " + est.size());
        if (truth.size() != zeropoints.length)
            throw new IllegalArgumentException("truth has " + truth.size() + " rows but zeropoints has " + zeropoints.length);
        int rows = truth.size();
        double[] trueQ = new double[rows];
        for (int i = 0; i < rows; i++) {
            SersicParams t = truth.get(i);
            if (t == null) throw new IllegalArgumentException("true parameters of row " + i + " are missing");
            trueQ[i] = t.q();
        }
        List<ParameterMetrics> out = new ArrayList<>(Parameter.values().length);
        for (Parameter p : Parameter.values()) {
            double[] tv = new double[rows], ev = new double[rows];
            for (int i = 0; i < rows; i++) {
                tv[i] = p.value(truth.get(i), zeropoints[i]);
                SersicParams e = est.get(i);
                ev[i] = e == null ? Double.NaN : p.value(e, zeropoints[i]);
            }
            out.add(of(p, tv, ev, trueQ, b));
        }
        return List.copyOf(out);
    }

    private static double r2FromResiduals(double[] truth, double[] residual) {
        int n = truth.length;
        if (n == 0) return Double.NaN;
        double mean = 0;
        for (double t : truth) mean += t;
        mean /= n;
        double ssTot = 0, ssRes = 0;
        for (int i = 0; i < n; i++) {
            double d = truth[i] - mean;
            ssTot += d * d;
            ssRes += residual[i] * residual[i];
        }
        return ssTot == 0 ? Double.NaN : 1 - ssRes / ssTot;
    }

    private static double[] copyWithoutNaN(double[] values) {
        Objects.requireNonNull(values, "values");
        for (int i = 0; i < values.length; i++)
            if (Double.isNaN(values[i])) throw new IllegalArgumentException("value " + i + " is NaN");
        return values.clone();
    }

    private static void requireSameLength(double[] a, double[] b, String nameA, String nameB) {
        Objects.requireNonNull(a, nameA);
        Objects.requireNonNull(b, nameB);
        if (a.length != b.length)
            throw new IllegalArgumentException(nameA + " has " + a.length + " values but " + nameB + " has " + b.length);
    }
}
