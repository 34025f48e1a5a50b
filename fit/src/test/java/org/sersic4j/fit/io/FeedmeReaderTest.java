package org.sersic4j.fit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.fit.FitInputException;
import org.sersic4j.fit.FitProblem;
import org.sersic4j.fit.Likelihood;
import org.sersic4j.render.Image;
import org.sersic4j.render.SersicParams;
import org.sersic4j.io.InvalidInputException;

/** GALFIT feedme files: the control block, toggles, region, zeropoint and plate scale, and what is rejected. */
class FeedmeReaderTest {
    @TempDir
    Path dir;

    /** A feedme as GALFIT's own template writes it, with a few user edits. */
    static final String FEEDME = """
            ===============================================================================
            # IMAGE and GALFIT CONTROL PARAMETERS
            A) data/gal.fits       # Input data image (FITS file)
            B) imgblock.fits       # Output data image block
            C) data/sigma.fits     # Sigma image name (made from data if blank or "none")
            D) psf.fits   #        # Input PSF image and (optional) diffusion kernel
            E) 1                   # PSF fine sampling factor relative to data
            F) none                # Bad pixel mask (FITS image or ASCII coord list)
            G) constraints.txt     # File with parameter constraints (ASCII file)
            H) 11   70   6    55   # Image region to fit (xmin xmax ymin ymax)
            I) 100    100          # Size of the convolution box (x y)
            J) 26.563              # Magnitude photometric zeropoint
            K) 0.038  0.038        # Plate scale (dx dy)    [arcsec per pixel]
            O) regular             # Display type (regular, curses, both)
            P) 0                   # Options: 0=normal run; 1,2=make model/imgblock & quit

            # INITIAL FITTING PARAMETERS
            #
            #   For object type, the allowed functions are:
            #       nuker, sersic, expdisk, devauc, king, psf, gaussian, moffat,
            #       ferrer, and sky.

            # Object number: 1
             0) sersic                 #  object type
             1) 40.5  31.0  1 0        #  position x, y
             3) 20.0890     1          #  Integrated magnitude
             4) 5.1160      0          #  R_e (half-light radius)   [pix]
             5) 4.2490      1          #  Sersic index n (de Vaucouleurs n=4)
             6) 0.0000      0          #     -----
             7) 0.0000      0          #     -----
             8) 0.0000      0          #     -----
             9) 0.7570      1          #  axis ratio (b/a)
            10) -60.3690    0          #  position angle (PA) [deg: Up=0, Left=90]
             Z) 0                      #  output option (0 = resid., 1 = Don't subtract)

            # Object number: 2
             0) sky                    #  object type
             1) 1.3920      1          #  sky background at center of fitting region [ADUs]
             2) 0.0000      0          #  dsky/dx (sky gradient in x)
             3) 0.0000      0          #  dsky/dy (sky gradient in y)
             Z) 0                      #  output option (0 = resid., 1 = Don't subtract)

            ================================================================================
            """;

    @Test
    void realisticFeedmeIsRead() throws Exception {
        Path f = Files.writeString(dir.resolve("galfit.feedme"), FEEDME);
        Feedme m = FeedmeReader.read(f);
        assertEquals(dir.resolve("data/gal.fits"), m.image(), "paths relative to the feedme");
        assertEquals("gal", m.id());
        assertEquals(dir.resolve("imgblock.fits"), m.output());
        assertEquals(dir.resolve("data/sigma.fits"), m.sigma());
        assertEquals(dir.resolve("psf.fits"), m.psf());
        assertNull(m.mask());
        assertEquals(new Feedme.Region(11, 70, 6, 55), m.region());
        assertEquals(26.563, m.zeropoint());
        assertEquals(0.038, m.pixelScaleX());
        assertEquals(0.038, m.pixelScale(), 1e-15);
        Feedme.Sersic s = m.sersic();
        assertEquals(40.5, s.x0());
        assertEquals(31.0, s.y0());
        assertEquals(20.089, s.mag());
        assertEquals(5.116, s.re());
        assertEquals(4.249, s.n());
        assertEquals(0.757, s.q());
        assertEquals(119.631, s.pa(), 1e-9, "-60.369 deg counter-clockwise from +y, reduced to [0, 180)");
        assertEquals(List.of("y0", "re", "pa"), s.fixed());
        assertEquals(new Feedme.Sky(1.392, true), m.sky());
        assertEquals(1, m.warnings().size(), m.warnings().toString());
        assertTrue(m.warnings().get(0).contains("line 9") && m.warnings().get(0).contains("constraints.txt"));
    }

    @Test
    void feedmeTaskCutsTheRegionAndCarriesToggles() throws Exception {
        Path f = Files.writeString(dir.resolve("galfit.feedme"), FEEDME);
        TestStamps.write(dir.resolve("data/gal.fits"), TestStamps.galaxy(80, 60, 5000), Map.of("EXPTIME", 100.0));
        Image sigma = TestStamps.constant(80, 60, 1);
        sigma.pixels()[5 * 80 + 10] = 7;   // pixel (11, 6): the region's first pixel
        TestStamps.write(dir.resolve("data/sigma.fits"), sigma, null);
        TestStamps.write(dir.resolve("psf.fits"), TestStamps.psf(4), null);
        StampTask t = FeedmeReader.read(f).task(FitOptions.builder().fixed(List.of("q")).build());
        assertEquals("gal", t.id());
        FitProblem p = t.load();
        assertEquals(60, p.image().width());
        assertEquals(50, p.image().height());
        assertEquals(7, p.sigma()[0], 1e-6, "the sigma map is cut like the image");
        assertEquals(9, p.psf().size());
        assertEquals(Likelihood.CHI2, p.likelihood());
        // EXPTIME = 100 s: GALFIT's magnitudes are per second, so the zeropoint gains 2.5 log10(100) = 5.
        assertEquals(26.563 + 5, p.zeropoint(), 1e-12);
        assertEquals(0.038, p.pixelScale(), 1e-15);
        SersicParams g = p.guess();
        assertEquals(30.5, g.x0(), 1e-12, "x shifted by xmin - 1");
        assertEquals(26.0, g.y0(), 1e-12, "y shifted by ymin - 1");
        assertEquals(100 * Math.pow(10, -0.4 * (20.089 - 26.563)), g.flux(), 1e-9 * g.flux());
        assertEquals(5.116, g.re(), 1e-12);
        assertEquals(119.631, g.pa(), 1e-9);
        assertArrayEquals(new boolean[] {false, true, false, true, false, true, true}, p.fixed(),
                "y0, re, pa from the toggles; q from the options");
        assertTrue(p.fitSky());
        assertEquals(1.392, p.skyStart());
    }

