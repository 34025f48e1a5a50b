package org.sersic4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.render.io.InvalidInputException;
import org.sersic4j.validation.RunConfig;

/** Run configurations: the shipped quickstart loads, the written run.yaml reads back the same, errors name keys. */
class RunConfigTest {

    @TempDir
    Path dir;

    /** The repository root: the parent of the cli module, where the tests run. */
    private static Path repo() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("configs")) ? here : here.getParent();
    }

    @Test
    void quickstartLoadsAndIsSmall() {
        RunConfig c = RunConfig.load(repo().resolve("configs/quickstart.yaml"));
        assertEquals(Path.of("runs/quickstart"), c.output());
        assertEquals(64, c.simulate().count());
        assertEquals(64, c.simulate().size());
        assertEquals(42, c.simulate().seed());
    }

    @Test
    void effectiveYamlReadsBackTheSame() throws IOException {
        RunConfig c = RunConfig.load(repo().resolve("configs/quickstart.yaml"));
        Path copy = dir.resolve("run.yaml");
        Files.writeString(copy, c.toYaml());
        RunConfig back = RunConfig.load(copy);
        assertEquals(c.output(), back.output());
        assertEquals(c.simulate(), back.simulate());
    }

    @Test
    void emptyFileTakesDefaultsAndOutputFromItsName() throws IOException {
        Path f = dir.resolve("mine.yaml");
        Files.writeString(f, "");
        RunConfig c = RunConfig.load(f);
        assertEquals(Path.of("runs/mine"), c.output());
    }

    @Test
    void badValuesNameTheirKey() throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "simulate:\n  ranges:\n    q: [0.1, 1]\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RunConfig.load(f));
        assertTrue(e.getMessage().startsWith(f + ": unknown key 'simulate.ranges.q'"), e.getMessage());
        Files.writeString(f, "simulate:\n  size: 2\n");
        e = assertThrows(InvalidInputException.class, () -> RunConfig.load(f));
        assertTrue(e.getMessage().contains("simulate.size"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> RunConfig.load(dir.resolve("missing.yaml")));
    }
}
