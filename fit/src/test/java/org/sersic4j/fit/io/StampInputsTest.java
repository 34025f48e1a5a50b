package org.sersic4j.fit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.sim.NoiseModel;

/** Stamps found from files and directories: pairing, PSF lookup, header noise, and failures that stay per stamp. */
class StampInputsTest {
    @TempDir
    Path dir;

    private static final Map<String, Object> NOISY = Map.of("GAIN", 2.0, "RDNOISE", 5.0, "SKY", 100.0);

    @Test
    void directoryListsSortedStampsAndLeavesOutPsfFiles() throws Exception {
        Path stamps = dir.resolve("stamps");
        TestStamps.stamp(stamps.resolve("b.fits"), NOISY);
        TestStamps.stamp(stamps.resolve("a.fits"), NOISY);
        TestStamps.write(stamps.resolve("psf.fits"), TestStamps.psf(3), null);
        TestStamps.write(stamps.resolve("a_psf.fits"), TestStamps.psf(3), null);
        Files.writeString(stamps.resolve("notes.txt"), "not a stamp");
        List<StampTask> tasks = StampInputs.fromImages(List.of(stamps), FitOptions.defaults());
        assertEquals(List.of("a", "b"), tasks.stream().map(StampTask::id).toList());
        assertEquals(stamps.resolve("a.fits"), tasks.get(0).image());
    }

    @Test
    void sigmaAndMaskPairWithImagesByFileName() throws Exception {
        Path stamps = dir.resolve("stamps"), sig = dir.resolve("sigma"), msk = dir.resolve("mask");
        TestStamps.stamp(stamps.resolve("a.fits"), null);
        TestStamps.stamp(stamps.resolve("b.fits"), null);
        TestStamps.write(sig.resolve("a.fits"), TestStamps.constant(21, 21, 1.5), null);
        TestStamps.write(sig.resolve("b.fits"), TestStamps.constant(21, 21, 2.5), null);
        Image maskA = TestStamps.constant(21, 21, 0);
        maskA.pixels()[0] = 1;
        maskA.pixels()[5] = 1;
        maskA.pixels()[7] = 3;
        TestStamps.write(msk.resolve("a.fits"), maskA, null);
        TestStamps.write(msk.resolve("b.fits"), TestStamps.constant(21, 21, 0), null);
        FitOptions o = FitOptions.builder().sigmaDir(sig).maskDir(msk).build();
        // The σ and mask directories given as inputs too (a shell glob over everything) contribute no stamps.
        List<StampTask> tasks = StampInputs.fromImages(List.of(stamps, sig.resolve("a.fits"), msk), o);
        assertEquals(List.of("a", "b"), tasks.stream().map(StampTask::id).toList());
        FitProblem a = tasks.get(0).load(), b = tasks.get(1).load();
        assertEquals(1.5, a.sigma()[100], 1e-6);
        assertEquals(2.5, b.sigma()[100], 1e-6);
        assertEquals(Likelihood.CHI2, a.likelihood(), "no noise keywords: chi2 with the sigma map");
        assertNull(a.noise());
        assertEquals(3, a.maskedPixels());
        assertTrue(a.excluded()[7] && !a.excluded()[6]);
        assertEquals(0, b.maskedPixels());
    }

