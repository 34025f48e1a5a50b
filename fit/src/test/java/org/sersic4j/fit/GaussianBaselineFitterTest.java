package org.sersic4j.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sersic4j.fit.GaussianStamps.angleDifference;
import static org.sersic4j.fit.GaussianStamps.gaussian;
import static org.sersic4j.fit.GaussianStamps.withNoise;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sersic4j.render.Image;

class GaussianBaselineFitterTest {

    private final GaussianBaselineFitter fitter = new GaussianBaselineFitter();

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        assertEquals(expected, actual, tolerance * Math.abs(expected), what);
    }

    @ParameterizedTest(name = "A={0} centre=({1},{2}) sigma={3}/{4} pa={5}")
    @CsvSource({
            "100,   30.3, 35.7,  5,   2,   30",
            "1,     40.2, 25.1,  3,   2.7, 120",
            "2500,  20.5, 44.0,  8,   4,   0",
            "0.01,  10.2, 52.6,  4,   1.2, 171.5",
            "7,     33.0, 31.0,  2.5, 0.8, 90",
            "3,     50.4, 12.3, 10,   6,   60"})
    void noiselessStampIsRecovered(double amplitude, double x0, double y0, double sigmaMajor, double sigmaMinor, double pa) {
        BivariateGaussianFit fit = fitter.fit(gaussian(64, 64, amplitude, x0, y0, sigmaMajor, sigmaMinor, pa));

        assertTrue(fit.converged());
        assertRelative(amplitude, fit.amplitude(), 1e-6, "amplitude");
        assertRelative(x0, fit.x0(), 1e-6, "x0");
        assertRelative(y0, fit.y0(), 1e-6, "y0");
        assertRelative(sigmaMajor, fit.sigmaMajor(), 1e-6, "sigma major");
        assertRelative(sigmaMinor, fit.sigmaMinor(), 1e-6, "sigma minor");
        assertTrue(angleDifference(pa, fit.pa()) < 1e-6, "pa " + fit.pa());
        assertTrue(fit.pa() >= 0 && fit.pa() < 180);
        assertTrue(fit.mse() < 1e-12 * amplitude * amplitude);
    }

    @Test
    void commonVarianceOfNoisyStampsIsCloseToTheNoiseVariance() {
        Image clean = gaussian(96, 96, 50, 47.3, 50.8, 6, 3, 75);
        double sigma = 2.5;
        for (long seed : new long[] {20_231, 77_001, 912_345_678}) {
            Image noisy = withNoise(clean, sigma, seed);
            BivariateGaussianFit fit = fitter.fit(noisy);

            assertTrue(fit.converged());
            assertEquals(sigma * sigma, fit.commonVariance(), 0.05 * sigma * sigma, "seed " + seed);
            // The fit minimises the mean squared residual, so it can do no worse than the true model.
            double atTruth = meanSquaredDifference(noisy, clean);
            assertTrue(fit.commonVariance() <= atTruth, fit.commonVariance() + " > " + atTruth);
        }
    }

    @Test
    void commonVarianceIsTheMeanSquaredResidualAndMaximisesTheLikelihood() {
        Image data = withNoise(gaussian(64, 64, 20, 31.7, 29.2, 4, 2.5, 140), 1.0, 4242);
        BivariateGaussianFit fit = fitter.fit(data);
        double v = fit.commonVariance();

        assertEquals(meanSquaredDifference(data, fit.model()), v, 1e-12 * v);
        assertEquals(fit.mse(), v);
        double atV = gaussianLogLikelihood(data, fit.model(), v);
        assertEquals(atV, fit.logLikelihood(), 1e-9 * Math.abs(atV));
        assertEquals(atV, fit.logLikelihoodAt(v), 1e-9 * Math.abs(atV));
        assertTrue(atV > gaussianLogLikelihood(data, fit.model(), 0.8 * v));
        assertTrue(atV > gaussianLogLikelihood(data, fit.model(), 1.25 * v));
    }

    @Test
    void maskedPixelsDoNotChangeTheFit() {
        Image clean = withNoise(gaussian(64, 64, 30, 28.4, 36.1, 5, 2, 110), 0.5, 99);
        boolean[] mask = new boolean[clean.pixels().length];
        double[] corrupted = clean.pixels().clone();
        for (int iy = 30; iy < 38; iy++)
            for (int ix = 20; ix < 26; ix++) mask[iy * 64 + ix] = true; // a block over the galaxy
        for (int i = 7; i < mask.length; i += 97) mask[i] = true; // scattered bad pixels
        for (int i = 0; i < mask.length; i++) if (mask[i]) corrupted[i] = i % 2 == 0 ? 1e30 : Double.NaN;

        BivariateGaussianFit reference = fitter.fit(clean, mask);
        BivariateGaussianFit fit = fitter.fit(new Image(64, 64, corrupted), mask);

        assertEquals(reference.amplitude(), fit.amplitude());
        assertEquals(reference.x0(), fit.x0());
        assertEquals(reference.y0(), fit.y0());
        assertEquals(reference.sigmaMajor(), fit.sigmaMajor());
        assertEquals(reference.sigmaMinor(), fit.sigmaMinor());
        assertEquals(reference.pa(), fit.pa());
        assertEquals(reference.commonVariance(), fit.commonVariance());
        assertArrayEquals(reference.model().pixels(), fit.model().pixels());
        int masked = 0;
        for (boolean m : mask) if (m) masked++;
        assertEquals(64 * 64 - masked, fit.unmaskedPixels());

        // Masking only removes data: the fit stays close to the unmasked one.
        BivariateGaussianFit unmasked = fitter.fit(clean);
        assertEquals(unmasked.x0(), fit.x0(), 0.05);
        assertEquals(unmasked.sigmaMajor(), fit.sigmaMajor(), 0.05 * unmasked.sigmaMajor());
    }

    @Test
    void positionAngleIsCountedCounterClockwiseFromUp() {
        int w = 64, h = 64;
        double x0 = 32.3, y0 = 31.6, a = 2, b = 5; // sigmas across and along the elongation
        double[] alongY = new double[w * h], alongX = new double[w * h], upLeft = new double[w * h], upRight = new double[w * h];
        for (int iy = 0; iy < h; iy++) {
            for (int ix = 0; ix < w; ix++) {
                double dx = ix + 1 - x0, dy = iy + 1 - y0, p = (dx + dy) / Math.sqrt(2), q = (dy - dx) / Math.sqrt(2);
                alongY[iy * w + ix] = Math.exp(-0.5 * (dx * dx / (a * a) + dy * dy / (b * b)));
                alongX[iy * w + ix] = Math.exp(-0.5 * (dx * dx / (b * b) + dy * dy / (a * a)));
                upLeft[iy * w + ix] = Math.exp(-0.5 * (p * p / (a * a) + q * q / (b * b))); // long along (-1, 1)
                upRight[iy * w + ix] = Math.exp(-0.5 * (p * p / (b * b) + q * q / (a * a))); // long along (1, 1)
            }
        }
        assertTrue(angleDifference(0, fitter.fit(new Image(w, h, alongY)).pa()) < 1e-6);
        assertTrue(angleDifference(90, fitter.fit(new Image(w, h, alongX)).pa()) < 1e-6);
        assertTrue(angleDifference(45, fitter.fit(new Image(w, h, upLeft)).pa()) < 1e-6);
        assertTrue(angleDifference(135, fitter.fit(new Image(w, h, upRight)).pa()) < 1e-6);
    }

    @Test
    void unusableStampsAreRejectedWithAClearMessage() {
        Image image = gaussian(16, 16, 1, 8, 8, 2, 1, 0);
        boolean[] all = new boolean[256];
        java.util.Arrays.fill(all, true);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> fitter.fit(image, all));
        assertTrue(none.getMessage().contains("no unmasked pixel"), none.getMessage());

        double[] px = image.pixels().clone();
        px[3 * 16 + 5] = Double.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> fitter.fit(new Image(16, 16, px)));
        assertTrue(nan.getMessage().contains("(6, 4)") && nan.getMessage().contains("NaN"), nan.getMessage());

        boolean[] maskNaN = new boolean[256];
        maskNaN[3 * 16 + 5] = true;
        assertTrue(fitter.fit(new Image(16, 16, px), maskNaN).converged(), "a masked NaN is fine");

        IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> fitter.fit(image, new boolean[255]));
        assertTrue(length.getMessage().contains("255"), length.getMessage());
    }

    private static double meanSquaredDifference(Image a, Image b) {
        double s = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            double r = a.pixels()[i] - b.pixels()[i];
            s += r * r;
        }
        return s / a.pixels().length;
    }

    /** Σ ln N(data − model; 0, variance), pixel by pixel. */
    private static double gaussianLogLikelihood(Image data, Image model, double variance) {
        double s = 0;
        for (int i = 0; i < data.pixels().length; i++) {
            double r = data.pixels()[i] - model.pixels()[i];
            s += -0.5 * Math.log(2 * Math.PI * variance) - r * r / (2 * variance);
        }
        return s;
    }
}
