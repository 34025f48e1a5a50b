package org.sersic4j.learn.cnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sersic4j.learn.ModelCard;
import org.sersic4j.learn.ModelStore;
import org.sersic4j.learn.StampScaling;
import org.sersic4j.learn.TargetScaling;
import org.sersic4j.render.SersicParams;

/**
 * Runs a trained {@link SersicCnn} on stamps: scales each stamp ({@link StampScaling}), predicts in batches, decodes
 * the targets ({@link TargetScaling}), adds MC-dropout uncertainties when asked, and flags answers it should not be
 * trusted with: r_e, n, q or the centre outside the training ranges (by more than 10% of each range), or inputs unlike
 * the training data (peak S/N or PSF width outside the ranges seen in training). Flux is not checked: the network
 * sees the stamp divided by its scale, whatever the flux unit. A stamp of the wrong size is an error; a PSF stamp of another odd size is
 * centred and cropped or zero-padded to the network's. Non-finite pixels are set to 0 and flagged.
 */
public final class CnnPredictor {
    /** Flag bit: the answer or the input lies outside the network's training range (same bit as in catalogues). */
    public static final int OUT_OF_TRAINING_RANGE = 32;
    /** Flag bit: some pixels were not finite and were set to 0 (same bit as "masked pixels" in catalogues). */
    public static final int MASKED_PIXELS = 16;
    /** The inference workspace modes of ND4J, by name ({@code ENABLED}, {@code NONE}). */
    public static final List<String> WORKSPACE_MODES = List.of(WorkspaceMode.ENABLED.name(), WorkspaceMode.NONE.name());

    private static final double RANGE_MARGIN = 0.1;
    private static final String[] NAMES = SersicParams.NAMES;

    private final ComputationGraph graph;
    private final ModelCard card;
    private final String source;

    /** A predictor over a loaded model. */
    public CnnPredictor(ModelStore.Loaded model) {
        this.graph = model.graph();
        this.card = model.card();
        this.source = model.source();
    }

    /** The model's card. */
    public ModelCard card() {
        return card;
    }

    /** The network. */
    public ComputationGraph graph() {
        return graph;
    }

    /** Where the model came from. */
    public String source() {
        return source;
    }

    /** The network's number of parameters. */
    public long parameterCount() {
        return graph.numParams();
    }

    /** The name of the inference workspace mode the network runs with (one of {@link #WORKSPACE_MODES}). */
    public String workspaceMode() {
        return graph.getConfiguration().getInferenceWorkspaceMode().name();
    }

    /** Runs inference with the named workspace mode (one of {@link #WORKSPACE_MODES}). */
    public void workspaceMode(String name) {
        graph.getConfiguration().setInferenceWorkspaceMode(WorkspaceMode.valueOf(name));
    }

