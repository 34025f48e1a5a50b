package org.sersic4j.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast renderer against independent truth: the 24 converged exact renders with their effective Moffat PSF at the
 * default settings (median ≤ 1e-3, 90th percentile ≤ 3e-3, max ≤ 1e-2 of the peak, the targets of the reference);
 * without a PSF within 1e-4 of the peak; and against the reference at oversample 4 on random draws.
 */
class FastRendererTest {
    private static final FastRenderer FAST = new FastRenderer();

    @Test
    void exactReferencesWithThePsf() throws Exception {
        List<ExactReferences.Case> cases = ExactReferences.cases();
        assertEquals(24, cases.size());
        PixelPsf psf = PixelPsf.of(ExactReferences.image("psf.fits"), true, "exact-renders/psf.fits");
        double[] err = new double[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            ExactReferences.Case c = cases.get(i);
            Image ref = ExactReferences.image("psf/" + c.id() + ".fits");
            Image img = FAST.render(c.params(), ref.width(), ref.height(), psf, RenderSettings.DEFAULT);
            err[i] = ExactReferences.maxRelToPeak(img, ref);
            System.out.printf("fast exact psf %s %s: max|Δ|/peak = %.3e%n", c.id(), c.params(), err[i]);
        }
        double[] s = summary("fast psf", err);
        assertTrue(s[0] <= 1e-3, "median " + s[0]);
        assertTrue(s[1] <= 3e-3, "90th percentile " + s[1]);
        assertTrue(s[2] <= 1e-2, "max " + s[2]);
    }

    @Test
    void exactReferencesWithoutPsf() throws Exception {
        List<ExactReferences.Case> cases = ExactReferences.cases();
        double worst = 0;
        for (ExactReferences.Case c : cases) {
            Image ref = ExactReferences.image("nopsf/" + c.id() + ".fits");
            Image img = FAST.render(c.params(), ref.width(), ref.height(), null, RenderSettings.DEFAULT);
            worst = Math.max(worst, ExactReferences.maxRelToPeak(img, ref));
        }
        System.out.printf("fast exact nopsf: max |Δ|/peak = %.3e%n", worst);
        assertTrue(worst <= 1e-4, "max " + worst);
    }

    @Test
    void randomDrawsAgainstTheReferenceAtOversample4() {
        PixelPsf psf = MoffatPsf.round(4, 3.5).toPixelPsf(25);
        JavaReferenceRenderer ref = new JavaReferenceRenderer();
        Random rnd = new Random(11);
        int count = 30;
        double[] err = new double[count];
        for (int i = 0; i < count; i++) {
            SersicParams p = new SersicParams(32.5 + 6 * rnd.nextDouble() - 3, 32.5 + 6 * rnd.nextDouble() - 3,
                    500 + 49500 * rnd.nextDouble(), 0.5 + 12 * rnd.nextDouble(), 0.5 + 5.5 * rnd.nextDouble(),
                    0.3 + 0.7 * rnd.nextDouble(), 180 * rnd.nextDouble());
            Image truth = ref.render(p, 64, 64, psf, RenderSettings.DEFAULT.withOversample(4));
            Image img = FAST.render(p, 64, 64, psf, RenderSettings.DEFAULT);
            err[i] = ExactReferences.maxRelToPeak(img, truth);
            System.out.printf("fast vs reference x4 %s: max|Δ|/peak = %.3e%n", p, err[i]);
        }
        double[] s = summary("fast vs reference x4", err);
        assertTrue(s[0] <= 1e-3, "median " + s[0]);
        assertTrue(s[1] <= 3e-3, "90th percentile " + s[1]);
        assertTrue(s[2] <= 1e-2, "max " + s[2]);
    }

    @Test
    void conservesTheFluxUnderThePsf() {
        // On a stamp holding nearly all the light, the PSF (normalised) moves no light in or out: the sum equals the
        // profile's integral over the stamp without a PSF, within 1e-4 of the flux; compact and cuspy profiles too.
        PixelPsf psf = MoffatPsf.round(4, 3.5).toPixelPsf(25);
        double[][] cases = {{1.5, 4, 1}, {0.6, 2, 0.85}, {0.8, 4, 0.4}, {3, 0.5, 0.3}, {2, 1, 0.7}, {5, 1, 0.5}};
        for (double[] c : cases) {
            SersicParams p = new SersicParams(120.3, 119.8, 1000, c[0], c[1], c[2], 33);
            Image img = FAST.render(p, 240, 240, psf, RenderSettings.DEFAULT);
            Image inside = new JavaReferenceRenderer().render(p, 240, 240, null, RenderSettings.DEFAULT);
            System.out.printf("fast flux %s: sum/flux - 1 = %.2e, light in the stamp %.2e%n", p, img.sum() / 1000 - 1,
                    inside.sum() / 1000 - 1);
            assertEquals(inside.sum() / 1000, img.sum() / 1000, 1e-4, "sum/flux for " + p);
        }
    }

