package org.sersic4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.Image;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.MoffatPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.NoiseModel;

/** Bad input gets a clear message naming the stamp and the problem, or a flag; what is left out is counted. */
class FitProblemTest {
    static final NoiseModel NOISE = new NoiseModel(100, 1, 5);
    static final SersicParams TRUTH = new SersicParams(20.5, 21.2, 5000, 3, 1.5, 0.7, 30);

    static Image stamp(int w, int h) {
        return new JavaReferenceRenderer().render(TRUTH, w, h, null, RenderSettings.DEFAULT);
    }

    static Image constant(int w, int h, double v) {
        double[] p = new double[w * h];
        Arrays.fill(p, v);
        return new Image(w, h, p);
    }

    @Test
    void nanPixelsAreMaskedAndCounted() {
        Image img = stamp(40, 44);
        double[] px = img.pixels().clone();
        px[5] = Double.NaN;
        px[77] = Double.POSITIVE_INFINITY;
        FitProblem p = FitProblem.builder("s1", new Image(40, 44, px)).noise(NOISE).build();
        assertEquals(2, p.nanPixels());
        assertEquals(2, p.maskedPixels());
        assertEquals(40 * 44 - 2, p.fittedPixels());
        FitResult r = new LevenbergMarquardtFitter().fit(p);
        assertTrue((r.flags() & FitFlags.MASKED_PIXELS) != 0);
        assertTrue(Double.isFinite(r.chi2nu()), "NaN pixels do not leak into chi2");
    }

    @Test
    void sizeMismatchNamesBothSizes() {
        FitInputException e = assertThrows(FitInputException.class,
                () -> FitProblem.builder("s2", stamp(40, 44)).sigma(constant(40, 40, 1)).build());
        assertTrue(e.getMessage().contains("s2") && e.getMessage().contains("40x40") && e.getMessage().contains("40x44"), e.getMessage());
        e = assertThrows(FitInputException.class,
                () -> FitProblem.builder("s3", stamp(40, 44)).noise(NOISE).mask(constant(44, 40, 0)).build());
        assertTrue(e.getMessage().contains("mask"), e.getMessage());
    }

    @Test
    void fullyMaskedStampIsAnError() {
        FitInputException e = assertThrows(FitInputException.class,
                () -> FitProblem.builder("s4", stamp(30, 30)).noise(NOISE).mask(constant(30, 30, 1)).build());
        assertTrue(e.getMessage().contains("all 900 pixels are masked"), e.getMessage());
    }

    @Test
    void psfLargerThanTheStampIsAnError() {
        FitInputException e = assertThrows(FitInputException.class, () -> FitProblem.builder("s5", stamp(21, 30))
                .noise(NOISE).psf(MoffatPsf.round(4, 3.5).toPixelPsf(25)).build());
        assertTrue(e.getMessage().contains("larger than the stamp"), e.getMessage());
    }

    @Test
    void nonPositiveSigmaIsMaskedAndFlagged() {
        Image s = constant(40, 44, 3);
        s.pixels()[10] = 0;
        s.pixels()[11] = -1;
        s.pixels()[12] = Double.NaN;
        FitProblem p = FitProblem.builder("s6", stamp(40, 44)).sigma(s).build();
        assertEquals(Likelihood.CHI2, p.likelihood(), "only a sigma map: chi2");
        assertEquals(3, p.badSigmaPixels());
        FitResult r = new LevenbergMarquardtFitter().fit(p);
        assertTrue((r.flags() & FitFlags.BAD_SIGMA) != 0 && (r.flags() & FitFlags.MASKED_PIXELS) != 0, FitFlags.names(r.flags()).toString());
    }

    @Test
    void guessOutsideTheBoundsIsMovedInsideAndFlagged() {
        SersicParams outside = new SersicParams(-5, 21, 5000, 500, 1.5, 0.7, 30);
        FitProblem p = FitProblem.builder("s7", stamp(40, 44)).noise(NOISE).guess(outside).build();
        assertTrue(p.guessClamped());
        assertTrue(p.bounds().contains(p.guess()));
        FitResult r = new LevenbergMarquardtFitter().fit(p);
        assertTrue((r.flags() & FitFlags.GUESS_CLAMPED) != 0);
        assertEquals(TRUTH.flux(), r.params().flux(), 0.1 * r.errors()[2], "still fitted (to 0.1σ)");
    }

    @Test
    void unrenderableGuessIsAnError() {
        FitInputException e = assertThrows(FitInputException.class, () -> FitProblem.builder("s8", stamp(30, 30))
                .noise(NOISE).guess(new SersicParams(15, 15, Double.NaN, 3, 1, 0.5, 0)).build());
        assertTrue(e.getMessage().contains("flux"), e.getMessage());
    }

    @Test
    void theDefaultLikelihoodFollowsWhatIsKnown() {
        assertEquals(Likelihood.POISSON, FitProblem.builder("a", stamp(30, 30)).noise(NOISE).build().likelihood());
        assertEquals(Likelihood.CHI2, FitProblem.builder("b", stamp(30, 30)).sigma(constant(30, 30, 2)).build().likelihood());
        FitInputException e = assertThrows(FitInputException.class, () -> FitProblem.builder("c", stamp(30, 30)).build());
        assertTrue(e.getMessage().contains("noise"), e.getMessage());
        e = assertThrows(FitInputException.class, () -> FitProblem.builder("d", stamp(30, 30))
                .sigma(constant(30, 30, 2)).likelihood(Likelihood.POISSON).build());
        assertTrue(e.getMessage().contains("GAIN"), e.getMessage());
    }

    @Test
    void segmentationKeepsTheTargetAndSkyAndMasksNeighbours() {
        double[] seg = new double[30 * 30];
        for (int i = 0; i < seg.length; i++) seg[i] = (i % 30) < 5 ? 7 : (i % 30) > 24 ? 0 : 3;
        FitProblem p = FitProblem.builder("e", stamp(30, 30)).noise(NOISE).segmentation(new Image(30, 30, seg)).build();
        assertEquals(5 * 30, p.maskedPixels(), "segment 7 masked, 3 (under the centre) and 0 (sky) kept");
    }

    @Test
    void unknownFixedParameterIsNamed() {
        FitInputException e = assertThrows(FitInputException.class, () -> FitProblem.builder("f", stamp(30, 30)).fix("radius"));
        assertTrue(e.getMessage().contains("radius"));
    }
}
