package org.sersic4j.learn.deblend;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The paper's convolutional autoencoder (CAE) as a deblender: four k×k stride-2 ReLU convolutions, 1 → c1 → c2 → c3 →
 * c4 channels (the paper: 3×3, 64, 128, 256, 512 from 3 colour channels; here one band), then the mirror image of
 * transposed convolutions c4 → c3 → c2 → c1 → 1, ReLU between and a sigmoid at the end. Trained by Adam on the mean
 * squared error between its output and the target (the central galaxy alone).
 */
public final class ConvDeblender extends Deblender {
    private final List<String> vars;
    private final AdamSteps adam;

    /** An untrained network of {@code cfg}'s conv section, initialised from its seed. */
    public ConvDeblender(DeblendConfig cfg) {
        super(SameDiff.create(), Kind.CONV, cfg.data().stampSize());
        Nd4j.getRandom().setSeed(cfg.seed());
        DeblendConfig.Conv c = cfg.conv();
        SDVariable[] xt = inputAndTarget(sd, side);
        SDVariable h = xt[0];
        int cin = 1;
        for (int i = 0; i < c.channels().size(); i++) {
            h = DeblendGraphs.relu(sd, DeblendGraphs.conv(sd, DeblendGraphs.VARIABLES, "enc" + i, h, cin, c.channels().get(i), c.kernel(), 2));
            cin = c.channels().get(i);
        }
        for (int i = c.channels().size() - 1; i >= 0; i--) {
            int cout = i == 0 ? 1 : c.channels().get(i - 1);
            h = DeblendGraphs.deconv(sd, DeblendGraphs.VARIABLES, "dec" + i, h, cin, cout, c.kernel());
            if (i > 0) h = DeblendGraphs.relu(sd, h);
            cin = cout;
        }
        DeblendGraphs.startDark(sd, "dec0_b");
        SDVariable out = sd.nn().sigmoid(OUTPUT, h);
        sd.math().squaredDifference(out, xt[1]).mean(LOSS);
        sd.setLossVariables(LOSS);
        vars = trainable(sd);
        adam = new AdamSteps(cfg.conv().training().learningRate());
    }

    @Override
    public Map<String, Double> step(INDArray x, INDArray t, long seed) {
        return means(descend(sd, Map.of(INPUT, x, TARGET, t), List.of(LOSS), vars, adam), List.of(LOSS));
    }
}
