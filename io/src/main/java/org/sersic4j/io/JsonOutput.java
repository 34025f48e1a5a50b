package org.sersic4j.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one JSON mapper of every JSON file sersic4j writes (summaries, benchmark documents, model cards, training state).
 *
 * <ul>
 *   <li>Keys are snake_case: a record's or bean's camelCase components are written in snake_case
 *       ({@code bestValidationLoss} → {@code best_validation_loss}); map and tree keys are written as they are, so code
 *       that builds maps or {@link ObjectNode}s spells its keys in snake_case itself.</li>
 *   <li>Output is indented, and keys keep a stable order: a record's component order, a map's or node's insertion order
 *       (never sorted).</li>
 *   <li>A non-finite number (NaN, ±Infinity; JSON has none of them) is written as {@code null}, wherever it sits: a
 *       record component, a map value, a tree node, an element of a {@code double[]}. Reading back, {@code null} for a
 *       primitive {@code double} gives NaN (not 0); the strings {@code "NaN"} and {@code "Infinity"} that files written
 *       before this mapper may hold are read as those values.</li>
 *   <li>Unknown properties are ignored when reading, so a newer file loads in an older reader's type.</li>
 * </ul>
 *
 * Readers of files that existed before keys became snake_case (December 2026) accept the former camelCase keys too,
 * through {@link com.fasterxml.jackson.annotation.JsonAlias} on the record components or a fallback lookup.
 */
public final class JsonOutput {
    /** The mapper; configured once, thread-safe, not to be reconfigured. */
    public static final ObjectMapper MAPPER = build();

    private JsonOutput() {}

    private static ObjectMapper build() {
        JsonFactory factory = JsonFactory.builder().addDecorator((f, g) -> new FiniteOrNull(g)).build();
        SimpleModule nanOnNull = new SimpleModule("sersic4j-nan-on-null");
        nanOnNull.addDeserializer(double.class, new NumberDeserializers.DoubleDeserializer(double.class, Double.NaN));
        return JsonMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(nanOnNull)
                .build();
    }

    /** A new empty object node (insertion-ordered). */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code value} as indented JSON text, with a final newline. */
    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + ErrorLine.reason(e), e);
        }
    }

    /**
     * Writes {@code value} to {@code file} with {@link AtomicWrite} (creating the file's directory), so the file is
     * either the complete document or left as it was.
     *
     * @throws InvalidInputException when the directory cannot be created or writing fails
     */
    public static void write(Path file, Object value) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new InvalidInputException(file, "cannot create its directory (" + ErrorLine.reason(e) + ")", e);
            }
        }
        AtomicWrite.write(file, out -> {
            MAPPER.writeValue(out, value);
            out.write('\n');
        });
    }

    /** Reads {@code file} as {@code type}. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }

    /**
     * The paths of the keys in {@code tree} spelt in camelCase (a lower-case start, then a capital), e.g.
     * {@code /training/bestValidationLoss}: what a document sersic4j writes must not have. Values are not keys, so
     * an embedded YAML configuration (a string) is not looked into.
     */
    public static List<String> camelCaseKeys(JsonNode tree) {
        List<String> out = new ArrayList<>();
        camelCaseKeys(tree, "", out);
        return out;
    }

    private static void camelCaseKeys(JsonNode n, String at, List<String> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                String path = at + "/" + e.getKey();
                if (CAMEL.matcher(e.getKey()).matches()) out.add(path);
                camelCaseKeys(e.getValue(), path, out);
            });
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) camelCaseKeys(n.get(i), at + "/" + i, out);
        }
    }

    private static final Pattern CAMEL = Pattern.compile("[a-z][a-z0-9]*[A-Z].*");

    /** The generator's view that writes non-finite numbers as null. */
    private static final class FiniteOrNull extends JsonGeneratorDelegate {
        FiniteOrNull(JsonGenerator g) {
            super(g, false);
        }

        @Override
        public void writeNumber(double v) throws IOException {
            if (Double.isFinite(v)) delegate.writeNumber(v);
            else delegate.writeNull();
        }

        @Override
        public void writeNumber(float v) throws IOException {
            if (Float.isFinite(v)) delegate.writeNumber(v);
            else delegate.writeNull();
        }

        @Override
        public void writeArray(double[] array, int offset, int length) throws IOException {
            writeStartArray(array, length);
            for (int i = offset, end = offset + length; i < end; i++) writeNumber(array[i]);
            writeEndArray();
        }
    }
}
