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
 * The paper's VAE-GAN as a deblender: the {@link VaeDeblender} generator plus a discriminator D of k×k ReLU
 * (leaky, 0.2) convolutions (the paper: 32, 128, 256, 256; stride 2 except the last), a dense layer (the paper: 512)
 * and one logit. Each batch: one generator step on the VAE's loss + ganWeight × (−ln D(x̂)) at the sampled output x̂,
 * with D held fixed, then one discriminator step on −ln D(target) − ln(1 − D(x̂)) with that x̂. The generator and the
 * discriminator are two SameDiff graphs; the generator's graph sees D's weights as placeholders, so its gradients leave
 * them alone. Only the generator is saved: it is what deblends.
 */
public final class VaeGanDeblender extends Deblender {
    /** Graph names: the adversarial term, the discriminator's inputs and loss. */
    public static final String ADVERSARIAL = "adversarial", REAL = "real", FAKE = "fake", D_LOSS = "discriminatorLoss";

    private final SameDiff disc = SameDiff.create();
    private final int latent;
    private final List<String> gVars, dVars;
    private final AdamSteps gAdam, dAdam;

    /** An untrained VAE-GAN: {@code cfg}'s vae section as generator, its vaegan section as discriminator and schedule. */
    public VaeGanDeblender(DeblendConfig cfg) {
        super(SameDiff.create(), Kind.VAEGAN, cfg.data().stampSize());
        Nd4j.getRandom().setSeed(cfg.seed());
        DeblendConfig.VaeGan gan = cfg.vaegan();
        latent = cfg.vae().latent();
        VaeDeblender.Generator g = VaeDeblender.generator(sd, cfg.vae(), side);
        SDVariable adv = DeblendGraphs.bceOne(sd, discriminator(sd, DeblendGraphs.PLACEHOLDERS, gan, g.sampled(), side)).mean(ADVERSARIAL);
        g.reconstruction().add(g.kl().mul(cfg.vae().klWeight())).add(LOSS, adv.mul(gan.ganWeight()));
        sd.setLossVariables(LOSS);
        gVars = trainable(sd);

        SDVariable real = disc.placeHolder(REAL, DataType.FLOAT, -1, 1, side, side);
        SDVariable fake = disc.placeHolder(FAKE, DataType.FLOAT, -1, 1, side, side);
        SDVariable dReal = discriminator(disc, DeblendGraphs.VARIABLES, gan, real, side);
        SDVariable dFake = discriminator(disc, DeblendGraphs.VARIABLES, gan, fake, side);
        DeblendGraphs.bceOne(disc, dReal).mean().add(D_LOSS, DeblendGraphs.bceZero(disc, dFake).mean());
        disc.setLossVariables(D_LOSS);
        dVars = trainable(disc);
        gAdam = new AdamSteps(gan.training().learningRate());
        dAdam = new AdamSteps(gan.training().learningRate());
    }

    /** D's logit of images {@code x} (B, 1, S, S), its parameters from {@code p}. */
    static SDVariable discriminator(SameDiff sd, DeblendGraphs.Params p, DeblendConfig.VaeGan gan, SDVariable x, int side) {
        SDVariable h = x;
        int cin = 1, n = gan.discriminator().size(), s = side;
        for (int i = 0; i < n; i++) {
            int stride = i < n - 1 ? 2 : 1;
            h = sd.nn().leakyRelu(DeblendGraphs.conv(sd, p, "disc" + i, h, cin, gan.discriminator().get(i), gan.kernel(), stride), 0.2);
            cin = gan.discriminator().get(i);
            s /= stride;
        }
        long flat = (long) cin * s * s;
        h = sd.nn().leakyRelu(DeblendGraphs.dense(sd, p, "discfc", h.reshape(-1, flat), flat, gan.dense()), 0.2);
        return DeblendGraphs.dense(sd, p, "disclogit", h, gan.dense(), 1);
    }

    @Override
    public Map<String, Double> step(INDArray x, INDArray t, long seed) {
        Map<String, INDArray> feed = VaeDeblender.feed(x, t, seed, latent);
        for (String v : dVars) feed.put(v, disc.getVariable(v).getArr());
        List<String> gOut = List.of(LOSS, VaeDeblender.RECONSTRUCTION, VaeDeblender.KL, ADVERSARIAL, VaeDeblender.SAMPLED);
        Map<String, INDArray> g = descend(sd, feed, gOut, gVars, gAdam);
        Map<String, INDArray> dFeed = new LinkedHashMap<>();
        dFeed.put(REAL, t);
        dFeed.put(FAKE, g.get(VaeDeblender.SAMPLED));
        Map<String, Double> out = means(g, gOut.subList(0, 4));
        out.putAll(means(descend(disc, dFeed, List.of(D_LOSS), dVars, dAdam), List.of(D_LOSS)));
        return out;
    }
}
