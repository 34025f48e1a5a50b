package org.sersic4j.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.io.InvalidInputException;

/** Run configurations: the shipped ones load, defaults fill what is left out, run.yaml reads back the same, errors name keys. */
class RunConfigTest {

    @TempDir
    Path dir;

    private static Path repo() {
        return Repository.root();
    }

    @Test
    void quickstartLoadsAndComparesTheNetworkWithFits() {
        RunConfig c = RunConfig.load(repo().resolve("configs/quickstart.yaml"));
        assertEquals(Path.of("runs/quickstart"), c.output());
        assertEquals(300, c.simulate().count());
        assertEquals(64, c.simulate().size());
        assertEquals(42, c.simulate().seed());
        assertEquals(List.of("cnn", "lm", "cnn+lm"), c.estimators());
        assertEquals(RunConfig.DEFAULT_REAL, c.real());
        assertEquals(16, c.mcSamples());
        assertNull(c.model(), "the shipped network");
    }

    @Test
    void galnetRunsEveryEstimatorOnAThousandStamps() {
        RunConfig q = RunConfig.load(repo().resolve("configs/quickstart.yaml"));
        RunConfig g = RunConfig.load(repo().resolve("configs/galnet.yaml"));
        assertEquals(1000, g.simulate().count());
        assertEquals(List.of("cnn", "lm", "cnn+lm", "bfgs", "gaussian"), g.estimators());
        assertEquals(q.simulate().withCount(1000), g.simulate(), "the quickstart's truth set, larger");
    }

    @Test
    void leftOutKeysTakeTheDefaultsAndRealCanBeTurnedOff() throws IOException {
        Path f = dir.resolve("d.yaml");
        Files.writeString(f, "simulate:\n  count: 4\n");
        RunConfig c = RunConfig.load(f);
        assertEquals(RunConfig.DEFAULT_ESTIMATORS, c.estimators());
        assertEquals(RunConfig.DEFAULT_REAL, c.real());
        assertFalse(c.realGiven());
        assertEquals(1000, c.bootstrap());
        assertEquals(0, c.threads());
        for (String off : new String[] {"real: none", "real:", "real: ''"}) {
            Files.writeString(f, off + "\n");
            assertFalse(RunConfig.load(f).hasReal(), off);
        }
        Files.writeString(f, "real: my/manifest.csv\nmodel: m.zip\nestimators: [LM, gaussian]\nmcSamples: 0\n");
        c = RunConfig.load(f);
        assertEquals(Path.of("my/manifest.csv"), c.real());
        assertTrue(c.realGiven());
        assertEquals(Path.of("m.zip"), c.model());
        assertEquals(List.of("lm", "gaussian"), c.estimators());
        assertFalse(c.needsNetwork());
    }

    @Test
    void effectiveYamlReadsBackTheSame() throws IOException {
        RunConfig c = RunConfig.load(repo().resolve("configs/quickstart.yaml"));
        Path copy = dir.resolve("run.yaml");
        Files.writeString(copy, c.toYaml());
        RunConfig back = RunConfig.load(copy);
        assertEquals(c.output(), back.output());
        assertEquals(c.simulate(), back.simulate());
        assertEquals(c.estimators(), back.estimators());
        assertEquals(c.real(), back.real());
        assertEquals(c.model(), back.model());
        assertEquals(c.mcSamples(), back.mcSamples());
        assertEquals(c.bootstrap(), back.bootstrap());
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

    @Test
    void unknownKeysAndBadEstimatorsAreNamed() throws IOException {
        String m = error("estimators: [cnn]\nmcsamples: 4\n");
        assertTrue(m.contains("unknown key 'mcsamples'") && m.contains("mcSamples"), m);
        m = error("estimators: [cnn, svm]\n");
        assertTrue(m.contains("estimators: unknown estimator 'svm'") && m.contains("cnn+lm"), m);
        assertTrue(error("estimators: [lm, lm]\n").contains("named twice"));
        assertTrue(error("mcSamples: -1\n").contains("mcSamples: must be >= 0"));
        assertTrue(error("bootstrap: many\n").contains("bootstrap"));
        assertTrue(error("simulate:\n  blend: {enabled: true}\n").contains("simulate.blend.enabled"));
    }

    /** The message of the error a configuration of this text raises. */
    private String error(String yaml) throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, yaml);
        return assertThrows(InvalidInputException.class, () -> RunConfig.load(f)).getMessage();
    }
}
