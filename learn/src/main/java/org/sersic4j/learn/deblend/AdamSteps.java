package org.sersic4j.learn.deblend;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma &amp; Ba 2015; β1 = 0.9, β2 = 0.999, ε = 1e−8, constant step) applied in place to a SameDiff graph's
 * variables from gradients computed outside its own training loop — the VAE-GAN updates two networks from two losses,
 * which SameDiff's {@code fit} does not do.
 */
final class AdamSteps {
    private static final double B1 = 0.9, B2 = 0.999, EPS = 1e-8;
    private final double rate;
    private final Map<String, INDArray[]> moments = new HashMap<>();
    private long t;

    AdamSteps(double rate) {
        this.rate = rate;
    }

    /** One step: each variable named in {@code gradients} moves against its gradient. */
    void apply(SameDiff sd, Map<String, INDArray> gradients) {
        t++;
        double c1 = 1 - Math.pow(B1, t), c2 = 1 - Math.pow(B2, t);
        for (Map.Entry<String, INDArray> e : gradients.entrySet()) {
            INDArray g = e.getValue(), p = sd.getVariable(e.getKey()).getArr();
            INDArray[] mv = moments.computeIfAbsent(e.getKey(), k -> new INDArray[] {g.ulike().assign(0), g.ulike().assign(0)});
            mv[0].muli(B1).addi(g.mul(1 - B1));
            mv[1].muli(B2).addi(g.mul(g).muli(1 - B2));
            INDArray denom = Transforms.sqrt(mv[1].div(c2), false).addi(EPS);
            p.subi(mv[0].div(c1).divi(denom).muli(rate));
        }
    }
}
