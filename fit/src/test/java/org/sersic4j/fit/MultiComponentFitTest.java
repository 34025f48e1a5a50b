package org.sersic4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.Image;
import org.sersic4j.render.MoffatPsf;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.model.Component;
import org.sersic4j.render.model.ComponentType;
import org.sersic4j.render.model.Model;
import org.sersic4j.render.sim.NoiseModel;

/**
 * Multi-component fits: known bulge+disc, Sérsic+point-source and sky-plane stamps (noiseless, drawn as the fitter
 * draws) are recovered from the automatic guess; ties hold exactly; BIC prefers the true model on noisy stamps; a bad
 * model specification is a clear error.
 */
class MultiComponentFitTest {
    static final PixelPsf PSF = MoffatPsf.round(4, 3.5).toPixelPsf(25);
    static final NoiseModel NOISE = new NoiseModel(100, 1, 5);
    static final int SIDE = 64;

    private static Image draw(Model m) {
        return FitSettings.stamp(SIDE, SIDE, PSF, FitSettings.RENDER).image(m);
    }

    private static Image noisy(Image clean, long seed) {
        // Poisson-like Gaussian noise at the noise model's variance (sky 100 ADU subtracted, as in the stamps).
        SplittableRandom rng = new SplittableRandom(seed);
        double[] px = clean.pixels().clone();
        for (int i = 0; i < px.length; i++) {
            double u1 = rng.nextDouble(), u2 = rng.nextDouble();
            double g = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
            px[i] += g * Math.sqrt(NOISE.variance(clean.pixels()[i]));
        }
        return new Image(clean.width(), clean.height(), px);
    }

    private static FitResult fit(Image data, ModelSpec spec) {
        FitProblem p = FitProblem.builder("test", data).psf(PSF).noise(NOISE).likelihood(Likelihood.CHI2).model(spec)
                .build();
        return new LevenbergMarquardtFitter().fit(p);
    }

    static final SersicParams BULGE = new SersicParams(32.4, 31.7, 6000, 2.0, 4.0, 0.85, 30);
    static final SersicParams DISC = new SersicParams(32.4, 31.7, 14000, 8.0, 1.0, 0.5, 60);

    private static Model bulgeDisc() {
        return new Model(List.of(Component.sersic("bulge", BULGE), Component.fixedIndex(ComponentType.EXPONENTIAL, "disc",
                DISC)));
    }

    @Test
    void bulgeAndDiscAreRecoveredFromTheAutomaticGuess() {
        FitResult r = fit(draw(bulgeDisc()), ModelSpec.named("bulge+disc"));
        assertTrue(r.converged(), FitFlags.names(r.flags()) + " " + r.message());
        FittedModel f = r.fitted();
        assertEquals("bulge+disc", f.name());
        Component b = f.model().components().get(0), d = f.model().components().get(1);
        System.out.println("bulge+disc: " + f.model() + " B/T " + f.bt() + " chi2nu " + r.chi2nu());
        assertEquals(0.3, f.bt(), 0.01, "B/T");
        assertEquals(20000, f.totalFlux(), 0.005 * 20000, "total flux");
        assertEquals(2.0, b.get("re"), 0.05 * 2.0, "bulge r_e");
        assertEquals(4.0, b.get("n"), 0.2, "bulge n");
        assertEquals(8.0, d.get("re"), 0.02 * 8.0, "disc r_e");
        assertEquals(0.5, d.get("q"), 0.01, "disc q");
        // The tie: the disc's centre is the bulge's, exactly, and it is not counted as free.
        assertEquals(b.get("x0"), d.get("x0"), 0.0);
        assertEquals(b.get("y0"), d.get("y0"), 0.0);
        assertEquals(7 + 4, r.freeParameters(), "bulge 7 + disc 4 (its centre tied); the sky held by default");
        assertEquals(f.errors()[0], f.errors()[7], 0.0, "a tied parameter's error is its master's");
        // The catalogue's single-profile columns are the first component.
        assertEquals(b.get("re"), r.params().re(), 0.0);
    }

    @Test
    void pointSourceOnAHostIsRecovered() {
        SersicParams host = new SersicParams(31.6, 32.3, 10000, 5.0, 1.5, 0.7, 100);
        Model truth = new Model(List.of(Component.sersic("host", host), Component.pointSource("psf", 31.6, 32.3, 3000)));
        FitResult r = fit(draw(truth), ModelSpec.named("sersic+psf"));
        assertTrue(r.converged(), FitFlags.names(r.flags()).toString());
        Component ps = r.fitted().model().components().get(1);
        assertEquals(3000, ps.get("flux"), 0.02 * 3000, "point-source flux");
        assertEquals(10000, r.params().flux(), 0.01 * 10000, "host flux");
        assertEquals(5.0, r.params().re(), 0.02 * 5.0, "host r_e");
    }

    @Test
    void skyPlaneIsRecovered() {
        SersicParams gal = new SersicParams(32.2, 32.8, 8000, 4.0, 2.0, 0.6, 45);
        Model truth = new Model(List.of(Component.sersic("galaxy", gal),
                new Component(ComponentType.SKYPLANE, "sky", new double[] {3, 0.05, -0.08})));
        ModelSpec spec = new ModelSpec("sersic+skyplane", List.of(new ModelSpec.Part(ComponentType.SERSIC, "galaxy", Map.of()),
                new ModelSpec.Part(ComponentType.SKYPLANE, "sky", Map.of())), List.of());
        FitResult r = fit(draw(truth), spec);
        assertTrue(r.converged(), FitFlags.names(r.flags()).toString());
        double[] sky = r.fitted().model().components().get(1).values();
        assertEquals(3, sky[0], 0.02, "sky at the stamp centre");
        assertEquals(0.05, sky[1], 1e-3, "gradient along x");
        assertEquals(-0.08, sky[2], 1e-3, "gradient along y");
        assertEquals(3, r.sky(), 0.02, "the sky column is the plane's level");
        assertEquals(8000, r.params().flux(), 0.01 * 8000);
    }

