package org.sersic4j.fit.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sersic4j.fit.ModelSpec;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.io.YamlErrors;
import org.sersic4j.render.model.ComponentType;

/**
 * Model files: a {@link ModelSpec} written as YAML, and {@link #resolve} of a model named on the command line.
 *
 * <pre>
 * name: bulge+disc+agn
 * components:
 *   - {type: sersic, name: bulge, n: {start: 4, lower: 1, upper: 8}}
 *   - {type: exponential, name: disc, q: {fixed: true, start: 0.5}}
 *   - {type: psf, name: agn}
 *   - {type: skyplane, name: sky}
 * ties:
 *   - {param: disc.x0, equals: bulge.x0}
 *   - {param: agn.y0, equals: bulge.y0, ratio: 1, offset: 0}
 * </pre>
 *
 * <ul>
 *   <li>{@code name}: the model's name (catalogue column {@code model}); the file name without its extension when
 *   absent.</li>
 *   <li>{@code components}: a non-empty list. Each has a {@code type} ({@code sersic}, {@code exponential},
 *   {@code devauc}, {@code psf}, {@code sky}, {@code skyplane}; GALFIT's {@code expdisk} is read as
 *   {@code exponential}), an optional {@code name} (default: the type; names must differ, and ties use them), and
 *   settings for any of its parameters ({@code x0 y0 flux re n q pa} for a Sérsic, no {@code n} for exponential and
 *   devauc, {@code x0 y0 flux} for psf, {@code sky} for sky, {@code sky dsky_dx dsky_dy} for skyplane), in the
 *   project's units (FITS pixels, ADU, r_e along the major axis in pixels, PA in degrees counter-clockwise from +y).
 *   A setting is a bare number (the starting value) or a mapping of {@code start}, {@code fixed} (true/false),
 *   {@code lower} and {@code upper}; what is not given is automatic (the start from the image's moments, the bounds
 *   the fitter's defaults). A fixed parameter without a start is held at its automatic start. The first component
 *   is the target and must be a profile (sersic, exponential or devauc).</li>
 *   <li>{@code ties}: a list of {@code {param: C.P, equals: C.P}} with optional {@code ratio} (default 1) and
 *   {@code offset} (default 0): param = ratio · equals + offset, the parameters named component.parameter. A
 *   parameter is tied at most once, never to itself, and not to a parameter that is itself tied (no chains: tie both
 *   to the same master).</li>
 * </ul>
 *
 * <p>Every problem — unknown keys, types or parameters, a value that is not a number or not true/false, empty
 * components, bounds that leave no room, bad ties — is an {@link InvalidInputException} reading
 * {@code "<file>: <key>: <problem>"}, the key a path such as {@code components[1].q.start} or {@code ties[0]}.
 */
public final class ModelFiles {
    private static final Set<String> TOP = Set.of("name", "components", "ties");
    private static final Set<String> SETTING = Set.of("start", "fixed", "lower", "upper");
    private static final Set<String> TIE = Set.of("param", "equals", "ratio", "offset");

    private final Path file;

    private ModelFiles(Path file) {
        this.file = file;
    }

    /**
     * A named model ({@link ModelSpec#NAMED}, case-insensitive) or a model file ({@code .yaml} or {@code .yml}).
     *
     * @throws IllegalArgumentException for a name that is neither
     * @throws InvalidInputException    for a model file that is missing or wrong
     */
    public static ModelSpec resolve(String nameOrPath) {
        String s = nameOrPath.trim();
        if (ModelSpec.NAMED.contains(s.toLowerCase(Locale.ROOT))) return ModelSpec.named(s);
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return read(Path.of(s));
        return ModelSpec.named(s);   // throws, listing the named models and mentioning model files
    }

    /** Reads a model file (see the class comment). */
    public static ModelSpec read(Path file) {
        String text = YamlErrors.readConfig(file, "model");
        JsonNode root;
        try {
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new InvalidInputException(file, "not valid YAML: " + m.trim() + YamlErrors.at(e.getLocation()), e);
        }
        return new ModelFiles(file).model(root);
    }

