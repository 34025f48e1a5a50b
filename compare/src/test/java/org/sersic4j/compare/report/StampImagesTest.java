package org.sersic4j.compare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.Image;

class StampImagesTest {

    @Test
    void zeroResidualMapsToTheColormapCentre() throws Exception {
        BufferedImage img = decode(StampImages.residualPng(Image.zeros(64, 64)));
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++)
                assertEquals(StampImages.DIVERGING_CENTRE_RGB, img.getRGB(x, y) & 0xFFFFFF);
        assertEquals(StampImages.DIVERGING_CENTRE_RGB, StampImages.diverging(0));
    }

    @Test
    void divergingColormapIsSymmetricAndClamped() {
        int blue = StampImages.diverging(-1), red = StampImages.diverging(1);
        assertTrue((blue & 0xFF) > (blue >> 16 & 0xFF), "negative is blue");
        assertTrue((red >> 16 & 0xFF) > (red & 0xFF), "positive is red");
        assertEquals(blue, StampImages.diverging(-7));
        assertEquals(red, StampImages.diverging(7));
        // equally far from the centre on both sides
        int a = StampImages.diverging(-0.4), b = StampImages.diverging(0.4), c = StampImages.DIVERGING_CENTRE_RGB;
        assertTrue(Math.abs(distance(a, c) - distance(b, c)) < 60);
        assertEquals(StampImages.NON_FINITE_RGB, StampImages.diverging(Double.NaN));
    }

    @Test
    void gaussianBlobIsBrightestAtTheCentreAndUpscaled() throws Exception {
        Image blob = SyntheticResults.blob(64, 1000, 4, 0);
        BufferedImage img = decode(StampImages.greyscalePng(blob));
        assertEquals(128, img.getWidth());
        assertEquals(128, img.getHeight());
        int centre = grey(img, 64, 64), brightest = 0;
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) brightest = Math.max(brightest, grey(img, x, y));
        assertEquals(brightest, centre);
        assertTrue(centre > 240, "the peak is near white");
        assertTrue(grey(img, 0, 0) < 10, "the corners are near black");
        assertTrue(grey(img, 64, 64) > grey(img, 80, 64) && grey(img, 80, 64) > grey(img, 100, 64), "falls off outwards");
    }

    @Test
    void firstRowIsDrawnAtTheBottomAndNonFinitePixelsAreMarked() {
        double[] px = new double[4 * 4];
        px[0] = 10; // FITS (1, 1): bottom-left
        px[15] = Double.NaN; // FITS (4, 4): top-right
        BufferedImage img = StampImages.greyscale(new Image(4, 4, px), StampImages.Stretch.of(new Image(4, 4, px)));
        int k = StampImages.upscale(new Image(4, 4, px));
        assertEquals(32, k);
        assertEquals(255, grey(img, 0, img.getHeight() - 1));
        assertEquals(StampImages.NON_FINITE_RGB, img.getRGB(img.getWidth() - 1, 0) & 0xFFFFFF);
    }

    @Test
    void upscaleBringsStampsUpToTheTarget() {
        assertEquals(2, StampImages.upscale(Image.zeros(64, 64)));
        assertEquals(4, StampImages.upscale(Image.zeros(32, 20)));
        assertEquals(1, StampImages.upscale(Image.zeros(300, 300)));
        assertEquals(1, StampImages.upscale(Image.zeros(101, 101)));
        assertEquals(1, StampImages.upscale(Image.zeros(81, 52)), "never past the target: 2 x 81 > 128");
    }

    @Test
    void largeStampsAreBinnedDownToTheTargetByFiniteMeans() {
        assertEquals(1, StampImages.binning(Image.zeros(128, 64)));
        assertEquals(2, StampImages.binning(Image.zeros(129, 101)));
        assertEquals(3, StampImages.binning(Image.zeros(151, 337)));
        double[] px = {1, 3, 5,
                       2, Double.NaN, 7,
                       Double.NaN, Double.NaN, 9};
        Image b = StampImages.binned(new Image(3, 3, px), 2);
        assertEquals(2, b.width());
        assertEquals(2, b.height());
        assertEquals(2.0, b.get(0, 0), 1e-12, "NaN left out of the block's mean");
        assertEquals(6.0, b.get(1, 0), 1e-12, "a partial block at the edge");
        assertTrue(Double.isNaN(b.get(0, 1)), "a block without a finite pixel stays NaN");
        assertEquals(9.0, b.get(1, 1), 1e-12);
    }

    @Test
    void flatImageIsMidGrey() throws Exception {
        BufferedImage img = decode(StampImages.greyscalePng(new Image(8, 8, new double[64])));
        assertEquals(128, grey(img, 3, 3));
    }

    private static BufferedImage decode(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static int grey(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) >> 8 & 0xFF;
    }

    private static double distance(int a, int b) {
        int dr = (a >> 16 & 0xFF) - (b >> 16 & 0xFF), dg = (a >> 8 & 0xFF) - (b >> 8 & 0xFF), db = (a & 0xFF) - (b & 0xFF);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }
}