    @Test
    void zeropointAndScaleFromOptionsWhenJAndKAreAbsent() throws Exception {
        TestStamps.write(dir.resolve("g.fits"), TestStamps.galaxy(30, 30, 100), Map.of("GAIN", 2.0, "SKY", 20.0));
        Path f = Files.writeString(dir.resolve("a.feedme"), """
                A) g.fits
                D) none
                0) sersic
                1) 15 15 1 1
                3) 20 1
                4) 3 1
                5) 1 1
                9) 0.5 1
                10) 30 1
                """);
        Feedme m = FeedmeReader.read(f);
        assertNull(m.output());
        assertNull(m.sky());
        assertTrue(Double.isNaN(m.zeropoint()) && Double.isNaN(m.pixelScale()));
        FitProblem p = m.task(FitOptions.builder().zeropoint(25.0).pixelScale(0.2).build()).load();
        assertEquals(25.0, p.zeropoint());
        assertEquals(0.2, p.pixelScale());
        assertEquals(100.0, p.guess().flux(), 1e-9);
        assertEquals(Likelihood.POISSON, p.likelihood());
        assertTrue(!p.fitSky());
        FitInputException noZp = assertThrows(FitInputException.class, () -> m.task(FitOptions.defaults()).load());
        assertTrue(noZp.getMessage().contains(f + ": no J) zeropoint"), noZp.getMessage());
    }

    @Test
    void regionBeyondTheImageIsAnError() throws Exception {
        TestStamps.write(dir.resolve("g.fits"), TestStamps.galaxy(30, 30, 100), Map.of("GAIN", 2.0, "SKY", 20.0));
        Path f = Files.writeString(dir.resolve("a.feedme"), "A) g.fits\nH) 1 40 1 30\nJ) 25\n"
                + "0) sersic\n1) 15 15 1 1\n3) 20 1\n4) 3 1\n5) 1 1\n9) 0.5 1\n10) 30 1\n");
        FitInputException e = assertThrows(FitInputException.class, () -> FeedmeReader.read(f).task(FitOptions.defaults()).load());
        assertTrue(e.getMessage().contains("H) fitting region") && e.getMessage().contains("30x30"), e.getMessage());
    }

    @Test
    void unsupportedContentNamesTheLine() throws Exception {
        String sersic = "0) sersic\n1) 15 15 1 1\n3) 20 1\n4) 3 1\n5) 1 1\n9) 0.5 1\n10) 30 1\n";
        assertError("A) g.fits\n" + sersic + "0) sky\n1) 0 1\n0) sky\n1) 0 1\n", "line 11: a second sky component (the"
                + " first is on line 9)");
        assertError("A) g.fits\n" + sersic + "0) expdisk\n1) 15 15 1 1\n3) 20 1\n", "line 9: the expdisk component has no 4)");
        assertError("A) g.fits\n" + sersic + "0) psf\n1) 15 15 1 1\n3) 20 1\n4) 3 1\n", "line 12: psf parameter 4) is not"
                + " understood");
        assertError("A) g.fits\n" + sersic + "0) devauc\n1) 15 15 1 1\n3) 20 1\n4) 3 1\n9) 1 1\n10) 0 1\nC0) 0.1 1\n",
                "line 15: devauc parameter C0) is not supported");
        assertError("A) g.fits\n0) psf\n1) 15 15 1 1\n3) 20 1\n", "no '0) sersic' component (nor expdisk or devauc)");
        assertError("A) g.fits\nE) 2\n" + sersic, "line 2: PSF fine sampling factor 2 is not supported");
        assertError("A) g.fits\n" + sersic + "F1) 0.1 30 1 1\n", "line 9: sersic parameter F1)");
        assertError("A) g.fits\n" + sersic.replace("4) 3 1", "4) 3 2"), "line 5: toggle '2'");
        assertError("A) g.fits\n" + sersic.replace("3) 20 1", "3) bright 1"), "line 4: magnitude 'bright'");
        assertError("A) g.fits\n" + sersic.replace("9) 0.5 1\n", ""), "line 2: the sersic component has no 9)");
        assertError("A) g.fits\nF) mask.txt\n" + sersic, "line 2: bad-pixel mask");
        assertError("A) g.fits\n" + sersic + "0) sky\n1) 0 1\n2) 0.01\n", "line 11: 2) needs 'dsky/dx (sky gradient)"
                + " toggle'");
        assertError("B) out.fits\n" + sersic, "no input image");
        assertError("A) g.fits\n", "no '0) sersic' component");
    }

    private void assertError(String text, String expected) throws Exception {
        Path f = Files.writeString(dir.resolve("bad.feedme"), text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FeedmeReader.read(f));
        assertEquals(f, e.file());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