    private ModelSpec model(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull())
            throw error("components", "the file is empty: a model needs a list of components");
        if (!root.isObject()) throw error("", "expected a mapping with keys name, components, ties");
        unknownKeys(root, "", TOP);
        String name = root.has("name") ? text(root.get("name"), "name") : defaultName();
        JsonNode comps = root.get("components");
        if (comps == null || comps.isNull()) throw error("components", "missing: a model needs at least one component");
        if (!comps.isArray()) throw error("components", "expected a list of components");
        if (comps.isEmpty()) throw error("components", "empty: a model needs at least one component");
        List<ModelSpec.Part> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < comps.size(); i++) {
            ModelSpec.Part p = part(comps.get(i), "components[" + i + "]");
            if (names.contains(p.name()))
                throw error("components[" + i + "].name", "a second component named '" + p.name() + "' (names must differ;"
                        + " give each a name)");
            names.add(p.name());
            parts.add(p);
        }
        if (!parts.get(0).type().isProfile())
            throw error("components[0].type", "the first component is the target and must be a profile (sersic,"
                    + " exponential or devauc), not " + parts.get(0).type().label());
        List<ModelSpec.TieSpec> ties = new ArrayList<>();
        JsonNode t = root.get("ties");
        if (t != null && !t.isNull()) {
            if (!t.isArray()) throw error("ties", "expected a list of ties");
            for (int i = 0; i < t.size(); i++) {
                String key = "ties[" + i + "]";
                ties.add(tie(t.get(i), key));
                try {
                    // ModelSpec checks the ties so far: the first that breaks a rule is the one reported
                    new ModelSpec(name, parts, ties);
                } catch (IllegalArgumentException e) {
                    throw error(key, e.getMessage().replaceFirst("^model '[^']*': ", ""));
                }
            }
        }
        return new ModelSpec(name, parts, ties);
    }

    private String defaultName() {
        String f = file.getFileName() == null ? "model" : file.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    private ModelSpec.Part part(JsonNode c, String key) {
        if (c == null || !c.isObject()) throw error(key, "expected a mapping with a type and parameter settings");
        JsonNode typeNode = c.get("type");
        if (typeNode == null || typeNode.isNull()) throw error(key + ".type", "missing (sersic, exponential, devauc, psf,"
                + " sky or skyplane)");
        ComponentType type;
        try {
            type = ComponentType.of(text(typeNode, key + ".type"));
        } catch (IllegalArgumentException e) {
            throw error(key + ".type", e.getMessage());
        }
        String name = c.has("name") ? text(c.get("name"), key + ".name") : type.label();
        if (name.isBlank() || name.contains(".") || name.chars().anyMatch(Character::isWhitespace))
            throw error(key + ".name", "'" + name + "' cannot name a component (no blanks, spaces or dots)");
        Map<String, ModelSpec.Setting> settings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String k = f.getKey();
            if (k.equals("type") || k.equals("name")) continue;
            if (!type.parameterNames().contains(k))
                throw error(key + "." + k, "unknown key: " + type.label() + " has the parameters "
                        + String.join(", ", type.parameterNames()) + " (and type, name)");
            settings.put(k, setting(f.getValue(), key + "." + k));
        }
        return new ModelSpec.Part(type, name, settings);
    }

    private ModelSpec.Setting setting(JsonNode v, String key) {
        if (v.isNumber()) return new ModelSpec.Setting(number(v, key), false, Double.NaN, Double.NaN);
        if (!v.isObject()) throw error(key, "expected a number (the starting value) or a mapping of start, fixed, lower,"
                + " upper");
        unknownKeys(v, key, SETTING);
        double start = v.has("start") ? number(v.get("start"), key + ".start") : Double.NaN;
        double lower = v.has("lower") ? number(v.get("lower"), key + ".lower") : Double.NaN;
        double upper = v.has("upper") ? number(v.get("upper"), key + ".upper") : Double.NaN;
        boolean fixed = false;
        if (v.has("fixed")) {
            JsonNode f = v.get("fixed");
            if (!f.isBoolean()) throw error(key + ".fixed", "expected true or false, got '" + f.asText() + "'");
            fixed = f.booleanValue();
        }
        if (!Double.isNaN(lower) && !Double.isNaN(upper) && !(lower < upper))
            throw error(key, "lower (" + lower + ") must be below upper (" + upper + ")");
        if (!Double.isNaN(start) && (start < lower || start > upper))
            throw error(key + ".start", start + " lies outside [" + (Double.isNaN(lower) ? "-inf" : lower) + ", "
                    + (Double.isNaN(upper) ? "inf" : upper) + "]");
        return new ModelSpec.Setting(start, fixed, lower, upper);
    }

    private ModelSpec.TieSpec tie(JsonNode t, String key) {
        if (t == null || !t.isObject()) throw error(key, "expected a mapping {param: C.P, equals: C.P}");
        unknownKeys(t, key, TIE);
        if (!t.has("param")) throw error(key + ".param", "missing: the tied parameter, as component.parameter");
        if (!t.has("equals")) throw error(key + ".equals", "missing: the parameter it follows, as component.parameter");
        String slave = text(t.get("param"), key + ".param"), master = text(t.get("equals"), key + ".equals");
        double ratio = t.has("ratio") ? number(t.get("ratio"), key + ".ratio") : 1;
        double offset = t.has("offset") ? number(t.get("offset"), key + ".offset") : 0;
        return new ModelSpec.TieSpec(slave, master, ratio, offset);
    }

    private void unknownKeys(JsonNode node, String key, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k))
                throw error(key.isEmpty() ? k : key + "." + k, "unknown key; known keys here: "
                        + String.join(", ", known.stream().sorted().toList()));
        }
    }

    private double number(JsonNode v, String key) {
        if (!v.isNumber()) throw error(key, "expected a number, got " + (v.isNull() ? "nothing" : "'" + v.asText() + "'"));
        double d = v.doubleValue();
        if (!Double.isFinite(d)) throw error(key, "expected a finite number, got " + d);
        return d;
    }

    private String text(JsonNode v, String key) {
        if (!v.isTextual()) throw error(key, "expected text, got " + (v.isNull() ? "nothing" : "'" + v.asText() + "'"));
        return v.textValue().trim();
    }

    private InvalidInputException error(String key, String problem) {
        return new InvalidInputException(file, key.isEmpty() ? problem : key + ": " + problem);
    }
}
