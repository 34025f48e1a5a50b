package org.sersic4j.render.sim;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.List;
import org.hipparchus.random.RandomGenerator;

/**
 * A closed interval [min, max] from which a parameter is drawn, uniformly or (with {@code log}) log-uniformly.
 * A degenerate range (min = max) is a fixed value.
 *
 * <p>In YAML a range is written as a number ({@code 0.7}, a fixed value), a two-element list ({@code [0.3, 5]},
 * uniform) or a mapping ({@code {min: 500, max: 50000, log: true}}); any other key in the mapping is an error.
 *
 * @param min lower end
 * @param max upper end (≥ min)
 * @param log draw log-uniformly (then min must be &gt; 0)
 */
@JsonDeserialize(using = Range.Deserializer.class)
@JsonSerialize(using = Range.Serializer.class)
public record Range(double min, double max, boolean log) {

    /** A uniform range. */
    public static Range of(double min, double max) {
        return new Range(min, max, false);
    }

    /** A log-uniform range. */
    public static Range logOf(double min, double max) {
        return new Range(min, max, true);
    }

    /** A fixed value. */
    public static Range fixed(double value) {
        return new Range(value, value, false);
    }

    /** True when min = max. */
    public boolean degenerate() {
        return min == max;
    }

    /**
     * Draws one value: {@code min + u (max − min)}, or {@code exp(ln min + u (ln max − ln min))} when log-uniform,
     * with {@code u} uniform in [0, 1). Always consumes exactly one {@code nextDouble()}, even for a fixed value,
     * so that fixing one parameter never shifts the draws of the others.
     */
    public double draw(RandomGenerator rng) {
        double u = rng.nextDouble();
        if (min == max) return min;
        if (log) return Math.min(max, Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))));
        return Math.min(max, min + u * (max - min));
    }

    /** The same range multiplied by a positive factor (e.g. arcsec → pixels). */
    public Range scaled(double factor) {
        return new Range(min * factor, max * factor, log);
    }

    /**
     * The reason this range is unusable for the key {@code key}, or null. Checks finiteness, order, log ranges
     * above zero, and the allowed interval [lo, hi] (either end may be NaN for no bound, {@code openLo} and
     * {@code openHi} exclude the ends).
     */
    public String problem(String key, double lo, boolean openLo, double hi, boolean openHi) {
        if (!Double.isFinite(min) || !Double.isFinite(max))
            return key + ": range ends must be finite numbers (got " + this + ")";
        if (min > max) return key + ": min must be <= max (got " + this + ")";
        if (log && min <= 0) return key + ": a log-uniform range needs min > 0 (got " + this + ")";
        if (!Double.isNaN(lo) && (openLo ? min <= lo : min < lo))
            return key + ": min must be " + (openLo ? "> " : ">= ") + lo + " (got " + this + ")";
        if (!Double.isNaN(hi) && (openHi ? max >= hi : max > hi))
            return key + ": max must be " + (openHi ? "< " : "<= ") + hi + " (got " + this + ")";
        return null;
    }

    @Override
    public String toString() {
        if (min == max) return Double.toString(min);
        return "[" + min + ", " + max + "]" + (log ? " log" : "");
    }

    /** Reads the three YAML forms of a range. */
    static final class Deserializer extends JsonDeserializer<Range> {
        private static final List<Object> KEYS = List.of("min", "max", "log");

        @Override
        public Range deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                return fixed(p.getDoubleValue());
            }
            if (t == JsonToken.START_ARRAY) {
                double[] v = new double[2];
                int k = 0;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (!t.isNumeric()) return ctxt.reportInputMismatch(Range.class, "a range list must hold two numbers [min, max]");
                    if (k < 2) v[k] = p.getDoubleValue();
                    k++;
                }
                if (k != 2) return ctxt.reportInputMismatch(Range.class, "a range list must hold two numbers [min, max], got " + k);
                return of(v[0], v[1]);
            }
            if (t == JsonToken.START_OBJECT) {
                Double min = null, max = null;
                boolean log = false;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (name) {
                        case "min" -> min = number(p, ctxt, v, name);
                        case "max" -> max = number(p, ctxt, v, name);
                        case "log" -> {
                            if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE)
                                return ctxt.reportInputMismatch(Range.class, "'log' must be true or false");
                            log = v == JsonToken.VALUE_TRUE;
                        }
                        default -> throw UnrecognizedPropertyException.from(p, Range.class, name, KEYS);
                    }
                }
                if (min == null && max == null) return ctxt.reportInputMismatch(Range.class, "a range needs 'min' and 'max'");
                if (min == null) min = max;
                if (max == null) max = min;
                return new Range(min, max, log);
            }
            return ctxt.reportInputMismatch(Range.class,
                    "expected a number, a list [min, max] or a mapping {min, max, log}, got " + t);
        }

        private static Double number(JsonParser p, DeserializationContext ctxt, JsonToken v, String name) throws IOException {
            if (v == null || !v.isNumeric()) return ctxt.reportInputMismatch(Range.class, "'" + name + "' must be a number");
            return p.getDoubleValue();
        }
    }

    /** Writes the shortest of the three forms: a number, [min, max], or {min, max, log: true}. */
    static final class Serializer extends JsonSerializer<Range> {
        @Override
        public void serialize(Range r, JsonGenerator g, SerializerProvider provider) throws IOException {
            if (r.min == r.max && !r.log) {
                g.writeNumber(r.min);
            } else if (!r.log) {
                g.writeStartArray();
                g.writeNumber(r.min);
                g.writeNumber(r.max);
                g.writeEndArray();
            } else {
                g.writeStartObject();
                g.writeNumberField("min", r.min);
                g.writeNumberField("max", r.max);
                g.writeBooleanField("log", true);
                g.writeEndObject();
            }
        }
    }
}
