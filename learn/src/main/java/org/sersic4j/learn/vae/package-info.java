/**
 * The generative galaxy model (a variational autoencoder): the network ({@link org.sersic4j.learn.vae.GalaxyVae}), its
 * configuration and training ({@link org.sersic4j.learn.vae.VaeConfig}, {@link org.sersic4j.learn.vae.VaeTrainer}),
 * its input ({@link org.sersic4j.learn.vae.VaeInput}) and inference ({@link org.sersic4j.learn.vae.VaeModel}).
 */
package org.sersic4j.learn.vae;
