package org.sersic4j.learn.deblend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sersic4j.learn.ModelCard;
import org.sersic4j.learn.ModelStore;
import org.sersic4j.io.InvalidInputException;

/**
 * A deblending network: it takes normalised blends ({@link BlendBatchRenderer#NORMALISATION}) as a (B, 1, S, S) array
 * and returns the central galaxy in the same units. Each is a SameDiff graph with the placeholder {@value #INPUT} and
 * the output {@value #OUTPUT}; the subclasses add their losses and one optimiser step per batch ({@link #step}).
 * A network loaded from disk ({@link #load}) deblends but does not train.
 */
public class Deblender {
    /** Names in every deblender graph. */
    public static final String INPUT = "input", TARGET = "target", OUTPUT = "deblended", LOSS = "loss";

    /** The three deblenders; the card's kind is {@code "deblender-" + name}. */
    public enum Kind {
        /** {@link ConvDeblender}. */
        CONV("conv", "conv"),
        /** {@link VaeGanDeblender}. */
        VAEGAN("vaegan", "VAE-GAN"),
        /** {@link VaeDeblender}. */
        VAE("vae", "VAE");

        private final String id, label;

        Kind(String id, String label) {
            this.id = id;
            this.label = label;
        }

        /** The configuration's name of the model (conv, vaegan, vae). */
        public String id() {
            return id;
        }

        /** The name in reports: conv (the paper calls it CAE; in sersic4j "cae" is the conditional autoencoder), VAE-GAN, VAE. */
        public String label() {
            return label;
        }

        /** The model card's kind. */
        public String cardKind() {
            return "deblender-" + id;
        }

        /** The kind of a configuration name. */
        public static Kind of(String id) {
            for (Kind k : values()) if (k.id.equals(id.toLowerCase(Locale.ROOT))) return k;
            throw new IllegalArgumentException("unknown deblender '" + id + "'; known: conv, vaegan, vae");
        }
    }

    protected final SameDiff sd;
    protected final Kind kind;
    protected final int side;

    /** A network of {@code kind} for S×S stamps, as the graph {@code sd}. */
    protected Deblender(SameDiff sd, Kind kind, int side) {
        this.sd = sd;
        this.kind = kind;
        this.side = side;
    }

    /** Which deblender. */
    public Kind kind() {
        return kind;
    }

    /** Stamp side S [px]. */
    public int side() {
        return side;
    }

    /** The trainable parameters, in total. */
    public long parameters() {
        long n = 0;
        for (SDVariable v : sd.variables()) if (v.getVariableType() == VariableType.VARIABLE) n += v.getArr().length();
        return n;
    }

    /** The deblended central galaxies of normalised blends x (B, 1, S, S). */
    public INDArray deblend(INDArray x) {
        return sd.output(Map.of(INPUT, x), OUTPUT).get(OUTPUT);
    }

    /** {@link #deblend(INDArray)} of {@code count} normalised stamps (S² floats each, row-major), in the same layout. */
    public float[] deblend(float[] px, int count, int side) {
        return deblend(images(px, count, side)).dup('c').data().asFloat();
    }

    /**
     * One optimiser step on a batch of normalised blends x and targets t (both (B, 1, S, S)); {@code seed} fixes any
     * noise the step draws (the VAEs' ε). Returns the step's losses before the update, the training objective first
     * ({@value #LOSS}).
     *
     * @throws UnsupportedOperationException for a network loaded from disk
     */
    public Map<String, Double> step(INDArray x, INDArray t, long seed) {
        throw new UnsupportedOperationException("a loaded " + kind.label() + " deblends but does not train");
    }

    /** Mean squared error of the deblended x against t, per pixel. */
    public double mse(INDArray x, INDArray t) {
        INDArray d = deblend(x).sub(t);
        return d.muli(d).meanNumber().doubleValue();
    }

    /** Writes the network (inference graph) and its card. */
    public void save(Path model, ModelCard card) throws IOException {
        ModelStore.saveSameDiff(sd, card, model);
    }

    /**
     * Reads a saved deblender of any kind.
     *
     * @throws InvalidInputException naming the file when it is missing, unreadable or not a deblender
     */
    public static Loaded load(Path model) {
        ModelStore.LoadedSameDiff l = ModelStore.loadSameDiff(model, "deblender-");
        Kind k = null;
        for (Kind c : Kind.values()) if (c.cardKind().equals(l.card().kind())) k = c;
        if (k == null) throw new InvalidInputException(model, "an unknown deblender kind '" + l.card().kind() + "'");
        return new Loaded(new Deblender(l.graph(), k, l.card().stampSize()), l.card(), l.source());
    }

    /** A deblender read from disk, its card and where it came from. */
    public record Loaded(Deblender deblender, ModelCard card, String source) {}

    /** Normalised stamps (B × S² row-major) as a (B, 1, S, S) array. */
    public static INDArray images(float[] px, int count, int side) {
        return Nd4j.create(px, new long[] {count, 1, side, side}, 'c');
    }

    /** The graph's input and target placeholders. */
    protected static SDVariable[] inputAndTarget(SameDiff sd, int side) {
        return new SDVariable[] {sd.placeHolder(INPUT, DataType.FLOAT, -1, 1, side, side),
                sd.placeHolder(TARGET, DataType.FLOAT, -1, 1, side, side)};
    }

    /** The names of the graph's trainable variables. */
    protected static List<String> trainable(SameDiff sd) {
        List<String> names = new ArrayList<>();
        for (SDVariable v : sd.variables()) if (v.getVariableType() == VariableType.VARIABLE) names.add(v.name());
        return names;
    }

    /**
     * Evaluates {@code outputs} and the gradients of the graph's loss with respect to {@code vars}, applies them with
     * {@code adam}, and returns the outputs (as they were before the update).
     */
    protected static Map<String, INDArray> descend(SameDiff sd, Map<String, INDArray> feed, List<String> outputs, List<String> vars,
                                                   AdamSteps adam) {
        // Only the first call builds the gradient graph (and prints a line per op); later ones leave System.out alone.
        var og = sd.hasGradientFunction() ? sd.calculateGradientsAndOutputs(feed, outputs, vars)
                : quietly(() -> sd.calculateGradientsAndOutputs(feed, outputs, vars));
        adam.apply(sd, og.getGradients());
        return og.getOutputs();
    }

    /**
     * Runs {@code work} with SameDiff's console line per differentiated operation (printed to standard output the first
     * time a graph's gradient is built) left out; every other line still goes to standard output. It swaps the
     * process-wide {@code System.out} while it runs, so it is used once per graph only.
     */
    private static <T> T quietly(java.util.function.Supplier<T> work) {
        java.io.PrintStream out = System.out;
        synchronized (Deblender.class) {
            System.setOut(new java.io.PrintStream(new java.io.OutputStream() {
                private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

                @Override
                public void write(int b) {
                    line.write(b);
                    if (b != '\n') return;
                    String s = line.toString();
                    line.reset();
                    if (!s.startsWith("Added differentiated op")) out.print(s);
                }
            }, true));
            try {
                return work.get();
            } finally {
                System.setOut(out);
            }
        }
    }

    /** The mean of each of {@code names} among {@code outputs}, in that order. */
    protected static Map<String, Double> means(Map<String, INDArray> outputs, List<String> names) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String o : names) out.put(o, outputs.get(o).meanNumber().doubleValue());
        return out;
    }
}
