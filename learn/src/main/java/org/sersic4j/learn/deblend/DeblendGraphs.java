package org.sersic4j.learn.deblend;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layers the deblenders are built of, as SameDiff operations on NCHW images: "same"-padded convolutions and
 * transposed convolutions (stride s divides or multiplies the side by s), dense layers, and the numerically stable
 * binary cross-entropy on logits. Parameters come from a {@link Params}: trainable variables (He-normal weights, zero
 * biases, created once and shared by every use of the same name) or placeholders (another network's weights, fed at
 * each step and left untouched by this graph's gradients).
 */
final class DeblendGraphs {
    private DeblendGraphs() {}

    /** Where a layer's parameters come from. */
    interface Params {
        /** The parameter {@code name} of {@code shape}; {@code fanIn} sets the He-normal scale of a new weight (0: a zero bias). */
        SDVariable get(SameDiff sd, String name, long[] shape, long fanIn);
    }

    /** Trainable variables, created on first use. */
    static final Params VARIABLES = (sd, name, shape, fanIn) -> {
        if (sd.hasVariable(name)) return sd.getVariable(name);
        return sd.var(name, fanIn == 0 ? Nd4j.zeros(DataType.FLOAT, shape)
                : Nd4j.randn(DataType.FLOAT, shape).muli(Math.sqrt(2.0 / fanIn)));
    };

    /** Placeholders of the same names and shapes (their values come from another graph). */
    static final Params PLACEHOLDERS = (sd, name, shape, fanIn) ->
            sd.hasVariable(name) ? sd.getVariable(name) : sd.placeHolder(name, DataType.FLOAT, shape);

    /** A k×k convolution of stride {@code stride} from {@code cin} to {@code cout} channels, "same" padding, no activation. */
    static SDVariable conv(SameDiff sd, Params p, String name, SDVariable in, int cin, int cout, int k, int stride) {
        SDVariable w = p.get(sd, name + "_W", new long[] {k, k, cin, cout}, (long) k * k * cin);
        SDVariable b = p.get(sd, name + "_b", new long[] {cout}, 0);
        return sd.cnn().conv2d(in, w, b, Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride)
                .paddingMode(PaddingMode.SAME).dataFormat("NCHW").build());
    }

    /** A k×k transposed convolution of stride 2 from {@code cin} to {@code cout} channels, doubling the side, no activation. */
    static SDVariable deconv(SameDiff sd, Params p, String name, SDVariable in, int cin, int cout, int k) {
        SDVariable w = p.get(sd, name + "_W", new long[] {k, k, cout, cin}, (long) k * k * cin / 4 + 1);
        SDVariable b = p.get(sd, name + "_b", new long[] {cout}, 0);
        return sd.cnn().deconv2d(in, w, b, DeConv2DConfig.builder().kH(k).kW(k).sH(2).sW(2).isSameMode(true)
                .dataFormat("NCHW").build());
    }

    /** A dense layer, no activation. */
    static SDVariable dense(SameDiff sd, Params p, String name, SDVariable in, long nin, long nout) {
        SDVariable w = p.get(sd, name + "_W", new long[] {nin, nout}, nin);
        SDVariable b = p.get(sd, name + "_b", new long[] {nout}, 0);
        return in.mmul(w).add(b);
    }

    /** The starting bias of the output layer: sigmoid(−4) ≈ 0.018, since most target pixels are sky near 0. */
    static final double OUTPUT_BIAS = -4;

    /** Sets the bias {@code name} to {@link #OUTPUT_BIAS}, so that an untrained network starts from an almost empty image. */
    static void startDark(SameDiff sd, String name) {
        sd.getVariable(name).getArr().assign(OUTPUT_BIAS);
    }

    /** ReLU. */
    static SDVariable relu(SameDiff sd, SDVariable x) {
        return sd.nn().relu(x, 0);
    }

    /**
     * Binary cross-entropy of sigmoid({@code logits}) against {@code target} in [0, 1], element-wise, in the stable form
     * max(l, 0) − l·t + ln(1 + e^−|l|).
     */
    static SDVariable bce(SameDiff sd, SDVariable logits, SDVariable target) {
        return relu(sd, logits).sub(logits.mul(target)).add(sd.nn().softplus(sd.math().abs(logits).neg()));
    }

    /** −ln sigmoid(l) = softplus(−l): the cross-entropy of a logit against the label 1. */
    static SDVariable bceOne(SameDiff sd, SDVariable logits) {
        return sd.nn().softplus(logits.neg());
    }

    /** −ln(1 − sigmoid(l)) = softplus(l): the cross-entropy of a logit against the label 0. */
    static SDVariable bceZero(SameDiff sd, SDVariable logits) {
        return sd.nn().softplus(logits);
    }
}
