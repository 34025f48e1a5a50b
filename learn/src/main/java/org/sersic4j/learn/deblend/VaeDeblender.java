package org.sersic4j.learn.deblend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The paper's variational autoencoder as a deblender: k×k stride-2 ReLU convolutions (the paper: 5×5, 64, 128, 256), a
 * dense ReLU layer (the paper: 2048), μ and log σ² of z by two dense layers, z = μ + σ·ε with ε ~ N(0, I) (the
 * reparameterisation), a dense ReLU layer back to the last encoder width × (S/2^k)² (the paper: 8×8×256), then
 * transposed convolutions through the decoder widths (the paper: 128, 32) to one channel, with a sigmoid. The loss is
 * the binary cross-entropy of the output against the target (the central galaxy, not the input) summed over pixels,
 * plus klWeight × KL(N(μ, σ²) ‖ N(0, I)), averaged over the batch. The deblended image is the decoder at z = μ.
 */
public final class VaeDeblender extends Deblender {
    /** Graph names: the noise ε, the decoder's output at the sampled z, the two loss terms. */
    public static final String EPS = "eps", SAMPLED = "sampled", RECONSTRUCTION = "reconstruction", KL = "kl";

    private final int latent;
    private final List<String> vars;
    private final AdamSteps adam;

    /** An untrained network of {@code cfg}'s vae section, initialised from its seed. */
    public VaeDeblender(DeblendConfig cfg) {
        super(SameDiff.create(), Kind.VAE, cfg.data().stampSize());
        Nd4j.getRandom().setSeed(cfg.seed());
        DeblendConfig.Vae v = cfg.vae();
        this.latent = v.latent();
        Generator g = generator(sd, v, side);
        g.reconstruction.add(LOSS, g.kl.mul(v.klWeight()));
        sd.setLossVariables(LOSS);
        vars = trainable(sd);
        adam = new AdamSteps(v.training().learningRate());
    }

    /** The generator's outputs: the sampled image and its logits, the batch means of the two loss terms. */
    record Generator(SDVariable sampled, SDVariable reconstruction, SDVariable kl) {}

    /** Builds the VAE in {@code sd} with trainable variables: input, target and ε placeholders, {@value #OUTPUT}, and the loss terms. */
    static Generator generator(SameDiff sd, DeblendConfig.Vae v, int side) {
        var p = DeblendGraphs.VARIABLES;
        SDVariable[] xt = inputAndTarget(sd, side);
        SDVariable eps = sd.placeHolder(EPS, DataType.FLOAT, -1, v.latent());
        SDVariable h = xt[0];
        int cin = 1, k = v.channels().size(), small = side >> k;
        for (int i = 0; i < k; i++) {
            h = DeblendGraphs.relu(sd, DeblendGraphs.conv(sd, p, "enc" + i, h, cin, v.channels().get(i), v.kernel(), 2));
            cin = v.channels().get(i);
        }
        long flat = (long) cin * small * small;
        h = DeblendGraphs.relu(sd, DeblendGraphs.dense(sd, p, "fc", h.reshape(-1, flat), flat, v.dense()));
        SDVariable mu = DeblendGraphs.dense(sd, p, "mu", h, v.dense(), v.latent());
        SDVariable logVar = DeblendGraphs.dense(sd, p, "logvar", h, v.dense(), v.latent());
        SDVariable z = mu.add(sd.math().exp(logVar.mul(0.5)).mul(eps));
        SDVariable sampledLogits = decoder(sd, v, z, cin, small);
        sd.nn().sigmoid(OUTPUT, decoder(sd, v, mu, cin, small));
        SDVariable sampled = sd.nn().sigmoid(SAMPLED, sampledLogits);
        DeblendGraphs.startDark(sd, "dec" + (k - 1) + "_b");
        SDVariable rec = DeblendGraphs.bce(sd, sampledLogits, xt[1]).sum(1, 2, 3).mean(RECONSTRUCTION);
        SDVariable kl = logVar.add(1).sub(mu.mul(mu)).sub(sd.math().exp(logVar)).sum(1).mul(-0.5).mean(KL);
        return new Generator(sampled, rec, kl);
    }

    /** The decoder's logits at z (its parameters shared by every call). */
    private static SDVariable decoder(SameDiff sd, DeblendConfig.Vae v, SDVariable z, int width, int small) {
        var p = DeblendGraphs.VARIABLES;
        long flat = (long) width * small * small;
        SDVariable h = DeblendGraphs.relu(sd, DeblendGraphs.dense(sd, p, "zfc", z, v.latent(), flat)).reshape(-1, width, small, small);
        int cin = width, layers = v.channels().size();
        for (int i = 0; i < layers; i++) {
            int cout = i == layers - 1 ? 1 : v.decoder().get(i);
            h = DeblendGraphs.deconv(sd, p, "dec" + i, h, cin, cout, v.kernel());
            if (i < layers - 1) h = DeblendGraphs.relu(sd, h);
            cin = cout;
        }
        return h;
    }

    /** Standard normal ε for a batch of {@code n}, from {@code seed}. */
    static INDArray eps(long seed, long n, int latent) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, n, latent);
    }

    /** The feed of one generator step. */
    static Map<String, INDArray> feed(INDArray x, INDArray t, long seed, int latent) {
        Map<String, INDArray> feed = new LinkedHashMap<>();
        feed.put(INPUT, x);
        feed.put(TARGET, t);
        feed.put(EPS, eps(seed, x.size(0), latent));
        return feed;
    }

    @Override
    public Map<String, Double> step(INDArray x, INDArray t, long seed) {
        List<String> out = List.of(LOSS, RECONSTRUCTION, KL);
        return means(descend(sd, feed(x, t, seed, latent), out, vars, adam), out);
    }
}
