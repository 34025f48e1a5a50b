package org.sersic4j.fit;

import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Fits a list of stamps and hands each result to a sink as it finishes: one galaxy per thread, or batches on a device. */
public interface FitRunner {
    /**
     * Fits every item whose id is not in {@code done}; each result goes to {@code sink} (one call at a time) with its
     * problem (null when its files could not be loaded); failures are also reported to {@code problems}, one line each.
     */
    BatchFitter.Summary run(List<BatchItem> items, Set<String> done, BiConsumer<FitResult, FitProblem> sink,
                            Consumer<String> problems);

    /** What fits: the estimator's name and where it runs, for logs. */
    String describe();
}
