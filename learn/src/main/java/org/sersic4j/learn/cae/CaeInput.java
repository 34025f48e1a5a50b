package org.sersic4j.learn.cae;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sersic4j.learn.TrainingBatch;
import org.sersic4j.render.SersicParams;

/**
 * What the conditional autoencoder sees and what its two physical latents are trained to be.
 *
 * <p>Input: each noisy, sky-subtracted stamp v in ADU through one fixed stretch, the same for every stamp,
 * x = clip(asinh(v/a) / asinh(M/a), 0, 1) with a = {@code input.softening} and M = {@code input.ceiling}: pixels in
 * [0, 1] as the binary cross-entropy needs, faint wings and bright cores both visible, and the flux still in the stamp
 * (a per-stamp division by the peak would remove it). Because the stretch is non-linear, the flux is not a linear
 * function of x. The {@linkplain #linear flux-preserving alternative} v/M keeps it linear: there the sum of the pixels
 * is the flux on the stamp divided by M, and a linear regression on the pixels (or on enough principal components of
 * them) recovers it.
 *
 * <p>Targets: z1 = log10 flux and z2 = log10 r_e [px], each mapped linearly from the training range onto [−1, 1].
 */
public final class CaeInput {
    private final double softening, ceiling, norm;
    private final double logFluxLo, logFluxHi, logReLo, logReHi;
    private final int side;

    /** The input and targets of a configuration. */
    public CaeInput(CaeConfig cfg) {
        this.softening = cfg.input().softening();
        this.ceiling = cfg.input().ceiling();
        this.norm = asinh(ceiling / softening);
        var d = cfg.data();
        this.logFluxLo = Math.log10(d.ranges().flux().min());
        this.logFluxHi = Math.log10(d.ranges().flux().max());
        this.logReLo = Math.log10(d.rePx().min());
        this.logReHi = Math.log10(d.rePx().max());
        if (!(logFluxHi > logFluxLo) || !(logReHi > logReLo))
            throw new IllegalArgumentException("data.ranges: the CAE needs a range of flux and of r_e to learn them (both are fixed)");
        this.side = d.stampSize();
    }

    /** A stamp in ADU (sky-subtracted) stretched into [0, 1]. */
    public float stretch(double adu) {
        double x = asinh(adu / softening) / norm;
        return (float) Math.min(1, Math.max(0, x));
    }

    /** The inverse of the stretch: the ADU of a stretched value in [0, 1]. */
    public double unstretch(double x) {
        return softening * Math.sinh(x * norm);
    }

    /** The flux-preserving (linear) alternative: ADU / ceiling, not clipped. */
    public float linear(double adu) {
        return (float) (adu / ceiling);
    }

    /** The stamps of a batch in ADU (the renderer's scaled stamps times their scales), row-major, one row per stamp. */
    public static float[] adu(TrainingBatch b) {
        int pixels = b.stamps().length / b.size();
        float[] out = new float[b.stamps().length];
        for (int i = 0; i < b.size(); i++) {
            double s = b.scales().get(i).scale();
            for (int k = 0; k < pixels; k++) out[i * pixels + k] = (float) (b.stamps()[i * pixels + k] * s);
        }
        return out;
    }

    /** Stamps in ADU (row-major, one after another) stretched, as the network's (B, 1, S, S) input. */
    public INDArray network(float[] adu) {
        return Nd4j.create(stretched(adu), new long[] {adu.length / (side * side), 1, side, side}, 'c');
    }

    /** Stamps in ADU (row-major, one after another) stretched, in the same order: the network's input as floats. */
    public float[] stretched(float[] adu) {
        float[] x = new float[adu.length];
        for (int i = 0; i < x.length; i++) x[i] = stretch(adu[i]);
        return x;
    }

    /** A batch as the network's input. */
    public INDArray network(TrainingBatch b) {
        return network(adu(b));
    }

    /** The targets of z1 and z2 for a galaxy. */
    public float[] targets(SersicParams p) {
        return new float[] {(float) scaled(Math.log10(p.flux()), logFluxLo, logFluxHi), (float) scaled(Math.log10(p.re()), logReLo, logReHi)};
    }

    /** The targets of a batch, (B, 2). */
    public INDArray targets(TrainingBatch b) {
        float[] t = new float[2 * b.size()];
        for (int i = 0; i < b.size(); i++) System.arraycopy(targets(b.truth().get(i)), 0, t, 2 * i, 2);
        return Nd4j.create(t, new long[] {b.size(), 2}, 'c');
    }

    /** The flux [ADU] that z1 stands for. */
    public double flux(double z1) {
        return Math.pow(10, unscaled(z1, logFluxLo, logFluxHi));
    }

    /** The r_e [px] that z2 stands for. */
    public double re(double z2) {
        return Math.pow(10, unscaled(z2, logReLo, logReHi));
    }

    /** The stamp side [px]. */
    public int side() {
        return side;
    }

    /** The input normalisation and the targets, in words, for cards and reports. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "x = clip(asinh(v / %s ADU) / asinh(%s ADU / %s ADU), 0, 1) of each sky-subtracted "
                + "stamp v in ADU (one fixed, non-linear stretch for every stamp); targets z1 = log10 flux and z2 = log10 r_e [px], each "
                + "mapped linearly from the training range onto [-1, 1]", num(softening), num(ceiling), num(softening));
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static double scaled(double v, double lo, double hi) {
        return 2 * (v - lo) / (hi - lo) - 1;
    }

    private static double unscaled(double t, double lo, double hi) {
        return lo + (t + 1) / 2 * (hi - lo);
    }

    private static double asinh(double v) {
        return Math.log(v + Math.sqrt(v * v + 1));
    }
}
