package org.sersic4j.compare.estimators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.Likelihood;
import org.sersic4j.fit.io.CatalogProvenance;
import org.sersic4j.fit.io.FitCatalogWriter;
import org.sersic4j.render.Image;
import org.sersic4j.render.SersicParams;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.sim.NoiseModel;

/** Answers read back from a catalogue as {@code sersic4j fit} writes it, matched by id. */
class CatalogEstimatorTest {
    private static final double ZP = 27.5;

    @TempDir
    Path dir;

    private static StampInput stamp(String id) {
        return new StampInput(id, Image.zeros(8, 8), null, null, null, new NoiseModel(100, 1, 5), ZP, 0.2);
    }

    private static FitResult result(String id, int k) {
        SersicParams p = new SersicParams(16.25 + k, 15.5 - 0.1 * k, 12345.678 * (k + 1), 3.1 + k / 7.0, 1.3 + k / 3.0,
                0.71, 12.5 * k);
        double[] err = {0.01, 0.02, 30 + k, 0.05, 0.04, 0.003, 1.5};
        return new FitResult(id, "lm", Likelihood.POISSON, p, err, 0, 0, 1.01, -1234.5, 1000, 7, 10 + k, 25 + k,
                0.125 * (k + 1), FitFlags.CONVERGED | (k == 2 ? FitFlags.AT_BOUND : 0), null, null, "java", null);
    }

    @Test
    void readsBackWhatTheFitCatalogueWriterWroteAndMatchesById() {
        Path csv = dir.resolve("fit.csv");
        List<FitResult> written = new ArrayList<>();
        try (FitCatalogWriter w = FitCatalogWriter.open(csv, dir.resolve("fit.fits"),
                CatalogProvenance.of("lm", Likelihood.POISSON, ZP, 0.2), false)) {
            for (int k = 0; k < 3; k++) {
                FitResult r = result("g" + k, k);
                w.append(r, ZP, 0.2);
                written.add(r);
            }
            w.append(FitResult.failed("bad", "lm", "no pixels", 0.5), ZP, 0.2);
        }
        CatalogEstimator cat = new CatalogEstimator(csv);
        assertEquals("lm", cat.name(), "named by its estimator column");
        assertEquals(4, cat.size());
        List<Estimate> est = cat.estimate(List.of(stamp("g2"), stamp("missing"), stamp("g0"), stamp("bad"), stamp("g1")));
        int[] order = {2, -1, 0, -2, 1};
        for (int i = 0; i < order.length; i++) {
            Estimate e = est.get(i);
            if (order[i] == -1) {
                assertEquals("missing", e.id());
                assertNull(e.params());
                assertTrue((e.flags() & FitFlags.FAILED) != 0);
                assertTrue(Double.isNaN(e.seconds()));
                continue;
            }
            if (order[i] == -2) {
                assertNull(e.params(), "a failed fit's row gives no parameters");
                assertTrue((e.flags() & FitFlags.FAILED) != 0);
                continue;
            }
            FitResult r = written.get(order[i]);
            assertEquals(r.id(), e.id());
            assertEquals(r.params(), e.params(), "values round-trip exactly through the CSV");
            assertArrayEquals(r.errors(), e.errors());
            assertEquals(r.flags(), e.flags());
            assertEquals(r.iterations(), e.iterations());
            assertEquals(r.evaluations(), e.nfev());
            assertEquals(r.seconds(), e.seconds());
        }
        assertEquals("other", new CatalogEstimator(csv, "other").name());
    }

    @Test
    void aMagnitudeStandsInForAMissingFluxWithTheStampsZeropoint() throws IOException {
        Path csv = dir.resolve("net.csv");
        Files.writeString(csv, "id,x0,y0,mag,re,n,q,pa\na,10,11,20,3,2,0.5,45\n");
        CatalogEstimator cat = new CatalogEstimator(csv);
        assertEquals("net", cat.name(), "named after the file without an estimator column");
        Estimate e = cat.estimate(List.of(stamp("a"))).get(0);
        assertEquals(Math.pow(10, -0.4 * (20 - ZP)), e.params().flux(), 1e-9);
        assertTrue(Double.isNaN(e.errors()[2]));
        assertEquals(0, e.flags());
    }

    @Test
    void badCataloguesNameTheFile() throws IOException {
        Path noQ = dir.resolve("noq.csv");
        Files.writeString(noQ, "id,x0,y0,flux,re,n,pa\na,1,1,1,1,1,0\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new CatalogEstimator(noQ));
        assertTrue(e.getMessage().contains("noq.csv") && e.getMessage().contains("'q'"), e.getMessage());
        Path dup = dir.resolve("dup.csv");
        Files.writeString(dup, "id,x0,y0,flux,re,n,q,pa\na,1,1,1,1,1,1,0\na,1,1,1,1,1,1,0\n");
        e = assertThrows(InvalidInputException.class, () -> new CatalogEstimator(dup));
        assertTrue(e.getMessage().contains("dup.csv") && e.getMessage().contains("duplicate"), e.getMessage());
        Path missing = dir.resolve("none.csv");
        e = assertThrows(InvalidInputException.class, () -> new CatalogEstimator(missing));
        assertTrue(e.getMessage().contains("none.csv"), e.getMessage());
    }
}
