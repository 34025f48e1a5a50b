package org.sersic4j.compare.estimators;

import java.util.function.Consumer;
import org.sersic4j.fit.BfgsFitter;

/** BFGS on the same objective and from the same automatic guess as {@link LmEstimator}. Named {@code bfgs}. */
public final class BfgsEstimator extends FitterEstimator {

    /** On {@code threads} cores (≤ 0: all), each stamp that cannot be fitted reported to {@code problems}. */
    public BfgsEstimator(int threads, Consumer<String> problems) {
        super(new BfgsFitter(), "BFGS from the automatic guess, same objective as lm", threads, problems);
    }
}
