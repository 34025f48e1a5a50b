package org.sersic4j.render.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.Fits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.Image;

class FitsImageIOTest {

    @TempDir
    Path dir;

    private static Image ramp(int w, int h) {
        double[] px = new double[w * h];
        for (int iy = 0; iy < h; iy++)
            for (int ix = 0; ix < w; ix++) px[iy * w + ix] = 10 * iy + ix + 0.25;
        return new Image(w, h, px);
    }

    @Test
    void imageRoundTripKeepsValuesSizeAndHeader() {
        Path p = dir.resolve("img.fits");
        Image img = new Image(4, 4, new double[]{0.1, -2.5, 3, 1e-20, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 1e30});
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("OBJECT", "galaxy 1");
        h.put("gain", 2.5);
        h.put("NCOMBINE", 3L);
        h.put("INTVAL", 7);
        h.put("FLAG", true);
        h.put("SERSIC_INDEX_INIT", 1.0 / 3);
        h.put("PROV", "x".repeat(120));
        FitsImageWriter.write(p, img, h);

        FitsImageFile f = FitsImageFile.read(p);
        assertEquals(p, f.path());
        assertEquals(4, f.image().width());
        assertEquals(4, f.image().height());
        for (int i = 0; i < 16; i++) assertEquals((float) img.pixels()[i], f.image().pixels()[i], 0.0, "pixel " + i);
        assertEquals(-32L, f.header().get("BITPIX"));
        assertEquals("galaxy 1", f.header().get("OBJECT"));
        assertEquals(2.5, f.header().get("GAIN"));
        assertEquals(3L, f.header().get("NCOMBINE"));
        assertEquals(7L, f.header().get("INTVAL"));
        assertEquals(true, f.header().get("FLAG"));
        assertEquals(1.0 / 3, f.header().get("SERSIC_INDEX_INIT"));   // HIERARCH, full precision
        assertEquals("x".repeat(120), f.header().get("PROV"));
        assertEquals(2.5, f.headerDouble("gain", -1));
        assertEquals(-1, f.headerDouble("NOPE", -1));
        assertEquals(-1, f.headerDouble("OBJECT", -1));
        assertEquals("3", f.headerString("NCOMBINE"));
        assertEquals(null, f.headerString("NOPE"));
    }

    @Test
    void nonSquareImageKeepsOrientation() throws Exception {
        Path p = dir.resolve("rect.fits");
        Image img = ramp(5, 3);
        FitsImageWriter.write(p, img, Map.of());
        FitsImageFile f = FitsImageFile.read(p);
        assertEquals(5, f.image().width());
        assertEquals(3, f.image().height());
        assertEquals(5L, f.header().get("NAXIS1"));
        assertEquals(3L, f.header().get("NAXIS2"));
        for (int iy = 0; iy < 3; iy++)
            for (int ix = 0; ix < 5; ix++) assertEquals(10 * iy + ix + 0.25, f.image().get(ix, iy), "pixel " + ix + "," + iy);
        // independent check with nom-tam: Java array index [iy][ix], NAXIS1 = width
        try (Fits fits = new Fits(p.toFile())) {
            BasicHDU<?> hdu = fits.readHDU();
            assertEquals(5, hdu.getHeader().getIntValue("NAXIS1"));
            float[][] k = (float[][]) hdu.getKernel();
            assertEquals(13.25f, k[1][3]);
        }
    }

    @Test
    void cubeRoundTripByExtname() throws Exception {
        Path p = dir.resolve("cube.fits");
        List<Image> imgs = List.of(ramp(6, 4), new Image(6, 4, new double[24]), Image.zeros(6, 4));
        Arrays.fill(imgs.get(1).pixels(), 7.5);
        FitsImageWriter.writeCube(p, imgs, List.of("ORIGINAL", "MODEL", "RESIDUAL"), Map.of("SOFTWARE", "sersic4j"),
                List.of(Map.of(), Map.of("CHI2NU", 1.25, "EXTNAME", "IGNORED"), Map.of()));
        assertEquals(7.5, FitsImageFile.read(p, "MODEL").image().get(5, 3));
        assertEquals(1.25, FitsImageFile.read(p, "model").header().get("CHI2NU"));
        assertEquals("RESIDUAL", FitsImageFile.read(p, "RESIDUAL").headerString("EXTNAME"));
        assertEquals(13.25, FitsImageFile.read(p).image().get(3, 1));   // first 2-D image = ORIGINAL
        try (Fits fits = new Fits(p.toFile())) {
            BasicHDU<?> primary = fits.readHDU();
            assertEquals(0, primary.getHeader().getIntValue("NAXIS"));
            assertEquals("sersic4j", primary.getHeader().getStringValue("SOFTWARE"));
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FitsImageFile.read(p, "NOPE"));
        assertEquals(p + ": no HDU with EXTNAME=NOPE", e.getMessage());
    }

    @Test
    void scaledIntegerImagesAreConverted() throws Exception {
        Path p = dir.resolve("int16.fits");
        short[][] raw = {{-32768, 0, 100}, {1, -1, 32767}};
        Fits fits = new Fits();
        BasicHDU<?> hdu = Fits.makeHDU(raw);
        hdu.getHeader().addValue("BSCALE", 0.5, "");
        hdu.getHeader().addValue("BZERO", 32768.0, "");
        hdu.getHeader().addValue("BLANK", -1, "");
        fits.addHDU(hdu);
        fits.write(p.toFile());
        fits.close();
        Image img = FitsImageFile.read(p).image();
        assertEquals(3, img.width());
        assertEquals(2, img.height());
        assertEquals(32768 - 16384, img.get(0, 0));
        assertEquals(32768 + 50, img.get(2, 0));
        assertEquals(32768.5, img.get(0, 1));
        assertTrue(Double.isNaN(img.get(1, 1)));
        assertEquals(32768 + 16383.5, img.get(2, 1));
    }

