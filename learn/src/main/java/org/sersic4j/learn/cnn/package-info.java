/**
 * The GaLNet-style estimator of the seven Sérsic parameters: the network ({@link org.sersic4j.learn.cnn.SersicCnn}),
 * its training ({@link org.sersic4j.learn.cnn.Trainer}), inference with MC-dropout errors and range flags
 * ({@link org.sersic4j.learn.cnn.CnnPredictor}) and the calibration of those errors
 * ({@link org.sersic4j.learn.cnn.CoverageCalibration}).
 */
package org.sersic4j.learn.cnn;