    @Test
    void everyStampSizeKeepsTheFlux() {
        // The transforms' length depends on the stamp and PSF sizes; some make it a power of two (96 px with a 25 px
        // PSF: 128), where an unscaled real inverse FFT is off by a factor 2. Every size must hold the same light.
        PixelPsf psf = MoffatPsf.round(4, 3.5).toPixelPsf(25);
        for (int side : new int[] {33, 40, 64, 96, 100, 128}) {
            SersicParams p = new SersicParams((side + 1) / 2.0, (side + 1) / 2.0 + 0.3, 1000, 2.5, 1.5, 0.7, 30);
            double ref = new JavaReferenceRenderer().render(p, side, side, psf, RenderSettings.DEFAULT).sum();
            double fast = FAST.render(p, side, side, psf, RenderSettings.DEFAULT).sum();
            assertEquals(ref, fast, 1e-4 * 1000, side + " px stamp");
        }
    }

    @Test
    void galaxiesNearOrBeyondTheEdgeAndOtherShapes() {
        // Centres near and beyond the edge, a non-square stamp, a PSF without the pixel response, and oversample 3,
        // against the reference at oversample 4, relative to the galaxy's own peak (the same galaxy drawn at the stamp's
        // centre): a galaxy off the stamp leaves only its wing there, and the kernel's band-limited tails (cut off at
        // the PSF footprint in the reference) reach a few 1e-6 of the flux across the stamp.
        PixelPsf moffat = MoffatPsf.round(3, 3).toPixelPsf(21);
        PixelPsf noPixel = PixelPsf.of(MoffatPsf.round(4, 3.5).toPixelPsf(25).toImage(), false, "optical");
        JavaReferenceRenderer ref = new JavaReferenceRenderer();
        Object[][] cases = {
                {new SersicParams(1.2, 20.4, 5000, 1.5, 4, 0.7, 20), 48, 40, moffat, RenderSettings.DEFAULT},
                {new SersicParams(-6.3, 20.4, 5000, 1.5, 4, 0.7, 20), 48, 40, moffat, RenderSettings.DEFAULT},
                {new SersicParams(30.1, 47.9, 5000, 0.7, 3, 0.5, 70), 48, 40, moffat, RenderSettings.DEFAULT},
                {new SersicParams(24.7, 20.2, 5000, 2.0, 2, 0.6, 100), 48, 40, noPixel, RenderSettings.DEFAULT},
                {new SersicParams(24.7, 20.2, 5000, 1.0, 4, 0.8, 100), 48, 40, moffat, RenderSettings.DEFAULT.withOversample(3)},
        };
        for (Object[] c : cases) {
            SersicParams p = (SersicParams) c[0];
            int w = (int) c[1], h = (int) c[2];
            PixelPsf psf = (PixelPsf) c[3];
            RenderSettings s = (RenderSettings) c[4];
            Image truth = ref.render(p, w, h, psf, s.withOversample(4));
            SersicParams centred = new SersicParams((w + 1) / 2.0, (h + 1) / 2.0, p.flux(), p.re(), p.n(), p.q(), p.pa());
            double peak = ref.render(centred, w, h, psf, s).max();
            Image img = FAST.render(p, w, h, psf, s);
            double m = 0;
            for (int i = 0; i < img.pixels().length; i++) m = Math.max(m, Math.abs(img.pixels()[i] - truth.pixels()[i]));
            System.out.printf("fast edge case %s %dx%d oversample %d: max|Δ|/peak = %.3e%n", p, w, h, s.oversample(), m / peak);
            assertTrue(m / peak <= 3e-3, p + ": " + m / peak);
        }
    }

    @Test
    void aBatchOnSeveralThreadsDrawsWhatSingleStampsDraw() {
        // Per-thread work arrays and transforms: a parallel batch equals the stamps drawn one by one, bit for bit.
        PixelPsf psf = MoffatPsf.round(4, 3.5).toPixelPsf(25);
        Random rnd = new Random(5);
        List<SersicParams> ps = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ps.add(new SersicParams(24 + 3 * rnd.nextDouble(), 24 + 3 * rnd.nextDouble(), 1000, 0.5 + 8 * rnd.nextDouble(),
                    0.5 + 4 * rnd.nextDouble(), 0.3 + 0.7 * rnd.nextDouble(), 180 * rnd.nextDouble()));
        }
        float[][] batch = FAST.renderBatch(ps, 48, 48, List.of(psf), RenderSettings.DEFAULT);
        for (int i = 0; i < ps.size(); i++) {
            float[] one = FAST.render(ps.get(i), 48, 48, psf, RenderSettings.DEFAULT).toFloats();
            assertTrue(Arrays.equals(one, batch[i]), "stamp " + i);
        }
        try (Renderer r = Renderers.create("fast")) {
            assertTrue(r instanceof FastRenderer, r.deviceDescription());
        }
    }

    /** Median, 90th percentile (nearest rank) and max; printed. */
    static double[] summary(String what, double[] err) {
        double[] s = err.clone();
        Arrays.sort(s);
        double median = 0.5 * (s[(s.length - 1) / 2] + s[s.length / 2]);
        double p90 = s[(int) Math.ceil(0.9 * s.length) - 1];
        double max = s[s.length - 1];
        System.out.printf("%s summary over %d stamps: median %.3e, p90 %.3e, max %.3e%n", what, s.length, median, p90, max);
        return new double[] {median, p90, max};
    }
}
