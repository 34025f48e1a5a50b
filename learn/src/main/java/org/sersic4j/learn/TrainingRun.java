package org.sersic4j.learn;

import java.nio.file.Path;
import java.util.List;

/**
 * What a generative model's training run achieved (the VAE's, the CAE's).
 *
 * @param model   the kept (best) model file
 * @param history per epoch: {epoch, mean training loss, validation columns…, minutes}
 */
public record TrainingRun(Path model, int epochs, long samples, double finalTrainLoss, double bestValidationLoss, int bestEpoch,
                          double minutes, String stoppedBecause, List<double[]> history) {}
