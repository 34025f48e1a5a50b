package org.sersic4j.fit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.fit.FitProblem;
import org.sersic4j.fit.FitResult;
import org.sersic4j.render.Image;
import org.sersic4j.render.io.FitsImageFile;

/** GALFIT-style blocks: the HDUs, the residual, and the best-fit values in GALFIT's header form. */
class GalfitBlockWriterTest {
    private static final int SIZE = 24;
    private static final double ZP = 25;

    @TempDir
    Path dir;

    @Test
    void blockHoldsInputModelResidualAndTheValuesInGalfitForm() throws Exception {
        FitResult r = CatalogTestData.result("g7", 0, SIZE);
        Image input = noisy(r.model());
        boolean[] fixed = new boolean[7];
        fixed[4] = true;   // n held at 2.5
        Path imageFile = dir.resolve("stamps").resolve("g7-with-a-rather-long-name-to-need-a-long-string-card.fits");
        GalfitBlockInput in = GalfitBlockInput.of(input, ZP).withFixed(fixed).withFiles(imageFile, null);
        GalfitBlockWriter w = new GalfitBlockWriter(dir.resolve("blocks"), "9.8.7-test");

        assertTrue(w.write(r, in));
        Path block = dir.resolve("blocks").resolve("g7.fits");
        assertEquals(block, w.fileFor("g7"));
        assertEquals(List.of("", "INPUT", "MODEL", "RESIDUAL"), extnames(block));

        Image inRead = FitsImageFile.read(block, "INPUT").image();
        FitsImageFile modelFile = FitsImageFile.read(block, "MODEL");
        Image modelRead = modelFile.image(), resRead = FitsImageFile.read(block, "RESIDUAL").image();
        for (int i = 0; i < SIZE * SIZE; i++) {
            assertEquals((float) input.pixels()[i], inRead.pixels()[i], 0, "input pixel " + i);
            assertEquals((float) r.model().pixels()[i], modelRead.pixels()[i], 0, "model pixel " + i);
            double diff = inRead.pixels()[i] - modelRead.pixels()[i];
            if (Double.isNaN(input.pixels()[i])) assertTrue(Double.isNaN(resRead.pixels()[i]), "NaN input pixel " + i);
            else assertEquals(diff, resRead.pixels()[i], 1e-6 * (1 + Math.abs(inRead.pixels()[i])), "residual pixel " + i);
        }

        Map<String, Object> h = modelFile.header();
        assertEquals("sersic", h.get("COMP_1"));
        GalfitValue mag = GalfitValue.parse((String) h.get("1_MAG"));
        assertEquals(ZP - 2.5 * Math.log10(r.params().flux()), mag.value(), 5e-5);
        assertEquals(2.5 / Math.log(10) * 120 / 12000, mag.error(), 5e-5);
        GalfitValue re = GalfitValue.parse((String) h.get("1_RE"));
        assertEquals(6.0, re.value(), 5e-5);
        assertEquals(0.1, re.error(), 5e-5);
        assertFalse(re.fixed());
        assertEquals("32.5000 +/- 0.0200", h.get("1_XC"));
        assertEquals("31.2500 +/- 0.0300", h.get("1_YC"));
        assertEquals("[2.5000]", h.get("1_N"));
        assertTrue(GalfitValue.parse((String) h.get("1_N")).fixed());
        assertEquals("0.6400 +/- 0.0100", h.get("1_AR"));
        assertEquals("35.0000 +/- 1.5000", h.get("1_PA"));
        assertFalse(h.containsKey("COMP_2"), "no sky component when the sky was not fitted");
        long ndof = r.fittedPixels() - r.freeParameters();
        assertEquals(ndof, h.get("NDOF"));
        assertEquals((long) r.freeParameters(), h.get("NFREE"));
        assertEquals(1L, h.get("NFIX"));
        assertEquals(r.chi2nu(), (Double) h.get("CHI2NU"), 1e-12);
        assertEquals(r.chi2nu() * ndof, (Double) h.get("CHISQ"), 1e-9);
        assertEquals(r.logL(), (Double) h.get("LOGL"), 1e-12);
        assertEquals((long) r.flags(), h.get("FLAGS"));
        assertEquals(ZP, (Double) h.get("MAGZPT"), 0);
        assertEquals("lm", h.get("ESTIMATR"));
        assertEquals("poisson", h.get("LIKELIHD"));
        assertEquals(imageFile.toString(), h.get("DATAIN"));
        assertEquals("9.8.7-test", h.get("SERSIC4J"));
        assertEquals("[1:24,1:24]", h.get("FITSECT"));
    }

