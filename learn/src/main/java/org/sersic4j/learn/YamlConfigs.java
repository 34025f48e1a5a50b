package org.sersic4j.learn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.sersic4j.render.io.InvalidInputException;
import org.sersic4j.render.io.YamlErrors;

/** Reads and writes the learn module's YAML configurations: strict keys, one-line errors naming the file and key. */
public final class YamlConfigs {
    private YamlConfigs() {}

    /**
     * Reads a YAML configuration of {@code type}; an empty file gives {@code defaults}.
     *
     * @param what the kind of file, for messages ("training configuration")
     * @throws InvalidInputException naming the file and the offending key
     */
    public static <T> T load(Path file, String what, Class<T> type, Supplier<T> defaults) {
        String text = YamlErrors.readConfig(file, what);
        try {
            var tree = mapper().readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) return defaults.get();
            return mapper().readValue(text, type);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream().map(Object::toString)
                    .sorted().collect(Collectors.joining(", "));
            throw new InvalidInputException(file, "unknown key '" + YamlErrors.keyPath(e, 0) + "'" + YamlErrors.at(e.getLocation())
                    + (known.isEmpty() ? "" : "; known keys here: " + known), e);
        } catch (JsonMappingException e) {
            Throwable c = e.getCause();
            String m = c instanceof IllegalArgumentException && c.getMessage() != null ? c.getMessage()
                    : YamlErrors.keyPath(e, 0) + ": " + YamlErrors.problem(e);
            throw new InvalidInputException(file, m + YamlErrors.at(e.getLocation()), e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file, "not valid YAML: " + e.getOriginalMessage() + YamlErrors.at(e.getLocation()), e);
        }
    }

    /** A configuration as YAML with every key filled in (provenance). */
    public static String toYaml(Object config) {
        try {
            return new ObjectMapper(YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build()).writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code value}, or {@code fallback} where a key was left out. */
    public static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }
}