    @Test
    void bicPrefersTheTrueModel() {
        // Bright (S/N about 600), so that the bulge is well above the noise.
        Model bright = new Model(List.of(Component.sersic("bulge", BULGE.withFlux(30000)),
                Component.fixedIndex(ComponentType.EXPONENTIAL, "disc", DISC.withFlux(70000))));
        Image bd = noisy(draw(bright), 7);
        FitResult two = fit(bd, ModelSpec.named("bulge+disc")), single1 = fit(bd, ModelSpec.SERSIC);
        System.out.println("bd stamp: " + two.fitted().model() + " chi2nu " + two.chi2nu() + " " + FitFlags.names(two.flags())
                + " | sersic " + single1.params() + " chi2nu " + single1.chi2nu());
        double twoComponents = two.bic(), one = single1.bic();
        assertTrue(twoComponents < one, "bulge+disc stamp: BIC " + twoComponents + " (bulge+disc) vs " + one + " (sersic)");
        Image single = noisy(draw(Model.of(new SersicParams(32.4, 31.7, 100000, 5.0, 1.0, 0.6, 60), null)), 8);
        FitResult s = fit(single, ModelSpec.SERSIC), b = fit(single, ModelSpec.named("bulge+disc"));
        assertTrue(s.bic() < b.bic(), "exponential stamp: BIC " + s.bic() + " (sersic) vs " + b.bic() + " (bulge+disc)");
    }

    @Test
    void oneSersicCarriesItsComponentList() {
        SersicParams truth = new SersicParams(32.3, 33.1, 8000, 6.0, 1.5, 0.6, 40);
        FitResult r = fit(draw(Model.of(truth, null)), ModelSpec.SERSIC);
        FittedModel f = r.fitted();
        assertEquals(2, f.model().components().size(), "the Sérsic and the sky");
        assertEquals(ComponentType.SKY, f.model().components().get(1).type());
        assertEquals(r.params(), f.model().components().get(0).profile());
        assertEquals(r.sky(), f.model().components().get(1).values()[0], 0.0);
        assertEquals(8, r.freeParameters() + 1, "seven free, the sky fixed by default");
    }

    @Test
    void theMemoryOfAModelIsCheckedBeforeItsArraysAreMade() {
        long oneSersic = FitMemory.estimate(SIDE, SIDE, PSF, FitSettings.RENDER, 8);
        assertTrue(FitMemory.estimate(SIDE, SIDE, PSF, FitSettings.RENDER, 14) > oneSersic, "more parameters, more memory");
        System.setProperty(FitMemory.LIMIT_PROPERTY, Long.toString(oneSersic + 1));
        try {
            Image data = draw(bulgeDisc());
            assertTrue(fit(data, ModelSpec.SERSIC).converged(), "one Sérsic fits in the limit");
            FitResult r = fit(data, ModelSpec.named("bulge+disc"));
            assertTrue((r.flags() & FitFlags.FAILED) != 0, "bulge+disc does not");
            assertTrue(r.message().contains("14 parameters") && r.message().contains("memory"), r.message());
        } finally {
            System.clearProperty(FitMemory.LIMIT_PROPERTY);
        }
    }

    @Test
    void badModelsAreClearErrors() {
        ModelSpec.Part a = new ModelSpec.Part(ComponentType.SERSIC, "a", Map.of());
        ModelSpec.Part b = new ModelSpec.Part(ComponentType.EXPONENTIAL, "b", Map.of());
        assertMessage("names no component", () -> new ModelSpec("m", List.of(a, b),
                List.of(ModelSpec.TieSpec.equal("c.x0", "a.x0"))));
        assertMessage("has no parameter 'n'", () -> new ModelSpec("m", List.of(a, b),
                List.of(ModelSpec.TieSpec.equal("b.n", "a.n"))));
        assertMessage("tied to itself", () -> new ModelSpec("m", List.of(a, b), List.of(ModelSpec.TieSpec.equal("a.x0", "a.x0"))));
        assertMessage("is itself tied", () -> new ModelSpec("m", List.of(a, b),
                List.of(ModelSpec.TieSpec.equal("b.x0", "a.x0"), ModelSpec.TieSpec.equal("a.x0", "b.y0"))));
        assertMessage("two components are named", () -> new ModelSpec("m", List.of(a, a), List.of()));
        assertMessage("unknown model", () -> ModelSpec.named("triple"));
        assertMessage("has no parameter 'n'", () -> new ModelSpec.Part(ComponentType.PSF, "p",
                Map.of("n", ModelSpec.Setting.AUTO)));
        ModelSpec skyFirst = new ModelSpec("s", List.of(new ModelSpec.Part(ComponentType.SKY, "sky", Map.of()), a), List.of());
        assertMessage("must be a profile", () -> FitProblem.builder("x", draw(bulgeDisc())).psf(PSF).noise(NOISE)
                .model(skyFirst).build());
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        RuntimeException x = assertThrows(RuntimeException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }
}
