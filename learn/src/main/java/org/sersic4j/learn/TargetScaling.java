package org.sersic4j.learn;

import java.util.Arrays;
import org.sersic4j.render.SersicParams;

/**
 * The network's eight targets and their standardisation. A galaxy's parameters become
 * t = (Δmag, ln r_e, ln n, q, cos 2PA, sin 2PA, Δx, Δy), where Δmag = −2.5 log10(flux / s) with s the stamp's
 * {@link StampScaling scale}, and Δx, Δy are the centre's offsets [px] from the stamp's centre ((size + 1)/2, FITS
 * 1-based). PA is periodic (180°), so it is learnt as the point (cos 2PA, sin 2PA) and read back as ½ atan2. Each
 * target is then standardised, z = (t − mean)/std, with mean and std measured on the training stream.
 *
 * @param mean per-target mean
 * @param std  per-target standard deviation
 */
public record TargetScaling(double[] mean, double[] std) {
    /** Number of targets. */
    public static final int COUNT = 8;
    /** Target names, in order. */
    public static final String[] NAMES = {"dmag", "ln_re", "ln_n", "q", "cos2pa", "sin2pa", "dx", "dy"};

    public TargetScaling {
        if (mean == null || std == null || mean.length != COUNT || std.length != COUNT)
            throw new IllegalArgumentException("target scaling needs " + COUNT + " means and standard deviations");
        for (double s : std) if (!(s > 0)) throw new IllegalArgumentException("target standard deviations must be > 0");
        mean = mean.clone();
        std = std.clone();
    }

    /** The raw (unstandardised) targets of a galaxy in a stamp of scale {@code scale} centred at {@code centre}. */
    public static double[] raw(SersicParams p, double scale, double centre) {
        double a = Math.toRadians(2 * p.pa());
        return new double[]{-2.5 * Math.log10(p.flux() / scale), Math.log(p.re()), Math.log(p.n()), p.q(),
                Math.cos(a), Math.sin(a), p.x0() - centre, p.y0() - centre};
    }

    /** Mean and standard deviation of each column of raw targets (one row per galaxy). */
    public static TargetScaling measure(double[][] rawTargets) {
        double[] m = new double[COUNT], s = new double[COUNT];
        for (double[] t : rawTargets) for (int k = 0; k < COUNT; k++) m[k] += t[k];
        for (int k = 0; k < COUNT; k++) m[k] /= rawTargets.length;
        for (double[] t : rawTargets) for (int k = 0; k < COUNT; k++) s[k] += (t[k] - m[k]) * (t[k] - m[k]);
        for (int k = 0; k < COUNT; k++) s[k] = Math.max(Math.sqrt(s[k] / Math.max(1, rawTargets.length - 1)), 1e-6);
        return new TargetScaling(m, s);
    }

    /** The standardised targets of a galaxy. */
    public float[] encode(SersicParams p, double scale, double centre) {
        double[] t = raw(p, scale, centre);
        float[] z = new float[COUNT];
        for (int k = 0; k < COUNT; k++) z[k] = (float) ((t[k] - mean[k]) / std[k]);
        return z;
    }

    /** Raw targets from standardised network outputs. */
    public double[] unstandardise(float[] z) {
        double[] t = new double[COUNT];
        for (int k = 0; k < COUNT; k++) t[k] = z[k] * std[k] + mean[k];
        return t;
    }

    /**
     * The galaxy whose raw targets are {@code t} in a stamp of scale {@code scale} centred at {@code centre}. q is
     * clamped into [0.02, 1]; a (cos, sin) point at the origin gives PA 0.
     */
    public static SersicParams decode(double[] t, double scale, double centre) {
        double flux = scale * Math.pow(10, -0.4 * t[0]);
        double q = Math.min(1.0, Math.max(0.02, t[3]));
        double pa = SersicParams.normalisePa(0.5 * Math.toDegrees(Math.atan2(t[5], t[4])));
        return new SersicParams(centre + t[6], centre + t[7], flux, Math.exp(t[1]), Math.exp(t[2]), q, pa);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TargetScaling t && Arrays.equals(mean, t.mean) && Arrays.equals(std, t.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }
}
