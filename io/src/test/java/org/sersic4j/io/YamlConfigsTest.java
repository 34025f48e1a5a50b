package org.sersic4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How a record's own keyed message is completed with the keys around the record. */
class YamlConfigsTest {
    @Test
    void enclosingKeysAreAddedOnceAndNotRepeated() {
        assertEquals("size: must be >= 8", YamlConfigs.within("", "size: must be >= 8"));
        assertEquals("simulate.size: must be >= 8", YamlConfigs.within("simulate", "size: must be >= 8"));
        assertEquals("training.batchSize: must be >= 1", YamlConfigs.within("training", "training.batchSize: must be >= 1"));
        assertEquals("conv.training.batchSize: must be >= 1", YamlConfigs.within("conv.training", "training.batchSize: must be >= 1"));
        assertEquals("simulate.psf.size: must be odd", YamlConfigs.within("simulate", "psf.size: must be odd"));
        assertEquals("model.neighbours.separation: too wide",
                YamlConfigs.within("model.neighbours", "neighbours.separation: too wide"));
    }
}
