package org.sersic4j.compare.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sersic4j.compare.SimulatedStamps;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.result.DataScore;
import org.sersic4j.fit.FitSettings;
import org.sersic4j.render.Image;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.SersicParams;

/**
 * The common score: the true model explains noisy data with χ²ν ≈ 1 (σ from the noise model at the data, or from a
 * σ map), a wrong model scores far worse, and an estimate that cannot be rendered scores NaN.
 */
class DataScorerTest {
    private final DataScorer scorer = new DataScorer();

    @Test
    void theTrueModelScoresAboutOneAndAWrongModelFarMore() {
        // 8 stamps of 64x64 = 32,768 pixels: the mean chi2nu has a spread of about 0.008, and sigma from the noisy data
        // puts it about 2% above 1 (measured on pure sky: 1.02).
        SimulatedStamps.Set set = SimulatedStamps.make(8, 64, 20000, 50000, 21, FitSettings.RENDER);
        double sum = 0, wrong = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 8; i++) {
            StampInput s = set.stamps().get(i);
            SersicParams t = set.truth().get(i);
            DataScore d = scorer.score(s, t);
            sum += d.chi2nu();
            assertTrue(d.logl() < 0 && Double.isFinite(d.logl()), d.toString());
            SersicParams off = new SersicParams(t.x0() + 2, t.y0(), 2 * t.flux(), 2 * t.re(), t.n(), t.q(), t.pa());
            DataScore w = scorer.score(s, off);
            assertTrue(w.logl() < d.logl(), "a wrong model is less likely");
            wrong = Math.min(wrong, w.chi2nu());
        }
        double mean = sum / 8;
        assertEquals(1.0, mean, 0.05, "mean chi2nu of the true model");
        assertTrue(wrong > 2.5, "the wrong model's chi2nu " + wrong);
    }

    @Test
    void aSigmaMapIsUsedWhenGivenAndTheSameSigmaServesEveryEstimate() {
        SimulatedStamps.Set set = SimulatedStamps.make(1, 64, 20000, 20000, 4, FitSettings.RENDER);
        StampInput noisy = set.stamps().get(0);
        SersicParams t = set.truth().get(0);
        Image trueModel = new JavaReferenceRenderer().render(t, 64, 64, SimulatedStamps.PSF, FitSettings.RENDER);
        Image sigma = SimulatedStamps.NOISE.sigmaMap(trueModel);
        StampInput withMap = new StampInput(noisy.id(), noisy.image(), sigma, null, noisy.psf(), null, noisy.zeropoint(),
                noisy.pixelScale());
        assertSame(sigma, DataScorer.sigma(withMap));
        assertEquals(1.0, scorer.score(withMap, t).chi2nu(), 0.1);
        // the sigma depends on the stamp only
        Image a = DataScorer.sigma(noisy), b = DataScorer.sigma(noisy);
        assertEquals(java.util.Arrays.toString(a.pixels()), java.util.Arrays.toString(b.pixels()));
        int k = 32 * 64 + 32;
        assertEquals(Math.sqrt(SimulatedStamps.NOISE.variance(noisy.image().pixels()[k])), a.pixels()[k], 1e-12);
    }

    @Test
    void maskedPixelsAreLeftOutAndUnrenderableEstimatesScoreNaN() {
        SimulatedStamps.Set set = SimulatedStamps.make(1, 32, 20000, 20000, 8, FitSettings.RENDER);
        StampInput s = set.stamps().get(0);
        SersicParams t = set.truth().get(0);
        double[] data = s.image().pixels().clone(), mask = new double[data.length];
        data[0] = Double.NaN;
        data[1] = 1e9;
        mask[1] = 1;
        StampInput bad = new StampInput(s.id(), new Image(32, 32, data), null, new Image(32, 32, mask), s.psf(), s.noise(),
                s.zeropoint(), s.pixelScale());
        DataScore d = scorer.score(bad, t);
        assertTrue(d.chi2nu() < 2, "the NaN pixel and the masked outlier are left out: " + d);
        assertTrue(Double.isNaN(scorer.score(s, null).chi2nu()));
        assertTrue(Double.isNaN(scorer.score(s, new SersicParams(16, 16, 100, 2, 1, 1.2, 0)).logl()), "q > 1");
        assertTrue(Double.isNaN(scorer.score(s, new SersicParams(16, Double.NaN, 100, 2, 1, 0.5, 0)).chi2nu()));
    }
}
