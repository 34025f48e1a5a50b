/**
 * Neural estimators trained on galaxies rendered on the fly, and what their families share: the galaxies and their
 * rendering in batches ({@link org.sersic4j.learn.TrainingConfig}, {@link org.sersic4j.learn.BatchRenderer},
 * {@link org.sersic4j.learn.TrainingBatch}), the data stream ({@link org.sersic4j.learn.TrainingStream}), the input and
 * target scalings ({@link org.sersic4j.learn.StampScaling}, {@link org.sersic4j.learn.TargetScaling}), the epoch loop
 * ({@link org.sersic4j.learn.EpochLoop}), the ND4J backend in use ({@link org.sersic4j.learn.Backend}), and model
 * files and their cards ({@link org.sersic4j.learn.ModelStore}, {@link org.sersic4j.learn.ModelCard}).
 * {@link org.sersic4j.learn.HuberLoss} stays here because saved CNNs name its class.
 *
 * <p>The families: the GaLNet-style CNN ({@link org.sersic4j.learn.cnn}), the galaxy VAE ({@link org.sersic4j.learn.vae}),
 * the conditional autoencoder ({@link org.sersic4j.learn.cae}) and the deblenders ({@link org.sersic4j.learn.deblend}).
 */
package org.sersic4j.learn;
