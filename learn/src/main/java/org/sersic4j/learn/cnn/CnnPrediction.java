package org.sersic4j.learn.cnn;

import org.sersic4j.render.SersicParams;

/**
 * The network's answer for one galaxy.
 *
 * @param params  the estimate (FITS 1-based centre, flux in the stamp's units)
 * @param errors  1σ uncertainties in {@link SersicParams#NAMES} order from MC dropout (calibrated on the validation
 *                stream); NaN when no dropout passes were asked for
 * @param flags   {@link CnnPredictor#OUT_OF_TRAINING_RANGE} and/or {@link CnnPredictor#MASKED_PIXELS}, else 0
 * @param why     why the answer is flagged (empty when not)
 * @param peakSnr the stamp's peak S/N as the network saw it
 */
public record CnnPrediction(SersicParams params, double[] errors, int flags, String why, double peakSnr) {}
