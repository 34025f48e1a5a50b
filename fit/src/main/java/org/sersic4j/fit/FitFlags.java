package org.sersic4j.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * The bits of a result's {@code flags} column. A catalogue reader tests them with {@code flags & BIT}; 0 would mean
 * "not converged and nothing else known", so a good fit has at least {@link #CONVERGED}.
 */
public final class FitFlags {
    /** The optimiser met its convergence test. */
    public static final int CONVERGED = 1;
    /** At least one parameter ended within 1e-4 (of its range) of a bound. */
    public static final int AT_BOUND = 1 << 1;
    /** The iteration or evaluation limit stopped the fit: the values are the best point reached. */
    public static final int ITERATION_LIMIT = 1 << 2;
    /** A non-finite model, statistic or parameter was met; values may be unusable. */
    public static final int NON_FINITE = 1 << 3;
    /** Some pixels were masked (mask, segmentation, NaN pixels or unusable σ). */
    public static final int MASKED_PIXELS = 1 << 4;
    /** The estimate lies outside the range a network was trained on (set by learned estimators). */
    public static final int OUT_OF_TRAINING_RANGE = 1 << 5;
    /** The initial guess lay outside the bounds and was moved inside them. */
    public static final int GUESS_CLAMPED = 1 << 6;
    /** The covariance matrix was singular: some errors are NaN. */
    public static final int ERRORS_UNAVAILABLE = 1 << 7;
    /** The stamp could not be fitted at all (bad input); all values are NaN and the reason is logged. */
    public static final int FAILED = 1 << 8;
    /** Some pixels had a σ that is not positive and finite; they were masked. */
    public static final int BAD_SIGMA = 1 << 9;
    /**
     * The stamp holds no signal a profile could be fitted to: its fitted pixels are all equal (e.g. all zero), or the
     * fitted flux is not above its own 1σ error and the fitted galaxy does not beat an empty stamp (Δχ² &lt; 1). The
     * values are the optimiser's end point and mean nothing.
     */
    public static final int NO_SIGNAL = 1 << 10;

    private static final String[] NAMES = {"converged", "at_bound", "iteration_limit", "non_finite", "masked_pixels",
            "out_of_training_range", "guess_clamped", "errors_unavailable", "failed", "bad_sigma", "no_signal"};

    private FitFlags() {}

    /** The names of the bits set in {@code flags}, lowest bit first. */
    public static List<String> names(int flags) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) if ((flags & (1 << i)) != 0) out.add(NAMES[i]);
        return out;
    }

    /** One line documenting every bit, for catalogue headers and help texts. */
    public static String legend() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) b.append(i == 0 ? "" : ", ").append(1 << i).append('=').append(NAMES[i]);
        return b.toString();
    }
}
