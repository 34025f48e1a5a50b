package org.sersic4j.fit.io;

import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.Likelihood;
import org.sersic4j.render.Image;
import org.sersic4j.render.SersicParams;

/** Fit results built by hand for the output tests. */
final class CatalogTestData {

    private CatalogTestData() {
    }

    /** A converged fit whose values differ with {@code k}, with a model image of {@code size}² pixels (or none when 0). */
    static FitResult result(String id, int k, int size) {
        SersicParams p = new SersicParams(32.5 + 0.1 * k, 31.25 - 0.05 * k, 12000 + 100 * k, 6.0 + 0.01 * k, 2.5, 0.64,
                35 + k);
        double[] err = {0.02, 0.03, 120, 0.1, 0.05, 0.01, 1.5};
        Image model = size == 0 ? null : blob(size, p);
        return new FitResult(id, "lm", Likelihood.POISSON, p, err, 0.25, 0.01, 1.04 + 0.001 * k, -1234.5 - k,
                size == 0 ? 4096 : size * size, 8, 12 + k, 30 + k, 0.125 * (k + 1), FitFlags.CONVERGED | FitFlags.AT_BOUND,
                model, null, "java", null);
    }

    /** A fit whose covariance was singular: NaN errors, flagged. */
    static FitResult noErrors(String id) {
        double[] nan = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        return new FitResult(id, "lm", Likelihood.CHI2, new SersicParams(20, 21, 500, 3, 1, 0.9, 10), nan, 0, Double.NaN,
                2.5, -99, 1000, 7, 40, 90, 0.5, FitFlags.CONVERGED | FitFlags.ERRORS_UNAVAILABLE, null, null, "java", null);
    }

    /** An elliptical Gaussian blob plus a constant, standing in for a model image (1-based pixel centres). */
    static Image blob(int size, SersicParams p) {
        double[] px = new double[size * size];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++) {
                double dx = x + 1 - p.x0(), dy = y + 1 - p.y0();
                px[y * size + x] = 0.25 + p.flux() / (2 * Math.PI * 9) * Math.exp(-(dx * dx + dy * dy / (p.q() * p.q())) / 18);
            }
        return new Image(size, size, px);
    }
}
