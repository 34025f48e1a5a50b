package org.sersic4j.validation;

import java.nio.file.Path;
import java.util.Collection;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.sersic4j.render.io.InvalidInputException;
import org.sersic4j.render.sim.SimulationConfig;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.sersic4j.render.io.YamlErrors;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The configuration of a {@code sersic4j run} job, read from YAML. Every key has a meaning: an unknown key (at the
 * top level or inside a section) is an error naming the key and the file.
 *
 * <pre>
 * output: runs/quickstart   # results directory, relative to the current directory (default: runs/&lt;file name&gt;)
 * simulate:                 # the truth set: the same keys as a 'sersic4j simulate' configuration
 *   count: 64
 *   seed: 42
 *   ...
 * </pre>
 *
 * @param file     the file it was read from (null when built in code)
 * @param output   the results directory
 * @param simulate the truth-set simulation
 */
public record RunConfig(Path file, Path output, SimulationConfig simulate) {

    /** The top-level keys. */
    public static final Collection<String> KEYS = java.util.List.of("output", "simulate");

    public RunConfig {
        if (output == null) throw new IllegalArgumentException("output: the results directory is missing");
        if (simulate == null) simulate = SimulationConfig.defaults();
    }

    /** The YAML shape, bound by Jackson. */
    static final class Raw {
        @JsonProperty("output")
        String output;
        @JsonProperty("simulate")
        SimulationConfig simulate;
    }

    /**
     * Reads a run configuration.
     *
     * @throws InvalidInputException reading {@code "<file>: <problem>"}: no such file, not YAML, an unknown key (named,
     *                               with its line), a wrong type or a value out of range (named by its key path)
     */
    public static RunConfig load(Path file) {
        String text = YamlErrors.readConfig(file, "run configuration");
        Raw raw = null;
        if (!text.isBlank()) {
            try {
                raw = mapper().readValue(text, Raw.class);
            } catch (UnrecognizedPropertyException e) {
                throw new InvalidInputException(file, unknownKey(e), e);
            } catch (JsonMappingException e) {
                throw new InvalidInputException(file, describe(e), e);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(file, "not valid YAML: " + firstLine(e.getOriginalMessage()) + YamlErrors.at(e.getLocation()), e);
            }
        }
        if (raw == null) raw = new Raw();
        Path output;
        try {
            output = Path.of(raw.output != null && !raw.output.isBlank() ? raw.output.trim() : "runs/" + stem(file));
        } catch (RuntimeException e) {
            throw new InvalidInputException(file, "output: '" + raw.output + "' is not a usable path", e);
        }
        return new RunConfig(file, output, raw.simulate);
    }

    /** A copy writing into another directory. */
    public RunConfig withOutput(Path dir) {
        return new RunConfig(file, dir, simulate);
    }

    /** A copy with another simulation. */
    public RunConfig withSimulate(SimulationConfig s) {
        return new RunConfig(file, output, s);
    }

    /** This configuration as YAML with every default filled in: what a run used, for provenance. */
    public String toYaml() {
        StringBuilder sb = new StringBuilder();
        sb.append("output: ").append(output.toString().replace('\\', '/')).append('\n');
        sb.append("simulate:\n");
        for (String line : simulate.toYaml().split("\n")) {
            if (!line.isEmpty()) sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private static String unknownKey(UnrecognizedPropertyException e) {
        String parent = YamlErrors.keyPath(e, 1);
        String key = (parent.isEmpty() ? "" : parent + ".") + e.getPropertyName();
        TreeSet<String> known = new TreeSet<>();
        if (e.getKnownPropertyIds() != null) for (Object o : e.getKnownPropertyIds()) known.add(String.valueOf(o));
        String where = parent.isEmpty() ? "top-level keys" : "keys in " + parent;
        return "unknown key '" + key + "'" + YamlErrors.at(e.getLocation())
                + (known.isEmpty() ? "" : "; the " + where + " are: " + String.join(", ", parent.isEmpty() ? KEYS : known));
    }

    private static final Pattern KEYED_MESSAGE = Pattern.compile("^[A-Za-z][A-Za-z0-9_.\\[\\]]*: .*");

    /** One line: the key path, the problem, the line. Value problems from the configuration records keep their key. */
    private static String describe(JsonMappingException e) {
        String key = YamlErrors.keyPath(e, 0);
        Throwable c = e.getCause();
        String m = c instanceof IllegalArgumentException && c.getMessage() != null ? c.getMessage() : e.getOriginalMessage();
        m = firstLine(m);
        if (m != null && KEYED_MESSAGE.matcher(m).matches() && !key.isEmpty()) return key + "." + m + YamlErrors.at(e.getLocation());
        return (key.isEmpty() ? "" : key + ": ") + m + YamlErrors.at(e.getLocation());
    }



    private static String firstLine(String s) {
        if (s == null) return null;
        return s.lines().findFirst().orElse(s).trim();
    }

    private static String stem(Path file) {
        String name = file.getFileName() == null ? "run" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String s = dot > 0 ? name.substring(0, dot) : name;
        return s.isEmpty() ? "run" : s;
    }
}
