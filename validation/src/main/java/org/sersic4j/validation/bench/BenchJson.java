package org.sersic4j.validation.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.sersic4j.io.JsonOutput;

/**
 * The JSON document of a benchmark: its opening fields, and writing it ({@link JsonOutput}: snake_case keys, indented,
 * non-finite numbers as null, atomically).
 */
public final class BenchJson {
    /** The mapper of benchmark documents. */
    static final ObjectMapper JSON = JsonOutput.MAPPER;

    private BenchJson() {}

    /**
     * The opening fields of a benchmark document.
     *
     * @param benchmark which benchmark (render, fit, predict)
     * @param version   the sersic4j version
     * @param date      when it ran (ISO-8601)
     * @param machine   the machine it ran on
     */
    public record Header(String benchmark, String version, String date, Machine machine) {
        /** The header of a benchmark run now, on this machine. */
        public static Header now(String benchmark, String version) {
            return new Header(benchmark, version, Instant.now().toString(), Machine.describe());
        }
    }

    /**
     * A document opening with {@code benchmark}, the sersic4j version under {@code versionKey}, the date and the
     * {@link Machine}.
     */
    public static ObjectNode start(String benchmark, String versionKey, String version) {
        Header h = Header.now(benchmark, version);
        ObjectNode root = JSON.createObjectNode();
        root.put("benchmark", h.benchmark());
        root.put(versionKey, h.version());
        root.put("date", h.date());
        root.set("machine", JSON.valueToTree(h.machine()));
        return root;
    }

    /** Writes {@code root} to {@code out} (creating its directory), replacing the file only once it is complete. */
    public static void write(Path out, ObjectNode root) throws IOException {
        JsonOutput.write(out, root);
    }
}
