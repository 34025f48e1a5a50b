package org.sersic4j.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and writes the YAML configurations (simulation, run, training and campaign files) in one way: strict keys, an
 * empty file meaning every default, and one-line errors naming the file, the key and, where it helps, the line.
 *
 * <p>A configuration record states its defaults once, in its {@code @JsonCreator} (a key left out takes the default,
 * {@link #or}), and checks its values in its constructor, throwing {@link IllegalArgumentException} with a message that
 * names the key ({@code "psf.size: must be odd"}). Such a message is completed with the path of the enclosing keys.
 */
public final class YamlConfigs {
    private YamlConfigs() {}

    /**
     * Reads a YAML configuration of {@code type}; an empty file (or one of comments only) gives {@code defaults}.
     *
     * @param what the kind of file, for messages ("training configuration")
     * @throws InvalidInputException naming the file and the problem: missing or unreadable file, not YAML, an unknown key
     *                               (with the keys known there), a value of the wrong kind or out of range
     */
    public static <T> T load(Path file, String what, Class<T> type, Supplier<T> defaults) {
        return parse(YamlErrors.readConfig(file, what), file, type, defaults);
    }

    /**
     * A configuration of {@code type} from YAML text (e.g. one written by {@link #toYaml(Object)}), as {@link #load}
     * reads a file; {@code file} names the text in messages.
     */
    public static <T> T parse(String text, Path file, Class<T> type, Supplier<T> defaults) {
        try {
            ObjectMapper mapper = reader();
            JsonNode tree = mapper.readTree(text);   // syntax first
            if (tree == null || tree.isMissingNode() || tree.isNull()) return defaults.get();
            return mapper.readValue(text, type);
        } catch (JsonMappingException e) {
            throw new InvalidInputException(file, describe(e), e);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage().lines()
                    .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).collect(Collectors.joining(": "));
            throw new InvalidInputException(file, "not valid YAML: " + m + YamlErrors.at(e.getLocation()), e);
        }
    }

    /** A configuration as YAML with every key filled in: what a run used, for provenance. */
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

    private static ObjectMapper reader() {
        return new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A message that names its key: "key.path: problem". */
    private static final Pattern KEYED = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\[\\]]*: .*", Pattern.DOTALL);

    /**
     * One line for a mapping error: the key path, the problem, the line. A record's own check names its key relative to
     * the record; the enclosing keys are put in front, and the parser's location (the end of the record's mapping, which
     * would mislead) is left out.
     */
    static String describe(JsonMappingException e) {
        String key = YamlErrors.keyPath(e, 0);
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream().map(Object::toString)
                    .sorted().collect(Collectors.joining(", "));
            return "unknown key '" + key + "'" + YamlErrors.at(e.getLocation()) + (known.isEmpty() ? "" : "; known keys here: " + known);
        }
        Throwable c = e.getCause();
        if (c instanceof IllegalArgumentException && c.getMessage() != null) {
            String m = c.getMessage().strip();
            if (KEYED.matcher(m).matches()) return within(key, m);
            return (key.isEmpty() ? m : key + ": " + m) + YamlErrors.at(e.getLocation());
        }
        return (key.isEmpty() ? "" : key + ": ") + YamlErrors.problem(e) + YamlErrors.at(e.getLocation());
    }

    /**
     * A keyed message {@code m} of the record at {@code path}, with the enclosing keys in front: the message's key may
     * already start with the last keys of the path ("training.batchSize" at "conv.training"), which are then not repeated.
     */
    static String within(String path, String m) {
        if (path.isEmpty()) return m;
        String[] p = path.split("\\.");
        String mKey = m.substring(0, m.indexOf(": "));
        for (int from = 0; from < p.length; from++) {
            String suffix = String.join(".", java.util.Arrays.copyOfRange(p, from, p.length));
            if (mKey.equals(suffix) || mKey.startsWith(suffix + ".") || mKey.startsWith(suffix + "[")) {
                String head = String.join(".", java.util.Arrays.copyOfRange(p, 0, from));
                return head.isEmpty() ? m : head + "." + m;
            }
        }
        return path + "." + m;
    }
}
