package org.sersic4j.learn.cnn;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.sersic4j.learn.Backend;
import org.sersic4j.learn.BatchRenderer;
import org.sersic4j.learn.EpochLoop;
import org.sersic4j.learn.ModelCard;
import org.sersic4j.learn.ModelStore;
import org.sersic4j.learn.StampScaling;
import org.sersic4j.learn.TargetScaling;
import org.sersic4j.learn.TrainingBatch;
import org.sersic4j.learn.TrainingConfig;
import org.sersic4j.learn.TrainingStream;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.io.AtomicWrite;
import org.sersic4j.io.JsonOutput;

/**
 * Trains a {@link SersicCnn} on the {@link TrainingStream}: Adam with an exponentially decaying step, one validation
 * pass on a fixed held-out stream per epoch, the best model kept ({@code model.zip} + {@code model.json}), a
 * checkpoint with the optimiser state after every epoch ({@code checkpoint.zip} + {@code state.json}, so a stopped
 * run resumes), early stopping after {@code patience} epochs without improvement, and a wall-clock budget. Once
 * trained, the MC-dropout uncertainties are calibrated on the held-out stream and the card records the coverage.
 */
public final class Trainer {
    /** Seed offset of the held-out validation stream. */
    public static final long VALIDATION_SEED_OFFSET = TrainingStream.VALIDATION_SEED_OFFSET;
    /** Stamps rendered to measure the target scaling. */
    public static final int SCALING_SAMPLE = 2048;

    private final TrainingConfig cfg;
    private final Path dir;
    private final PrintStream log;
    private final boolean progress;

    /** A trainer writing into {@code dir}, logging to {@code log}, with a progress bar when {@code progress}. */
    public Trainer(TrainingConfig cfg, Path dir, PrintStream log, boolean progress) {
        this.cfg = cfg;
        this.dir = dir;
        this.log = log;
        this.progress = progress;
    }

    /** What a training run achieved. */
    public record Result(Path model, int epochs, long samples, double bestValidationLoss, int bestEpoch, double minutes,
                         String stoppedBecause, Map<String, Map<String, Double>> coverage) {}

    /**
     * Saved between epochs so a run can resume ({@code state.json}, written by {@link JsonOutput}: snake_case keys; a
     * state written before December 2026, with camelCase keys, still reads).
     *
     * @param epoch     epochs done
     * @param batches   batches done
     * @param bestLoss  best validation loss so far (+Infinity before the first; null in the file reads as that)
     * @param bestEpoch the epoch of the best validation loss
     * @param sinceBest epochs since the best
     * @param minutes   minutes of training so far
     * @param history   per epoch: {epoch, training loss, validation loss, minutes}
     */
    public record State(int epoch, long batches, @JsonAlias("bestLoss") double bestLoss, @JsonAlias("bestEpoch") int bestEpoch,
                        @JsonAlias("sinceBest") int sinceBest, double minutes, List<double[]> history) {
        public State {
            if (Double.isNaN(bestLoss)) bestLoss = Double.POSITIVE_INFINITY;
            history = history == null ? new ArrayList<>() : history;
        }

        /** Reads a state file. */
        public static State read(Path file) throws IOException {
            return JsonOutput.read(file, State.class);
        }

        /** Writes a state file atomically: a kill while writing never leaves half a state.json. */
        public void write(Path file) {
            JsonOutput.write(file, this);
        }
    }

