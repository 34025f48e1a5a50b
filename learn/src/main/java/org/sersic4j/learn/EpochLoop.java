package org.sersic4j.learn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;

/**
 * The epoch loop the unsupervised trainers share: epochs of {@code batchesPerEpoch} optimiser steps, a validation pass
 * after every epoch, the best model by validation loss kept, and stops at {@code maxEpochs}, at a non-finite training
 * loss, or when the wall-clock budget is spent (checked after every batch; the epoch it interrupts is validated and
 * counted).
 */
final class EpochLoop {
    private EpochLoop() {}

    /** One optimiser step on batch {@code index} (counted over the whole run); returns its training loss. */
    interface Step {
        double run(long index) throws IOException;
    }

    /** The validation loss of the model as it stands. */
    interface Validation {
        double loss() throws IOException;
    }

    /** Keeps the model as it stands: it is the best so far. */
    interface Keeper {
        void keep(int epoch, long batches, double best, double minutes, double lastTrain, List<double[]> history) throws IOException;
    }

    /** Reports one finished epoch. */
    interface Report {
        void epoch(int epoch, double train, double validation, boolean best, double minutes);
    }

    /**
     * How a run ended.
     *
     * @param history per epoch: {epoch, mean training loss, validation loss, minutes}
     */
    record Outcome(int epochs, long batches, double lastTrain, double best, int bestEpoch, String stoppedBecause, List<double[]> history) {}

    /**
     * Runs the loop.
     *
     * @param name       the progress bar's label ("epoch n" is appended)
     * @param barFormat  the bar's message for the running mean loss, e.g. {@code " loss %.1f"}
     * @param epochStart called before each epoch (e.g. rewinding a stream)
     */
    static Outcome run(String name, int batchesPerEpoch, int maxEpochs, double maxMinutes, long t0, boolean progress, String barFormat,
                       Runnable epochStart, Step step, Validation validation, Keeper keeper, Report report) throws IOException {
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
            try (ProgressBar bar = progress ? Trainer.bar(name + "epoch " + (epoch + 1), batchesPerEpoch) : null) {
                while (k < batchesPerEpoch) {
                    double l = step.run(nb);
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
                        bar.setExtraMessage(String.format(barFormat, sum / k));
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
            double val = validation.loss();
            double minutes = minutes(t0);
            history.add(new double[] {epoch, lastTrain, val, minutes});
            boolean better = val < best;
            if (better) {
                best = val;
                bestEpoch = epoch;
                keeper.keep(epoch, nb, best, minutes, lastTrain, history);
            }
            report.epoch(epoch, lastTrain, val, better, minutes);
        }
        return new Outcome(epoch, nb, lastTrain, best, bestEpoch, stop, history);
    }

    /** A kept model's training record with the whole run added: why it stopped, epochs, samples, minutes, last loss, history. */
    static java.util.Map<String, Object> withRun(java.util.Map<String, Object> training, String stoppedBecause, int epochs, long samples,
                                                 double minutes, double finalTrainLoss, List<double[]> history) {
        java.util.Map<String, Object> t = new java.util.LinkedHashMap<>(training);
        t.put("stoppedBecause", stoppedBecause);
        t.put("epochsRun", epochs);
        t.put("samplesRun", samples);
        t.put("minutesRun", minutes);
        t.put("finalTrainLoss", finalTrainLoss);
        t.put("history", history);
        return t;
    }

    /** Minutes since {@code t0} (a {@link System#nanoTime} reading). */
    static double minutes(long t0) {
        return (System.nanoTime() - t0) / 6e10;
    }
}
