package org.sersic4j.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.io.InvalidInputException;

class TrainingConfigTest {
    @TempDir
    Path dir;

    @Test
    void theShippedRecipeLoadsAndRoundTrips() throws Exception {
        Path f = Path.of("..", "configs", "train-cnn.yaml");
        TrainingConfig c = TrainingConfig.load(f);
        assertEquals(64, c.data().stampSize());
        assertEquals(2, c.data().psf().types().size());
        Path back = dir.resolve("back.yaml");
        Files.writeString(back, c.toYaml());
        assertEquals(c, TrainingConfig.load(back));
    }

    @Test
    void unknownKeysAndBadValuesNameTheKeyAndFile() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "training:\n  batchSise: 3\n");
        var e = assertThrows(InvalidInputException.class, () -> TrainingConfig.load(f));
        assertTrue(e.getMessage().contains("bad.yaml") && e.getMessage().contains("batchSise"), e.getMessage());
        Files.writeString(f, "network:\n  dropout: 1.5\n");
        var e2 = assertThrows(InvalidInputException.class, () -> TrainingConfig.load(f));
        assertTrue(e2.getMessage().contains("network.dropout"), e2.getMessage());
    }
}
