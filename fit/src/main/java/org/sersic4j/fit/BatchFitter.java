package org.sersic4j.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Fits many stamps in parallel, one galaxy per fit and one fit per thread. Every finished result goes to the sink at
 * once (in completion order), so a killed run keeps all finished rows and a resumed run, skipping their ids, redoes at
 * most the stamps that were in flight. A stamp whose files cannot be read, or whose fit throws, comes back as a
 * {@link FitResult#failed} row with the reason; the batch goes on. Shows a progress bar with rate and ETA on stderr.
 */
public final class BatchFitter implements FitRunner {
    private final Fitter fitter;
    private final int threads;
    private final boolean progress;

    /** {@code threads} ≤ 0 means all available cores. */
    public BatchFitter(Fitter fitter, int threads, boolean progress) {
        this.fitter = fitter;
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.progress = progress;
    }

    @Override
    public String describe() {
        return fitter.name() + " on " + threads + " thread" + (threads == 1 ? "" : "s") + " (double-precision Java)";
    }

    /** What a batch did. */
    public record Summary(int fitted, int failed, int skipped, double seconds) {}

    /**
     * Fits every item whose id is not in {@code done}; each result is passed to {@code sink} (called from one thread
     * at a time) and failures are also reported to {@code problems} as one line each.
     */
    public Summary run(List<BatchItem> items, Set<String> done, Consumer<FitResult> sink, Consumer<String> problems) {
        return run(items, done, (r, p) -> sink.accept(r), problems);
    }

    /**
     * As {@link #run(List, Set, Consumer, Consumer)}, the sink also receiving the stamp's problem (null when its files
     * could not be loaded), e.g. to write the image beside the model.
     */
    @Override
    public Summary run(List<BatchItem> items, Set<String> done, BiConsumer<FitResult, FitProblem> sink,
                       Consumer<String> problems) {
        List<BatchItem> todo = new ArrayList<>();
        for (BatchItem it : items) if (!done.contains(it.id())) todo.add(it);
        int skipped = items.size() - todo.size();
        long start = System.nanoTime();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads("fit"));
        try (ProgressBar bar = progress && !todo.isEmpty() ? bar(todo.size(), skipped) : null) {
            List<Future<?>> futures = new ArrayList<>();
            Object lock = new Object();
            for (BatchItem it : todo) {
                futures.add(pool.submit(() -> {
                    FitProblem[] loaded = new FitProblem[1];
                    FitResult r = fitOne(it, loaded);
                    synchronized (lock) {
                        if ((r.flags() & FitFlags.FAILED) != 0) {
                            failed.incrementAndGet();
                            problems.accept(r.message());
                        }
                        sink.accept(r, loaded[0]);
                        if (bar != null) bar.step();
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("batch interrupted", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    // The sink itself failed (e.g. the disk is full): stop, finished rows are already written.
                    throw new IllegalStateException("writing a result failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Summary(todo.size() - failed.get(), failed.get(), skipped, seconds);
    }

    private FitResult fitOne(BatchItem it, FitProblem[] loaded) {
        long t0 = System.nanoTime();
        try {
            loaded[0] = it.loader().get();
            return fitter.fit(loaded[0]);
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return FitResult.failed(it.id(), fitter.name(), msg, (System.nanoTime() - t0) / 1e9);
        } catch (OutOfMemoryError e) {
            // FitMemory refuses a stamp too large for the heap; this catches what several stamps at once exhaust.
            loaded[0] = null;
            return FitResult.failed(it.id(), fitter.name(), it.id() + ": ran out of Java heap while fitting (raise it with "
                    + "SERSIC4J_JAVA_OPTS=-Xmx..., or fit fewer stamps at once with --threads)", (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Daemon threads named NAME-1, NAME-2, … */
    static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The progress bar of a batch of n stamps, on stderr. */
    static ProgressBar bar(int n, int skipped) {
        return new ProgressBarBuilder().setTaskName(skipped > 0 ? "fit (resumed)" : "fit").setInitialMax(n)
                .setUnit(" stamps", 1).setUpdateIntervalMillis(500).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }
}
