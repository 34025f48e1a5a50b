package org.sersic4j.learn.vae;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.variational.GaussianReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.VariationalAutoencoderParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sersic4j.learn.ModelStore;

/**
 * A trained {@link GalaxyVae} for inference: the encoder's q(z|x) and the decoder's p(x|z), each as a mean and a
 * log-variance per dimension, computed from the layer's parameters exactly as the layer computes them (DL4J keeps the
 * decoder's variance at a given z private). The mean reconstruction of the paper is f_μ(g_μ(x)) ({@link
 * #reconstructAtMean}); {@link #loss} is the negative ELBO per stamp, the quantity training minimises.
 */
public final class VaeModel {
    private final Layer layer;
    private final IActivation hidden, latentActivation, outputActivation;
    private final int encoderLayers, decoderLayers, inputSize, latentSize;

    /** Mean and log-variance (rows: stamps). */
    public record Gaussian(INDArray mean, INDArray logVariance) {}

    /** Mean and log-variance as floats, row-major (rows: stamps). */
    public record Rows(float[] mean, float[] logVariance) {}

    /** The model of a loaded galaxy VAE ({@link ModelStore#loadVae}). */
    public static VaeModel of(ModelStore.LoadedVae model) {
        return new VaeModel(model.network());
    }

    /** The model of a network built by {@link GalaxyVae}. */
    public VaeModel(MultiLayerNetwork network) {
        this.layer = network.getLayer(0);
        if (!(layer.conf().getLayer() instanceof VariationalAutoencoder conf))
            throw new IllegalArgumentException("not a galaxy VAE: its first layer is " + layer.conf().getLayer().getClass().getSimpleName());
        if (!(conf.getOutputDistribution() instanceof GaussianReconstructionDistribution g))
            throw new IllegalArgumentException("not a galaxy VAE: its reconstruction distribution is " + conf.getOutputDistribution());
        this.hidden = conf.getActivationFn();
        this.latentActivation = conf.getPzxActivationFn();
        this.outputActivation = g.getActivationFn();
        this.encoderLayers = conf.getEncoderLayerSizes().length;
        this.decoderLayers = conf.getDecoderLayerSizes().length;
        this.inputSize = (int) conf.getNIn();
        this.latentSize = (int) conf.getNOut();
    }

    /** Pixels per stamp (S²). */
    public int inputSize() {
        return inputSize;
    }

    /** Dimension of z. */
    public int latentSize() {
        return latentSize;
    }

    /** q(z|x): g_μ(x) and g_logσ²(x). */
    public Gaussian encode(INDArray x) {
        INDArray h = x.castTo(param("e0" + VariationalAutoencoderParamInitializer.WEIGHT_KEY_SUFFIX).dataType());
        for (int i = 0; i < encoderLayers; i++) h = dense(h, "e" + i, hidden);
        return new Gaussian(dense(h, VariationalAutoencoderParamInitializer.PZX_MEAN_PREFIX, latentActivation),
                dense(h, VariationalAutoencoderParamInitializer.PZX_LOGSTD2_PREFIX, latentActivation));
    }

    /** p(x|z): f_μ(z) and f_logσ²(z), per pixel. */
    public Gaussian decode(INDArray z) {
        INDArray h = z;
        for (int i = 0; i < decoderLayers; i++) h = dense(h, "d" + i, hidden);
        INDArray out = dense(h, VariationalAutoencoderParamInitializer.PXZ_PREFIX, outputActivation);
        return new Gaussian(out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, inputSize)).dup(),
                out.get(NDArrayIndex.all(), NDArrayIndex.interval(inputSize, 2L * inputSize)).dup());
    }

    /** The paper's reconstruction: the decoder at the encoder's mean, f(g_μ(x)). */
    public Gaussian reconstructAtMean(INDArray x) {
        return decode(encode(x).mean());
    }

    /** {@link #reconstructAtMean(INDArray)} of {@code rows} stamps of S² floats each, one after another. */
    public Rows reconstructAtMean(float[] stamps, int rows) {
        Gaussian g = reconstructAtMean(Nd4j.create(stamps, new long[] {rows, stamps.length / rows}, 'c'));
        return new Rows(g.mean().dup('c').data().asFloat(), g.logVariance().dup('c').data().asFloat());
    }

    /**
     * The negative ELBO of each stamp [nats]: KL(q(z|x) ‖ N(0, I)) − ln p(x|z) at one sample z = g_μ + g_σ·ε, with ε
     * drawn from {@code seed} (the same seed gives the same ε).
     */
    public double[] loss(INDArray x, long seed) {
        Gaussian q = encode(x);
        int n = (int) x.size(0);
        float[] mu = q.mean().dup('c').data().asFloat(), lv = q.logVariance().dup('c').data().asFloat();
        float[] z = new float[mu.length];
        double[] kl = new double[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < latentSize; j++) {
                int k = i * latentSize + j;
                z[k] = (float) (mu[k] + Math.exp(0.5 * lv[k]) * gaussian(r));
                kl[i] += -0.5 * (1 + lv[k] - (double) mu[k] * mu[k] - Math.exp(lv[k]));
            }
        }
        Gaussian p = decode(Nd4j.create(z, new long[] {n, latentSize}, 'c'));
        float[] data = x.dup('c').data().asFloat();
        float[] mean = p.mean().dup('c').data().asFloat(), logVar = p.logVariance().dup('c').data().asFloat();
        double[] out = new double[n];
        for (int i = 0; i < n; i++)
            out[i] = kl[i] - GaussianPixels.logLikelihood(data, i * inputSize, mean, logVar, i * inputSize, inputSize);
        return out;
    }

    private INDArray dense(INDArray in, String prefix, IActivation activation) {
        INDArray pre = in.mmul(param(prefix + VariationalAutoencoderParamInitializer.WEIGHT_KEY_SUFFIX))
                .addiRowVector(param(prefix + VariationalAutoencoderParamInitializer.BIAS_KEY_SUFFIX));
        return activation.getActivation(pre, false);
    }

    private INDArray param(String key) {
        INDArray p = layer.getParam(key);
        if (p == null) throw new IllegalStateException("the VAE layer has no parameter " + key);
        return p;
    }

    /** A standard normal deviate (Box–Muller). */
    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
