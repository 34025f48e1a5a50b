package org.sersic4j.learn.cae;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The conditional autoencoder of "A Generative Model for Disentangling Galaxy Photometric Parameters" as a DL4J
 * {@link ComputationGraph}. Input "stamp" (B, 1, S, S), stretched into [0, 1] as {@link CaeInput} says. Encoder: per
 * entry of {@code network.conv} a 3×3 "same" ReLU convolution and 2×2 max pooling (the paper: 32 and 64 channels,
 * 64×64 → 16×16×64). Latent: two dense heads on the flattened features, {@value #PHYSICAL_LAYER} ({@value #PHYSICAL}
 * linear units, z1 and z2) and {@value #REST_LAYER} (latent − 2 ReLU units), concatenated ({@value #LATENT}). Decoder: a
 * dense ReLU layer to (S/2^k)²·c_last units reshaped to c_last × S/2^k × S/2^k, then per stage 2× nearest-neighbour
 * upsampling and a 3×3 ReLU convolution (channels in reverse order), then a one-channel 3×3 convolution with a sigmoid.
 *
 * <p>Three outputs carry the paper's loss L = BCE + λ1·L_phys + λ2·L_1: {@value #RECONSTRUCTION} (binary cross-entropy
 * of the stamp, weighted 1/S² so that it is the mean over pixels, Eq. 3), {@value #PHYSICAL_OUT} (the mean squared error
 * of z1, z2 against the scaled log flux and log r_e, weighted λ1, Eq. 4) and {@value #REST_OUT} (the L1 norm of the
 * other latents against zeros, weighted λ2, Eq. 5). DL4J averages each over the batch and adds them.
 */
public final class ConditionalAutoencoder {
    /** Supervised latents: z1 (flux), z2 (r_e). */
    public static final int PHYSICAL = 2;
    /** Vertex names. */
    public static final String STAMP = "stamp", PHYSICAL_LAYER = "z_physical", REST_LAYER = "z_rest", LATENT = "latent",
            RECONSTRUCTION = "reconstruction", PHYSICAL_OUT = "physical_loss", REST_OUT = "sparsity_loss";
    static final String DECODER_DENSE = "dec_dense";

    private ConditionalAutoencoder() {}

    /** The untrained network of this configuration, initialised from its seed. */
    public static ComputationGraph create(CaeConfig cfg) {
        ComputationGraph g = new ComputationGraph(configuration(cfg));
        g.init();
        return g;
    }

    /** The graph configuration; outputs in the order reconstruction, physical latents, other latents. */
    public static ComputationGraphConfiguration configuration(CaeConfig cfg) {
        CaeConfig.Network net = cfg.network();
        CaeConfig.Training tr = cfg.training();
        int s = cfg.data().stampSize();
        List<Integer> conv = net.conv();
        var b = new NeuralNetConfiguration.Builder()
                .seed(cfg.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(tr.learningRate()))
                .weightInit(WeightInit.RELU)
                .activation(Activation.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs(STAMP)
                .setInputTypes(InputType.convolutional(s, s, 1));
        String prev = STAMP;
        for (int i = 0; i < conv.size(); i++) {
            b.addLayer("enc_conv" + i, new ConvolutionLayer.Builder(3, 3).nOut(conv.get(i)).build(), prev);
            b.addLayer("enc_pool" + i, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                    "enc_conv" + i);
            prev = "enc_pool" + i;
        }
        b.addLayer(PHYSICAL_LAYER, new DenseLayer.Builder().nOut(PHYSICAL).activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build(), prev);
        b.addLayer(REST_LAYER, new DenseLayer.Builder().nOut(net.latent() - PHYSICAL).build(), prev);
        b.addVertex(LATENT, new MergeVertex(), PHYSICAL_LAYER, REST_LAYER);
        b.addLayer(PHYSICAL_OUT, new LossLayer.Builder(new LossMSE(Nd4j.valueArrayOf(new long[] {1, PHYSICAL}, tr.lambdaPhysical(), DataType.FLOAT)))
                .activation(Activation.IDENTITY).build(), PHYSICAL_LAYER);
        b.addLayer(REST_OUT, new LossLayer.Builder(new LossL1(Nd4j.valueArrayOf(new long[] {1, net.latent() - PHYSICAL}, tr.lambdaSparsity(),
                DataType.FLOAT))).activation(Activation.IDENTITY).build(), REST_LAYER);
        int low = s >> conv.size(), last = conv.get(conv.size() - 1);
        b.addLayer(DECODER_DENSE, new DenseLayer.Builder().nOut((long) low * low * last).build(), LATENT);
        prev = DECODER_DENSE;
        for (int i = 0; i < conv.size(); i++) {
            String up = "dec_up" + i, c = "dec_conv" + i;
            b.addLayer(up, new Upsampling2D.Builder(2).build(), prev);
            b.addLayer(c, new ConvolutionLayer.Builder(3, 3).nOut(conv.get(conv.size() - 1 - i)).build(), up);
            prev = c;
        }
        b.inputPreProcessor("dec_up0", new FeedForwardToCnnPreProcessor(low, low, last));
        b.addLayer("dec_out", new ConvolutionLayer.Builder(3, 3).nOut(1).activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build(), prev);
        b.addLayer(RECONSTRUCTION, new CnnLossLayer.Builder(new LossBinaryXENT(Nd4j.valueArrayOf(new long[] {1, 1}, 1.0 / ((double) s * s),
                DataType.FLOAT))).activation(Activation.SIGMOID).build(), "dec_out");
        b.setOutputs(RECONSTRUCTION, PHYSICAL_OUT, REST_OUT);
        return b.build();
    }

    /** The decoder's layers in order, from the latent to the sigmoid reconstruction. */
    static List<String> decoderNames(int stages) {
        List<String> names = new ArrayList<>();
        names.add(DECODER_DENSE);
        for (int i = 0; i < stages; i++) {
            names.add("dec_up" + i);
            names.add("dec_conv" + i);
        }
        names.add("dec_out");
        names.add(RECONSTRUCTION);
        return names;
    }
}