    @Test
    void blockFromAProblemAddsSigmaMaskAndTheSkyComponent() throws Exception {
        FitResult r = CatalogTestData.result("g8", 1, SIZE);
        Image input = noisy(r.model());
        double[] s = new double[SIZE * SIZE], m = new double[SIZE * SIZE];
        java.util.Arrays.fill(s, 0.5);
        m[3] = 1;
        m[40] = 7;
        FitProblem p = FitProblem.builder("g8", input).sigma(new Image(SIZE, SIZE, s)).mask(new Image(SIZE, SIZE, m))
                .fix("q", "pa").fitSky(true, 0).zeropoint(ZP).build();
        Path block = dir.resolve("g8.fits");
        assertTrue(new GalfitBlockWriter(dir, "v").write(r, GalfitBlockInput.from(p, null, null)));

        assertEquals(List.of("", "INPUT", "MODEL", "RESIDUAL", "SIGMA", "MASK"), extnames(block));
        assertEquals(0.5, FitsImageFile.read(block, "SIGMA").image().pixels()[100], 0);
        double[] mask = FitsImageFile.read(block, "MASK").image().pixels();
        int leftOut = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0) leftOut++;
            if (i == 3 || i == 40) assertEquals(1, mask[i], 0, "masked pixel " + i);
        }
        assertEquals(p.maskedPixels(), leftOut);
        // GALFIT keeps the residual at masked pixels
        Image res = FitsImageFile.read(block, "RESIDUAL").image();
        assertEquals((float) input.pixels()[3] - (float) r.model().pixels()[3], res.pixels()[3], 1e-5);

        Map<String, Object> h = FitsImageFile.read(block, "MODEL").header();
        assertTrue(((String) h.get("1_AR")).matches("\\[0\\.6400]"), (String) h.get("1_AR"));
        assertTrue(GalfitValue.parse((String) h.get("1_PA")).fixed());
        assertFalse(GalfitValue.parse((String) h.get("1_N")).fixed());
        assertEquals("sky", h.get("COMP_2"));
        GalfitValue sky = GalfitValue.parse((String) h.get("2_SKY"));
        assertEquals(0.25, sky.value(), 5e-5);
        assertEquals(0.01, sky.error(), 5e-5);
        assertEquals(2L, h.get("NFIX"));
        assertFalse(h.containsKey("DATAIN"));
    }

    @Test
    void aFailedFitWritesNoBlock() {
        GalfitBlockWriter w = new GalfitBlockWriter(dir, "v");
        FitResult failed = FitResult.failed("bad", "lm", "all pixels masked", 0);
        assertFalse(w.write(failed, GalfitBlockInput.of(Image.zeros(SIZE, SIZE), ZP)));
        assertFalse(Files.exists(dir.resolve("bad.fits")));
    }

    @Test
    void resultsWithoutAModelOrWithAnIdThatIsNoFileNameAreRefused() {
        GalfitBlockWriter w = new GalfitBlockWriter(dir, "v");
        GalfitBlockInput in = GalfitBlockInput.of(Image.zeros(SIZE, SIZE), ZP);
        assertThrows(IllegalArgumentException.class, () -> w.write(CatalogTestData.result("g", 0, 0), in));
        assertThrows(IllegalArgumentException.class, () -> w.write(CatalogTestData.result("g", 0, SIZE + 1), in));
        assertThrows(IllegalArgumentException.class, () -> w.write(CatalogTestData.result("../g", 0, SIZE), in));
    }

    @Test
    void galfitValuesFormatAndParseLikeGalfit() {
        assertEquals("18.2300 +/- 0.0200", GalfitValue.free(18.23, 0.02).format());
        assertEquals("[2.5000]", GalfitValue.held(2.5).format());
        assertEquals("-0.1235 +/- NaN", GalfitValue.free(-0.12345678, Double.NaN).format());
        assertEquals(GalfitValue.free(0.5, 0.01), GalfitValue.parse("*0.5000* +/- *0.0100*"));
        assertEquals(GalfitValue.held(30), GalfitValue.parse("[30.0000]"));
        GalfitValue nan = GalfitValue.parse("12.0000 +/- nan");
        assertEquals(12, nan.value(), 0);
        assertTrue(Double.isNaN(nan.error()));
        assertThrows(IllegalArgumentException.class, () -> GalfitValue.parse("sersic"));
    }

    /** The model plus a deterministic ripple, with one NaN pixel. */
    private static Image noisy(Image model) {
        double[] px = model.pixels().clone();
        for (int i = 0; i < px.length; i++) px[i] += 0.3 * Math.sin(1.7 * i) + 0.1 * Math.cos(0.37 * i * i);
        px[SIZE + 5] = Double.NaN;
        return new Image(model.width(), model.height(), px);
    }

    private static List<String> extnames(Path fits) throws Exception {
        try (Fits f = new Fits(fits.toFile())) {
            List<String> names = new ArrayList<>();
            for (BasicHDU<?> hdu : f.read()) {
                String n = hdu.getHeader().getStringValue("EXTNAME");
                names.add(n == null ? "" : n.trim());
            }
            return names;
        }
    }
}
