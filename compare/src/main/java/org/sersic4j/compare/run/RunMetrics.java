package org.sersic4j.compare.run;

import java.util.ArrayList;
import java.util.List;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.Metrics;
import org.sersic4j.compare.result.DataScore;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.compare.result.EstimatorMetrics;
import org.sersic4j.compare.result.EstimatorRun;
import org.sersic4j.compare.result.Timing;
import org.sersic4j.compare.result.TruthRow;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.render.SersicParams;

/**
 * The metrics of one estimator's run over some rows of a truth set: parameter metrics ({@link Metrics#all}, each row
 * with its own zero-point), timing, median χ²ν and log L (over the rows where they are finite), and the count of
 * rows flagged with anything but "converged".
 *
 * <p>Throughput: the run's galaxies per second ({@link Throughput}) scaled, for a subset of rows, by how much longer or
 * shorter its galaxies took on average than the whole set's: galaxies/s × mean seconds (all) / mean seconds (subset).
 */
final class RunMetrics {
    private RunMetrics() {}

    /** The run's galaxies per second and mean seconds per galaxy over the whole set. */
    record Throughput(double galaxiesPerSecond, double meanSeconds) {
        /**
         * From the wall time of the call when the estimator timed itself here; otherwise (times recorded elsewhere) one
         * worker's rate, galaxies / Σ seconds.
         */
        static Throughput of(List<Estimate> estimates, double wallSeconds, boolean timedHere) {
            double sum = 0;
            int n = 0;
            for (Estimate e : estimates) {
                if (Double.isFinite(e.seconds())) {
                    sum += e.seconds();
                    n++;
                }
            }
            double mean = n == 0 ? Double.NaN : sum / n;
            double gps = timedHere ? estimates.size() / wallSeconds : n / sum;
            return new Throughput(Double.isFinite(gps) ? gps : Double.NaN, mean);
        }
    }

    /** The metrics of {@code rows} (indices into the truth and the run). */
    static EstimatorMetrics of(List<TruthRow> truth, EstimatorRun run, int[] rows, BootstrapSettings b, Throughput all) {
        List<SersicParams> t = new ArrayList<>(rows.length), e = new ArrayList<>(rows.length);
        double[] zp = new double[rows.length];
        List<Double> seconds = new ArrayList<>(), chi2 = new ArrayList<>(), logl = new ArrayList<>();
        int flagged = 0;
        for (int k = 0; k < rows.length; k++) {
            int i = rows[k];
            Estimate est = run.estimates().get(i);
            DataScore s = run.scores().get(i);
            t.add(truth.get(i).truth());
            e.add(est.params());
            zp[k] = truth.get(i).zeropoint();
            if (Double.isFinite(est.seconds())) seconds.add(est.seconds());
            if (Double.isFinite(s.chi2nu())) chi2.add(s.chi2nu());
            if (Double.isFinite(s.logl())) logl.add(s.logl());
            if ((est.flags() & ~FitFlags.CONVERGED) != 0) flagged++;
        }
        return new EstimatorMetrics(run.estimator(), Metrics.all(t, e, zp, b), timing(seconds, all),
                Metrics.median(array(chi2)), Metrics.median(array(logl)), flagged);
    }

    private static Timing timing(List<Double> seconds, Throughput all) {
        double[] s = array(seconds);
        if (s.length == 0) return new Timing(Double.NaN, Double.NaN, Double.NaN);
        double mean = 0;
        for (double v : s) mean += v;
        mean /= s.length;
        double gps = mean > 0 ? all.galaxiesPerSecond() * all.meanSeconds() / mean : all.galaxiesPerSecond();
        return new Timing(Metrics.median(s), Metrics.quantile(s, 0.95), gps);
    }

    static double[] array(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) a[i] = values.get(i);
        return a;
    }
}
