package org.sersic4j.learn.vae;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.variational.GaussianReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The generative galaxy model of "A deep generative model for astronomical images of galaxies" as a DL4J
 * {@link MultiLayerNetwork} of one built-in {@link VariationalAutoencoder} layer: the input is a flattened stamp
 * (S² pixels, row-major, FITS row 1 first, normalised as {@link VaeInput} says); the encoder g and the decoder f are
 * dense ReLU layers (the paper: two of 128 each); q(z|x) = N(g_μ(x), diag exp(g_logσ²(x))) with z of dimension 8; and
 * p(x|z) = N(f_μ(z), diag exp(f_logσ²(z))) per pixel ({@link GaussianReconstructionDistribution} with an identity
 * activation: its second half is the log-variance, so the variance is the exponential of a linear output, the paper's
 * "exponential nonlinearity"). Trained unsupervised (layer-wise pretraining) on the negative ELBO with one
 * reparameterised sample z = g_μ + g_σ·ε per stamp, by Adam (the paper: adaptive per-parameter rates).
 *
 * <p>The built-in layer gives everything the paper needs except the decoder's variance at a chosen z, which it keeps
 * private; {@link VaeModel} computes the forward passes from the layer's parameters instead.
 */
public final class GalaxyVae {
    private GalaxyVae() {}

    /** The untrained network of this configuration, initialised from its seed. */
    public static MultiLayerNetwork create(VaeConfig cfg) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(cfg));
        net.init();
        return net;
    }

    /** The network configuration. */
    public static MultiLayerConfiguration configuration(VaeConfig cfg) {
        VaeConfig.Network n = cfg.network();
        int pixels = cfg.data().stampSize() * cfg.data().stampSize();
        return new NeuralNetConfiguration.Builder()
                .seed(cfg.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(cfg.training().learningRate()))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new VariationalAutoencoder.Builder()
                        .activation(Activation.RELU)
                        .encoderLayerSizes(toArray(n.encoder()))
                        .decoderLayerSizes(toArray(n.decoder()))
                        .pzxActivationFunction(Activation.IDENTITY)
                        .reconstructionDistribution(new GaussianReconstructionDistribution(Activation.IDENTITY))
                        .nIn(pixels)
                        .nOut(n.latent())
                        .build())
                .build();
    }

    private static int[] toArray(java.util.List<Integer> widths) {
        return widths.stream().mapToInt(Integer::intValue).toArray();
    }
}
