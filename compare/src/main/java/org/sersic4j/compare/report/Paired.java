package org.sersic4j.compare.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.compare.Parameter;
import org.sersic4j.compare.result.ComparisonResult;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.compare.result.EstimatorRun;
import org.sersic4j.compare.result.TruthRow;
import org.sersic4j.render.SersicParams;

/**
 * One estimator's values of one parameter paired with the truth, over the galaxies where both are finite.
 *
 * @param estimator the estimator's name
 * @param parameter the parameter
 * @param truth     true values
 * @param estimate  estimated values, same length and order as {@code truth}
 * @param missing   truth rows without a finite estimate (no answer, null parameters, or a non-finite value)
 */
public record Paired(String estimator, Parameter parameter, double[] truth, double[] estimate, int missing) {

    public Paired {
        if (truth.length != estimate.length)
            throw new IllegalArgumentException("truth has " + truth.length + " values but estimate has " + estimate.length);
    }

    /** The pairs of every run of a result for one parameter, in run order; estimates are matched to truth rows by id. */
    public static List<Paired> of(ComparisonResult result, Parameter parameter) {
        List<TruthRow> truthRows = ComparisonReport.listOrEmpty(result.truth());
        List<Paired> out = new ArrayList<>();
        for (EstimatorRun run : ComparisonReport.listOrEmpty(result.runs())) {
            Map<String, SersicParams> byId = new HashMap<>();
            for (Estimate e : ComparisonReport.listOrEmpty(run.estimates()))
                if (e != null && e.params() != null) byId.putIfAbsent(e.id(), e.params());
            double[] t = new double[truthRows.size()], est = new double[truthRows.size()];
            int k = 0;
            for (TruthRow row : truthRows) {
                SersicParams p = row == null || row.truth() == null ? null : byId.get(row.id());
                if (p == null) continue;
                double tv = parameter.value(row.truth(), row.zeropoint()), ev = parameter.value(p, row.zeropoint());
                if (!Double.isFinite(tv) || !Double.isFinite(ev)) continue;
                t[k] = tv;
                est[k] = ev;
                k++;
            }
            out.add(new Paired(run.estimator(), parameter, Arrays.copyOf(t, k), Arrays.copyOf(est, k),
                    truthRows.size() - k));
        }
        return out;
    }

    /** The number of pairs. */
    public int size() {
        return truth.length;
    }

    /** The errors Δ of the pairs as {@link Parameter#delta} defines them (non-finite where a relative truth is 0). */
    public double[] deltas() {
        double[] d = new double[truth.length];
        for (int i = 0; i < d.length; i++) d[i] = parameter.delta(estimate[i], truth[i]);
        return d;
    }
}
