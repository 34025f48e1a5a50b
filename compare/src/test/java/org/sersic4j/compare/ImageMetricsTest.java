package org.sersic4j.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.Image;

class ImageMetricsTest {

    /** An elliptical Gaussian blob on a sky level: a galaxy-like test image. */
    private static Image blob(int w, int h, double peak, double sky) {
        double[] px = new double[w * h];
        for (int iy = 0; iy < h; iy++) {
            for (int ix = 0; ix < w; ix++) {
                double dx = ix - 0.45 * w, dy = iy - 0.55 * h;
                px[iy * w + ix] = sky + peak * Math.exp(-(dx * dx / 60 + dy * dy / 25 + dx * dy / 80));
            }
        }
        return new Image(w, h, px);
    }

    private static Image plusNoise(Image a, double sigma, Random rng) {
        double[] px = a.pixels().clone();
        for (int i = 0; i < px.length; i++) px[i] += sigma * rng.nextGaussian();
        return new Image(a.width(), a.height(), px);
    }

    private static Image constant(int w, int h, double v) {
        double[] px = new double[w * h];
        java.util.Arrays.fill(px, v);
        return new Image(w, h, px);
    }

    /** SSIM written out per window from its definition: a 2-D Gaussian window and two-pass (co)variances. */
    private static double directSsim(Image a, Image b, double range) {
        int w = a.width(), h = a.height(), k = 11;
        double[][] win = new double[k][k];
        double total = 0;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) total += win[i][j] = Math.exp(-((i - 5) * (i - 5) + (j - 5) * (j - 5)) / (2 * 1.5 * 1.5));
        double c1 = Math.pow(0.01 * range, 2), c2 = Math.pow(0.03 * range, 2), sum = 0;
        int count = 0;
        for (int oy = 0; oy + k <= h; oy++) {
            for (int ox = 0; ox + k <= w; ox++) {
                double mx = 0, my = 0;
                for (int i = 0; i < k; i++)
                    for (int j = 0; j < k; j++) {
                        mx += win[i][j] / total * a.get(ox + j, oy + i);
                        my += win[i][j] / total * b.get(ox + j, oy + i);
                    }
                double vx = 0, vy = 0, cxy = 0;
                for (int i = 0; i < k; i++)
                    for (int j = 0; j < k; j++) {
                        double u = a.get(ox + j, oy + i) - mx, v = b.get(ox + j, oy + i) - my, g = win[i][j] / total;
                        vx += g * u * u;
                        vy += g * v * v;
                        cxy += g * u * v;
                    }
                sum += (2 * mx * my + c1) * (2 * cxy + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                count++;
            }
        }
        return sum / count;
    }

    @Test
    void ssimOfAnImageWithItselfIsExactlyOne() {
        Image a = plusNoise(blob(48, 40, 5000, 1200), 30, new Random(1));
        assertEquals(1.0, ImageMetrics.ssim(a, a, 6000), 0.0);
        Image copy = new Image(a.width(), a.height(), a.pixels().clone());
        assertEquals(1.0, ImageMetrics.ssim(a, copy, 1), 0.0);
        assertEquals(1.0, ImageMetrics.ssim(constant(11, 11, 3), constant(11, 11, 3), 1), 0.0);
    }

    @Test
    void ssimAgainstIndependentNoiseIsLow() {
        Random rng = new Random(2);
        Image a = plusNoise(constant(64, 64, 0), 1, rng), b = plusNoise(constant(64, 64, 0), 1, rng);
        double s = ImageMetrics.ssim(a, b, 8);
        assertTrue(Math.abs(s) < 0.1, "SSIM of independent noise images = " + s);
        Image galaxy = blob(64, 64, 1000, 0);
        Image noise = plusNoise(constant(64, 64, 500), 300, rng);
        assertTrue(ImageMetrics.ssim(galaxy, noise, 1000) < 0.1);
    }

    @Test
    void ssimFallsAsNoiseIsAdded() {
        Image clean = blob(64, 56, 1000, 50);
        double previous = ImageMetrics.ssim(clean, clean, 1000);
        for (double sigma : new double[] {3, 10, 30, 100, 300}) {
            double s = ImageMetrics.ssim(clean, plusNoise(clean, sigma, new Random(3)), 1000);
            assertTrue(s < previous, "SSIM at noise " + sigma + " = " + s + " is not below " + previous);
            previous = s;
        }
        assertTrue(previous < 0.2, "heavy noise leaves little structural similarity: " + previous);
    }

    @Test
    void ssimOfConstantImagesIsTheLuminanceTerm() {
        double x = 40, y = 55, range = 100, c1 = Math.pow(0.01 * range, 2);
        assertEquals((2 * x * y + c1) / (x * x + y * y + c1), ImageMetrics.ssim(constant(20, 15, x), constant(20, 15, y), range), 1e-12);
    }

    @Test
    void ssimEqualsTheWindowByWindowDefinition() {
        Random rng = new Random(4);
        Image a = plusNoise(blob(23, 17, 800, 100), 20, rng);
        Image b = plusNoise(blob(23, 17, 700, 120), 40, rng);
        assertEquals(directSsim(a, b, 900), ImageMetrics.ssim(a, b, 900), 1e-10);
        Image c = blob(11, 11, 10, 0), d = plusNoise(c, 1, rng);
        assertEquals(directSsim(c, d, 10), ImageMetrics.ssim(c, d, 10), 1e-12, "one window position");
    }

