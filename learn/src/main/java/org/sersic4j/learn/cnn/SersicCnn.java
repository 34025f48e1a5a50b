package org.sersic4j.learn.cnn;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.sersic4j.learn.HuberLoss;
import org.sersic4j.learn.TargetScaling;
import org.sersic4j.learn.TrainingConfig;

/**
 * The GaLNet-style estimator as a DL4J {@link ComputationGraph}: two inputs, the scaled galaxy stamp ("stamp",
 * 1×S×S) and the PSF stamp ("psf", 1×P×P). Each branch is a stack of convolutions (leaky ReLU, "same" padding), then a
 * dense layer; the branches merge into two dense layers (with dropout) and a linear output of the eight standardised
 * targets ({@link TargetScaling}), trained with the {@link HuberLoss} by Adam with an exponentially decaying step.
 * <ul>
 *   <li>{@code downsample: pool}: each convolution is 3×3 followed by 2×2 max pooling; the galaxy branch may start
 *   with a 5×5 stride-2 convolution (stem 2).</li>
 *   <li>{@code downsample: stride}: each convolution is 3×3 with stride 2 and there is no pooling; the galaxy branch
 *   may start on 4×4 patches with stride 4 (stem 4), a third of the time of the pooled layout for the same
 *   channels.</li>
 * </ul>
 * No batch normalisation, so dropout at prediction time gives MC-dropout uncertainties without batch effects.
 */
public final class SersicCnn {
    /** Input names. */
    public static final String STAMP = "stamp", PSF = "psf", OUTPUT = "out";

    private SersicCnn() {}

    /** The untrained network of this configuration, initialised from {@code seed}. */
    public static ComputationGraph create(TrainingConfig cfg) {
        ComputationGraph g = new ComputationGraph(configuration(cfg));
        g.init();
        return g;
    }

    /** The graph configuration. */
    public static ComputationGraphConfiguration configuration(TrainingConfig cfg) {
        TrainingConfig.Network net = cfg.network();
        TrainingConfig.Training tr = cfg.training();
        int s = cfg.data().stampSize(), p = cfg.data().psfSize();
        var b = new NeuralNetConfiguration.Builder()
                .seed(cfg.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(new ExponentialSchedule(ScheduleType.EPOCH, tr.learningRate(), tr.decayPerEpoch())))
                .weightInit(WeightInit.RELU)
                .activation(Activation.LEAKYRELU)
                .convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder()
                .addInputs(STAMP, PSF)
                .setInputTypes(InputType.convolutional(s, s, 1), InputType.convolutional(p, p, 1));
        boolean pooled = net.downsample() == TrainingConfig.Downsample.POOL;
        String stampOut = branch(b, "s", STAMP, net.conv(), net.stem(), net.downsample());
        String psfOut = branch(b, "k", PSF, net.psfConv(), pooled ? 1 : 0, net.downsample());
        b.addLayer("s_dense", new DenseLayer.Builder().nOut(net.dense()).build(), stampOut);
        b.addLayer("k_dense", new DenseLayer.Builder().nOut(Math.max(16, net.dense() / 8)).build(), psfOut);
        b.addVertex("merge", new MergeVertex(), "s_dense", "k_dense");
        var d1 = new DenseLayer.Builder().nOut(net.dense());
        var d2 = new DenseLayer.Builder().nOut(net.dense() / 2);
        var o = new OutputLayer.Builder(new HuberLoss(tr.huberDelta())).activation(Activation.IDENTITY).nOut(TargetScaling.COUNT);
        if (net.dropout() > 0) {
            d1.dropOut(new Dropout(1 - net.dropout()));
            d2.dropOut(new Dropout(1 - net.dropout()));
            o.dropOut(new Dropout(1 - net.dropout()));
        }
        b.addLayer("dense1", d1.build(), "merge");
        b.addLayer("dense2", d2.build(), "dense1");
        b.addLayer(OUTPUT, o.build(), "dense2");
        b.setOutputs(OUTPUT);
        return b.build();
    }

    /** One branch; {@code stem} shapes its first convolution (0: like the others, 1: 3×3, 2: 5×5 stride 2, 4: 4×4 stride 4). */
    private static String branch(ComputationGraphConfiguration.GraphBuilder b, String prefix, String input, List<Integer> channels,
                                 int stem, TrainingConfig.Downsample downsample) {
        boolean pool = downsample == TrainingConfig.Downsample.POOL;
        String prev = input;
        for (int i = 0; i < channels.size(); i++) {
            String c = prefix + "_conv" + i, p = prefix + "_pool" + i;
            ConvolutionLayer.Builder conv;
            if (i == 0 && stem == 4) conv = new ConvolutionLayer.Builder(4, 4).stride(4, 4);
            else if (i == 0 && stem == 2) conv = new ConvolutionLayer.Builder(5, 5).stride(2, 2);
            else if (pool || (i == 0 && stem == 1)) conv = new ConvolutionLayer.Builder(3, 3);
            else conv = new ConvolutionLayer.Builder(3, 3).stride(2, 2);
            b.addLayer(c, conv.nOut(channels.get(i)).build(), prev);
            prev = c;
            if (pool) {
                b.addLayer(p, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), c);
                prev = p;
            }
        }
        return prev;
    }
}
