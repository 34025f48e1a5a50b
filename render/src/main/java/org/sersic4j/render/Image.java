package org.sersic4j.render;

import java.util.Arrays;

/**
 * A 2-D image in double precision, row-major: pixel (ix, iy) with ix along x (FITS axis 1) is at
 * {@code pixels[iy * width + ix]} and its centre is at FITS coordinates (ix + 1, iy + 1).
 */
public record Image(int width, int height, double[] pixels) {

    public Image {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        if (pixels.length != (long) width * height)
            throw new IllegalArgumentException("pixel array holds " + pixels.length + " values, expected " + width + "x" + height);
    }

    /** A zero image. */
    public static Image zeros(int width, int height) {
        return new Image(width, height, new double[width * height]);
    }

    /** Wraps float pixels. */
    public static Image ofFloats(int width, int height, float[] px) {
        double[] d = new double[px.length];
        for (int i = 0; i < px.length; i++) d[i] = px[i];
        return new Image(width, height, d);
    }

    /** Value at 0-based column ix, row iy. */
    public double get(int ix, int iy) {
        return pixels[iy * width + ix];
    }

    /** Sum of all pixels. */
    public double sum() {
        double s = 0;
        for (double v : pixels) s += v;
        return s;
    }

    /** Largest pixel value. */
    public double max() {
        return Arrays.stream(pixels).max().orElse(Double.NaN);
    }

    /** Number of NaN or infinite pixels. */
    public int countNonFinite() {
        int c = 0;
        for (double v : pixels) if (!Double.isFinite(v)) c++;
        return c;
    }

    /** The pixels as floats. */
    public float[] toFloats() {
        float[] f = new float[pixels.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) pixels[i];
        return f;
    }
}
