package org.sersic4j.compare;

import java.util.Objects;
import org.sersic4j.render.Image;

/**
 * Image-level metrics: MSE, PSNR and SSIM between two images, and the reduced χ² and Gaussian log-likelihood of a
 * model against data with a per-pixel σ map.
 *
 * <p>Masks are {@code boolean} arrays in the images' row-major order where {@code true} means the pixel is masked
 * (left out); a null mask leaves every pixel in. Sizes that do not match, non-finite values and σ ≤ 0 in a pixel
 * that is used throw {@link IllegalArgumentException}.
 */
public final class ImageMetrics {

    /** SSIM window side, pixels (Wang et al. 2004). */
    public static final int SSIM_WINDOW = 11;
    /** SSIM Gaussian window standard deviation, pixels. */
    public static final double SSIM_SIGMA = 1.5;
    /** SSIM stabilising constants: C1 = (K1·L)², C2 = (K2·L)². */
    public static final double SSIM_K1 = 0.01, SSIM_K2 = 0.03;

    private static final double LN_2PI = Math.log(2 * Math.PI);
    private static final double[] WINDOW_1D = gaussianWindow();

    private ImageMetrics() {}

    /** Mean squared difference of the pixels. */
    public static double mse(Image a, Image b) {
        requireSameSize(a, b, "a", "b");
        double[] x = a.pixels(), y = b.pixels();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            requireFinite(x[i], "a", i);
            requireFinite(y[i], "b", i);
            double d = x[i] - y[i];
            s += d * d;
        }
        return s / x.length;
    }

    /** Peak signal-to-noise ratio 10·log10(L²/MSE) in dB for data range L; +∞ for identical images. */
    public static double psnr(Image a, Image b, double dataRange) {
        requireRange(dataRange);
        return 10 * Math.log10(dataRange * dataRange / mse(a, b));
    }

    /**
     * Mean structural similarity (Wang, Bovik, Sheikh &amp; Simoncelli 2004): local means, variances and covariance
     * under an 11×11 Gaussian window of σ = 1.5 px (normalised to unit sum), C1 = (0.01·L)², C2 = (0.03·L)²,
     * SSIM = (2μaμb + C1)(2σab + C2) / ((μa² + μb² + C1)(σa² + σb² + C2)), averaged over the window positions that
     * lie entirely inside the image — the "valid" region of the reference implementation, (W − 10)·(H − 10)
     * positions, with no padding at the border. Both images must be at least 11×11. Identical images give exactly 1.
     *
     * <p>The local (co)variances are taken from the images less their global means, which leaves SSIM unchanged
     * but keeps E[x²] − μ² from cancelling on images with a large offset.
     */
    public static double ssim(Image a, Image b, double dataRange) {
        requireSameSize(a, b, "a", "b");
        requireRange(dataRange);
        int w = a.width(), h = a.height(), k = SSIM_WINDOW;
        if (w < k || h < k)
            throw new IllegalArgumentException("SSIM needs images of at least " + k + "x" + k + " pixels (got " + w + "x" + h + ")");
        double[] pa = a.pixels(), pb = b.pixels();
        for (int i = 0; i < pa.length; i++) {
            requireFinite(pa[i], "a", i);
            requireFinite(pb[i], "b", i);
        }
        double ma = mean(pa), mb = mean(pb);
        int n = pa.length;
        double[] x = new double[n], y = new double[n], xx = new double[n], yy = new double[n], xy = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = pa[i] - ma;
            y[i] = pb[i] - mb;
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] fx = filterValid(x, w, h), fy = filterValid(y, w, h);
        double[] fxx = filterValid(xx, w, h), fyy = filterValid(yy, w, h), fxy = filterValid(xy, w, h);
        double c1 = square(SSIM_K1 * dataRange), c2 = square(SSIM_K2 * dataRange);
        double sum = 0;
        for (int i = 0; i < fx.length; i++) {
            double mux = fx[i] + ma, muy = fy[i] + mb;
            double varX = fxx[i] - fx[i] * fx[i], varY = fyy[i] - fy[i] * fy[i], cov = fxy[i] - fx[i] * fy[i];
            sum += (2 * mux * muy + c1) * (2 * cov + c2) / ((mux * mux + muy * muy + c1) * (varX + varY + c2));
        }
        return sum / fx.length;
    }

    /**
     * Reduced χ² = Σ((data − model)/σ)² / (N_pix − N_free) over the unmasked pixels.
     *
     * @throws IllegalArgumentException for mismatched sizes, σ ≤ 0 or non-finite values in a used pixel, a negative
     *                                  nFree, or no degrees of freedom left (N_pix ≤ N_free)
     */
    public static double reducedChi2(Image data, Image model, Image sigma, boolean[] mask, int nFree) {
        if (nFree < 0) throw new IllegalArgumentException("nFree must be >= 0 (got " + nFree + ")");
        checkPixelModel(data, model, sigma, mask);
        double[] d = data.pixels(), m = model.pixels(), s = sigma.pixels();
        double chi2 = 0;
        int nPix = 0;
        for (int i = 0; i < d.length; i++) {
            if (mask != null && mask[i]) continue;
            double r = (d[i] - m[i]) / s[i];
            chi2 += r * r;
            nPix++;
        }
        int dof = nPix - nFree;
        if (dof <= 0)
            throw new IllegalArgumentException("no degrees of freedom: " + nPix + " unmasked pixels for " + nFree + " free parameters");
        return chi2 / dof;
    }

    /**
     * Log-likelihood of the data under independent Gaussian pixel noise about the model,
     * −½ Σ [((d − m)/σ)² + ln(2πσ²)] over the unmasked pixels (0 when every pixel is masked).
     *
     * @throws IllegalArgumentException for mismatched sizes, or σ ≤ 0 or non-finite values in a used pixel
     */
    public static double gaussianLogLikelihood(Image data, Image model, Image sigma, boolean[] mask) {
        checkPixelModel(data, model, sigma, mask);
        double[] d = data.pixels(), m = model.pixels(), s = sigma.pixels();
        double sum = 0;
        for (int i = 0; i < d.length; i++) {
            if (mask != null && mask[i]) continue;
            double r = (d[i] - m[i]) / s[i];
            sum += r * r + LN_2PI + 2 * Math.log(s[i]);
        }
        return -0.5 * sum;
    }

    private static void checkPixelModel(Image data, Image model, Image sigma, boolean[] mask) {
        requireSameSize(data, model, "data", "model");
        requireSameSize(data, sigma, "data", "sigma");
        int n = data.pixels().length;
        if (mask != null && mask.length != n)
            throw new IllegalArgumentException("mask holds " + mask.length + " values, expected " + n + " ("
                    + data.width() + "x" + data.height() + ")");
        double[] d = data.pixels(), m = model.pixels(), s = sigma.pixels();
        for (int i = 0; i < n; i++) {
            if (mask != null && mask[i]) continue;
            requireFinite(d[i], "data", i);
            requireFinite(m[i], "model", i);
            if (!(s[i] > 0) || Double.isInfinite(s[i]))
                throw new IllegalArgumentException("sigma must be finite and > 0 in every unmasked pixel; pixel "
                        + pixelName(i, data.width()) + " has " + s[i]);
        }
    }

    /** Separable Gaussian filter keeping only the window positions fully inside the image. */
    private static double[] filterValid(double[] v, int w, int h) {
        int k = SSIM_WINDOW, ow = w - k + 1, oh = h - k + 1;
        double[] rows = new double[ow * h];
        for (int iy = 0; iy < h; iy++) {
            int base = iy * w;
            for (int ox = 0; ox < ow; ox++) {
                double s = 0;
                for (int t = 0; t < k; t++) s += WINDOW_1D[t] * v[base + ox + t];
                rows[iy * ow + ox] = s;
            }
        }
        double[] out = new double[ow * oh];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                double s = 0;
                for (int t = 0; t < k; t++) s += WINDOW_1D[t] * rows[(oy + t) * ow + ox];
                out[oy * ow + ox] = s;
            }
        }
        return out;
    }

    private static double[] gaussianWindow() {
        int k = SSIM_WINDOW, c = k / 2;
        double[] g = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            g[i] = Math.exp(-square(i - c) / (2 * SSIM_SIGMA * SSIM_SIGMA));
            sum += g[i];
        }
        for (int i = 0; i < k; i++) g[i] /= sum;
        return g;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    private static double square(double x) {
        return x * x;
    }

    private static void requireSameSize(Image a, Image b, String nameA, String nameB) {
        Objects.requireNonNull(a, nameA);
        Objects.requireNonNull(b, nameB);
        if (a.width() != b.width() || a.height() != b.height())
            throw new IllegalArgumentException(nameA + " is " + a.width() + "x" + a.height() + " but " + nameB + " is "
                    + b.width() + "x" + b.height());
    }

    private static void requireRange(double dataRange) {
        if (!(dataRange > 0) || Double.isInfinite(dataRange))
            throw new IllegalArgumentException("data range must be finite and > 0 (got " + dataRange + ")");
    }

    private static void requireFinite(double v, String name, int i) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(name + " pixel " + i + " is not finite (" + v + ")");
    }

    private static String pixelName(int i, int width) {
        return "(ix=" + (i % width) + ", iy=" + (i / width) + ")";
    }
}
