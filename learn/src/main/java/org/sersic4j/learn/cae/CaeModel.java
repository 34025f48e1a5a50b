package org.sersic4j.learn.cae;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sersic4j.learn.ModelStore;

/**
 * A trained {@link ConditionalAutoencoder} for inference: the encoder's 64-dimensional latent (z1, z2 first), the
 * decoder from any latent to a stretched stamp in [0, 1], and the training loss of a batch.
 */
public final class CaeModel {
    private final ComputationGraph graph;
    private final List<String> decoder;
    private final int latent, side;

    /** The model of a loaded conditional autoencoder ({@link ModelStore#loadCae}). */
    public static CaeModel of(ModelStore.Loaded model) {
        return new CaeModel(model.graph());
    }

    /** The model of a graph built by {@link ConditionalAutoencoder}. */
    public CaeModel(ComputationGraph graph) {
        if (!graph.getConfiguration().getVertices().containsKey(ConditionalAutoencoder.LATENT)
                || !graph.getConfiguration().getVertices().containsKey(ConditionalAutoencoder.DECODER_DENSE))
            throw new IllegalArgumentException("not a conditional autoencoder: the graph has no '" + ConditionalAutoencoder.LATENT + "' vertex");
        this.graph = graph;
        int stages = 0;
        while (graph.getConfiguration().getVertices().containsKey("dec_up" + stages)) stages++;
        this.decoder = ConditionalAutoencoder.decoderNames(stages);
        this.latent = (int) graph.getLayer(ConditionalAutoencoder.DECODER_DENSE).getParam("W").size(0);
        var up = (LayerVertex) graph.getConfiguration().getVertices().get("dec_up0");
        this.side = (int) ((FeedForwardToCnnPreProcessor) up.getPreProcessor()).getInputHeight() << stages;
    }

    /** The graph. */
    public ComputationGraph graph() {
        return graph;
    }

    /** Dimension of the latent (physical and other units). */
    public int latentSize() {
        return latent;
    }

    /** The stamp side the network takes [px]. */
    public int side() {
        return side;
    }

    /** The latents of stretched stamps (B, 1, S, S): (B, latent), z1 and z2 in the first two columns. */
    public INDArray encode(INDArray x) {
        INDArray[] out = graph.output(false, x);
        return Nd4j.hstack(out[1], out[2]);
    }

    /** The latents as rows of floats. */
    public float[][] encodeRows(INDArray x) {
        INDArray z = encode(x);
        float[][] rows = new float[(int) z.size(0)][];
        for (int i = 0; i < rows.length; i++) rows[i] = z.getRow(i).dup().data().asFloat();
        return rows;
    }

    /** The latents of stretched stamps (B × S² floats, row-major), as rows of floats. */
    public float[][] encodeRows(float[] stretched) {
        return encodeRows(stamps(stretched));
    }

    /** The decoder's stretched stamps (B × S² floats, row-major) for {@code rows} latents (row-major). */
    public float[] decodeRows(float[] z, int rows) {
        return decode(Nd4j.create(z, new long[] {rows, z.length / rows}, 'c')).dup('c').data().asFloat();
    }

    /** The reconstructions of stretched stamps (B × S² floats, row-major), in the same layout. */
    public float[] reconstructRows(float[] stretched) {
        return reconstruct(stamps(stretched)).dup('c').data().asFloat();
    }

    /** Stamps of S² floats each as a (B, 1, S, S) array. */
    private INDArray stamps(float[] px) {
        if (px.length % (side * side) != 0)
            throw new IllegalArgumentException(px.length + " pixels are not whole stamps of " + side + "×" + side);
        return Nd4j.create(px, new long[] {px.length / ((long) side * side), 1, side, side}, 'c');
    }

    /** The decoder's stretched stamps (B, 1, S, S) in [0, 1] for latents (B, latent). */
    public INDArray decode(INDArray z) {
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        INDArray h = z.castTo(graph.params().dataType());
        long batch = h.size(0);
        for (String name : decoder) {
            if (graph.getConfiguration().getVertices().get(name) instanceof LayerVertex lv && lv.getPreProcessor() != null) {
                InputPreProcessor p = lv.getPreProcessor();
                h = p.preProcess(h, (int) batch, ws);
            }
            Layer layer = graph.getLayer(name);
            h = layer.activate(h, false, ws);
        }
        return h;
    }

    /** The reconstruction of stretched stamps: the decoder at the encoder's latent. */
    public INDArray reconstruct(INDArray x) {
        return graph.output(false, x)[0];
    }

    /** The training loss of a batch (inputs, labels as {@link CaeTrainer} makes them), averaged over its stamps. */
    public double loss(MultiDataSet batch) {
        return graph.score(batch, false);
    }

    /**
     * The loss of a batch and its three terms from one forward pass, each averaged over the stamps: {total, mean binary
     * cross-entropy per pixel, mean squared error of z1 and z2 against their targets (unweighted), L1 norm of the other
     * latents (unweighted)}; total = bce + λ1·mse + λ2·l1, as {@link #loss}.
     */
    public double[] losses(MultiDataSet batch) {
        INDArray[] out = graph.output(false, batch.getFeatures(0));
        double eps = 1e-7;
        INDArray y = batch.getLabels(0), p = Transforms.min(Transforms.max(out[0].castTo(y.dataType()), eps), 1 - eps);
        double bce = -y.mul(Transforms.log(p)).addi(y.rsub(1).muli(Transforms.log(p.rsub(1)))).meanNumber().doubleValue();
        INDArray d = out[1].sub(batch.getLabels(1));
        double mse = d.mul(d).meanNumber().doubleValue();
        double l1 = Transforms.abs(out[2].sub(batch.getLabels(2))).sumNumber().doubleValue() / out[2].size(0);
        return new double[] {bce + weight(ConditionalAutoencoder.PHYSICAL_OUT) * mse + weight(ConditionalAutoencoder.REST_OUT) * l1, bce, mse, l1};
    }

    /** The weight (λ) of a loss layer's loss function. */
    private double weight(String name) {
        var conf = ((LayerVertex) graph.getConfiguration().getVertices().get(name)).getLayerConf().getLayer();
        var fn = ((org.deeplearning4j.nn.conf.layers.LossLayer) conf).getLossFn();
        INDArray w = fn instanceof LossL2 l2 ? l2.getWeights() : fn instanceof LossL1 l1 ? l1.getWeights() : null;
        return w == null ? 1 : w.getDouble(0);
    }
}
