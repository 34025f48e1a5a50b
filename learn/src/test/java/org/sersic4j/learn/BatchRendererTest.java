package org.sersic4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.Renderers;

class BatchRendererTest {

    @Test
    void aStampDependsOnlyOnSeedAndIndexNotOnBatching() {
        try (var r = Renderers.create("java")) {
            BatchRenderer br = new BatchRenderer(TinyTraining.config("x", 1, 1).data(), r);
            TrainingBatch whole = br.render(5, 0, 6);
            TrainingBatch tail = br.render(5, 3, 3);
            assertArrayEquals(Arrays.copyOfRange(whole.stamps(), 3 * 1024, 6 * 1024), tail.stamps());
            assertEquals(whole.truth().subList(3, 6), tail.truth());
            TrainingBatch other = br.render(6, 0, 6);
            assertTrue(!Arrays.equals(whole.stamps(), other.stamps()), "another seed gives other galaxies");
        }
    }

    @Test
    void truthStaysInsideTheConfiguredRanges() {
        try (var r = Renderers.create("java")) {
            var data = TinyTraining.config("x", 1, 1).data();
            BatchRenderer br = new BatchRenderer(data, r);
            TrainingBatch b = br.render(1, 0, 16);
            for (var p : b.truth()) {
                assertTrue(p.flux() >= 20000 && p.flux() <= 50000);
                assertTrue(p.re() >= 2 - 1e-9 && p.re() <= 6 + 1e-9, "re in px: " + p.re());
                assertTrue(Math.abs(p.x0() - 16.5) <= 1 && Math.abs(p.y0() - 16.5) <= 1);
            }
            // scaled stamps peak near 1 (scale = brightest 3×3 mean)
            for (int i = 0; i < 16; i++) {
                float max = 0;
                for (int k = i * 1024; k < (i + 1) * 1024; k++) max = Math.max(max, b.stamps()[k]);
                assertTrue(max > 0.8 && max < 2.5, "scaled peak " + max);
            }
        }
    }
}
