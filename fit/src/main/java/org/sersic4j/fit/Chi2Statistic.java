package org.sersic4j.fit;

/** χ² with a fixed σ per pixel: r = (m − d)/σ. */
final class Chi2Statistic implements PixelStatistic {
    private final int[] pixel;
    private final double[] data, sigma;

    /** {@code data[j]} and {@code sigma[j]} belong to image pixel {@code pixel[j]}. */
    Chi2Statistic(int[] pixel, double[] data, double[] sigma) {
        this.pixel = pixel;
        this.data = data;
        this.sigma = sigma;
    }

    @Override
    public boolean residuals(double[] model, double sky, double[] r, double[] drdm) {
        boolean finite = true;
        for (int j = 0; j < pixel.length; j++) {
            double inv = 1 / sigma[j];
            r[j] = (model[pixel[j]] + sky - data[j]) * inv;
            drdm[j] = inv;
            finite &= Double.isFinite(r[j]);
        }
        return finite;
    }

    @Override
    public double variance(int j, double modelValue) {
        return sigma[j] * sigma[j];
    }
}
