package org.sersic4j.learn;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * The epoch loop the generative models' trainers share (the VAE's, the CAE's, the deblenders'): one step per rendered batch, a
 * validation pass after every epoch, the best model by validation loss kept, and a wall-clock budget checked after
 * every batch (the epoch it interrupts is validated and counted); a non-finite training loss stops the run.
 */
public final class EpochLoop {
    private EpochLoop() {}

    /** One optimisation step on a batch; returns the batch's training loss. */
    public interface Step {
        double fit(TrainingBatch batch);
    }

    /** One optimisation step on batch {@code index} (counted over the whole run); returns its training loss. */
    public interface IndexedStep {
        double fit(long index) throws IOException;
    }

    /** The validation pass: the loss to minimise first, then any further columns for the history. */
    public interface Validation {
        double[] run() throws IOException;
    }

    /** Saves the model as the best so far. */
    public interface Keep {
        void save(int epoch, long samples, double best, double minutes, double trainLoss, List<double[]> history) throws IOException;
    }

    /** The epoch's log line from {epoch, training loss, validation columns…, minutes} and whether it is the best so far. */
    public interface Describe {
        String line(double[] row, boolean best);
    }

    /**
     * What a run achieved.
     *
     * @param history per epoch: {epoch, mean training loss, validation columns…, minutes}
     */
    public record Outcome(int epochs, long samples, double finalTrainLoss, double bestValidationLoss, int bestEpoch, double minutes,
                   String stoppedBecause, List<double[]> history) {}

    /** Runs epochs of {@code batchesPerEpoch} batches from {@code stream} (rewound every epoch) until {@code maxEpochs} or the budget. */
    public static Outcome run(TrainingStream stream, int batchSize, int batchesPerEpoch, int maxEpochs, double maxMinutes, long t0,
                       boolean progress, PrintStream log, Step step, Validation validation, Keep keep, Describe describe) throws IOException {
        return run("", batchSize, batchesPerEpoch, maxEpochs, maxMinutes, t0, progress, log, stream::reset,
                i -> step.fit(stream.nextBatch()), validation, keep, describe);
    }

    /**
     * Runs epochs of {@code batchesPerEpoch} steps until {@code maxEpochs} or the budget.
     *
     * @param name       prefix of the progress bar's label ("epoch n" follows)
     * @param epochStart called before each epoch (e.g. rewinding a stream)
     */
    public static Outcome run(String name, int batchSize, int batchesPerEpoch, int maxEpochs, double maxMinutes, long t0, boolean progress,
                       PrintStream log, Runnable epochStart, IndexedStep step, Validation validation, Keep keep, Describe describe)
            throws IOException {
        List<double[]> history = new ArrayList<>();
        String stop = "maxEpochs reached";
        int epoch = 0, bestEpoch = 0;
        long nb = 0;
        double best = Double.POSITIVE_INFINITY, lastTrain = Double.NaN;
        boolean last = false;
        while (epoch < maxEpochs && !last) {
            epochStart.run();
            double sum = 0;
            int k = 0;
            try (ProgressBar bar = progress ? bar(name + "epoch " + (epoch + 1), batchesPerEpoch) : null) {
                while (k < batchesPerEpoch) {
                    double l = step.fit(nb);
                    if (!Double.isFinite(l)) {
                        stop = "the training loss became non-finite";
                        last = true;
                        break;
                    }
                    sum += l;
                    k++;
                    nb++;
                    if (bar != null) {
                        bar.step();
                        bar.setExtraMessage(String.format(" loss %.4g", sum / k));
                    }
                    if (minutes(t0) >= maxMinutes) {
                        stop = String.format("time budget of %.1f min reached", maxMinutes);
                        last = true;
                        break;
                    }
                }
            }
            if (k == 0) break;
            epoch++;
            lastTrain = sum / k;
            double[] val = validation.run();
            double minutes = minutes(t0);
            double[] row = new double[val.length + 3];
            row[0] = epoch;
            row[1] = lastTrain;
            System.arraycopy(val, 0, row, 2, val.length);
            row[row.length - 1] = minutes;
            history.add(row);
            boolean better = val[0] < best;
            if (better) {
                best = val[0];
                bestEpoch = epoch;
                keep.save(epoch, nb * batchSize, best, minutes, lastTrain, history);
            }
            log.println(describe.line(row, better));
        }
        log.println(name + "stopped: " + stop);
        return new Outcome(epoch, nb * batchSize, lastTrain, best, bestEpoch, minutes(t0), stop, history);
    }

    /**
     * The whole run's end as a card's training record keeps it, after the kept model's provenance.
     *
     * @param stoppedBecause why the run stopped
     * @param epochsRun      epochs run (the kept model's may be fewer)
     * @param samplesRun     stamps seen
     * @param minutesRun     minutes of training
     * @param finalTrainLoss the last epoch's mean training loss
     * @param history        per epoch: {epoch, mean training loss, validation columns…, minutes}
     */
    public record RunEnd(String stoppedBecause, int epochsRun, long samplesRun, double minutesRun, double finalTrainLoss,
                         List<double[]> history) {}

    /** The kept model's card with the whole run added: why it stopped, epochs, samples, minutes, last training loss, history. */
    public static ModelCard withRunEnd(ModelCard card, Outcome r) {
        Map<String, Object> training = new LinkedHashMap<>(card.training());
        training.putAll(ModelCard.asMap(new RunEnd(r.stoppedBecause(), r.epochs(), r.samples(), r.minutes(), r.finalTrainLoss(), r.history())));
        return card.withTraining(training);
    }

    /** A progress bar on standard error, counting batches. */
    public static ProgressBar bar(String name, int n) {
        return new ProgressBarBuilder().setTaskName(name).setInitialMax(n).setUnit(" batches", 1)
                .setUpdateIntervalMillis(1000).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    /** Minutes since {@code t0} (System.nanoTime). */
    public static double minutes(long t0) {
        return (System.nanoTime() - t0) / 6e10;
    }
}
