package org.sersic4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.Image;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.MoffatPsf;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.NoiseModel;

/**
 * The automatic guess: exact for what moments describe exactly (an n = 0.5 profile is a Gaussian: centre, q, PA
 * and, after the PSF's moments are removed, r_e), and a usable start on a noisy, PSF-convolved n = 4 galaxy.
 */
class MomentGuessTest {
    @Test
    void gaussianProfileIsReadExactly() {
        SersicParams t = new SersicParams(30.3, 33.8, 10000, 5, 0.5, 0.6, 125);
        Image img = new JavaReferenceRenderer().render(t, 64, 64, null, RenderSettings.DEFAULT);
        SersicParams g = MomentGuess.of(img, null, null);
        assertEquals(t.x0(), g.x0(), 0.01);
        assertEquals(t.y0(), g.y0(), 0.01);
        assertEquals(t.q(), g.q(), 0.01);
        assertEquals(t.pa(), g.pa(), 0.5);
        assertEquals(t.re(), g.re(), 0.03 * t.re());
        assertEquals(t.flux(), g.flux(), 0.02 * t.flux());
        assertEquals(2, g.n(), 0);
    }

    @Test
    void psfMomentsAreRemoved() {
        PixelPsf psf = MoffatPsf.round(4, 3.5).toPixelPsf(25);
        SersicParams t = new SersicParams(32.5, 32.5, 10000, 4, 0.5, 0.7, 60);
        Image img = new JavaReferenceRenderer().render(t, 64, 64, psf, RenderSettings.DEFAULT);
        SersicParams withPsf = MomentGuess.of(img, null, psf), without = MomentGuess.of(img, null, null);
        assertTrue(Math.abs(withPsf.re() - t.re()) < Math.abs(without.re() - t.re()), "PSF removal moves r_e towards the truth");
        assertEquals(t.re(), withPsf.re(), 0.2 * t.re());
        assertEquals(t.pa(), withPsf.pa(), 3);
    }

    @Test
    void noisyConcentratedGalaxyGetsAUsableStart() {
        PixelPsf psf = MoffatPsf.round(4, 3.5).toPixelPsf(25);
        SersicParams t = new SersicParams(34.1, 30.6, 8000, 6, 4, 0.55, 20);
        NoiseModel noise = new NoiseModel(100, 1, 5);
        Image img = noise.addNoise(new JavaReferenceRenderer().render(t, 64, 64, psf, RenderSettings.DEFAULT), new Well19937c(5));
        boolean[] masked = new boolean[64 * 64];
        masked[0] = true;
        SersicParams g = MomentGuess.of(img, masked, psf);
        assertEquals(t.x0(), g.x0(), 0.5);
        assertEquals(t.y0(), g.y0(), 0.5);
        assertEquals(1, g.flux() / t.flux(), 0.5);
        assertEquals(t.pa(), g.pa(), 15);
        assertTrue(g.re() > 0.5 && g.re() < 3 * t.re(), "r_e " + g.re());
    }
}
