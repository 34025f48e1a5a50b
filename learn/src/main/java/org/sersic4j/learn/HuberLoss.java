package org.sersic4j.learn;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The Huber loss, summed over outputs and averaged over examples: for r = output − label, ½r² where |r| ≤ δ and
 * δ(|r| − ½δ) beyond. Quadratic near the answer, linear for outliers (badly blended or unusual galaxies do not
 * dominate the gradient). Deeplearning4j has none; GaLNet trains with it. A saved network's configuration names this
 * class, so it keeps this package: moving it would make every saved CNN, the shipped one included, unreadable.
 */
public final class HuberLoss implements ILossFunction {
    @JsonProperty("delta")
    private final double delta;

    /** Huber loss with δ = 1. */
    public HuberLoss() {
        this(1.0);
    }

    /** Huber loss turning linear at |r| = {@code delta} (> 0). */
    public HuberLoss(@JsonProperty("delta") double delta) {
        if (!(delta > 0)) throw new IllegalArgumentException("Huber delta must be > 0 (got " + delta + ")");
        this.delta = delta;
    }

    /** Where the loss turns linear. */
    public double delta() {
        return delta;
    }

    private INDArray residual(INDArray labels, INDArray preOutput, IActivation activationFn) {
        if (!labels.equalShapes(preOutput))
            throw new IllegalArgumentException("labels " + java.util.Arrays.toString(labels.shape()) + " and outputs "
                    + java.util.Arrays.toString(preOutput.shape()) + " differ in shape");
        INDArray out = activationFn.getActivation(preOutput.dup(), true);
        return out.subi(labels.castTo(out.dataType()));
    }

    private static void applyMask(INDArray perOutput, INDArray mask) {
        if (mask == null) return;
        if (mask.rank() == 1 || mask.size(1) == 1) perOutput.muliColumnVector(mask.reshape(mask.length(), 1).castTo(perOutput.dataType()));
        else perOutput.muli(mask.castTo(perOutput.dataType()));
    }

    /** Elementwise loss of residuals r. */
    private INDArray elementLoss(INDArray r) {
        INDArray abs = Transforms.abs(r, true);
        INDArray quad = r.mul(r).muli(0.5);
        INDArray lin = abs.sub(0.5 * delta).muli(delta);
        INDArray small = abs.lte(delta).castTo(r.dataType());
        return quad.muli(small).addi(lin.muli(small.rsub(1.0)));
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray l = elementLoss(residual(labels, preOutput, activationFn));
        applyMask(l, mask);
        return l.sum(true, 1);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        INDArray perExample = computeScoreArray(labels, preOutput, activationFn, mask);
        double s = perExample.sumNumber().doubleValue();
        return average ? s / perExample.size(0) : s;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray r = residual(labels, preOutput, activationFn);
        INDArray dLdOut = Transforms.min(Transforms.max(r, -delta, true), delta, false);
        applyMask(dLdOut, mask);
        INDArray grad = activationFn.backprop(preOutput.dup(), dLdOut).getFirst();
        applyMask(grad, mask);
        return grad;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "huber(" + delta + ")";
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HuberLoss h && h.delta == delta;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(delta);
    }

}
