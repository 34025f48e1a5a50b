package org.sersic4j.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 24 converged exact renders shipped as test resources (independent numerical integration, see
 * exact-renders/README.md), with RenderSettings.DEFAULT: without a PSF every stamp within 1e-4 of its peak; with
 * the effective Moffat PSF of psf.fits (pixel response inside) median ≤ 1e-3, 90th percentile ≤ 3e-3, max ≤ 1e-2.
 */
class ExactReferenceTest {
    private static final JavaReferenceRenderer R = new JavaReferenceRenderer();

    @Test
    void withoutPsf() throws Exception {
        List<ExactReferences.Case> cases = ExactReferences.cases();
        assertEquals(24, cases.size());
        double[] err = new double[cases.size()];
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            ExactReferences.Case c = cases.get(i);
            Image ref = ExactReferences.image("nopsf/" + c.id() + ".fits");
            Image img = R.render(c.params(), ref.width(), ref.height(), null, RenderSettings.DEFAULT);
            err[i] = ExactReferences.maxRelToPeak(img, ref);
            System.out.printf("exact nopsf %s %s: max|Δ|/peak = %.3e%n", c.id(), c.params(), err[i]);
            if (err[i] > 1e-4) failures.add(c.id() + String.format(" (%.3e)", err[i]));
        }
        summary("nopsf", err);
        assertTrue(failures.isEmpty(), "stamps above 1e-4 of peak: " + failures);
    }

    @Test
    void withEffectiveMoffatPsf() throws Exception {
        List<ExactReferences.Case> cases = ExactReferences.cases();
        PixelPsf psf = PixelPsf.of(ExactReferences.image("psf.fits"), true, "exact-renders/psf.fits");
        assertEquals(25, psf.size());
        double[] err = new double[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            ExactReferences.Case c = cases.get(i);
            Image ref = ExactReferences.image("psf/" + c.id() + ".fits");
            Image img = R.render(c.params(), ref.width(), ref.height(), psf, RenderSettings.DEFAULT);
            err[i] = ExactReferences.maxRelToPeak(img, ref);
            System.out.printf("exact psf %s %s: max|Δ|/peak = %.3e%n", c.id(), c.params(), err[i]);
        }
        double[] s = summary("psf", err);
        assertTrue(s[0] <= 1e-3, "median " + s[0]);
        assertTrue(s[1] <= 3e-3, "90th percentile " + s[1]);
        assertTrue(s[2] <= 1e-2, "max " + s[2]);
    }

    /** Median, 90th percentile (nearest rank) and max; printed. */
    private static double[] summary(String what, double[] err) {
        double[] s = err.clone();
        Arrays.sort(s);
        double median = 0.5 * (s[(s.length - 1) / 2] + s[s.length / 2]);
        double p90 = s[(int) Math.ceil(0.9 * s.length) - 1];
        double max = s[s.length - 1];
        System.out.printf("exact %s summary over %d stamps: median %.3e, p90 %.3e, max %.3e%n", what, s.length, median, p90, max);
        return new double[] {median, p90, max};
    }
}
