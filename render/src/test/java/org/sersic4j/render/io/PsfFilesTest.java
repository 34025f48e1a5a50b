package org.sersic4j.render.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.Image;
import org.sersic4j.render.PixelPsf;

class PsfFilesTest {

    @TempDir
    Path dir;

    private static Image gaussian(int size, double sigma) {
        double[] px = new double[size * size];
        int c = size / 2;
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                px[y * size + x] = Math.exp(-((x - c) * (x - c) + (y - c) * (y - c)) / (2 * sigma * sigma));
        return new Image(size, size, px);
    }

    private Path write(String name, Image img) {
        Path p = dir.resolve(name);
        FitsImageWriter.write(p, img, Map.of());
        return p;
    }

    private static void assertRejected(Path p, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PsfFiles.read(p, true));
        assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
        assertFalse(e.getMessage().contains(p + ": " + p), "file named twice: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void readsAValidPsf() {
        Path p = write("psf.fits", gaussian(25, 2));
        PixelPsf psf = PsfFiles.read(p, false);
        assertEquals(25, psf.size());
        assertFalse(psf.pixelIncluded());
        assertEquals(p.toString(), psf.source());
        assertEquals(1.0, psf.toImage().sum(), 1e-12);
    }

    @Test
    void writeReadRoundTrip() {
        PixelPsf psf = PixelPsf.of(gaussian(15, 1.5), true, "test");
        Path p = dir.resolve("out_psf.fits");
        PsfFiles.write(p, psf, Map.of("FWHM", 1.5 * 2.3548));
        FitsImageFile f = FitsImageFile.read(p);
        assertEquals(true, f.header().get("PIXINCL"));
        assertEquals(1.5 * 2.3548, f.headerDouble("FWHM", 0));
        PixelPsf back = PsfFiles.read(p, true);
        assertEquals(psf.at(0, 0), back.at(0, 0), 1e-7);
        assertEquals(psf.at(3, -2), back.at(3, -2), 1e-7);
    }

    @Test
    void rejectsEvenSized() {
        assertRejected(write("even.fits", gaussian(24, 2)), "odd-sized");
    }

    @Test
    void rejectsNaN() {
        Image g = gaussian(25, 2);
        g.pixels()[3] = Double.NaN;
        assertRejected(write("nan.fits", g), "NaN");
    }

    @Test
    void rejectsZeroSum() {
        assertRejected(write("zero.fits", Image.zeros(25, 25)), "sum");
    }

    @Test
    void rejectsTruncatedRing() {
        assertRejected(write("trunc.fits", gaussian(9, 5)), "looks truncated");
    }

    @Test
    void reportsMissingFile() {
        assertRejected(dir.resolve("nope.fits"), "file does not exist");
    }
}
