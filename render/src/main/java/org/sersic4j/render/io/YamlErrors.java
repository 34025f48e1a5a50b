package org.sersic4j.render.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
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
}
