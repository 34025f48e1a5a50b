package org.sersic4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {

    @TempDir
    Path dir;

    @Test
    void writesTextAndReplacesTheOldFile() throws Exception {
        Path f = dir.resolve("a.yaml");
        AtomicWrite.writeString(f, "old");
        AtomicWrite.writeString(f, "seed: 1\nname: é\n");
        assertEquals("seed: 1\nname: é\n", Files.readString(f, StandardCharsets.UTF_8));
        assertEquals(List.of(f), Files.list(dir).toList(), "no temporary file is left");
    }

    @Test
    void aBodyThatClosesTheStreamStillWritesTheWholeFile() throws Exception {
        Path f = dir.resolve("s.json");
        ObjectMapper json = new ObjectMapper();
        // Jackson closes the stream it is given.
        AtomicWrite.write(f, out -> json.writeValue(out, Map.of("k", 1)));
        assertEquals("{\"k\":1}", Files.readString(f));
    }

    @Test
    void aMissingDirectoryIsAnErrorNamingTheFile() {
        Path f = dir.resolve("no/such/dir/x.json");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AtomicWrite.writeString(f, "x"));
        assertEquals(true, e.getMessage().startsWith(f + ": cannot write"), e.getMessage());
    }
}
