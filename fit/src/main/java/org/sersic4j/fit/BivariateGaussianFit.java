package org.sersic4j.fit;

import java.util.Objects;
import org.sersic4j.render.Image;

/**
 * A scaled bivariate Gaussian fitted to a stamp, with its best common pixel variance and the Gaussian
 * log-likelihood at that variance.
 *
 * @param amplitude      peak value A
 * @param x0             centre x, FITS convention (centre of the first pixel at 1.0)
 * @param y0             centre y, FITS convention
 * @param sigmaMajor     standard deviation along the major axis, pixels
 * @param sigmaMinor     standard deviation along the minor axis, pixels (≤ sigmaMajor)
 * @param pa             position angle of the major axis, degrees counter-clockwise from +y, in [0, 180)
 * @param mse            mean squared residual over the unmasked pixels
 * @param commonVariance the single pixel variance that maximises the Gaussian likelihood of the residuals (equal to
 *                       {@code mse})
 * @param logLikelihood  the log-likelihood at that variance, −N/2 (ln(2π·commonVariance) + 1); +∞ if the residuals
 *                       are all exactly zero
 * @param model          the fitted model sampled at every pixel centre, masked ones included
 * @param iterations     optimiser iterations
 * @param evaluations    objective evaluations
 * @param converged      whether the optimiser met a convergence criterion
 * @param unmaskedPixels N, the number of pixels fitted
 */
public record BivariateGaussianFit(double amplitude, double x0, double y0, double sigmaMajor, double sigmaMinor,
                                   double pa, double mse, double commonVariance, double logLikelihood, Image model,
                                   int iterations, int evaluations, boolean converged, int unmaskedPixels) {

    public BivariateGaussianFit {
        Objects.requireNonNull(model, "model");
        model = copy(model);
    }

    /** A copy of the model image. */
    @Override
    public Image model() {
        return copy(model);
    }

    /**
     * The Gaussian log-likelihood of the residuals if every unmasked pixel had the given variance:
     * −N/2 ln(2π·variance) − N·mse/(2·variance).
     */
    public double logLikelihoodAt(double variance) {
        if (!(variance > 0)) throw new IllegalArgumentException("variance must be positive: " + variance);
        return -0.5 * unmaskedPixels * (Math.log(2 * Math.PI * variance) + mse / variance);
    }

    private static Image copy(Image image) {
        return new Image(image.width(), image.height(), image.pixels().clone());
    }
}