    /**
     * Predicts a batch. Each stamp is {@code card().stampSize()}² row-major pixels (sky-subtracted); each PSF an odd
     * square, any normalisation; {@code psfs} holds one PSF per stamp or a single one for all.
     *
     * @param mcSamples dropout passes for uncertainties (0: none, errors NaN)
     * @throws IllegalArgumentException when a stamp has the wrong size
     */
    public List<CnnPrediction> predict(List<float[]> stamps, List<float[]> psfs, int mcSamples) {
        int n = stamps.size();
        if (n == 0) return List.of();
        if (psfs.size() != 1 && psfs.size() != n)
            throw new IllegalArgumentException("need one PSF or one per stamp (" + n + " stamps, " + psfs.size() + " PSFs)");
        int s = card.stampSize(), p = card.psfSize();
        float[] in = new float[n * s * s];
        float[] kin = new float[n * p * p];
        StampScaling.Scale[] scales = new StampScaling.Scale[n];
        boolean[] masked = new boolean[n];
        double[] fwhm = new double[n];
        float[] sharedPsf = null;
        double sharedFwhm = 0;
        for (int i = 0; i < n; i++) {
            float[] px = stamps.get(i);
            if (px.length != s * s)
                throw new IllegalArgumentException("stamp " + i + " has " + px.length + " pixels; this network takes "
                        + s + "×" + s + " stamps (" + s * s + " pixels)");
            float[] clean = px;
            for (int k = 0; k < px.length; k++) {
                if (!Float.isFinite(px[k])) {
                    if (clean == px) clean = px.clone();
                    clean[k] = 0f;
                    masked[i] = true;
                }
            }
            scales[i] = StampScaling.of(clean, s, s);
            StampScaling.scaleInto(clean, scales[i].scale(), in, i * s * s);
            float[] psf;
            if (psfs.size() == 1) {
                if (sharedPsf == null) {
                    sharedPsf = fitPsf(psfs.get(0), p);
                    sharedFwhm = PsfWidth.fwhm(sharedPsf, p);
                }
                psf = sharedPsf;
                fwhm[i] = sharedFwhm;
            } else {
                psf = fitPsf(psfs.get(i), p);
                fwhm[i] = PsfWidth.fwhm(psf, p);
            }
            StampScaling.scalePsfInto(psf, kin, i * p * p);
        }
        INDArray x = Nd4j.create(in, new long[]{n, 1, s, s}, 'c');
        INDArray k = Nd4j.create(kin, new long[]{n, 1, p, p}, 'c');
        float[] point = flat(graph.output(false, x, k)[0]);
        double[][][] mc = null;
        if (mcSamples > 0) {
            mc = new double[mcSamples][][];
            // output(train = true) fails inside DL4J's inference workspaces when dropout is on; a training-mode
            // feed-forward applies the dropout and returns detached activations
            for (int t = 0; t < mcSamples; t++) {
                float[] o = flat(graph.feedForward(new INDArray[]{x, k}, true).get(SersicCnn.OUTPUT));
                mc[t] = new double[n][];
                for (int i = 0; i < n; i++) mc[t][i] = decode(o, i, scales[i].scale()).toArray();
            }
        }
        List<CnnPrediction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SersicParams est = decode(point, i, scales[i].scale());
            double[] err = new double[NAMES.length];
            java.util.Arrays.fill(err, Double.NaN);
            if (mc != null) {
                for (int j = 0; j < NAMES.length; j++) {
                    double[] v = new double[mcSamples];
                    for (int t = 0; t < mcSamples; t++) v[t] = mc[t][i][j];
                    double sd = NAMES[j].equals("pa") ? AngleStats.axialStd(v) : std(v);
                    Double scale = card.errorScale() == null ? null : card.errorScale().get(NAMES[j]);
                    err[j] = sd * (scale == null ? 1.0 : scale);
                }
            }
            List<String> why = new ArrayList<>();
            checkRanges(est, scales[i].peakSnr(), fwhm[i], why);
            int flags = (why.isEmpty() ? 0 : OUT_OF_TRAINING_RANGE) | (masked[i] ? MASKED_PIXELS : 0);
            out.add(new CnnPrediction(est, err, flags, String.join("; ", why), scales[i].peakSnr()));
        }
        return out;
    }

    private SersicParams decode(float[] outputs, int i, double scale) {
        float[] z = new float[TargetScaling.COUNT];
        System.arraycopy(outputs, i * TargetScaling.COUNT, z, 0, TargetScaling.COUNT);
        double centre = (card.stampSize() + 1) / 2.0;
        return TargetScaling.decode(card.targets().unstandardise(z), scale, centre);
    }

    private void checkRanges(SersicParams p, double peakSnr, double fwhm, List<String> why) {
        // flux is not checked: the input is divided by the stamp's scale, so the network is blind to the flux unit;
        // how bright the galaxy is against its noise (peak S/N, below) is what the network has or has not seen
        check("re_px", p.re(), why);
        check("n", p.n(), why);
        check("q", p.q(), why);
        double[] off = card.range("centre_offset");
        double c = (card.stampSize() + 1) / 2.0;
        if (off != null && Math.max(Math.abs(p.x0() - c), Math.abs(p.y0() - c)) > off[1] + 1)
            why.add(String.format("centre %.1f px from the stamp centre (trained within %.1f)", Math.max(Math.abs(p.x0() - c), Math.abs(p.y0() - c)), off[1]));
        double[] snr = card.range("peak_snr");
        // written so that a NaN or infinite input (a stamp of 1e30s, or one without noise) is out of range too
        if (snr != null && !(peakSnr >= snr[0] / 1.5 && peakSnr <= snr[1] * 1.5))
            why.add(String.format("peak S/N %.3g outside the training inputs' %.3g–%.3g", peakSnr, snr[0], snr[1]));
        double[] fw = card.range("psf_fwhm_px");
        if (fw != null && !(fwhm >= fw[0] * 0.75 && fwhm <= fw[1] * 1.25))
            why.add(String.format("PSF FWHM %.2f px outside the training PSFs' %.1f–%.1f px", fwhm, fw[0], fw[1]));
    }

    private void check(String key, double v, List<String> why) {
        double[] r = card.range(key);
        if (r == null) return;
        double w = (r[1] - r[0]) * RANGE_MARGIN;
        if (!(v >= r[0] - w && v <= r[1] + w)) why.add(String.format("%s = %.4g outside the training range %.4g–%.4g", key, v, r[0], r[1]));
    }

    /** A PSF stamp centred and cropped or zero-padded to {@code size}² (odd sizes). */
    static float[] fitPsf(float[] psf, int size) {
        int m = (int) Math.round(Math.sqrt(psf.length));
        if (m * m != psf.length || m % 2 == 0)
            throw new IllegalArgumentException("a PSF stamp must be an odd square (got " + psf.length + " pixels)");
        if (m == size) return psf;
        float[] out = new float[size * size];
        int off = (m - size) / 2;
        for (int y = 0; y < size; y++) {
            int sy = y + off;
            if (sy < 0 || sy >= m) continue;
            for (int x = 0; x < size; x++) {
                int sx = x + off;
                if (sx >= 0 && sx < m) out[y * size + x] = psf[sy * m + sx];
            }
        }
        return out;
    }

    private static float[] flat(INDArray a) {
        return a.dup('c').reshape(a.length()).toFloatVector();
    }

    private static double std(double[] v) {
        double m = 0;
        for (double d : v) m += d;
        m /= v.length;
        double s = 0;
        for (double d : v) s += (d - m) * (d - m);
        return v.length > 1 ? Math.sqrt(s / (v.length - 1)) : 0;
    }

    /** The training ranges a card records, for reports. */
    public Map<String, double[]> ranges() {
        return card.ranges();
    }
}
