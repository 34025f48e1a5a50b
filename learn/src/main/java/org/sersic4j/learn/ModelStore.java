package org.sersic4j.learn;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.sersic4j.io.AtomicWrite;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.io.JsonOutput;

/**
 * Saves and loads networks: the DL4J model ({@link ModelSerializer}, a zip) plus its {@link ModelCard} as a JSON
 * sidecar beside it ({@code model.zip} → {@code model.json}). The CNN is a computation graph ({@link #load}), the
 * galaxy VAE a multi-layer network ({@link #loadVae}); the card's kind tells them apart. The shipped default model
 * (the CNN) lives in the learn jar.
 */
public final class ModelStore {
    /** Class-path location of the shipped default model (zip and sidecar). */
    public static final String DEFAULT_MODEL = "/org/sersic4j/learn/model/sersic-cnn.zip";

    private ModelStore() {}

    /** A loaded network and its card. */
    public record Loaded(ComputationGraph graph, ModelCard card, String source) {}

    /** A loaded galaxy VAE ({@link org.sersic4j.learn.vae.GalaxyVae}) and its card. */
    public record LoadedVae(MultiLayerNetwork network, ModelCard card, String source) {}

    /** The sidecar path of a model file. */
    public static Path sidecar(Path model) {
        String name = model.getFileName().toString();
        String base = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        return model.resolveSibling(base + ".json");
    }

    /**
     * Writes the model (a CNN's graph or a VAE's network; with the updater state when {@code withUpdater}, for
     * resuming) and its sidecar, atomically.
     */
    public static void save(Model graph, ModelCard card, Path model, boolean withUpdater) throws IOException {
        Files.createDirectories(model.toAbsolutePath().getParent());
        AtomicWrite.write(model, out -> ModelSerializer.writeModel(graph, out, withUpdater));
        writeCard(model, card);
    }

    /** Writes (or replaces) the sidecar of {@code model}, atomically. */
    public static void writeCard(Path model, ModelCard card) {
        JsonOutput.write(sidecar(model), card);
    }

