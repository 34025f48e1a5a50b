package org.sersic4j.fit;

import java.util.Objects;
import org.sersic4j.fit.optim.Bfgs;
import org.sersic4j.render.Image;

/**
 * Fits a scaled bivariate Gaussian A·exp(−½ dᵀΣ⁻¹d) to a stamp by minimising the squared error averaged over the
 * unmasked pixels, and reports the best common pixel variance: the baseline of "a generative model of galaxy images
 * with per-pixel variance" (a variational autoencoder compared against this fit).
 *
 * <p>The six parameters are the amplitude, the centre, ln σ along two perpendicular axes and the angle of the
 * first axis, so Σ is positive definite for any values. The fit starts from the positive-pixel moments and runs
 * {@link Bfgs} with the analytic gradient, the objective normalised by the starting model's squared sum and the
 * parameters scaled by the starting amplitude and size.
 */
public final class GaussianBaselineFitter {

    private final Bfgs optimizer;

    /** A fitter with gradient tolerance 1e-10 and relative function tolerance 1e-13 on the normalised objective. */
    public GaussianBaselineFitter() {
        this(Bfgs.defaults().withGradientTolerance(1e-10).withFunctionTolerance(1e-13).withMaxIterations(500));
    }

    /** A fitter with the given optimiser settings (tolerances apply to the normalised, scaled problem). */
    public GaussianBaselineFitter(Bfgs optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    /** Fits every pixel of {@code image}. */
    public BivariateGaussianFit fit(Image image) {
        return fit(image, null);
    }

    /**
     * Fits the unmasked pixels of {@code image}.
     *
     * @param mask null, or one flag per pixel (row-major like the image) with true marking a bad pixel
     * @throws IllegalArgumentException if the mask length differs from the pixel count, every pixel is masked, or
     *                                  an unmasked pixel is NaN or infinite
     */
    public BivariateGaussianFit fit(Image image, boolean[] mask) {
        StampPixels pixels = StampPixels.of(image, mask);
        double[] start = GaussianStartGuess.of(pixels);
        GaussianSquaredErrorObjective objective = new GaussianSquaredErrorObjective(pixels, 1 / normalisation(pixels, start));
        Bfgs.Result r = optimizer.minimize(objective, start, scale(start));
        return result(pixels, r);
    }

    /** Σ of the starting model squared over the unmasked pixels; failing that Σ data², failing that 1. */
    private static double normalisation(StampPixels pixels, double[] start) {
        BivariateGaussianModel m = new BivariateGaussianModel(start);
        double model = 0, data = 0;
        for (int k = 0; k < pixels.count(); k++) {
            double v = m.amplitude * m.shape(pixels.x[k], pixels.y[k]);
            model += v * v;
            data += pixels.value[k] * pixels.value[k];
        }
        if (model > 0 && Double.isFinite(model)) return model;
        return data > 0 && Double.isFinite(data) ? data : 1;
    }

    /** Typical parameter changes: the starting amplitude, the geometric-mean σ for the centre, 1 for the rest. */
    private static double[] scale(double[] start) {
        double amplitude = Math.abs(start[BivariateGaussianModel.AMPLITUDE]);
        double size = Math.exp(0.5 * (start[BivariateGaussianModel.LOG_SIGMA_A] + start[BivariateGaussianModel.LOG_SIGMA_B]));
        return new double[] {amplitude > 0 ? amplitude : 1, size, size, 1, 1, 1};
    }

    private static BivariateGaussianFit result(StampPixels pixels, Bfgs.Result r) {
        double[] p = r.x();
        BivariateGaussianModel m = new BivariateGaussianModel(p);
        Image model = m.render(pixels.width, pixels.height);
        double mse = pixels.meanSquaredResidual(model);
        int n = pixels.count();
        double logLikelihood = -0.5 * n * (Math.log(2 * Math.PI * mse) + 1);
        BivariateGaussianModel.Axes axes = BivariateGaussianModel.axes(p);
        return new BivariateGaussianFit(m.amplitude, m.x0, m.y0, axes.sigmaMajor(), axes.sigmaMinor(), axes.pa(), mse, mse,
                logLikelihood, model, r.iterations(), r.evaluations(), r.converged(), n);
    }
}
