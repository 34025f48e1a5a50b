package org.sersic4j.validation.galnet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sersic4j.compare.Metrics;
import org.sersic4j.compare.Parameter;
import org.sersic4j.compare.result.ComparisonResult;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.compare.result.EstimatorMetrics;
import org.sersic4j.compare.result.EstimatorRun;
import org.sersic4j.compare.result.RealGalaxyRow;
import org.sersic4j.compare.result.TruthRow;
import org.sersic4j.validation.Claim;

/**
 * The claims of the GaLNet paper ("a CNN that reads Sérsic parameters from a galaxy stamp and its PSF") checked on a
 * comparison of the network ({@value #CNN}) with Levenberg–Marquardt ({@value #LM}, our GALFIT): accuracy on
 * simulated galaxies (outlier fractions and NMAD of r_e and n, the parameters the paper singles out), fit quality on
 * real galaxies (reduced χ²), and speed. Every ratio is the network's over the fit's, with a paired bootstrap interval.
 */
public final class GalnetClaims {
    /** The estimators compared. */
    public static final String CNN = "cnn", LM = "lm";
    /** GaLNet's mean reduced χ² on real HSC galaxies relative to GALFIT's: "about 37% lower". */
    public static final double PAPER_REAL_CHI2_RATIO = 0.63;
    /** GaLNet's throughput: about 2×10⁴ galaxies in about 20 s on a GPU. */
    public static final double PAPER_GALAXIES_PER_SECOND = 1000;
    /** "Orders of magnitude" faster than GALFIT, read as at least two. */
    public static final double PAPER_SPEEDUP = 100;
    /** The rule of the accuracy and χ² claims. */
    public static final String BELOW_ONE_RULE = "held when the 95% paired-bootstrap interval of the ratio (network / fit) lies "
            + "below 1: the network significantly better";

    private GalnetClaims() {}

    /**
     * The claims.
     *
     * @param r                 a comparison in which both {@value #CNN} and {@value #LM} ran
     * @param singlePassPerSec  the network's throughput without MC-dropout passes, measured on this machine
     * @param resamples         bootstrap resamples of the intervals
     * @param seed              seed of the bootstrap
     * @param machine           where the speed was measured, in words
     */
    public static List<Claim> of(ComparisonResult r, double singlePassPerSec, int resamples, long seed, String machine) {
        List<Claim> out = new ArrayList<>();
        for (Parameter p : List.of(Parameter.RE, Parameter.N)) {
            double[][] d = pairedErrors(r, p);
            double[][] abs = {absolute(d[0]), absolute(d[1])};
            double thr = p.outlierThreshold();
            PairedRatio o = PairedRatio.of(abs[0], abs[1], v -> outlierFraction(v, thr), resamples, seed);
            out.add(new Claim("sim-outliers-" + p.column(), "On simulated galaxies the network has fewer " + p.column()
                    + " outliers (|Δ| > 15%) than the classical fit", "fewer than GALFIT's (no single number given)", Double.NaN,
                    String.format(Locale.ROOT, "%.3f vs %.3f (ratio %.2f)", outlierFraction(abs[0], thr), outlierFraction(abs[1], thr),
                            o.ratio()), o.ratio(), o.low(), o.high(), o.high() < 1, BELOW_ONE_RULE));
            PairedRatio m = PairedRatio.of(d[0], d[1], Metrics::nmad, resamples, seed + 1);
            out.add(new Claim("sim-nmad-" + p.column(), "On simulated galaxies the network's " + p.column()
                    + " is more precise (smaller NMAD of Δ) than the classical fit's", "more accurate than GALFIT (no single number given)",
                    Double.NaN, String.format(Locale.ROOT, "NMAD %.3f vs %.3f (ratio %.2f)", Metrics.nmad(d[0]), Metrics.nmad(d[1]),
                            m.ratio()), m.ratio(), m.low(), m.high(), m.high() < 1, BELOW_ONE_RULE));
        }
        double[][] chi2 = realChi2(r);
        PairedRatio c = PairedRatio.of(chi2[0], chi2[1], GalnetClaims::mean, resamples, seed + 3);
        out.add(new Claim("real-chi2", "On real survey galaxies the network's answers fit the data better than the classical fit's: "
                + "mean reduced χ² about 37% lower", "ratio 0.63 (37% lower), HSC-SSP galaxies", PAPER_REAL_CHI2_RATIO,
                String.format(Locale.ROOT, "ratio %.2f on %d real galaxies (mean χ²ν %.2f vs %.2f)", c.ratio(), chi2[0].length,
                        mean(chi2[0]), mean(chi2[1])), c.ratio(), c.low(), c.high(), c.high() < 1, BELOW_ONE_RULE));
        out.add(new Claim("throughput", "The network measures about 1,000 galaxies per second", "≈1,000 galaxies/s (2×10⁴ in ~20 s on a GPU)",
                PAPER_GALAXIES_PER_SECOND, String.format(Locale.ROOT, "%.0f galaxies/s, one pass, %s", singlePassPerSec, machine),
                singlePassPerSec, Double.NaN, Double.NaN, singlePassPerSec >= PAPER_GALAXIES_PER_SECOND,
                "held when our single-pass throughput (no MC-dropout passes; stamps already in memory) reaches 1,000 galaxies/s"));
        double lmRate = timing(r, LM);
        double speedup = singlePassPerSec / lmRate;
        out.add(new Claim("speedup", "The network is orders of magnitude faster than the classical fit", "orders of magnitude (on GPUs)",
                PAPER_SPEEDUP, String.format(Locale.ROOT, "%.0f× (%.0f vs %.1f galaxies/s, same machine, every core)", speedup,
                        singlePassPerSec, lmRate), speedup, Double.NaN, Double.NaN, speedup >= PAPER_SPEEDUP,
                "held when the network's single-pass throughput is at least 100 times the fit's, both on every core of the same machine"));
        return out;
    }

