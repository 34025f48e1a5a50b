package org.sersic4j.compare.result;

import org.sersic4j.render.SersicParams;

/**
 * One estimator's answer for one galaxy.
 *
 * @param id         the stamp's id (file name without .fits)
 * @param params     the estimate, FITS 1-based centre; null when the estimator produced nothing
 * @param errors     1σ errors in {@link SersicParams#NAMES} order (NaN where unknown); never null, length 7
 * @param flags      status bits ({@code org.sersic4j.fit.FitFlags}; bit 32 = outside the network's training range)
 * @param seconds    wall time spent on this galaxy (a seeded fit includes the network's share)
 * @param iterations optimiser iterations (0 for a network)
 * @param nfev       model evaluations (0 for a network)
 */
public record Estimate(String id, SersicParams params, double[] errors, int flags, double seconds, int iterations, int nfev) {
    public Estimate {
        if (errors == null || errors.length != SersicParams.COUNT)
            throw new IllegalArgumentException("errors must hold " + SersicParams.COUNT + " values");
    }
}
