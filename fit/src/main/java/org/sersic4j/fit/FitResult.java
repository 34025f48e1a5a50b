package org.sersic4j.fit;

import java.util.Arrays;
import org.sersic4j.render.Image;
import org.sersic4j.render.SersicParams;

/**
 * The outcome of one fit, with its own diagnostics. Values are never a silent NaN: a NaN parameter or error comes
 * with {@link FitFlags#FAILED}, {@link FitFlags#NON_FINITE} or {@link FitFlags#ERRORS_UNAVAILABLE} set.
 *
 * @param id          the stamp
 * @param estimator   who produced it ({@code lm}, {@code bfgs}, …)
 * @param likelihood  the statistic that was optimised
 * @param params      best-fit parameters (q ≤ 1, PA in [0, 180))
 * @param errors      1σ errors of x0, y0, flux, re, n, q, pa from the covariance matrix (0 for fixed parameters)
 * @param sky         fitted sky offset [ADU] (0 when not fitted)
 * @param skyError    its 1σ error
 * @param chi2nu      Σ((d − m)/σ)² / (N_pix − N_free) over the fitted pixels
 * @param logL        the Gaussian pixel log-likelihood −½Σ[((d − m)/σ)² + ln 2πσ²]
 * @param fittedPixels pixels used
 * @param freeParameters number of free parameters
 * @param iterations  optimiser iterations
 * @param evaluations model evaluations (with or without Jacobian)
 * @param seconds     wall time of the fit
 * @param flags       {@link FitFlags} bits
 * @param model       the best-fit model image (sky offset included), or null
 * @param message     why a fit failed, or why it is flagged no_signal; null otherwise
 * @param device      what rendered the fit's models ({@code java}: the double-precision Java path on the CPU; else the
 *                    device of the batched fitter, e.g. {@code OpenCL GPU NVIDIA H200}), or null when not fitted
 * @param fitted      every component of the fit (the model, its errors), or null when not fitted; {@code params} and
 *                    {@code errors} are its first component (the target's main profile; an exponential's or de
 *                    Vaucouleurs' n is its fixed value, with error 0) and {@code sky} its sky level
 */
public record FitResult(String id, String estimator, Likelihood likelihood, SersicParams params, double[] errors,
                        double sky, double skyError, double chi2nu, double logL, int fittedPixels, int freeParameters,
                        int iterations, int evaluations, double seconds, int flags, Image model, String message,
                        String device, FittedModel fitted) {

    /** A stamp that could not be fitted: every value NaN, flags {@link FitFlags#FAILED}, and the reason. */
    public static FitResult failed(String id, String estimator, String message, double seconds) {
        double[] nan = new double[SersicParams.COUNT];
        Arrays.fill(nan, Double.NaN);
        return new FitResult(id, estimator, null, SersicParams.of(nan), nan, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 0, 0, 0, 0, seconds, FitFlags.FAILED, null, message, null, null);
    }

    public FitResult {
        errors = errors.clone();
    }

    @Override
    public double[] errors() {
        return errors.clone();
    }

    /** True when the converged bit is set and the fit did not fail. */
    public boolean converged() {
        return (flags & FitFlags.CONVERGED) != 0 && (flags & FitFlags.FAILED) == 0;
    }

    /** Magnitude for the zero-point. */
    public double mag(double zeropoint) {
        return params.mag(zeropoint);
    }

    /**
     * The Bayesian information criterion, k ln N − 2 ln L: k the free parameters after ties, N the fitted (unmasked)
     * pixels, ln L the Gaussian pixel log-likelihood {@link #logL()}.
     */
    public double bic() {
        return freeParameters * Math.log(fittedPixels) - 2 * logL;
    }

    /** The fitted model's name ({@code sersic} when the fit carries no component list). */
    public String modelName() {
        return fitted == null ? "sersic" : fitted.name();
    }

    /** 1σ error of the magnitude, 2.5/ln10 · σ_flux/flux. */
    public double magError() {
        return 2.5 / Math.log(10) * errors[2] / params.flux();
    }

    /** A copy without the model image (for catalogues that need not keep pixels). */
    public FitResult withoutModel() {
        return new FitResult(id, estimator, likelihood, params, errors, sky, skyError, chi2nu, logL, fittedPixels,
                freeParameters, iterations, evaluations, seconds, flags, null, message, device, fitted);
    }
}
