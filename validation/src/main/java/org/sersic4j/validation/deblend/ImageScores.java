package org.sersic4j.validation.deblend;

import java.util.Locale;
import org.sersic4j.compare.ImageMetrics;
import org.sersic4j.render.Image;

/**
 * The paper's three image metrics of one model on the held-out blends, per blend: MSE, PSNR = 10 log10(L²/MSE) [dB] and
 * SSIM ({@link ImageMetrics#ssim}: Wang et al. 2004, 11×11 Gaussian window of σ = 1.5 px, C1 = (0.01 L)², C2 =
 * (0.03 L)²), all with data range L = 1 on the [0, 1] images of the normalisation. Summaries are means over the
 * blends with their 95% normal intervals.
 *
 * @param name the model (or reference) scored
 * @param mse  per blend
 * @param psnr per blend [dB]
 * @param ssim per blend
 */
public record ImageScores(String name, double[] mse, double[] psnr, double[] ssim) {
    /** Data range of the normalised images. */
    public static final double DATA_RANGE = 1.0;

    /** The three metrics. */
    public enum Metric {
        MSE("MSE", false), PSNR("PSNR [dB]", true), SSIM("SSIM", true);

        private final String label;
        private final boolean higherIsBetter;

        Metric(String label, boolean higherIsBetter) {
            this.label = label;
            this.higherIsBetter = higherIsBetter;
        }

        /** For tables. */
        public String label() {
            return label;
        }

        /** Whether a larger value is a better reconstruction. */
        public boolean higherIsBetter() {
            return higherIsBetter;
        }

        /** The value formatted as the paper prints it. */
        public String format(double v) {
            return this == MSE ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4g", v);
        }
    }

    /** Scores of {@code outputs} against {@code targets} (n × S² each, [0, 1]). */
    public static ImageScores of(String name, float[] outputs, float[] targets, int n, int side) {
        double[] mse = new double[n], psnr = new double[n], ssim = new double[n];
        for (int i = 0; i < n; i++) {
            Image a = image(outputs, i, side), b = image(targets, i, side);
            mse[i] = ImageMetrics.mse(a, b);
            psnr[i] = Math.min(ImageMetrics.psnr(a, b, DATA_RANGE), 100);
            ssim[i] = ImageMetrics.ssim(a, b, DATA_RANGE);
        }
        return new ImageScores(name, mse, psnr, ssim);
    }

    /** Stamp {@code i} of an n × S² array as an image. */
    public static Image image(float[] all, int i, int side) {
        double[] px = new double[side * side];
        for (int j = 0; j < px.length; j++) px[j] = all[i * px.length + j];
        return new Image(side, side, px);
    }

    /** The per-blend values of {@code m}. */
    public double[] values(Metric m) {
        return switch (m) {
            case MSE -> mse;
            case PSNR -> psnr;
            case SSIM -> ssim;
        };
    }

    /** The mean of {@code m} over the blends. */
    public double mean(Metric m) {
        double s = 0;
        for (double v : values(m)) s += v;
        return s / values(m).length;
    }

    /** The 95% normal interval of the mean of {@code m}, {lo, hi}. */
    public double[] interval(Metric m) {
        double[] v = values(m);
        double mu = mean(m), ss = 0;
        for (double x : v) ss += (x - mu) * (x - mu);
        double se = v.length > 1 ? Math.sqrt(ss / (v.length - 1) / v.length) : 0;
        return new double[] {mu - 1.96 * se, mu + 1.96 * se};
    }
}
