package org.sersic4j.render;

/**
 * A continuous PSF profile. Its {@link #toPixelPsf(int)} integrates it over each pixel (the pixel response is
 * then inside, as in an effective PSF), truncates it to the footprint and normalises it to unit sum.
 */
public interface AnalyticPsf {

    /** Unnormalised value at squared elliptical radius r² (pixels², major-axis units). */
    double radial(double r2);

    /** Full width at half maximum along the major axis, pixels. */
    double fwhm();

    /** Axis ratio b/a. */
    double q();

    /** Position angle of the major axis, degrees counter-clockwise from +y. */
    double pa();

    /** Unnormalised value at offset (dx, dy) pixels from the centre. */
    default double value(double dx, double dy) {
        return radial(ellipticalR2(dx, dy, q(), pa()));
    }

    /** The pixel-integrated, truncated, normalised PSF on an odd size × size grid. */
    default PixelPsf toPixelPsf(int size) {
        if (size < 1 || size % 2 == 0) throw new IllegalArgumentException("PSF size must be odd and positive (got " + size + ")");
        int r = size / 2, m = 4;
        double t = Math.toRadians(pa()), c = Math.cos(t), sn = Math.sin(t), invQ2 = 1 / (q() * q());
        double[] px = new double[size * size];
        for (int iy = -r; iy <= r; iy++) {
            for (int ix = -r; ix <= r; ix++) {
                // Sub-cells where the PSF is curved on the pixel scale (its core); the wings are smooth.
                int sub = Math.hypot(ix, iy) <= 2 * fwhm() + 1.5 ? 8 : 1;
                double cell = 1.0 / sub;
                double sum = 0;
                for (int sy = 0; sy < sub; sy++) {
                    double cy = iy - 0.5 + (sy + 0.5) * cell;
                    for (int sx = 0; sx < sub; sx++) {
                        double cx = ix - 0.5 + (sx + 0.5) * cell;
                        for (int j = 0; j < m; j++) {
                            double y = cy + 0.5 * cell * GaussLegendre.node(m, j);
                            for (int i = 0; i < m; i++) {
                                double x = cx + 0.5 * cell * GaussLegendre.node(m, i);
                                double u = -sn * x + c * y, v = c * x + sn * y;
                                sum += GaussLegendre.weight(m, i) * GaussLegendre.weight(m, j) * radial(u * u + v * v * invQ2)
                                        * cell * cell;
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
