package org.sersic4j.fit;

import org.sersic4j.render.Image;

/**
 * The scaled bivariate Gaussian A·exp(−½ (u²/σa² + v²/σb²)) over the unconstrained parameter vector
 * (A, x0, y0, ln σa, ln σb, φ): centre in FITS coordinates, φ the position angle of axis a in radians
 * (counter-clockwise from +y), u = −sin φ·dx + cos φ·dy along axis a and v = cos φ·dx + sin φ·dy across it.
 * Any parameter values give a positive-definite covariance; axis a need not be the longer one.
 */
final class BivariateGaussianModel {

    static final int AMPLITUDE = 0, X0 = 1, Y0 = 2, LOG_SIGMA_A = 3, LOG_SIGMA_B = 4, ANGLE = 5, PARAMETERS = 6;

    final double amplitude;
    final double x0;
    final double y0;
    /** 1/σa². */
    final double inverseVarianceA;
    /** 1/σb². */
    final double inverseVarianceB;
    private final double cos;
    private final double sin;

    BivariateGaussianModel(double[] p) {
        if (p.length != PARAMETERS) throw new IllegalArgumentException("expected " + PARAMETERS + " parameters, got " + p.length);
        amplitude = p[AMPLITUDE];
        x0 = p[X0];
        y0 = p[Y0];
        inverseVarianceA = Math.exp(-2 * p[LOG_SIGMA_A]);
        inverseVarianceB = Math.exp(-2 * p[LOG_SIGMA_B]);
        cos = Math.cos(p[ANGLE]);
        sin = Math.sin(p[ANGLE]);
    }

    /** The axes of a parameter vector's ellipse: σ along the longer and shorter axis, and the longer one's position angle. */
    record Axes(double sigmaMajor, double sigmaMinor, double pa) {
    }

    /** The major and minor σ and the major axis' position angle in degrees, in [0, 180), of parameter vector p. */
    static Axes axes(double[] p) {
        double sigmaA = Math.exp(p[LOG_SIGMA_A]), sigmaB = Math.exp(p[LOG_SIGMA_B]);
        double angle = Math.toDegrees(p[ANGLE]) + (sigmaA >= sigmaB ? 0 : 90);
        return new Axes(Math.max(sigmaA, sigmaB), Math.min(sigmaA, sigmaB), positionAngle(angle));
    }

    /** An angle in degrees reduced to [0, 180). */
    static double positionAngle(double degrees) {
        double pa = degrees % 180;
        if (pa < 0) pa += 180;
        return pa >= 180 ? 0 : pa;
    }

    /** Coordinate along axis a of the offset (dx, dy) from the centre. */
    double u(double dx, double dy) {
        return -sin * dx + cos * dy;
    }

    /** Coordinate along axis b of the offset (dx, dy) from the centre. */
    double v(double dx, double dy) {
        return cos * dx + sin * dy;
    }

    double cos() {
        return cos;
    }

    double sin() {
        return sin;
    }

    /** exp(−½ (u²/σa² + v²/σb²)) at FITS position (x, y): the model with unit amplitude. */
    double shape(double x, double y) {
        double dx = x - x0, dy = y - y0, u = u(dx, dy), v = v(dx, dy);
        return Math.exp(-0.5 * (u * u * inverseVarianceA + v * v * inverseVarianceB));
    }

    /** The model sampled at the pixel centres of a width × height stamp. */
    Image render(int width, int height) {
        double[] px = new double[width * height];
        for (int iy = 0; iy < height; iy++)
            for (int ix = 0; ix < width; ix++) px[iy * width + ix] = amplitude * shape(ix + 1, iy + 1);
        return new Image(width, height, px);
    }
}
