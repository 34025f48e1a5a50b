package org.sersic4j.fit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitResult;

/** One catalogue row: the columns in the documented order and the derived values computed from first principles. */
class FitCatalogTest {

    /** The column names other tools read, as the design fixes them. */
    private static final List<String> DOCUMENTED = List.of("id", "x0", "y0", "flux", "mag", "re", "n", "q", "pa",
            "x0_err", "y0_err", "flux_err", "mag_err", "re_err", "n_err", "q_err", "pa_err", "ell", "re_arcsec",
            "re_circ", "mu_e", "sky", "sky_err", "chi2nu", "logl", "flags", "iterations", "nfev", "time_s", "estimator",
            "device", "model", "bic");

    @Test
    void rowHasEveryColumnInOrderWithDerivedValues() {
        assertEquals(DOCUMENTED, FitCatalog.COLUMNS);
        FitResult r = CatalogTestData.result("g001", 0, 0);   // flux 12000, re 6, q 0.64, σ_flux 120
        double zp = 25, scale = 0.2;
        Object[] row = FitCatalog.row(r, zp, scale);
        assertEquals(DOCUMENTED.size(), row.length);

        Object[] expected = {"g001", 32.5, 31.25, 12000.0, null, 6.0, 2.5, 0.64, 35.0,
                0.02, 0.03, 120.0, null, 0.1, 0.05, 0.01, 1.5, null, null, null, null, 0.25, 0.01, 1.04, -1234.5,
                (long) (FitFlags.CONVERGED | FitFlags.AT_BOUND), 12L, 30L, 0.125, "lm", "java", "sersic", null};
        for (int c = 0; c < row.length; c++)
            if (expected[c] != null) assertEquals(expected[c], row[c], DOCUMENTED.get(c));

        // mag: 10^(-0.4 (mag - zp)) gives the flux back
        double mag = (Double) row[col("mag")];
        assertEquals(12000, Math.pow(10, -0.4 * (mag - zp)), 1e-8);
        // mag_err: d mag / d flux = 2.5 / (ln 10 · flux) → 1.0857362 · 0.01
        assertEquals(1.0857362047581294 * 0.01, (Double) row[col("mag_err")], 1e-12);
        assertEquals(0.36, (Double) row[col("ell")], 1e-15);
        assertEquals(6.0 * 0.8, (Double) row[col("re_circ")], 1e-12);
        assertEquals(1.2, (Double) row[col("re_arcsec")], 1e-12);
        // mu_e: half the flux inside the half-light ellipse of semi-axes 1.2″ and 0.64 · 1.2″
        double area = Math.PI * 1.2 * (0.64 * 1.2);
        assertEquals(zp - 2.5 * Math.log10(0.5 * 12000 / area), (Double) row[col("mu_e")], 1e-12);
        // BIC = k ln N − 2 ln L
        assertEquals(r.freeParameters() * Math.log(r.fittedPixels()) + 2 * 1234.5, (Double) row[col("bic")], 1e-9);
    }

    @Test
    void withoutPixelScaleArcsecColumnsAreNaNButReCircIsKept() {
        FitResult r = CatalogTestData.result("g", 0, 0);
        for (double scale : new double[] {Double.NaN, 0, -1}) {
            Object[] row = FitCatalog.row(r, 25, scale);
            assertTrue(Double.isNaN((Double) row[col("re_arcsec")]));
            assertTrue(Double.isNaN((Double) row[col("mu_e")]));
            assertEquals(4.8, (Double) row[col("re_circ")], 1e-12);
        }
    }

    @Test
    void failedFitRowIsAllNaNWithTheFailedFlag() {
        Object[] row = FitCatalog.row(FitResult.failed("bad", "lm", "all pixels masked", 0.01), 25, 0.2);
        assertEquals("bad", row[0]);
        assertEquals((long) FitFlags.FAILED, row[col("flags")]);
        assertEquals("lm", row[col("estimator")]);
        assertEquals("", row[col("device")], "a stamp that was never fitted names no device");
        for (String c : List.of("x0", "flux", "mag", "re", "q", "pa", "mag_err", "ell", "re_arcsec", "re_circ", "mu_e",
                "chi2nu", "logl"))
            assertTrue(Double.isNaN((Double) row[col(c)]), c);
    }

    private static int col(String name) {
        return DOCUMENTED.indexOf(name);
    }
}
