package org.sersic4j.fit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitProblem;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.FitSettings;
import org.sersic4j.fit.LevenbergMarquardtFitter;
import org.sersic4j.fit.Likelihood;
import org.sersic4j.fit.ModelSpec;
import org.sersic4j.fit.ModelSpec.Setting;
import org.sersic4j.render.Image;
import org.sersic4j.render.MoffatPsf;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.io.FitsImageFile;
import org.sersic4j.render.model.Component;
import org.sersic4j.render.model.ComponentType;
import org.sersic4j.render.model.Model;
import org.sersic4j.render.sim.NoiseModel;

/**
 * GALFIT-style blocks of multi-component fits: every component in GALFIT's header form (an exponential as an expdisk
 * with its scale length), read back as a feedme would be to the same components; a single Sérsic written as before.
 */
class GalfitBlockComponentsTest {
    static final PixelPsf PSF = MoffatPsf.round(3, 3.5).toPixelPsf(15);
    static final int SIDE = 40;
    static final double ZP = 25;

    @TempDir
    Path dir;

    private static FitProblem problem(Model truth, ModelSpec spec) {
        Image data = FitSettings.stamp(SIDE, SIDE, PSF, FitSettings.RENDER).image(truth);
        return FitProblem.builder("bd", data).psf(PSF).noise(new NoiseModel(100, 1, 5)).likelihood(Likelihood.CHI2)
                .model(spec).fitSky(true, 0).zeropoint(ZP).build();
    }

    @Test
    void bulgeAndDiscBlockIsReadBackToTheSameComponents() throws Exception {
        SersicParams bulge = new SersicParams(20.3, 20.6, 4000, 1.6, 3.5, 0.8, 40);
        SersicParams disc = new SersicParams(20.3, 20.6, 9000, 5.5, 1.0, 0.5, 75);
        Model truth = new Model(List.of(Component.sersic("bulge", bulge),
                Component.fixedIndex(ComponentType.EXPONENTIAL, "disc", disc)));
        ModelSpec bd = ModelSpec.named("bulge+disc");
        ModelSpec spec = new ModelSpec("bd-q", List.of(bd.parts().get(0), new ModelSpec.Part(ComponentType.EXPONENTIAL,
                "disc", Map.of("q", new Setting(0.5, true, Double.NaN, Double.NaN)))), bd.ties());
        FitProblem p = problem(truth, spec);
        FitResult r = new LevenbergMarquardtFitter().fit(p);
        assertTrue(r.converged(), FitFlags.names(r.flags()) + " " + r.message());

        GalfitBlockWriter w = new GalfitBlockWriter(dir, "v");
        assertTrue(w.write(r, GalfitBlockInput.from(p, null, null)));
        Map<String, Object> h = FitsImageFile.read(w.fileFor("bd"), "MODEL").header();
        assertEquals("bd-q", h.get("MODEL"));
        assertEquals("sersic", h.get("COMP_1"));
        assertEquals("bulge", h.get("1_NAME"));
        assertEquals("expdisk", h.get("COMP_2"));
        assertEquals("sky", h.get("COMP_3"));
        assertFalse(h.containsKey("COMP_4"));
        Component fd = r.fitted().model().components().get(1);
        GalfitValue rs = GalfitValue.parse((String) h.get("2_RS"));
        assertEquals(fd.get("re") / 1.678347, rs.value(), 1e-4, "an expdisk's scale length R_s = r_e / b_1");
        assertFalse(h.containsKey("2_RE"));
        assertEquals("[0.5000]", h.get("2_AR"), "fixed by the model");
        assertEquals(ZP - 2.5 * Math.log10(fd.flux()), GalfitValue.parse((String) h.get("2_MAG")).value(), 5e-5);
        assertEquals("[0.0000]", h.get("3_DSDX"));
        assertEquals(1L, h.get("NFIX"), "the disc's q (a flat sky's gradients are no parameters, as for one Sérsic)");
        assertEquals((long) r.freeParameters(), h.get("NFREE"));

        ModelSpec back = GalfitHeader.readModel(h, SIDE, SIDE);
        assertEquals("bd-q", back.name());
        List<Component> fitted = r.fitted().model().components();
        assertEquals(fitted.size(), back.parts().size());
        for (int k = 0; k < fitted.size(); k++) {
            Component c = fitted.get(k);
            ModelSpec.Part b = back.parts().get(k);
            assertEquals(c.type(), b.type());
            assertEquals(c.name(), b.name());
            for (String name : c.type().parameterNames()) {
                Setting s = b.setting(name);
                // four decimals: 5e-5 in a value, in a magnitude (a relative 5e-5 · 0.92 in flux), in R_s (× b_1 in r_e)
                double tol = name.equals("flux") ? 6e-5 * c.flux() : name.equals("re") ? 1e-4 : 5e-5;
                assertEquals(c.get(name), s.start(), tol, c.name() + "." + name);
                assertEquals(name.equals("q") && c.name().equals("disc"), s.fixed(), c.name() + "." + name + " fixed");
            }
        }
        assertEquals(0.5, back.parts().get(1).setting("q").start(), 0.0);
    }

