/**
 * The conditional autoencoder with two physical latents (flux and size): the network
 * ({@link org.sersic4j.learn.cae.ConditionalAutoencoder}), its configuration and training
 * ({@link org.sersic4j.learn.cae.CaeConfig}, {@link org.sersic4j.learn.cae.CaeTrainer}), its input
 * ({@link org.sersic4j.learn.cae.CaeInput}), inference ({@link org.sersic4j.learn.cae.CaeModel}) and the PCA baseline
 * it is compared with ({@link org.sersic4j.learn.cae.PcaBaseline}).
 */
package org.sersic4j.learn.cae;
