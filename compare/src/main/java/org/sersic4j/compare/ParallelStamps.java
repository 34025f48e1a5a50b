package org.sersic4j.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Runs one task per stamp on a pool of threads, one stamp per thread at a time, and returns the results in the stamps'
 * order. Used by estimators and scorers that work stamp by stamp.
 */
public final class ParallelStamps {
    private ParallelStamps() {}

    /** {@code threads} ≤ 0 means every core. */
    public static int threads(int threads) {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * The results of {@code task} for stamps 0 … count − 1, in order; {@code progress} is told 1 after each stamp.
     * An exception thrown by a task stops the run and is thrown again here (tasks report per-stamp failures in their
     * result instead).
     *
     * @param threads tasks at once (≤ 0: every core)
     */
    public static <T> List<T> map(int count, int threads, IntFunction<T> task, IntConsumer progress) {
        Object[] out = new Object[count];
        int n = threads(threads);
        if (n == 1 || count <= 1) {
            for (int i = 0; i < count; i++) {
                out[i] = task.apply(i);
                progress.accept(1);
            }
            return list(out);
        }
        ForkJoinPool pool = new ForkJoinPool(n);
        try {
            pool.submit(() -> IntStream.range(0, count).parallel().forEach(i -> {
                out[i] = task.apply(i);
                progress.accept(1);
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
        return list(out);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object[] values) {
        return new ArrayList<>((List<T>) Arrays.asList(values));
    }
}
