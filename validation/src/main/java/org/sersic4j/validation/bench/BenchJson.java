package org.sersic4j.validation.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.sersic4j.io.AtomicWrite;

/** The JSON document of a benchmark: its opening fields, and writing it (indented, atomically). */
public final class BenchJson {
    /** The mapper of benchmark documents (indented output). */
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchJson() {}

    /**
     * A document opening with {@code benchmark}, the sersic4j version under {@code versionKey}, the date and the
     * {@link Machine}.
     */
    public static ObjectNode start(String benchmark, String versionKey, String version) {
        ObjectNode root = JSON.createObjectNode();
        root.put("benchmark", benchmark);
        root.put(versionKey, version);
        root.put("date", Instant.now().toString());
        root.set("machine", Machine.describe());
        return root;
    }

    /** Writes {@code root} to {@code out} (creating its directory), replacing the file only once it is complete. */
    public static void write(Path out, ObjectNode root) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        AtomicWrite.write(out, stream -> JSON.writeValue(stream, root));
    }
}
