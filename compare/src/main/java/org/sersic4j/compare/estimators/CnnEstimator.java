package org.sersic4j.compare.estimators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.sersic4j.compare.Estimator;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.learn.cnn.CnnPrediction;
import org.sersic4j.learn.cnn.CnnPredictor;
import org.sersic4j.render.Image;
import org.sersic4j.render.SersicParams;

/**
 * The GaLNet-style network as an {@link Estimator}: stamps go through {@link CnnPredictor} in batches. A stamp larger
 * than the network's input is cut to the network's size around the stamp's centre pixel, and the answer is moved back
 * to the full stamp's coordinates; a smaller stamp fails (flagged {@link FitFlags#FAILED}). Masked pixels are set to
 * 0 and the estimate flagged {@link FitFlags#MASKED_PIXELS}; answers or inputs outside the training ranges are flagged
 * {@link FitFlags#OUT_OF_TRAINING_RANGE}. Each galaxy's seconds are its share of its batch's wall time.
 */
public final class CnnEstimator implements Estimator {
    /** Stamps per forward pass. */
    public static final int DEFAULT_BATCH = 256;

    private final CnnPredictor predictor;
    private final int mcSamples;
    private final int batch;
    private final String name;

    /** The network with {@code mcSamples} dropout passes for errors (0: none, fastest), named "cnn". */
    public CnnEstimator(CnnPredictor predictor, int mcSamples) {
        this(predictor, mcSamples, DEFAULT_BATCH, "cnn");
    }

    /** The network under another name, with a batch size. */
    public CnnEstimator(CnnPredictor predictor, int mcSamples, int batch, String name) {
        if (batch < 1) throw new IllegalArgumentException("batch size must be >= 1");
        this.predictor = predictor;
        this.mcSamples = mcSamples;
        this.batch = batch;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "GaLNet-style CNN (" + predictor.source() + ")" + (mcSamples > 0 ? ", " + mcSamples + " MC-dropout passes for errors" : "");
    }

    @Override
    public List<Estimate> estimate(List<StampInput> stamps, IntConsumer progress) {
        int s = predictor.card().stampSize();
        List<Estimate> out = new ArrayList<>(stamps.size());
        for (int from = 0; from < stamps.size(); from += batch) {
            List<StampInput> chunk = stamps.subList(from, Math.min(stamps.size(), from + batch));
            List<float[]> px = new ArrayList<>(chunk.size()), psfs = new ArrayList<>(chunk.size());
            List<Integer> usable = new ArrayList<>(chunk.size());
            int[] offX = new int[chunk.size()], offY = new int[chunk.size()];
            for (int i = 0; i < chunk.size(); i++) {
                StampInput in = chunk.get(i);
                Image img = in.image();
                if (img.width() < s || img.height() < s || in.psf() == null) continue;
                offX[i] = (img.width() - s) / 2;
                offY[i] = (img.height() - s) / 2;
                px.add(cutout(in, offX[i], offY[i], s));
                psfs.add(in.psf().toImage().toFloats());
                usable.add(i);
            }
            long t0 = System.nanoTime();
            List<CnnPrediction> pred = px.isEmpty() ? List.of() : predictor.predict(px, psfs, mcSamples);
            double each = (System.nanoTime() - t0) / 1e9 / Math.max(1, px.size());
            Estimate[] row = new Estimate[chunk.size()];
            for (int k = 0; k < usable.size(); k++) {
                int i = usable.get(k);
                CnnPrediction p = pred.get(k);
                SersicParams q = p.params();
                SersicParams moved = q.withCentre(q.x0() + offX[i], q.y0() + offY[i]);
                row[i] = new Estimate(chunk.get(i).id(), moved, p.errors(), p.flags(), each, 0, 0);
            }
            for (int i = 0; i < chunk.size(); i++) {
                if (row[i] == null) {
                    double[] nan = new double[SersicParams.COUNT];
                    Arrays.fill(nan, Double.NaN);
                    row[i] = new Estimate(chunk.get(i).id(), null, nan, FitFlags.FAILED, 0, 0, 0);
                }
                out.add(row[i]);
            }
            progress.accept(chunk.size());
        }
        return out;
    }

    /** The {@code s}×{@code s} cut-out at offset (ox, oy), masked and non-finite pixels as NaN. */
    private static float[] cutout(StampInput in, int ox, int oy, int s) {
        Image img = in.image();
        double[] p = img.pixels();
        double[] m = in.mask() == null ? null : in.mask().pixels();
        float[] out = new float[s * s];
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int k = (y + oy) * img.width() + x + ox;
                out[y * s + x] = m != null && m[k] != 0 ? Float.NaN : (float) p[k];
            }
        }
        return out;
    }
}