    /** Trains (resuming from {@code dir}'s checkpoint when {@code resume} and one exists). */
    public Result train(boolean resume) throws IOException {
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        TrainingConfig.Training tr = cfg.training();
        TrainingConfig.Data data = cfg.data();
        log.println("backend: " + Backend.describe());
        AtomicWrite.writeString(dir.resolve("train-config.yaml"), cfg.toYaml());
        try (Renderer renderer = Renderers.create(data.device())) {
            BatchRenderer batches = new BatchRenderer(data, renderer);
            log.println("renderer: " + renderer.deviceDescription());
            TargetScaling scaling = measureScaling(batches);
            List<MultiDataSet> validation = TrainingStream.heldOut(batches, scaling, cfg.seed() + VALIDATION_SEED_OFFSET,
                    tr.batchSize(), tr.validationBatches());
            Path checkpoint = dir.resolve("checkpoint.zip");
            Path statePath = dir.resolve("state.json");
            ComputationGraph graph;
            State state;
            if (resume && Files.isRegularFile(checkpoint) && Files.isRegularFile(statePath)) {
                graph = ModelStore.load(checkpoint, true).graph();
                state = State.read(statePath);
                log.printf("resuming after epoch %d (%d batches, best validation loss %.5f)%n", state.epoch(), state.batches(), state.bestLoss());
            } else {
                graph = SersicCnn.create(cfg);
                state = new State(0, 0, Double.POSITIVE_INFINITY, 0, 0, 0, new ArrayList<>());
            }
            log.printf("network: %,d parameters; %d batches of %d per epoch; validation %d stamps%n", graph.numParams(),
                    tr.batchesPerEpoch(), tr.batchSize(), tr.batchSize() * tr.validationBatches());
            double priorMinutes = state.minutes();
            String stop = "maxEpochs reached";
            Path model = dir.resolve("model.zip");
            List<double[]> history = new ArrayList<>(state.history());
            try (TrainingStream stream = new TrainingStream(batches, scaling, cfg.seed(), tr.batchSize(), tr.batchesPerEpoch(), state.batches())) {
                int epoch = state.epoch();
                long nb = state.batches();
                double best = state.bestLoss();
                int bestEpoch = state.bestEpoch(), since = state.sinceBest();
                while (epoch < tr.maxEpochs()) {
                    graph.getConfiguration().setEpochCount(epoch);
                    stream.reset();
                    double trainLoss = 0;
                    int k = 0;
                    try (ProgressBar bar = progress ? EpochLoop.bar("epoch " + (epoch + 1), tr.batchesPerEpoch()) : null) {
                        while (stream.hasNext()) {
                            graph.fit(stream.next());
                            double l = graph.score();
                            trainLoss += l;
                            k++;
                            nb++;
                            if (bar != null) {
                                bar.step();
                                bar.setExtraMessage(String.format(" loss %.4f", trainLoss / k));
                            }
                        }
                    }
                    epoch++;
                    double val = validationLoss(graph, validation);
                    double minutes = priorMinutes + (System.nanoTime() - t0) / 6e10;
                    history.add(new double[]{epoch, trainLoss / k, val, minutes});
                    boolean better = val < best;
                    if (better) {
                        best = val;
                        bestEpoch = epoch;
                        since = 0;
                        ModelStore.save(graph, card(scaling, batches, null, null, history, epoch, nb * tr.batchSize(), minutes, best), model, false);
                    } else {
                        since++;
                    }
                    log.printf("epoch %d: train loss %.5f, validation loss %.5f%s, %.1f min%n", epoch, trainLoss / k, val,
                            better ? " (best)" : "", minutes);
                    ModelStore.save(graph, card(scaling, batches, null, null, history, epoch, nb * tr.batchSize(), minutes, best), checkpoint, true);
                    new State(epoch, nb, best, bestEpoch, since, minutes, history).write(statePath);
                    if (since >= tr.patience()) {
                        stop = "early stop: no better validation loss in " + tr.patience() + " epochs";
                        break;
                    }
                    if (minutes >= tr.maxMinutes()) {
                        stop = String.format("time budget of %.0f min reached", tr.maxMinutes());
                        break;
                    }
                }
                double minutes = priorMinutes + (System.nanoTime() - t0) / 6e10;
                log.println("stopped: " + stop);
                CoverageCalibration cal = calibrate(batches, model, stop);
                return new Result(model, epoch, nb * tr.batchSize(), best, bestEpoch, minutes, stop, cal.coverage());
            }
        }
    }

    /**
     * Calibrates the MC-dropout uncertainties of the finished run in this directory ({@code model.zip}) on a fresh
     * held-out stream and rewrites its card; what {@link #train} does last, callable alone for a run that stopped
     * before it.
     */
    public CoverageCalibration calibrate() throws IOException {
        try (Renderer renderer = Renderers.create(cfg.data().device())) {
            return calibrate(new BatchRenderer(cfg.data(), renderer), dir.resolve("model.zip"), null);
        }
    }

