package org.sersic4j.fit;

/**
 * A starting point for the Gaussian fit from the image moments, each pixel weighted by its value where positive:
 * centre from the first moments, axes and angle from the eigen-decomposition of the second central moments (each
 * σ at least half a pixel), and the amplitude that best fits that shape in least squares.
 */
final class GaussianStartGuess {

    /** Smallest starting σ, in pixels. */
    private static final double MIN_SIGMA = 0.5;

    private GaussianStartGuess() {
    }

    /** The starting {@link BivariateGaussianModel} parameter vector. */
    static double[] of(StampPixels px) {
        double w = 0, sx = 0, sy = 0;
        for (int k = 0; k < px.count(); k++) {
            double wk = Math.max(px.value[k], 0);
            w += wk;
            sx += wk * px.x[k];
            sy += wk * px.y[k];
        }
        double[] p = new double[BivariateGaussianModel.PARAMETERS];
        if (w > 0) {
            double cx = sx / w, cy = sy / w, cxx = 0, cyy = 0, cxy = 0;
            for (int k = 0; k < px.count(); k++) {
                double wk = Math.max(px.value[k], 0), dx = px.x[k] - cx, dy = px.y[k] - cy;
                cxx += wk * dx * dx;
                cyy += wk * dy * dy;
                cxy += wk * dx * dy;
            }
            cxx /= w;
            cyy /= w;
            cxy /= w;
            double mean = 0.5 * (cxx + cyy), half = Math.hypot(0.5 * (cxx - cyy), cxy);
            double theta = 0.5 * Math.atan2(2 * cxy, cxx - cyy); // major axis, from +x towards +y
            p[BivariateGaussianModel.X0] = cx;
            p[BivariateGaussianModel.Y0] = cy;
            p[BivariateGaussianModel.LOG_SIGMA_A] = Math.log(Math.max(MIN_SIGMA, Math.sqrt(mean + half)));
            p[BivariateGaussianModel.LOG_SIGMA_B] = Math.log(Math.max(MIN_SIGMA, Math.sqrt(Math.max(0, mean - half))));
            p[BivariateGaussianModel.ANGLE] = Math.atan2(-Math.cos(theta), Math.sin(theta));
        } else {
            double mx = 0, my = 0;
            for (int k = 0; k < px.count(); k++) {
                mx += px.x[k];
                my += px.y[k];
            }
            p[BivariateGaussianModel.X0] = mx / px.count();
            p[BivariateGaussianModel.Y0] = my / px.count();
            double sigma = Math.max(1, 0.25 * Math.min(px.width, px.height));
            p[BivariateGaussianModel.LOG_SIGMA_A] = Math.log(sigma);
            p[BivariateGaussianModel.LOG_SIGMA_B] = Math.log(sigma);
        }
        p[BivariateGaussianModel.AMPLITUDE] = 1;
        p[BivariateGaussianModel.AMPLITUDE] = bestAmplitude(px, new BivariateGaussianModel(p));
        return p;
    }

    /** Σ g·d / Σ g² for the unit-amplitude shape g: the least-squares amplitude of that shape (0 if undefined). */
    private static double bestAmplitude(StampPixels px, BivariateGaussianModel unit) {
        double gd = 0, gg = 0;
        for (int k = 0; k < px.count(); k++) {
            double g = unit.shape(px.x[k], px.y[k]);
            gd += g * px.value[k];
            gg += g * g;
        }
        double a = gd / gg;
        return Double.isFinite(a) ? a : 0;
    }
}
