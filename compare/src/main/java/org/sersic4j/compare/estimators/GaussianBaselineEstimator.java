package org.sersic4j.compare.estimators;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import org.sersic4j.compare.Estimator;
import org.sersic4j.compare.ParallelStamps;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.fit.BivariateGaussianFit;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.GaussianBaselineFitter;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.SersicParams;

/**
 * The bivariate-Gaussian baseline ({@link GaussianBaselineFitter}: a scaled Gaussian fitted to the unmasked pixels by
 * least squares, no PSF, no noise model) read as a Sérsic profile of index n = 0.5, which is a Gaussian:
 * I ∝ exp(−ln 2 · r²/r_e²), so r_e = √(2 ln 2) σ ≈ 1.1774 σ along the major axis.
 *
 * <p>The mapping, with A the fitted amplitude and σ_maj ≥ σ_min its standard deviations along its axes:
 * <ul>
 *   <li>x0, y0: the Gaussian's centre (FITS 1-based, as fitted);</li>
 *   <li>flux = 2π A σ_maj σ_min, the Gaussian's integral (convolution keeps the flux);</li>
 *   <li>the PSF is taken out in quadrature: s² = the product σ_maj σ_min of a Gaussian fitted the same way to the PSF
 *   image (plus 1/12 px² for the pixel when the PSF does not contain it; 1/12 alone without a PSF) is subtracted from
 *   both σ², each kept at least (0.1 px)². Exact for a round Gaussian PSF, an approximation otherwise;</li>
 *   <li>r_e = 1.1774 σ'_maj, q = σ'_min/σ'_maj after that subtraction; PA = the fitted major axis' position angle
 *   (degrees counter-clockwise from +y, in [0, 180), unchanged by a round PSF);</li>
 *   <li>n = 0.5; errors are not estimated (NaN).</li>
 * </ul>
 * Flags: {@link FitFlags#CONVERGED} when the optimiser converged, {@link FitFlags#MASKED_PIXELS} when pixels were left
 * out (mask, NaN), {@link FitFlags#FAILED} when the stamp could not be fitted. Named {@code gaussian}.
 */
public final class GaussianBaselineEstimator implements Estimator {
    /** r_e / σ of a Gaussian: √(2 ln 2). */
    public static final double RE_PER_SIGMA = Math.sqrt(2 * Math.log(2));
    /** Smallest σ² [px²] left after the PSF is taken out. */
    static final double MIN_VARIANCE = 0.01;
    private static final double PIXEL_VARIANCE = 1.0 / 12;

    private final GaussianBaselineFitter fitter = new GaussianBaselineFitter();
    private final Map<PixelPsf, Double> psfVariance = new ConcurrentHashMap<>();
    private final int threads;

    /** On {@code threads} cores (≤ 0: all). */
    public GaussianBaselineEstimator(int threads) {
        this.threads = ParallelStamps.threads(threads);
    }

    @Override
    public String description() {
        return "bivariate Gaussian fitted by least squares, read as a Sersic profile with n = 0.5 (PSF taken out in quadrature)";
    }

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public List<Estimate> estimate(List<StampInput> stamps, IntConsumer progress) {
        return ParallelStamps.map(stamps.size(), threads, i -> one(stamps.get(i)), progress);
    }

    private Estimate one(StampInput s) {
        long t0 = System.nanoTime();
        try {
            boolean[] excluded = s.excluded();
            BivariateGaussianFit g = fitter.fit(s.image(), excluded);
            SersicParams p = toSersic(g, blurVariance(s.psf()));
            int flags = g.converged() ? FitFlags.CONVERGED : 0;
            for (boolean e : excluded) {
                if (e) {
                    flags |= FitFlags.MASKED_PIXELS;
                    break;
                }
            }
            return new Estimate(s.id(), p, FitEstimates.nan(), flags, (System.nanoTime() - t0) / 1e9, g.iterations(),
                    g.evaluations());
        } catch (IllegalArgumentException e) {
            return FitEstimates.failed(s.id(), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The Sérsic n = 0.5 profile of a Gaussian fit, with {@code blur} [px²] taken out of both axes' variances. */
    static SersicParams toSersic(BivariateGaussianFit g, double blur) {
        double major = Math.sqrt(Math.max(g.sigmaMajor() * g.sigmaMajor() - blur, MIN_VARIANCE));
        double minor = Math.sqrt(Math.max(g.sigmaMinor() * g.sigmaMinor() - blur, MIN_VARIANCE));
        minor = Math.min(minor, major);
        double flux = 2 * Math.PI * g.amplitude() * g.sigmaMajor() * g.sigmaMinor();
        return new SersicParams(g.x0(), g.y0(), flux, RE_PER_SIGMA * major, 0.5, minor / major, g.pa());
    }

    /** The variance [px²] the PSF (and the pixel) adds to each axis of the galaxy. */
    private double blurVariance(PixelPsf psf) {
        if (psf == null) return PIXEL_VARIANCE;
        return psfVariance.computeIfAbsent(psf, k -> {
            BivariateGaussianFit g = fitter.fit(k.toImage());
            return g.sigmaMajor() * g.sigmaMinor() + (k.pixelIncluded() ? 0 : PIXEL_VARIANCE);
        });
    }
}
