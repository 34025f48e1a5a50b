package org.sersic4j.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Are the quoted 1σ errors honest? Over a truth set, the pulls z = (est − true)/σ of one parameter should have unit
 * spread and about 68.3% of them should lie within ±1. PA differences are wrapped into (−90°, 90°]. Rows without a
 * finite estimate or a finite, positive error are left out and counted.
 *
 * @param parameter   the parameter
 * @param count       pulls used
 * @param skipped     rows left out (no estimate or no usable error)
 * @param medianPull  median z (0 when unbiased)
 * @param nmadPull    1.4826·MAD of z (1 when calibrated; &lt; 1: errors too large, &gt; 1: too small)
 * @param within1Sigma fraction with |z| ≤ 1 (0.683 when calibrated and Gaussian)
 */
public record ErrorCalibration(Parameter parameter, int count, int skipped, double medianPull, double nmadPull,
                               double within1Sigma) {

    /** The calibration of one parameter from truths, estimates and errors (equal lengths). */
    public static ErrorCalibration of(Parameter p, double[] truth, double[] est, double[] err) {
        List<Double> z = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = p == Parameter.PA ? Parameter.wrapPa(est[i] - truth[i]) : est[i] - truth[i];
            if (!Double.isFinite(d) || !(err[i] > 0) || !Double.isFinite(err[i])) {
                skipped++;
                continue;
            }
            z.add(d / err[i]);
        }
        double[] a = z.stream().mapToDouble(Double::doubleValue).toArray();
        int within = 0;
        for (double v : a) if (Math.abs(v) <= 1) within++;
        return new ErrorCalibration(p, a.length, skipped, Metrics.median(a), a.length == 0 ? Double.NaN : Metrics.nmad(a),
                a.length == 0 ? Double.NaN : within / (double) a.length);
    }

    /** The fields by name, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parameter", parameter.column());
        m.put("count", count);
        m.put("skipped", skipped);
        m.put("median_pull", finiteOrNull(medianPull));
        m.put("nmad_pull", finiteOrNull(nmadPull));
        m.put("within_1sigma", finiteOrNull(within1Sigma));
        return m;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
