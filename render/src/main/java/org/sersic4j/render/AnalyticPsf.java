package org.sersic4j.render;

/**
 * A continuous PSF profile. Its {@link #toPixelPsf(int)} integrates it over each pixel (the pixel response is
 * then inside, as in an effective PSF), truncates it to the footprint and normalises it to unit sum.
 */
public interface AnalyticPsf {

    /** Unnormalised value at offset (dx, dy) pixels from the centre. */
    double value(double dx, double dy);

    /** Full width at half maximum along the major axis, pixels. */
    double fwhm();

    /** The pixel-integrated, truncated, normalised PSF on an odd size × size grid. */
    default PixelPsf toPixelPsf(int size) {
        if (size < 1 || size % 2 == 0) throw new IllegalArgumentException("PSF size must be odd and positive (got " + size + ")");
        int r = size / 2, sub = 8, m = 4;
        double[] px = new double[size * size];
        double cell = 1.0 / sub;
        for (int iy = -r; iy <= r; iy++) {
            for (int ix = -r; ix <= r; ix++) {
                double sum = 0;
                for (int sy = 0; sy < sub; sy++) {
                    double cy = iy - 0.5 + (sy + 0.5) * cell;
                    for (int sx = 0; sx < sub; sx++) {
                        double cx = ix - 0.5 + (sx + 0.5) * cell;
                        for (int j = 0; j < m; j++) {
                            double y = cy + 0.5 * cell * GaussLegendre.node(m, j);
                            for (int i = 0; i < m; i++) {
                                double x = cx + 0.5 * cell * GaussLegendre.node(m, i);
                                sum += GaussLegendre.weight(m, i) * GaussLegendre.weight(m, j) * value(x, y);
                            }
                        }
                    }
                }
                px[(iy + r) * size + ix + r] = sum;
            }
        }
        return PixelPsf.of(new Image(size, size, px), true, toString());
    }

    /** Squared elliptical radius in units where the major axis is unscaled (PA counter-clockwise from +y). */
    static double ellipticalR2(double dx, double dy, double q, double paDeg) {
        double t = Math.toRadians(paDeg), c = Math.cos(t), s = Math.sin(t);
        double u = -s * dx + c * dy, v = (c * dx + s * dy) / q;
        return u * u + v * v;
    }
}