    private CoverageCalibration calibrate(BatchRenderer batches, Path model, String stop) throws IOException {
        TrainingConfig.Training tr = cfg.training();
        ModelStore.Loaded best = ModelStore.load(model, false);
        CoverageCalibration cal = CoverageCalibration.measure(new CnnPredictor(best), batches,
                cfg.seed() + 2 * VALIDATION_SEED_OFFSET, tr.batchSize(), tr.validationBatches(), tr.mcSamples());
        log.println("uncertainty calibration (fraction of truths within ±1σ, raw → scaled): " + cal.summary());
        ModelCard c = best.card();
        Map<String, Object> training = new LinkedHashMap<>(c.training());
        if (stop != null) training.put("stopped_because", stop);
        ModelCard card = new ModelCard(c.format(), c.kind(), c.stampSize(), c.psfSize(), c.pixelScale(), c.zeropoint(), c.targets(),
                c.ranges(), c.psfTypes(), c.dropout(), c.mcSamples(), cal.scale(), cal.coverage(), training);
        ModelStore.save(best.graph(), card, model, false);
        return cal;
    }

    private static double validationLoss(ComputationGraph graph, List<MultiDataSet> validation) {
        double s = 0;
        for (MultiDataSet m : validation) s += graph.score(m, false);
        return s / validation.size();
    }

    private TargetScaling measureScaling(BatchRenderer batches) {
        int n = SCALING_SAMPLE;
        TrainingBatch b = batches.render(cfg.seed() + 3 * VALIDATION_SEED_OFFSET, 0, n);
        double[][] raw = new double[n][];
        for (int i = 0; i < n; i++) raw[i] = TargetScaling.raw(b.truth().get(i), b.scales().get(i).scale(), batches.data().centre());
        TargetScaling t = TargetScaling.measure(raw);
        log.println("target scaling (mean ± std): " + describe(t));
        return t;
    }

    private static String describe(TargetScaling t) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < TargetScaling.COUNT; k++)
            s.append(k == 0 ? "" : ", ").append(TargetScaling.NAMES[k]).append(String.format(" %.3f ± %.3f", t.mean()[k], t.std()[k]));
        return s.toString();
    }

    private ModelCard card(TargetScaling scaling, BatchRenderer batches, Map<String, Double> errorScale,
                           Map<String, Map<String, Double>> coverage, List<double[]> history, int epochs, long samples,
                           double minutes, double bestLoss) {
        TrainingConfig.Data d = cfg.data();
        Map<String, double[]> ranges = ModelCard.galaxyRanges(d);
        ranges.put("psf_fwhm_px", psfWidthRange(batches));
        ranges.put("peak_snr", peakSnrRange(batches));
        Map<String, Object> training = ModelCard.provenance(cfg.toYaml(), cfg.seed(), epochs, samples, bestLoss, minutes, history);
        return new ModelCard(ModelCard.FORMAT, ModelCard.SERSIC_CNN, d.stampSize(), d.psfSize(), d.pixelScale(), d.zeropoint(),
                scaling, ranges, d.psf().types().stream().map(TrainingConfig::lower).toList(), cfg.network().dropout(),
                cfg.training().mcSamples(), errorScale, coverage, training);
    }

    private double[] psfWidthRange(BatchRenderer batches) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        var d = batches.data();
        for (double f : new double[]{d.psf().fwhmPx().min(), d.psf().fwhmPx().max()}) {
            for (var t : d.psf().types()) {
                for (double beta : new double[]{d.psf().beta().min(), d.psf().beta().max()}) {
                    var spec = new org.sersic4j.render.sim.PsfSpec(t, f, beta, 1, 0);
                    double w = PsfWidth.fwhm(spec.toPixelPsf(d.psfSize()).toImage().toFloats(), d.psfSize());
                    lo = Math.min(lo, w);
                    hi = Math.max(hi, w);
                }
            }
        }
        return new double[]{lo, hi};
    }

    private double[] peakSnrRange;

    private double[] peakSnrRange(BatchRenderer batches) {
        if (peakSnrRange != null) return peakSnrRange;
        TrainingBatch b = batches.render(cfg.seed() + 3 * VALIDATION_SEED_OFFSET, 0, 1024);
        double[] v = b.scales().stream().mapToDouble(StampScaling.Scale::peakSnr).sorted().toArray();
        peakSnrRange = new double[]{v[(int) (0.005 * v.length)], v[(int) Math.min(v.length - 1, 0.995 * v.length)]};
        return peakSnrRange;
    }

}
