package org.sersic4j.learn;

import java.util.Arrays;

/**
 * How a galaxy stamp is scaled before it enters a network, and how absolute flux comes back.
 *
 * <p>The stamp (sky-subtracted, any flux unit) is divided by its <em>scale</em> s = max(peak, 3σ): peak is the largest
 * mean over 3×3 pixel boxes, σ the noise estimated from the stamp's 4-pixel-wide border as 1.4826 × the median
 * absolute deviation. The network therefore sees stamps whose central brightness is about 1 whatever the flux unit,
 * and predicts the magnitude offset Δmag = −2.5 log10(flux / s) — a shape property (how much light lies outside the
 * brightest 3×3 pixels) plus noise. Absolute flux comes back as {@code flux = s · 10^(−0.4 Δmag)} and mag =
 * ZP − 2.5 log10(flux). The peak signal-to-noise s/σ is kept too: inputs far outside the range seen in training are
 * flagged. The PSF stamp is divided by its maximum.
 */
public final class StampScaling {
    /** Width of the border used to estimate the noise [px]. */
    public static final int BORDER = 4;

    private StampScaling() {}

    /** The scale s and the peak S/N of one stamp (row-major, width × height). */
    public record Scale(double scale, double peakSnr, double noise) {}

    /** The scale of a stamp. */
    public static Scale of(float[] px, int width, int height) {
        double peak = Double.NEGATIVE_INFINITY;
        for (int y = 1; y < height - 1; y++) {
            for (int x = 1; x < width - 1; x++) {
                double s = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    int row = (y + dy) * width;
                    for (int dx = -1; dx <= 1; dx++) s += px[row + x + dx];
                }
                if (s > peak) peak = s;
            }
        }
        peak /= 9;
        double noise = borderNoise(px, width, height);
        double scale = Math.max(peak, 3 * noise);
        if (!(scale > 0) || !Double.isFinite(scale)) scale = Math.max(Math.abs(peak), 1e-30);
        double snr = noise > 0 ? peak / noise : Double.POSITIVE_INFINITY;
        return new Scale(scale, snr, noise);
    }

    /** Noise σ from the stamp's border: 1.4826 × median absolute deviation; 0 for a noiseless border. */
    public static double borderNoise(float[] px, int width, int height) {
        int b = Math.min(BORDER, Math.min(width, height) / 4);
        double[] v = new double[width * height];
        int n = 0;
        for (int y = 0; y < height; y++) {
            boolean edgeRow = y < b || y >= height - b;
            for (int x = 0; x < width; x++) {
                if (edgeRow || x < b || x >= width - b) v[n++] = px[y * width + x];
            }
        }
        double[] a = Arrays.copyOf(v, n);
        Arrays.sort(a);
        double med = median(a);
        for (int i = 0; i < n; i++) a[i] = Math.abs(a[i] - med);
        Arrays.sort(a);
        return 1.4826 * median(a);
    }

    /** Writes the scaled stamp into {@code out} at {@code offset}. */
    public static void scaleInto(float[] px, double scale, float[] out, int offset) {
        float inv = (float) (1.0 / scale);
        for (int i = 0; i < px.length; i++) out[offset + i] = px[i] * inv;
    }

    /** Writes the PSF stamp divided by its maximum into {@code out} at {@code offset}. */
    public static void scalePsfInto(float[] psf, float[] out, int offset) {
        float max = 0;
        for (float v : psf) max = Math.max(max, v);
        float inv = max > 0 ? 1f / max : 1f;
        for (int i = 0; i < psf.length; i++) out[offset + i] = psf[i] * inv;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) return 0;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