    @Test
    void ssimRejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.ssim(constant(10, 20, 1), constant(10, 20, 1), 1));
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.ssim(constant(20, 20, 1), constant(20, 21, 1), 1));
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.ssim(constant(20, 20, 1), constant(20, 20, 1), 0));
    }

    @Test
    void psnrOfAKnownMse() {
        int w = 30, h = 20;
        Image a = blob(w, h, 255, 0);
        double[] px = a.pixels().clone();
        double d = 1.7;
        for (int i = 0; i < px.length; i++) px[i] += i % 2 == 0 ? d : -d;
        Image b = new Image(w, h, px);
        assertEquals(d * d, ImageMetrics.mse(a, b), 1e-12);
        assertEquals(10 * Math.log10(255.0 * 255.0 / (d * d)), ImageMetrics.psnr(a, b, 255), 1e-10);
        assertEquals(Double.POSITIVE_INFINITY, ImageMetrics.psnr(a, a, 255), 0.0);
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.mse(a, constant(w, h + 1, 0)));
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.psnr(a, b, -1));
    }

    @Test
    void reducedChi2OfModelPlusMatchingNoiseIsAboutOne() {
        int w = 128, h = 128, nFree = 7;
        Random rng = new Random(6);
        Image model = blob(w, h, 2000, 100);
        double[] s = new double[w * h], d = new double[w * h];
        for (int i = 0; i < s.length; i++) {
            s[i] = 0.5 + 3 * rng.nextDouble();
            d[i] = model.pixels()[i] + s[i] * rng.nextGaussian();
        }
        int dof = w * h - nFree;
        double chi2 = ImageMetrics.reducedChi2(new Image(w, h, d), model, new Image(w, h, s), null, nFree);
        assertEquals(1.0, chi2, 5 * Math.sqrt(2.0 / dof));
    }

    @Test
    void reducedChi2UsesOnlyUnmaskedPixels() {
        int w = 6, h = 5, n = w * h, nFree = 3;
        double[] m = new double[n], s = new double[n], d = new double[n];
        boolean[] mask = new boolean[n];
        int used = 0;
        for (int i = 0; i < n; i++) {
            m[i] = i;
            s[i] = 1 + i % 3;
            if (i % 4 == 0) {
                mask[i] = true;       // garbage that must be ignored
                d[i] = Double.NaN;
                s[i] = 0;
            } else {
                d[i] = m[i] + (i % 2 == 0 ? s[i] : -s[i]); // one σ off in every used pixel
                used++;
            }
        }
        double chi2 = ImageMetrics.reducedChi2(new Image(w, h, d), new Image(w, h, m), new Image(w, h, s), mask, nFree);
        assertEquals((double) used / (used - nFree), chi2, 1e-12);
    }

    @Test
    void logLikelihoodIsTheSumOfGaussianLogDensities() {
        int w = 7, h = 4, n = w * h;
        Random rng = new Random(8);
        double[] m = new double[n], s = new double[n], d = new double[n];
        boolean[] mask = new boolean[n];
        double expected = 0;
        for (int i = 0; i < n; i++) {
            m[i] = 10 * rng.nextDouble();
            s[i] = 0.3 + rng.nextDouble();
            d[i] = m[i] + s[i] * rng.nextGaussian();
            mask[i] = i % 5 == 2;
            if (mask[i]) s[i] = -1; // σ is not looked at in a masked pixel
            else expected += Math.log(Math.exp(-0.5 * Math.pow((d[i] - m[i]) / s[i], 2)) / (s[i] * Math.sqrt(2 * Math.PI)));
        }
        Image data = new Image(w, h, d), model = new Image(w, h, m), sigma = new Image(w, h, s);
        assertEquals(expected, ImageMetrics.gaussianLogLikelihood(data, model, sigma, mask), 1e-10);
        boolean[] all = new boolean[n];
        java.util.Arrays.fill(all, true);
        assertEquals(0.0, ImageMetrics.gaussianLogLikelihood(data, model, sigma, all), 0.0);
        // a single pixel with d = m and σ = 1 has log-likelihood −½ ln(2π)
        Image one = constant(1, 1, 1), unit = constant(1, 1, 1);
        assertEquals(-0.5 * Math.log(2 * Math.PI), ImageMetrics.gaussianLogLikelihood(one, one, unit, null), 1e-15);
    }

    @Test
    void pixelModelMetricsRejectBadInput() {
        Image a = constant(4, 4, 1), s = constant(4, 4, 1);
        double[] zero = s.pixels().clone();
        zero[5] = 0;
        Image badSigma = new Image(4, 4, zero);
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.reducedChi2(a, constant(4, 5, 1), s, null, 1));
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.gaussianLogLikelihood(a, a, constant(5, 4, 1), null));
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.reducedChi2(a, a, badSigma, null, 1));
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.gaussianLogLikelihood(a, a, badSigma, null));
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.gaussianLogLikelihood(a, a, s, new boolean[15]));
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.reducedChi2(a, a, s, null, 16), "no degrees of freedom");
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.reducedChi2(a, a, s, null, -1));
        boolean[] maskBad = new boolean[16];
        maskBad[5] = true;
        assertEquals(0.0, ImageMetrics.reducedChi2(a, a, badSigma, maskBad, 1), 0.0, "σ = 0 is fine where masked");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageMetrics.reducedChi2(a, a, badSigma, null, 1));
        assertTrue(e.getMessage().contains("sigma"), e.getMessage());
    }
}