    /**
     * Δ of the network (row 0) and of the fit (row 1) over the truth rows both answered with a finite value, in the
     * truth's order.
     */
    static double[][] pairedErrors(ComparisonResult r, Parameter p) {
        Map<String, Estimate> cnn = byId(run(r, CNN)), lm = byId(run(r, LM));
        List<double[]> rows = new ArrayList<>();
        for (TruthRow t : r.truth()) {
            double a = delta(p, t, cnn.get(t.id())), b = delta(p, t, lm.get(t.id()));
            if (Double.isFinite(a) && Double.isFinite(b)) rows.add(new double[] {a, b});
        }
        double[][] d = new double[2][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            d[0][i] = rows.get(i)[0];
            d[1][i] = rows.get(i)[1];
        }
        return d;
    }

    private static double[] absolute(double[] v) {
        return Arrays.stream(v).map(Math::abs).toArray();
    }

    private static double delta(Parameter p, TruthRow t, Estimate e) {
        if (e == null || e.params() == null) return Double.NaN;
        return p.delta(p.value(e.params(), t.zeropoint()), p.value(t.truth(), t.zeropoint()));
    }

    /** Per real galaxy both answered with a finite score, χ²ν of the network (row 0) and of the fit (row 1). */
    static double[][] realChi2(ComparisonResult r) {
        Map<String, Double> cnn = new HashMap<>(), lm = new HashMap<>();
        for (RealGalaxyRow row : r.real()) {
            if (CNN.equals(row.estimator())) cnn.put(row.id(), row.chi2nu());
            if (LM.equals(row.estimator())) lm.put(row.id(), row.chi2nu());
        }
        List<String> ids = cnn.keySet().stream().filter(id -> lm.containsKey(id) && Double.isFinite(cnn.get(id))
                && Double.isFinite(lm.get(id))).sorted().toList();
        double[][] out = new double[2][ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            out[0][i] = cnn.get(ids.get(i));
            out[1][i] = lm.get(ids.get(i));
        }
        return out;
    }

    private static EstimatorRun run(ComparisonResult r, String name) {
        return r.runs().stream().filter(x -> name.equals(x.estimator())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the comparison has no '" + name + "' estimator (the GaLNet campaign needs "
                        + CNN + " and " + LM + ")"));
    }

    private static double timing(ComparisonResult r, String name) {
        for (EstimatorMetrics m : r.metrics()) if (name.equals(m.estimator())) return m.timing().galaxiesPerSecond();
        return Double.NaN;
    }

    private static Map<String, Estimate> byId(EstimatorRun run) {
        Map<String, Estimate> m = new HashMap<>();
        for (Estimate e : run.estimates()) m.put(e.id(), e);
        return m;
    }

    static double outlierFraction(double[] absoluteErrors, double threshold) {
        if (absoluteErrors.length == 0) return Double.NaN;
        int k = 0;
        for (double v : absoluteErrors) if (v > threshold) k++;
        return (double) k / absoluteErrors.length;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}
