package org.sersic4j.fit;

import java.util.Random;
import org.sersic4j.render.Image;

/** Test stamps of scaled bivariate Gaussians, written out from the position-angle convention directly. */
final class GaussianStamps {

    private GaussianStamps() {
    }

    /**
     * A·exp(−½ (u²/σmaj² + v²/σmin²)) at the pixel centres (FITS coordinates), with the major axis along the unit
     * vector (−sin pa, cos pa): "up" for pa = 0, "left" for pa = 90.
     */
    static Image gaussian(int width, int height, double amplitude, double x0, double y0, double sigmaMajor,
                          double sigmaMinor, double paDegrees) {
        double t = Math.toRadians(paDegrees);
        double ex = -Math.sin(t), ey = Math.cos(t); // major axis
        double fx = Math.cos(t), fy = Math.sin(t); // minor axis
        double[] px = new double[width * height];
        for (int iy = 0; iy < height; iy++) {
            for (int ix = 0; ix < width; ix++) {
                double dx = ix + 1 - x0, dy = iy + 1 - y0;
                double u = ex * dx + ey * dy, v = fx * dx + fy * dy;
                px[iy * width + ix] = amplitude * Math.exp(-0.5 * (u * u / (sigmaMajor * sigmaMajor) + v * v / (sigmaMinor * sigmaMinor)));
            }
        }
        return new Image(width, height, px);
    }

    /** The image plus independent Gaussian noise of standard deviation sigma. */
    static Image withNoise(Image image, double sigma, long seed) {
        Random random = new Random(seed);
        double[] px = image.pixels().clone();
        for (int i = 0; i < px.length; i++) px[i] += sigma * random.nextGaussian();
        return new Image(image.width(), image.height(), px);
    }

    /** Smallest difference between two position angles, modulo 180 degrees. */
    static double angleDifference(double a, double b) {
        double d = Math.abs(a - b) % 180;
        return Math.min(d, 180 - d);
    }
}