    @Test
    void missingSigmaFailsOnlyItsStampAndNamesTheFile() throws Exception {
        Path stamps = dir.resolve("stamps"), sig = dir.resolve("sigma");
        TestStamps.stamp(stamps.resolve("a.fits"), null);
        TestStamps.stamp(stamps.resolve("b.fits"), null);
        TestStamps.write(sig.resolve("a.fits"), TestStamps.constant(21, 21, 1), null);
        List<StampTask> tasks = StampInputs.fromImages(List.of(stamps), FitOptions.builder().sigmaDir(sig).build());
        assertNotNull(tasks.get(0).load());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> tasks.get(1).load());
        assertTrue(e.getMessage().contains(sig.resolve("b.fits").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void psfFileKeywordIsResolvedAgainstTheStampsDirectoryAndReadOnce() throws Exception {
        Path stamps = dir.resolve("stamps");
        TestStamps.write(stamps.resolve("psf.fits"), TestStamps.psf(3), null);
        TestStamps.write(stamps.resolve("psfs").resolve("wide.fits"), TestStamps.psf(5), null);
        TestStamps.stamp(stamps.resolve("a.fits"), Map.of("PSFFILE", "psf.fits", "GAIN", 1.0, "SKY", 10.0));
        TestStamps.stamp(stamps.resolve("b.fits"), Map.of("PSFFILE", "psf.fits", "GAIN", 1.0, "SKY", 10.0));
        TestStamps.stamp(stamps.resolve("c.fits"), Map.of("PSFFILE", "psfs/wide.fits", "GAIN", 1.0, "SKY", 10.0));
        TestStamps.stamp(stamps.resolve("d.fits"), Map.of("PSFFILE", "none", "GAIN", 1.0, "SKY", 10.0));
        TestStamps.stamp(stamps.resolve("e.fits"), Map.of("GAIN", 1.0, "SKY", 10.0));
        // Run from elsewhere: the keyword is relative to the stamp, not to the working directory.
        List<StampTask> tasks = StampInputs.fromImages(List.of(stamps), FitOptions.defaults());
        assertEquals(List.of("a", "b", "c", "d", "e"), tasks.stream().map(StampTask::id).toList());
        FitProblem a = tasks.get(0).load(), b = tasks.get(1).load(), c = tasks.get(2).load();
        assertEquals(7, a.psf().size());
        assertEquals(1.0, a.psf().toImage().sum(), 1e-9, "normalised");
        assertSame(a.psf(), b.psf(), "one PSF file, read once and shared");
        assertEquals(11, c.psf().size());
        assertNull(tasks.get(3).load().psf(), "PSFFILE = none");
        assertNull(tasks.get(4).load().psf(), "no PSFFILE");
        assertTrue(a.psf().pixelIncluded());
    }

    @Test
    void psfOptionOverridesTheKeyword() throws Exception {
        Path stamps = dir.resolve("stamps");
        Path psf = TestStamps.write(dir.resolve("given.fits"), TestStamps.psf(4), null);
        TestStamps.stamp(stamps.resolve("a.fits"), Map.of("PSFFILE", "missing.fits", "GAIN", 1.0, "SKY", 10.0));
        FitOptions o = FitOptions.builder().psf(psf).psfHasPixel(false).build();
        FitProblem p = StampInputs.fromImages(List.of(stamps), o).get(0).load();
        assertEquals(9, p.psf().size());
        assertTrue(!p.psf().pixelIncluded());
    }

    @Test
    void missingPsfNamedByKeywordNamesThePsfAndTheStamp() throws Exception {
        Path a = TestStamps.stamp(dir.resolve("a.fits"), Map.of("PSFFILE", "gone.fits", "GAIN", 1.0, "SKY", 10.0));
        StampTask t = StampInputs.fromImages(List.of(a), FitOptions.defaults()).get(0);
        InvalidInputException e = assertThrows(InvalidInputException.class, t::load);
        assertTrue(e.getMessage().contains(dir.resolve("gone.fits").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("PSFFILE in " + a), e.getMessage());
    }

    @Test
    void headerNoiseIsUsedAndOptionsOverrideIt() throws Exception {
        Path a = TestStamps.stamp(dir.resolve("a.fits"), Map.of("GAIN", 2.0, "RDNOISE", 5.0, "SKY", 100.0, "MAGZP", 27.5,
                "PIXSCALE", 0.25));
        FitProblem fromHeader = StampInputs.fromImages(List.of(a), FitOptions.defaults()).get(0).load();
        assertEquals(new NoiseModel(100, 2, 5), fromHeader.noise());
        assertEquals(Likelihood.POISSON, fromHeader.likelihood(), "GAIN and SKY known: Poisson by default");
        assertEquals(27.5, fromHeader.zeropoint());
        assertEquals(0.25, fromHeader.pixelScale());

        FitOptions o = FitOptions.builder().gain(4.0).sky(50.0).zeropoint(30.0).pixelScale(0.2)
                .likelihood(Likelihood.GAUSSIAN).fitSky(true).fixed(List.of("n", "PA")).build();
        FitProblem overridden = StampInputs.fromImages(List.of(a), o).get(0).load();
        assertEquals(new NoiseModel(50, 4, 5), overridden.noise(), "gain and sky from the options, rdnoise from the header");
        assertEquals(Likelihood.GAUSSIAN, overridden.likelihood());
        assertEquals(30.0, overridden.zeropoint());
        assertEquals(0.2, overridden.pixelScale());
        assertTrue(overridden.fitSky());
        assertArrayEquals(new boolean[] {false, false, false, false, true, false, true}, overridden.fixed());
    }

    @Test
    void withoutGainOrSkyThereIsNoNoiseModel() throws Exception {
        Path a = TestStamps.stamp(dir.resolve("a.fits"), Map.of("GAIN", 2.0, "ZP", 25.0));
        Path s = TestStamps.write(dir.resolve("sig").resolve("a.fits"), TestStamps.constant(21, 21, 1), null);
        FitProblem p = StampInputs.fromImages(List.of(a), FitOptions.builder().sigmaDir(s.getParent()).build()).get(0).load();
        assertNull(p.noise(), "SKY unknown");
        assertEquals(Likelihood.CHI2, p.likelihood());
        assertEquals(25.0, p.zeropoint(), "ZP when there is no MAGZP");
        assertTrue(Double.isNaN(p.pixelScale()));
        FitProblem withSky = StampInputs.fromImages(List.of(a), FitOptions.builder().sky(10.0).build()).get(0).load();
        assertEquals(new NoiseModel(10, 2, 0), withSky.noise(), "RDNOISE unknown: 0");
        // Neither σ nor noise: the problem says so.
        Path b = TestStamps.stamp(dir.resolve("b.fits"), null);
        StampTask t = StampInputs.fromImages(List.of(b), FitOptions.defaults()).get(0);
        FitInputException e = assertThrows(FitInputException.class, t::load);
        assertTrue(e.getMessage().startsWith(b + ": no sigma map"), e.getMessage());
        assertEquals(0.0, StampInputs.fromImages(List.of(b), FitOptions.builder().gain(1.0).sky(1.0).build()).get(0)
                .load().zeropoint(), "no zeropoint anywhere: 0");
    }

    @Test
    void badHeaderKeywordNamesTheFile() throws Exception {
        Path a = TestStamps.stamp(dir.resolve("a.fits"), Map.of("GAIN", "two", "SKY", 10.0));
        FitInputException e = assertThrows(FitInputException.class,
                () -> StampInputs.fromImages(List.of(a), FitOptions.defaults()).get(0).load());
        assertTrue(e.getMessage().contains(a.toString()) && e.getMessage().contains("GAIN"), e.getMessage());
    }

    @Test
    void nanPixelsAreMaskedAndCounted() throws Exception {
        Image img = TestStamps.galaxy(21, 21, 1000);
        img.pixels()[3] = Double.NaN;
        img.pixels()[30] = Double.NaN;
        Path a = TestStamps.write(dir.resolve("a.fits"), img, NOISY);
        FitProblem p = StampInputs.fromImages(List.of(a), FitOptions.defaults()).get(0).load();
        assertEquals(2, p.nanPixels());
        assertEquals(2, p.maskedPixels());
        assertTrue(p.excluded()[3] && p.excluded()[30]);
        assertEquals(21 * 21 - 2, p.fittedPixels());
    }

    @Test
    void sizeMismatchNamesBothFiles() throws Exception {
        Path a = TestStamps.stamp(dir.resolve("img").resolve("a.fits"), null);
        Path s = TestStamps.write(dir.resolve("sig").resolve("a.fits"), TestStamps.constant(20, 21, 1), null);
        StampTask t = StampInputs.fromImages(List.of(a), FitOptions.builder().sigmaDir(s.getParent()).build()).get(0);
        InvalidInputException e = assertThrows(InvalidInputException.class, t::load);
        assertTrue(e.getMessage().contains(a.toString()) && e.getMessage().contains(s.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("20x21") && e.getMessage().contains("21x21"), e.getMessage());
    }

    @Test
    void aTruncatedFileFailsOnlyItsOwnStamp() throws Exception {
        Path stamps = dir.resolve("stamps");
        TestStamps.stamp(stamps.resolve("a.fits"), NOISY);
        Path bad = TestStamps.stamp(stamps.resolve("b.fits"), NOISY);
        TestStamps.stamp(stamps.resolve("c.fits"), NOISY);
        TestStamps.truncate(bad, 2880 + 500);
        List<StampTask> tasks = StampInputs.fromImages(List.of(stamps), FitOptions.defaults());
        assertEquals(3, tasks.size(), "listing reads no pixels");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> tasks.get(1).load());
        assertEquals(bad, e.file());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertEquals("a", tasks.get(0).load().id());
        assertEquals("c", tasks.get(2).load().id());
    }

    @Test
    void duplicateIdsAndMissingInputsAreErrors() throws Exception {
        Path a1 = TestStamps.stamp(dir.resolve("one").resolve("a.fits"), NOISY);
        Path a2 = TestStamps.stamp(dir.resolve("two").resolve("a.fits"), NOISY);
        InvalidInputException dup = assertThrows(InvalidInputException.class,
                () -> StampInputs.fromImages(List.of(a1.getParent(), a2.getParent()), FitOptions.defaults()));
        assertTrue(dup.getMessage().contains("duplicate stamp id 'a'") && dup.getMessage().contains(a1.toString())
                && dup.getMessage().contains(a2.toString()), dup.getMessage());
        Path missing = dir.resolve("nope");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> StampInputs.fromImages(List.of(missing), FitOptions.defaults()));
        assertEquals(missing, e.file());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThrows(InvalidInputException.class, () -> StampInputs.fromImages(List.of(empty), FitOptions.defaults()));
    }

    @Test
    void idOfStripsFitsExtensions() {
        assertEquals("gal_000001", StampInputs.idOf(Path.of("x/gal_000001.fits")));
        assertEquals("G1", StampInputs.idOf(Path.of("G1.FITS.gz")));
        assertEquals("img.dat", StampInputs.idOf(Path.of("img.dat")));
    }

    @Test
    void optionsRejectUnknownParametersAndBadNumbers() {
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().fixed(List.of("radius")).build());
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().gain(0.0).build());
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().pixelScale(Double.NaN).build());
        assertEquals(List.of("re"), FitOptions.builder().fixed(List.of(" RE ")).build().fixed());
    }
}