    /**
     * Loads a CNN and its sidecar.
     *
     * @throws InvalidInputException naming the file when it is missing, is not a DL4J model, lacks a valid sidecar, or
     *                               is another kind of model
     */
    public static Loaded load(Path model, boolean withUpdater) {
        ModelCard card = checkedCard(model, ModelCard.SERSIC_CNN);
        try {
            return new Loaded(ModelSerializer.restoreComputationGraph(model.toFile(), withUpdater), card, model.toString());
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(model, "not a readable Deeplearning4j computation graph: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a galaxy VAE and its sidecar.
     *
     * @throws InvalidInputException naming the file when it is missing, is not a DL4J model, lacks a valid sidecar, or
     *                               is another kind of model
     */
    public static LoadedVae loadVae(Path model) {
        ModelCard card = checkedCard(model, ModelCard.GALAXY_VAE);
        try {
            return new LoadedVae(ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false), card, model.toString());
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(model, "not a readable Deeplearning4j network: " + e.getMessage(), e);
        }
    }

    /** The sidecar of a model file that looks like a DL4J model of {@code kind} (a card without a kind counts as the CNN's). */
    private static ModelCard checkedCard(Path model, String kind) {
        if (!Files.isRegularFile(model)) throw new InvalidInputException(model, "model file not found");
        try (ZipFile z = new ZipFile(model.toFile())) {
            if (z.getEntry("configuration.json") == null || z.getEntry("coefficients.bin") == null)
                throw new InvalidInputException(model, "not a Deeplearning4j model (a zip without configuration.json and coefficients.bin)");
        } catch (IOException e) {
            throw new InvalidInputException(model, "not a model file (not a zip archive: " + e.getMessage() + ")", e);
        }
        Path side = sidecar(model);
        if (!Files.isRegularFile(side))
            throw new InvalidInputException(side, "the model's JSON sidecar is missing (expected beside " + model.getFileName() + ")");
        ModelCard card = readCard(side);
        String has = card.kind() == null ? ModelCard.SERSIC_CNN : card.kind();
        if (!has.equals(kind)) throw new InvalidInputException(model, "a " + has + " model, not a " + kind + " model");
        return card;
    }

    /** Loads the shipped default model from the class path. */
    public static Loaded loadDefault() {
        try (InputStream zip = ModelStore.class.getResourceAsStream(DEFAULT_MODEL);
             InputStream json = ModelStore.class.getResourceAsStream(DEFAULT_MODEL.replace(".zip", ".json"))) {
            if (zip == null || json == null)
                throw new IllegalStateException("the default model is not in this build (" + DEFAULT_MODEL + "): train one with "
                        + "'sersic4j train --config configs/train-cnn.yaml' and pass it with --model");
            ModelCard card = mapper().readValue(json, ModelCard.class);
            return new Loaded(ModelSerializer.restoreComputationGraph(zip, false), card, "default model (" + DEFAULT_MODEL + ")");
        } catch (IOException e) {
            throw new IllegalStateException("reading the default model failed: " + e.getMessage(), e);
        }
    }

    /** Whether the shipped default model is on the class path. */
    public static boolean hasDefault() {
        return ModelStore.class.getResource(DEFAULT_MODEL) != null;
    }

    /** Reads a sidecar. */
    public static ModelCard readCard(Path side) {
        try {
            ModelCard c = mapper().readValue(side.toFile(), ModelCard.class);
            if (c.format() != ModelCard.FORMAT) throw new InvalidInputException(side, "unsupported sidecar format " + c.format());
            boolean cnn = c.kind() == null || ModelCard.SERSIC_CNN.equals(c.kind());
            if (cnn && c.targets() == null || c.stampSize() <= 0 || c.psfSize() <= 0)
                throw new InvalidInputException(side, "sidecar lacks the target scaling or stamp sizes");
            return c;
        } catch (IOException e) {
            throw new InvalidInputException(side, "not a valid model sidecar: " + e.getMessage(), e);
        }
    }

    /** The JSON mapper used for sidecars ({@link JsonOutput#MAPPER}: snake_case, former camelCase keys read too). */
    public static ObjectMapper mapper() {
        return JsonOutput.MAPPER;
    }

    /**
     * Loads a conditional autoencoder ({@link org.sersic4j.learn.cae.ConditionalAutoencoder}) and its sidecar.
     *
     * @throws InvalidInputException naming the file when it is missing, is not a DL4J model, lacks a valid sidecar, or
     *                               is another kind of model
     */
    public static Loaded loadCae(Path model) {
        ModelCard card = checkedCard(model, ModelCard.CONDITIONAL_AUTOENCODER);
        try {
            return new Loaded(ModelSerializer.restoreComputationGraph(model.toFile(), false), card, model.toString());
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(model, "not a readable Deeplearning4j computation graph: " + e.getMessage(), e);
        }
    }

    /** A loaded SameDiff network (the deblenders) and its card. */
    public record LoadedSameDiff(org.nd4j.autodiff.samediff.SameDiff graph, ModelCard card, String source) {}

    /** Writes a SameDiff network (FlatBuffers, without updater state) atomically, and its sidecar beside it. */
    public static void saveSameDiff(org.nd4j.autodiff.samediff.SameDiff graph, ModelCard card, Path model) throws IOException {
        Files.createDirectories(model.toAbsolutePath().getParent());
        // What SameDiff.save(File, false) writes: the flat buffer from its position on.
        ByteBuffer flat = graph.asFlatBuffers(false);
        byte[] bytes = flat.array();
        AtomicWrite.write(model, out -> out.write(bytes, flat.position(), bytes.length - flat.position()));
        writeCard(model, card);
    }

    /**
     * Loads a SameDiff network whose card's kind starts with {@code kindPrefix}.
     *
     * @throws InvalidInputException naming the file when it or its sidecar is missing or unreadable, or it is another kind
     */
    public static LoadedSameDiff loadSameDiff(Path model, String kindPrefix) {
        if (!Files.isRegularFile(model)) throw new InvalidInputException(model, "model file not found");
        Path side = sidecar(model);
        if (!Files.isRegularFile(side))
            throw new InvalidInputException(side, "the model's JSON sidecar is missing (expected beside " + model.getFileName() + ")");
        ModelCard card = readCard(side);
        if (card.kind() == null || !card.kind().startsWith(kindPrefix))
            throw new InvalidInputException(model, "a " + (card.kind() == null ? ModelCard.SERSIC_CNN : card.kind()) + " model, not a "
                    + kindPrefix + "* model");
        try {
            return new LoadedSameDiff(org.nd4j.autodiff.samediff.SameDiff.load(model.toFile(), false), card, model.toString());
        } catch (RuntimeException e) {
            throw new InvalidInputException(model, "not a readable SameDiff network: " + e.getMessage(), e);
        }
    }
}
