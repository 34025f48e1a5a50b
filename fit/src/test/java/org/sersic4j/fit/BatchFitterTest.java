package org.sersic4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.Image;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.NoiseModel;

/** The batch: every stamp comes back once, done ids are skipped, a stamp that cannot be loaded fails alone. */
class BatchFitterTest {
    static final NoiseModel NOISE = new NoiseModel(100, 1, 5);

    static BatchItem good(int i) {
        SersicParams t = new SersicParams(16 + 0.1 * i, 16.5, 3000 + 100 * i, 2.5, 1.2, 0.8, 20 * i);
        return new BatchItem("s" + i, () -> FitProblem.builder("s" + i,
                new JavaReferenceRenderer().render(t, 32, 32, null, FitSettings.RENDER)).noise(NOISE).build());
    }

    @Test
    void everyItemOnceSkippingDoneAndFailingBadOnesAlone() {
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < 8; i++) items.add(good(i));
        items.add(new BatchItem("broken", () -> {
            throw new FitInputException("broken.fits: truncated file");
        }));
        items.add(new BatchItem("allmasked", () -> FitProblem.builder("allmasked", new Image(8, 8, new double[64]))
                .noise(NOISE).mask(new Image(8, 8, filled(64, 1))).build()));
        ConcurrentHashMap<String, FitResult> seen = new ConcurrentHashMap<>();
        List<String> problems = new ArrayList<>();
        BatchFitter.Summary s = new BatchFitter(new LevenbergMarquardtFitter(), 3, false)
                .run(items, Set.of("s0", "s1"), r -> assertTrue(seen.put(r.id(), r) == null, "twice: " + r.id()),
                        problems::add);
        assertEquals(8, seen.size());
        assertEquals(2, s.skipped());
        assertEquals(2, s.failed());
        assertEquals(6, s.fitted());
        assertTrue(problems.stream().anyMatch(p -> p.contains("broken.fits: truncated file")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("all 64 pixels are masked")), problems.toString());
        assertTrue((seen.get("broken").flags() & FitFlags.FAILED) != 0);
        assertTrue(Double.isNaN(seen.get("broken").params().flux()));
        for (int i = 2; i < 8; i++) {
            FitResult r = seen.get("s" + i);
            assertTrue(r.converged(), r.id());
            assertEquals(3000 + 100 * i, r.params().flux(), 1e-3 * r.params().flux());
        }
    }

    static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