    @Test
    void unsignedBytesAreConverted() throws Exception {
        Path p = dir.resolve("u8.fits");
        try (Fits fits = new Fits()) {
            fits.addHDU(Fits.makeHDU(new byte[][]{{(byte) 200, 1}}));
            fits.write(p.toFile());
        }
        assertArrayEquals(new double[]{200, 1}, FitsImageFile.read(p).image().pixels());
    }

    private static void assertFails(Path p, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FitsImageFile.read(p));
        assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void missingFile() {
        assertFails(dir.resolve("missing.fits"), "missing.fits: file does not exist");
        assertFails(dir, "is a directory");
    }

    @Test
    void garbageAndEmptyFiles() throws Exception {
        Path g = dir.resolve("garbage.fits");
        byte[] junk = new byte[5000];
        new Random(1).nextBytes(junk);
        Files.write(g, junk);
        assertFails(g, "truncated or not a FITS file");
        Path t = dir.resolve("text.fits");
        Files.writeString(t, "SIMPLE  = this is not really a FITS header");
        assertFails(t, "truncated or not a FITS file");
        Path e = dir.resolve("empty.fits");
        Files.write(e, new byte[0]);
        assertFails(e, "truncated or not a FITS file (empty file)");
    }

    @Test
    void truncatedFiles() throws Exception {
        Path full = dir.resolve("full.fits");
        FitsImageWriter.write(full, ramp(64, 64), Map.of());
        byte[] all = Files.readAllBytes(full);
        for (int cut : new int[]{2880 + 1000, 2880, 1500, 80}) {
            Path p = dir.resolve("cut" + cut + ".fits");
            Files.write(p, Arrays.copyOf(all, cut));
            assertFails(p, "truncated or not a FITS file");
        }
    }

    @Test
    void threeDimensionalImageIsRejected() throws Exception {
        Path p = dir.resolve("cube3d.fits");
        try (Fits fits = new Fits()) {
            fits.addHDU(Fits.makeHDU(new float[3][4][5]));
            fits.write(p.toFile());
        }
        assertFails(p, "image is 3-D (5x4x3), expected 2-D");
    }

    @Test
    void degenerateThirdAxisIsAccepted() throws Exception {
        Path p = dir.resolve("deg.fits");
        float[][][] d = new float[1][2][3];
        d[0][1][2] = 4;
        try (Fits fits = new Fits()) {
            fits.addHDU(Fits.makeHDU(d));
            fits.write(p.toFile());
        }
        Image img = FitsImageFile.read(p).image();
        assertEquals(3, img.width());
        assertEquals(4, img.get(2, 1));
    }

    @Test
    void readsGzipAndTileCompressedImages() throws Exception {
        Path plain = dir.resolve("plain.fits");
        FitsImageWriter.write(plain, ramp(5, 3), Map.of());
        Path gz = dir.resolve("plain.fits.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(plain));
        }
        assertEquals(13.25, FitsImageFile.read(gz).image().get(3, 1));

        Path fz = dir.resolve("rice.fits.fz");
        int[][] data = {{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}, {11, 12, 13, 14, 15}};
        try (Fits fits = new Fits()) {
            fits.addHDU(BasicHDU.getDummyHDU());
            nom.tam.image.compression.hdu.CompressedImageHDU c = nom.tam.image.compression.hdu.CompressedImageHDU
                    .fromImageHDU((nom.tam.fits.ImageHDU) Fits.makeHDU(data), 5, 1);
            c.setCompressAlgorithm("RICE_1").compress();
            c.getHeader().addValue("EXTNAME", "SCI", "");
            fits.addHDU(c);
            fits.write(fz.toFile());
        }
        Image img = FitsImageFile.read(fz).image();
        assertEquals(5, img.width());
        assertEquals(14, img.get(3, 2));
        assertEquals(14, FitsImageFile.read(fz, "SCI").image().get(3, 2));
    }

    @Test
    void tableOnlyFileHasNoImage() throws Exception {
        Path p = dir.resolve("table.fits");
        BinaryTable t = new BinaryTable();
        t.addColumn(new double[]{1, 2});
        try (Fits fits = new Fits()) {
            fits.addHDU(BasicHDU.getDummyHDU());
            fits.addHDU(t.toHDU());
            fits.write(new File(p.toString()));
        }
        assertFails(p, "table.fits: no 2-D image HDU");
    }

    @Test
    void writesAtomicallyAndReportsBadTargets() throws Exception {
        Path p = dir.resolve("over.fits");
        FitsImageWriter.write(p, ramp(5, 3), Map.of());
        FitsImageWriter.write(p, ramp(7, 2), Map.of());
        assertEquals(7, FitsImageFile.read(p).image().width());
        try (var s = Files.list(dir)) {
            assertEquals(List.of("over.fits"), s.map(x -> x.getFileName().toString()).toList());
        }
        Path bad = dir.resolve("nodir").resolve("x.fits");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FitsImageWriter.write(bad, ramp(2, 2), Map.of()));
        assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());
    }
}
