package org.sersic4j.fit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitProblem;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.FitSettings;
import org.sersic4j.fit.LevenbergMarquardtFitter;
import org.sersic4j.fit.ModelSpec;
import org.sersic4j.fit.ModelSpec.Setting;
import org.sersic4j.render.Image;
import org.sersic4j.render.SersicMath;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.model.Component;
import org.sersic4j.render.model.ComponentType;
import org.sersic4j.render.model.Model;

/**
 * GALFIT feedme files of several components: every component read into a model with the feedme's starting values and
 * toggles, an expdisk's R_s made r_e, the sky plane's reference point, and a bulge+disc fitted back to its truth.
 */
class FeedmeComponentsTest {
    @TempDir
    Path dir;

    static final double ZP = 25;

    /** A bulge, a disc, a King profile (left out), a point source and a sky plane, with a region. */
    static final String FEEDME = """
            A) gal.fits
            D) none
            H) 3 50 5 52
            J) 25
            # Object number: 1
             0) psf
             1) 30.0  31.0  0 1
             3) 21.5  1
             Z) 0
            # Object number: 2
             0) sersic
             1) 27.5  29.0  1 1
             3) 18.0  1
             4) 2.5   1
             5) 3.5   0
             9) 0.8   1
            10) -30   1
            # Object number: 3
             0) expdisk
             1) 27.5  29.0  1 1
             3) 17.0  1
             4) 4.0   1          # R_s
             9) 0.5   0
            10) 200   1
            # Object number: 4
             0) king
             1) 10 10 1 1
            # Object number: 5
             0) sky
             1) 2.0   1
             2) 0.01  1
             3) 0.0   0
            """;

    @Test
    void everyComponentIsReadIntoTheModel() throws Exception {
        Feedme f = FeedmeReader.read(Files.writeString(dir.resolve("g.feedme"), FEEDME));
        assertFalse(f.isSingleSersic());
        assertEquals(List.of(ComponentType.PSF, ComponentType.SERSIC, ComponentType.EXPONENTIAL, ComponentType.SKYPLANE),
                f.parts().stream().map(Feedme.Part::type).toList());
        assertEquals(1, f.warnings().size(), f.warnings().toString());
        assertTrue(f.warnings().get(0).contains("line 26") && f.warnings().get(0).contains("'king'"), f.warnings().get(0));
        assertEquals(27.5, f.sersic().x0(), "the first Sérsic, as for a single-Sérsic feedme");
        assertEquals(new Feedme.Sky(2.0, true), f.sky());

        ModelSpec m = f.model(ZP, 48, 48);
        assertEquals("psf+sersic+exponential+skyplane", m.name());
        assertEquals(List.of("sersic2", "psf1", "exponential3", "skyplane5"),
                m.parts().stream().map(ModelSpec.Part::name).toList(),
                "the first profile is the target; the others in the feedme's order, the sky last");
        assertTrue(m.ties().isEmpty(), "components at the same position are not tied (GALFIT does not tie them)");
        ModelSpec.Part bulge = m.parts().get(0), psf = m.parts().get(1), disc = m.parts().get(2), sky = m.parts().get(3);
        assertEquals(new Setting(27.5 - 2, false, Double.NaN, Double.NaN), bulge.setting("x0"), "x moved by xmin - 1");
        assertEquals(new Setting(29.0 - 4, false, Double.NaN, Double.NaN), bulge.setting("y0"), "y moved by ymin - 1");
        assertEquals(Math.pow(10, -0.4 * (18 - ZP)), bulge.setting("flux").start(), 1e-9);
        assertEquals(new Setting(3.5, true, Double.NaN, Double.NaN), bulge.setting("n"), "toggle 0 = fixed");
        assertEquals(150, bulge.setting("pa").start(), 1e-12, "PA as GALFIT's (counter-clockwise from +y), in [0, 180)");
        assertTrue(psf.setting("x0").fixed() && !psf.setting("y0").fixed());
        assertEquals(Math.pow(10, -0.4 * (21.5 - ZP)), psf.setting("flux").start(), 1e-9);
        // An exponential disc of scale length R_s has r_e = b_1 R_s, b_1 = 1.678347 (P(2, b_1) = 1/2).
        assertEquals(SersicMath.bn(1) * 4.0, disc.setting("re").start(), 1e-12);
        assertEquals(1.678347, Feedme.EXPDISK_RE_PER_RS, 1e-6);
        assertTrue(disc.setting("q").fixed());
        assertEquals(20, disc.setting("pa").start(), 1e-12);
        // The region is the cut-out: GALFIT's reference point (the region's centre) is ours (the stamp's centre).
        assertEquals(2.0, sky.setting("sky").start(), 1e-12);
        assertEquals(new Setting(0.01, false, Double.NaN, Double.NaN), sky.setting("dsky_dx"));
        assertEquals(new Setting(0.0, true, Double.NaN, Double.NaN), sky.setting("dsky_dy"));
    }

    @Test
    void skyPlaneLevelMovesWithItsReferencePoint() {
        // A plane 2 + 0.01 (x - 10) - 0.02 (y - 20) has, at (14, 18), the level 2 + 0.04 + 0.04.
        assertEquals(2.08, Feedme.skyAt(2, 0.01, -0.02, 10, 20, 14, 18), 1e-12);
        assertEquals(2.0, Feedme.skyAt(2, 0.01, -0.02, 10, 20, 10, 20), 0.0);
    }

