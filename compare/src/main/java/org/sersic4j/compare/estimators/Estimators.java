package org.sersic4j.compare.estimators;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.sersic4j.compare.Estimator;

/** The estimators that run here, by the names a command line or configuration uses. */
public final class Estimators {
    /** The names {@link #byName} knows: {@code lm}, {@code bfgs}, {@code gaussian}. */
    public static final List<String> NAMES = List.of("lm", "bfgs", "gaussian");

    private Estimators() {}

    /**
     * The estimator of this name (any case).
     *
     * @param threads  stamps at once (≤ 0: every core)
     * @param problems receives one line per stamp a fitter could not fit
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Estimator byName(String name, int threads, Consumer<String> problems) {
        return byName(name, threads, problems, "java");
    }

    /** As above, Levenberg–Marquardt fitting on {@code fitDevice} (as {@code fit --device} names it). */
    public static Estimator byName(String name, int threads, Consumer<String> problems, String fitDevice) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "lm" -> new LmEstimator(threads, problems, fitDevice);
            case "bfgs" -> new BfgsEstimator(threads, problems);
            case "gaussian" -> new GaussianBaselineEstimator(threads);
            default -> throw new IllegalArgumentException("unknown estimator '" + name + "' (expected one of "
                    + String.join(", ", NAMES) + ")");
        };
    }
}
