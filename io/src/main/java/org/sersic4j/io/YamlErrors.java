package org.sersic4j.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads configuration files and turns Jackson's mapping errors into the parts of a one-line message: the dotted key and the line/column. */
public final class YamlErrors {
    private YamlErrors() {}

    /** The dotted key path of an error ({@code psf.fwhm}, {@code ranges.n[1]}), leaving out the last {@code dropLast} elements. */
    public static String keyPath(JsonMappingException e, int dropLast) {
        StringBuilder sb = new StringBuilder();
        List<JsonMappingException.Reference> path = e.getPath();
        for (int i = 0; i < path.size() - dropLast; i++) {
            JsonMappingException.Reference r = path.get(i);
            if (r.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The text of a configuration file, or an {@link InvalidInputException} naming the file and what is wrong. */
    public static String readConfig(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "no such " + what + " file", e);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read the " + what + " (" + e.getMessage() + ")", e);
        }
    }

    /** " (line L, column C)" for a known location, else "". */
    public static String at(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) return "";
        return " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    /**
     * The problem of a mapping error in a user's words, without Java's type names: "expected a whole number, got
     * 'abc'" rather than "Cannot deserialize value of type `java.lang.Integer` from String "abc"".
     */
    public static String problem(JsonMappingException e) {
        if (e instanceof InvalidFormatException f && f.getTargetType() != null)
            return "expected " + kind(f.getTargetType()) + ", got '" + f.getValue() + "'";
        if (e instanceof MismatchedInputException m && m.getTargetType() != null)
            return "expected " + kind(m.getTargetType()) + got(m.getOriginalMessage());
        String m = e.getOriginalMessage();
        if (m == null) return "a value of the wrong kind";
        // SnakeYAML's syntax errors can arrive wrapped in a mapping error
        if (e.getCause() instanceof com.fasterxml.jackson.core.JsonParseException || m.startsWith("while parsing")
                || m.startsWith("while scanning"))
            return "not valid YAML: " + m.lines().findFirst().orElse(m).trim();
        return scrub(m.lines().findFirst().orElse(m).trim());
    }

    private static final Pattern TOKEN = Pattern.compile("from (\\w+) value|from (Array|Object) value|token `?JsonToken\\.(\\w+)`?");
    private static final Pattern JAVA_TYPE = Pattern.compile("`([\\w.$<>\\[\\], ]+)`");

    /** ", got a list" / ", got text" from a Jackson message, or "". */
    private static String got(String message) {
        if (message == null) return "";
        Matcher t = TOKEN.matcher(message);
        if (!t.find()) return "";
        String w = t.group(1) != null ? t.group(1) : t.group(2) != null ? t.group(2) : t.group(3);
        return switch (w.toUpperCase(java.util.Locale.ROOT)) {
            case "ARRAY", "START_ARRAY" -> ", got a list";
            case "OBJECT", "START_OBJECT" -> ", got a mapping";
            case "STRING", "VALUE_STRING" -> ", got text";
            case "BOOLEAN", "VALUE_TRUE", "VALUE_FALSE" -> ", got true/false";
            case "INTEGER", "VALUE_NUMBER_INT", "FLOATING-POINT", "VALUE_NUMBER_FLOAT", "DOUBLE" -> ", got a number";
            case "NULL", "VALUE_NULL" -> ", got nothing";
            default -> "";
        };
    }

    /** What a user calls a Java type. */
    static String kind(Class<?> t) {
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class || t == Short.class || t == short.class)
            return "a whole number";
        if (t == Double.class || t == double.class || t == Float.class || t == float.class || Number.class.isAssignableFrom(t))
            return "a number";
        if (t == Boolean.class || t == boolean.class) return "true or false";
        if (t == String.class || t == Path.class) return "text";
        if (t.isArray() || Collection.class.isAssignableFrom(t)) return "a list";
        if (t.isEnum()) {
            StringBuilder b = new StringBuilder("one of ");
            Object[] c = t.getEnumConstants();
            for (int i = 0; i < c.length; i++) b.append(i == 0 ? "" : ", ").append(c[i].toString().toLowerCase(java.util.Locale.ROOT));
            return b.toString();
        }
        if (Map.class.isAssignableFrom(t) || t.isRecord() || !t.getName().startsWith("java.")) return "a mapping of keys";
        return "a value of another kind";
    }

    /** A Jackson message with Java type names turned into words. */
    static String scrub(String m) {
        Matcher j = JAVA_TYPE.matcher(m);
        StringBuilder b = new StringBuilder();
        while (j.find()) {
            String name = j.group(1).trim();
            String word;
            try {
                word = kind(Class.forName(name.replace("[]", "")));
            } catch (ClassNotFoundException | LinkageError ex) {
                word = name.contains(".") ? "a value" : name;
            }
            j.appendReplacement(b, Matcher.quoteReplacement(word));
        }
        j.appendTail(b);
        return b.toString().replace("Cannot deserialize value of type", "cannot read").replace("Cannot deserialize", "cannot read");
    }
}
