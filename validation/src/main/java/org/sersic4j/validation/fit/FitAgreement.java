package org.sersic4j.validation.fit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitResult;
import org.sersic4j.render.SersicParams;

/**
 * How closely two fitters agree on the same stamps, in units of the reference's error bars: among the galaxies both
 * converge on, the fraction whose every parameter with a finite error bar differs by at most 0.1σ (PA modulo 180°),
 * and per parameter the largest and the 99th-percentile |Δ|/σ. The same fraction without the fits where either path
 * ends at a bound (there the error bar does not describe the likelihood), and, among the galaxies that disagree, how
 * often the other path found the higher likelihood: two optimisers on a multimodal likelihood can end in different
 * optima, and this says which one is better.
 */
public final class FitAgreement {
    /** The tolerance, in error bars. */
    public static final double TOLERANCE = 0.1;

    private FitAgreement() {}

    /** |Δ|/σ of parameter k between a reference fit and another, PA modulo 180°; NaN without a finite error bar. */
    static double pull(FitResult reference, FitResult other, int k) {
        double e = reference.errors()[k];
        if (!(e > 0) || !Double.isFinite(e)) return Double.NaN;
        double d = other.params().toArray()[k] - reference.params().toArray()[k];
        if (k == 6) d = ((d % 180) + 270) % 180 - 90;
        return Math.abs(d) / e;
    }

    /** The agreement of {@code other} with {@code reference}, stamp by stamp (same order). */
    public static Map<String, Object> of(List<FitResult> reference, List<FitResult> other) {
        if (reference.size() != other.size()) throw new IllegalArgumentException("the two lists differ in length");
        int both = 0, within = 0, refOnly = 0, otherOnly = 0, inside = 0, insideWithin = 0, disagree = 0, otherBetter = 0;
        double[][] pulls = new double[SersicParams.COUNT][reference.size()];
        int[] counts = new int[SersicParams.COUNT];
        for (int i = 0; i < reference.size(); i++) {
            FitResult a = reference.get(i), b = other.get(i);
            if (a.converged() && !b.converged()) refOnly++;
            if (!a.converged() && b.converged()) otherOnly++;
            if (!a.converged() || !b.converged()) continue;
            both++;
            boolean ok = true;
            for (int k = 0; k < SersicParams.COUNT; k++) {
                double p = pull(a, b, k);
                if (Double.isNaN(p)) continue;
                pulls[k][counts[k]++] = p;
                ok &= p <= TOLERANCE;
            }
            if (ok) within++;
            boolean atBound = ((a.flags() | b.flags()) & FitFlags.AT_BOUND) != 0;
            if (!atBound) {
                inside++;
                if (ok) insideWithin++;
            }
            if (!ok) {
                disagree++;
                if (b.logL() > a.logL()) otherBetter++;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("both_converged", both);
        out.put("only_reference_converged", refOnly);
        out.put("only_other_converged", otherOnly);
        out.put("within_tenth_sigma", both == 0 ? Double.NaN : within / (double) both);
        out.put("both_converged_off_bounds", inside);
        out.put("within_tenth_sigma_off_bounds", inside == 0 ? Double.NaN : insideWithin / (double) inside);
        out.put("disagreeing", disagree);
        out.put("disagreeing_where_other_has_higher_logl", otherBetter);
        Map<String, Object> per = new LinkedHashMap<>();
        for (int k = 0; k < SersicParams.COUNT; k++) {
            double[] p = java.util.Arrays.copyOf(pulls[k], counts[k]);
            java.util.Arrays.sort(p);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("max_pull", p.length == 0 ? Double.NaN : p[p.length - 1]);
            m.put("p99_pull", p.length == 0 ? Double.NaN : p[Math.min(p.length - 1, (int) Math.floor(0.99 * p.length))]);
            m.put("median_pull", p.length == 0 ? Double.NaN : p[p.length / 2]);
            per.put(SersicParams.NAMES[k], m);
        }
        out.put("per_parameter", per);
        return out;
    }
}