    @Test
    void skyPlaneIsWrittenWithItsGradients() throws Exception {
        SersicParams gal = new SersicParams(20.8, 20.1, 8000, 3.0, 2.0, 0.7, 120);
        Model truth = new Model(List.of(Component.sersic("gal", gal),
                new Component(ComponentType.SKYPLANE, "plane", new double[] {2.0, 0.03, -0.02})));
        ModelSpec spec = new ModelSpec("gal+plane", List.of(new ModelSpec.Part(ComponentType.SERSIC, "gal", Map.of()),
                new ModelSpec.Part(ComponentType.SKYPLANE, "plane", Map.of())), List.of());
        FitProblem p = problem(truth, spec);
        FitResult r = new LevenbergMarquardtFitter().fit(p);
        assertTrue(r.converged(), FitFlags.names(r.flags()) + " " + r.message());
        GalfitBlockWriter w = new GalfitBlockWriter(dir, "v");
        w.write(r, GalfitBlockInput.from(p, null, null));
        Map<String, Object> h = FitsImageFile.read(w.fileFor("bd"), "MODEL").header();
        assertEquals("sky", h.get("COMP_2"));
        assertEquals(0.03, GalfitValue.parse((String) h.get("2_DSDX")).value(), 1e-4);
        assertEquals(-0.02, GalfitValue.parse((String) h.get("2_DSDY")).value(), 1e-4);
        assertFalse(h.containsKey("COMP_3"), "the model's own sky: no flat sky added");
        ModelSpec back = GalfitHeader.readModel(h, SIDE, SIDE);
        assertEquals(ComponentType.SKYPLANE, back.parts().get(1).type());
        assertEquals(2.0, back.parts().get(1).setting("sky").start(), 1e-4, "the level at the stamp centre");
    }

    @Test
    void singleSersicIsWrittenAsBefore() throws Exception {
        SersicParams gal = new SersicParams(20.8, 20.1, 8000, 3.0, 2.0, 0.7, 120);
        FitProblem p = problem(new Model(List.of(Component.sersic("sersic", gal))), null);
        FitResult r = new LevenbergMarquardtFitter().fit(p);
        assertTrue(r.fitted() != null);
        FitResult bare = new FitResult(r.id(), r.estimator(), r.likelihood(), r.params(), r.errors(), r.sky(),
                r.skyError(), r.chi2nu(), r.logL(), r.fittedPixels(), r.freeParameters(), r.iterations(),
                r.evaluations(), r.seconds(), r.flags(), r.model(), r.message(), r.device(), null);
        GalfitBlockInput in = GalfitBlockInput.from(p, null, null);
        Map<String, Object> withComponents = GalfitHeader.model(r, in, "v"), without = GalfitHeader.model(bare, in, "v");
        assertEquals(without.toString(), withComponents.toString());
        assertFalse(withComponents.containsKey("1_NAME"));
        assertEquals("sky", withComponents.get("COMP_2"));
        ModelSpec back = GalfitHeader.readModel(withComponents, SIDE, SIDE);
        assertEquals(List.of("sersic1", "sky2"), back.parts().stream().map(ModelSpec.Part::name).toList());
        assertEquals(gal.re(), back.parts().get(0).setting("re").start(), 1e-3);
    }
}
