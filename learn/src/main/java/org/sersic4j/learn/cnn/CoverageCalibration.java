package org.sersic4j.learn.cnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.learn.BatchRenderer;
import org.sersic4j.learn.ModelCard;
import org.sersic4j.learn.ModelStore;
import org.sersic4j.learn.TrainingBatch;
import org.sersic4j.render.SersicParams;

/**
 * Calibrates MC-dropout uncertainties on a held-out stream: for each parameter, the factor that makes 68.3% of the
 * truths fall within ±1σ is measured on one half of the stream, and the coverage (fraction within ±1σ) is reported on
 * the other half, raw and after scaling — so the calibrated figure is an honest out-of-sample one.
 *
 * @param scale    per parameter, the factor applied to the MC-dropout spread
 * @param coverage per parameter, {"raw": f, "calibrated": f} on the second half
 */
public record CoverageCalibration(Map<String, Double> scale, Map<String, Map<String, Double>> coverage) {
    private static final double ONE_SIGMA = 0.682689;

    /** Renders {@code batches} batches from {@code seed}, predicts them with {@code mcSamples} passes and calibrates. */
    public static CoverageCalibration measure(CnnPredictor predictor, BatchRenderer renderer, long seed, int batchSize,
                                              int batches, int mcSamples) {
        var d = renderer.data();
        int s = d.stampSize(), p = d.psfSize();
        List<double[]> ratios = new ArrayList<>();     // |est − truth| / σ_raw per galaxy, 7 parameters
        for (int b = 0; b < batches; b++) {
            TrainingBatch batch = renderer.render(seed, (long) b * batchSize, batchSize);
            List<float[]> stamps = new ArrayList<>(batchSize), psfs = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                stamps.add(Arrays.copyOfRange(batch.stamps(), i * s * s, (i + 1) * s * s));
                psfs.add(Arrays.copyOfRange(batch.psfs(), i * p * p, (i + 1) * p * p));
            }
            ModelCard raw = withoutScale(predictor.card());
            List<CnnPrediction> pred = new CnnPredictor(new ModelStore.Loaded(predictorGraph(predictor), raw, predictor.source()))
                    .predict(stamps, psfs, mcSamples);
            for (int i = 0; i < batchSize; i++) {
                SersicParams t = batch.truth().get(i);
                t = t.withFlux(t.flux() / batch.scales().get(i).scale());   // the stamps are already scaled
                double[] tv = t.toArray(), ev = pred.get(i).params().toArray(), err = pred.get(i).errors();
                double[] r = new double[tv.length];
                for (int j = 0; j < tv.length; j++) {
                    double diff = ev[j] - tv[j];
                    if (SersicParams.NAMES[j].equals("pa")) diff = ((diff % 180) + 270) % 180 - 90;
                    r[j] = Math.abs(diff) / err[j];
                }
                ratios.add(r);
            }
        }
        int half = ratios.size() / 2;
        Map<String, Double> scale = new LinkedHashMap<>();
        Map<String, Map<String, Double>> coverage = new LinkedHashMap<>();
        for (int j = 0; j < SersicParams.COUNT; j++) {
            double[] first = new double[half];
            for (int i = 0; i < half; i++) first[i] = ratios.get(i)[j];
            Arrays.sort(first);
            double f = first[Math.min(half - 1, (int) Math.floor(ONE_SIGMA * half))];
            if (!(f > 0) || !Double.isFinite(f)) f = 1;
            int rawIn = 0, calIn = 0, m = 0;
            for (int i = half; i < ratios.size(); i++) {
                double r = ratios.get(i)[j];
                if (!Double.isFinite(r)) continue;
                m++;
                if (r <= 1) rawIn++;
                if (r <= f) calIn++;
            }
            scale.put(SersicParams.NAMES[j], f);
            Map<String, Double> c = new LinkedHashMap<>();
            c.put("raw", m == 0 ? Double.NaN : rawIn / (double) m);
            c.put("calibrated", m == 0 ? Double.NaN : calIn / (double) m);
            coverage.put(SersicParams.NAMES[j], c);
        }
        return new CoverageCalibration(scale, coverage);
    }

    /** One line: parameter raw → calibrated coverage. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        coverage.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ")
                .append(String.format("%s %.2f → %.2f", k, v.get("raw"), v.get("calibrated"))));
        return b.toString();
    }

    private static ModelCard withoutScale(ModelCard c) {
        return new ModelCard(c.format(), c.kind(), c.stampSize(), c.psfSize(), c.pixelScale(), c.zeropoint(), c.targets(),
                c.ranges(), c.psfTypes(), c.dropout(), c.mcSamples(), null, c.coverage(), c.training());
    }

    private static org.deeplearning4j.nn.graph.ComputationGraph predictorGraph(CnnPredictor p) {
        return p.graph();
    }
}
