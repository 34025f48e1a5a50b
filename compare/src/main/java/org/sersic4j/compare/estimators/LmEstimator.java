package org.sersic4j.compare.estimators;

import java.util.function.Consumer;
import org.sersic4j.fit.LevenbergMarquardtFitter;

/**
 * Levenberg–Marquardt from the automatic guess, exactly as {@code sersic4j fit} does by default: Poisson likelihood
 * where the noise model is known, χ² with the σ map otherwise. Named {@code lm}.
 */
public final class LmEstimator extends FitterEstimator {

    /** On every core, failures only flagged. */
    public LmEstimator() {
        this(0, line -> { });
    }

    /** On {@code threads} cores (≤ 0: all), each stamp that cannot be fitted reported to {@code problems}. */
    public LmEstimator(int threads, Consumer<String> problems) {
        this(threads, problems, "java");
    }

    /** As above, on a device ({@code auto}, {@code java}, {@code gpu}, {@code opencl:N}, … as {@code fit --device}). */
    public LmEstimator(int threads, Consumer<String> problems, String device) {
        super(new LevenbergMarquardtFitter(), "Levenberg-Marquardt from the automatic guess (Poisson likelihood where"
                + " GAIN and SKY are known, chi2 with the sigma map otherwise)", threads, problems, device);
    }
}