    @Test
    void flatSkiesAndSingleProfilesOfOtherTypes() throws Exception {
        String one = "A) g.fits\n0) devauc\n1) 10 10 1 1\n3) 20 1\n4) 3 1\n9) 0.5 1\n10) 30 1\n";
        Feedme f = FeedmeReader.read(Files.writeString(dir.resolve("a.feedme"), one + "0) sky\n1) 0.5 0\n"));
        assertFalse(f.isSingleSersic(), "a de Vaucouleurs profile is fitted as a model");
        assertNull(f.sersic());
        ModelSpec m = f.model(ZP, 20, 20);
        assertEquals(List.of(ComponentType.DEVAUC, ComponentType.SKY), m.parts().stream().map(ModelSpec.Part::type).toList());
        assertEquals(new Setting(0.5, true, Double.NaN, Double.NaN), m.parts().get(1).setting("sky"),
                "no gradient lines: a flat sky");
        Feedme s = FeedmeReader.read(Files.writeString(dir.resolve("b.feedme"),
                one.replace("devauc", "sersic").replace("4) 3 1\n", "4) 3 1\n5) 2 1\n") + "0) sky\n1) 0.5 1\n2) 0 0\n3) 0 0\n"));
        assertTrue(s.isSingleSersic(), "one Sérsic and a flat sky: today's single-Sérsic fit");
    }

    /** A bulge+disc with a sky plane, drawn noiselessly in a region of a larger image, fitted back from a feedme. */
    @Test
    void bulgeAndDiscOfAFeedmeAreFittedBackToTheTruth() throws Exception {
        int w = 60, h = 56, x0 = 3, y0 = 5, side = 40;   // H) 3 42 5 44
        SersicParams bulge = new SersicParams(20.3, 19.6, 5000, 1.8, 3.5, 0.85, 40);
        SersicParams disc = new SersicParams(20.6, 20.1, 12000, 6.0, 1.0, 0.55, 70);
        Model truth = new Model(List.of(Component.sersic("sersic1", bulge),
                Component.fixedIndex(ComponentType.EXPONENTIAL, "exponential2", disc),
                new Component(ComponentType.SKYPLANE, "skyplane3", new double[] {3.0, 0.02, -0.015})));
        String feedme = String.format(Locale.ROOT, """
                A) gal.fits
                C) sigma.fits
                D) psf.fits
                H) %d %d %d %d
                J) %s
                0) sersic
                1) %s %s 1 1
                3) %s 1
                4) 2.3 1
                5) 2.5 1
                9) 0.7 1
                10) 30 1
                0) expdisk
                1) %s %s 1 1
                3) %s 1
                4) %s 1
                9) 0.6 1
                10) 80 1
                0) sky
                1) 2.5 1
                2) 0 1
                3) 0 1
                """, x0, x0 + side - 1, y0, y0 + side - 1, ZP, 20.0 + x0 - 1, 20.0 + y0 - 1, mag(1.3 * 5000),
                21.0 + x0 - 1, 19.8 + y0 - 1, mag(0.8 * 12000), 5.0 / Feedme.EXPDISK_RE_PER_RS);
        Path file = Files.writeString(dir.resolve("bd.feedme"), feedme);
        TestStamps.write(dir.resolve("psf.fits"), TestStamps.psf(4), null);
        TestStamps.write(dir.resolve("sigma.fits"), TestStamps.constant(w, h, 1), null);
        TestStamps.write(dir.resolve("gal.fits"), Image.zeros(w, h), null);
        StampTask task = FeedmeReader.read(file).task(FitOptions.defaults());
        FitProblem first = task.load();
        // The truth drawn on the cut-out as the fitter draws it (its PSF, its settings), then placed in the image.
        Image cut = FitSettings.stamp(side, side, first.psf(), first.settings()).image(truth);
        double[] px = new double[w * h];
        for (int y = 0; y < side; y++)
            System.arraycopy(cut.pixels(), y * side, px, (y + y0 - 1) * w + x0 - 1, side);
        TestStamps.write(dir.resolve("gal.fits"), new Image(w, h, px), null);

        FitProblem p = task.load();
        assertEquals(side, p.image().width());
        assertEquals("sersic+exponential+skyplane", p.model().name());
        assertEquals(20.0, p.guess().x0(), 1e-12, "the guess is the first profile's start, in the cut-out");
        FitResult r = new LevenbergMarquardtFitter().fit(p);
        assertTrue(r.converged(), FitFlags.names(r.flags()) + " " + r.message());
        List<Component> got = r.fitted().model().components();
        assertEquals(3, got.size(), got.toString());
        for (int k = 0; k < 3; k++) {
            Component t = truth.components().get(k), g = got.get(k);
            assertEquals(t.type(), g.type());
            assertEquals(t.name(), g.name());
            double[] tv = t.values(), gv = g.values();
            for (int i = 0; i < tv.length; i++) {
                String what = t.name() + "." + t.type().parameterNames().get(i) + " " + g;
                double tol = switch (t.type().parameterNames().get(i)) {
                    case "x0", "y0" -> 1e-4;
                    case "pa" -> 1e-3;
                    case "dsky_dx", "dsky_dy" -> 1e-6;
                    default -> 1e-4 * Math.abs(tv[i]);
                };
                assertEquals(tv[i], gv[i], tol, what);
            }
        }
    }

    private static String mag(double flux) {
        return Double.toString(ZP - 2.5 * Math.log10(flux));
    }
}
