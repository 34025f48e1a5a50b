package org.sersic4j.fit;

import com.aparapi.device.Device;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import org.sersic4j.render.AparapiFitEvaluator;
import org.sersic4j.render.RenderSettings;

/**
 * Levenberg–Marquardt for many galaxies at once on an Aparapi device (a GPU, an OpenCL CPU, or the Java thread pool):
 * each launch evaluates one point for every galaxy of a batch and brings back only its sums ({@link AparapiFitEvaluator});
 * damping, acceptance, the bounds' change of variables and the convergence test stay per galaxy on the host
 * ({@link NormalEquationsLm}). Stamps are read and given their starting points on loader threads while the device
 * works; converged galaxies leave the batch and waiting ones take their slots (in waves, so that the fixed inputs go to
 * the device once per wave), so the device stays full. Stamps of one size and PSF size share a batch. Every finished
 * result goes to the sink at once, as {@link BatchFitter} does, so a killed run can resume.
 */
public final class DeviceBatchFitter implements FitRunner {
    /** Batch size for a GPU when none is given. */
    public static final int GPU_BATCH = 4096;
    /** Batch size for a CPU device (OpenCL or the thread pool) when none is given. */
    public static final int CPU_BATCH = 64;

    private final Device device;
    private final Settings settings;
    private final Stats stats = new Stats();

    /**
     * @param batch        galaxies on the device at once (≤ 0: {@link #GPU_BATCH} on a GPU, else {@link #CPU_BATCH})
     * @param memoryBytes  the most device (and Java heap) memory the batch's buffers may take; ≤ 0: a quarter of the
     *                     Java heap
     * @param loaders      threads that read stamps and find starting points (≤ 0: all cores)
     * @param withModels   draw each best-fit model image on the host (for GALFIT blocks)
     */
    public record Settings(int batch, long memoryBytes, int loaders, boolean progress, boolean withModels,
                           int maxIterations) {
        /** The defaults: automatic batch and memory, all cores loading, no model images, 200 iterations. */
        public static Settings defaults() {
            return new Settings(0, 0, 0, false, false, 200);
        }

        public Settings withProgress(boolean on) {
            return new Settings(batch, memoryBytes, loaders, on, withModels, maxIterations);
        }

        public Settings withModels(boolean on) {
            return new Settings(batch, memoryBytes, loaders, progress, on, maxIterations);
        }
    }

    /** What the runs so far cost: launches, galaxy-evaluations, fits, iterations, and seconds by stage. */
    public static final class Stats {
        public long launches, evaluations, fits, iterations, slotsUsed;
        public double seconds, hostSeconds, uploadSeconds, deviceSeconds, downloadSeconds, loadWaitSeconds;
        public int batch;
        public String deviceDescription = "not run yet";
    }

    public DeviceBatchFitter(Device device, Settings settings) {
        this.device = device;
        this.settings = settings;
    }

    /** What the runs so far cost. */
    public Stats stats() {
        return stats;
    }

    @Override
    public String describe() {
        return "lm, batched on " + device.getShortDescription();
    }

    private record Geometry(int width, int height, int psfRadius, RenderSettings settings) {
        static Geometry of(FitProblem p) {
            return new Geometry(p.image().width(), p.image().height(), p.psf() == null ? -1 : p.psf().radius(),
                    p.psf() == null ? p.settings().withOversample(1) : p.settings());
        }
    }

    /**
     * A stamp read and ready for a slot, or its result already: a stamp that cannot be fitted, or one whose model the
     * device passes do not draw (more than one component, or neighbours), fitted on the CPU by the loader.
     */
    private record Loaded(FitProblem problem, ParameterMap map, double[] u0, AparapiFitEvaluator.SlotData data,
                          FitResult done, double loadSeconds) {}

    private final class Slot {
        final Loaded loaded;
        final NormalEquationsLm lm;
        double seconds;

        Slot(Loaded l) {
            loaded = l;
            lm = new NormalEquationsLm(l.map, l.u0, settings.maxIterations());
            seconds = l.loadSeconds;
        }
    }

    @Override
    public BatchFitter.Summary run(List<BatchItem> items, Set<String> done, BiConsumer<FitResult, FitProblem> sink,
                                   Consumer<String> problems) {
        List<BatchItem> todo = new ArrayList<>();
        for (BatchItem it : items) if (!done.contains(it.id())) todo.add(it);
        int skipped = items.size() - todo.size();
        long start = System.nanoTime();
        int batch = settings.batch() > 0 ? settings.batch()
                : device.getType() == Device.TYPE.GPU || device.getType() == Device.TYPE.ACC ? GPU_BATCH : CPU_BATCH;
        batch = Math.max(1, Math.min(batch, todo.size()));
        int loaders = settings.loaders() > 0 ? settings.loaders() : Runtime.getRuntime().availableProcessors();
        LinkedBlockingQueue<Loaded> ready = new LinkedBlockingQueue<>();
        Semaphore ahead = new Semaphore(2 * batch + loaders);
        ExecutorService pool = Executors.newFixedThreadPool(loaders, BatchFitter.daemonThreads("fit-load"));
        ExecutorService feeder = Executors.newSingleThreadExecutor(BatchFitter.daemonThreads("fit-feed"));
        AtomicInteger failed = new AtomicInteger();
        feeder.submit(() -> {
            for (BatchItem it : todo) {
                try {
                    ahead.acquire();
                } catch (InterruptedException stopped) {
                    return;
                }
                pool.submit(() -> ready.add(load(it)));
            }
        });
        Map<Geometry, ArrayDeque<Loaded>> waiting = new HashMap<>();
        int remaining = todo.size();
        Lane lane = null;
        try (ProgressBar bar = settings.progress() && !todo.isEmpty() ? BatchFitter.bar(todo.size(), skipped) : null) {
            while (remaining > 0) {
                boolean busy = lane != null && lane.active() > 0;
                Loaded next = busy ? ready.poll() : take(ready);
                while (next != null) {
                    if (next.done != null) {
                        ahead.release();
                        remaining--;
                        if ((next.done.flags() & FitFlags.FAILED) != 0) {
                            failed.incrementAndGet();
                            problems.accept(next.done.message());
                        }
                        sink.accept(next.done, next.problem);
                        if (bar != null) bar.step();
                    } else {
                        waiting.computeIfAbsent(Geometry.of(next.problem), g -> new ArrayDeque<>()).add(next);
                    }
                    next = ready.poll();
                }
                if (remaining == 0) break;
                if (lane == null || (lane.active() == 0 && waiting.getOrDefault(lane.geometry, new ArrayDeque<>()).isEmpty())) {
                    Geometry g = null;
                    for (Map.Entry<Geometry, ArrayDeque<Loaded>> e : waiting.entrySet()) {
                        if (!e.getValue().isEmpty() && (g == null || e.getValue().size() > waiting.get(g).size())) g = e.getKey();
                    }
                    if (g == null) continue;
                    if (lane != null) lane.close();
                    lane = null;
                    try {
                        lane = new Lane(g, batch);
                    } catch (IllegalArgumentException tooBig) {
                        // Stamps of this shape cannot be held: each gets its flagged row and a line, the rest go on.
                        for (Loaded l : waiting.remove(g)) {
                            ahead.release();
                            remaining--;
                            failed.incrementAndGet();
                            FitResult r = FitResult.failed(l.problem.id(), "lm", l.problem.id() + ": " + tooBig.getMessage(),
                                    l.loadSeconds);
                            problems.accept(r.message());
                            sink.accept(r, l.problem);
                            if (bar != null) bar.step();
                        }
                        continue;
                    }
                }
                ArrayDeque<Loaded> queue = waiting.get(lane.geometry);
                // Refill in waves (a quarter of the slots free, or none busy): the fixed inputs then travel once a wave.
                if (queue != null && !queue.isEmpty() && (lane.free() >= Math.max(1, lane.size() / 4) || lane.active() == 0)) {
                    while (lane.free() > 0 && !queue.isEmpty()) {
                        lane.fill(queue.poll());
                        ahead.release();
                    }
                }
                if (lane.active() == 0) continue;
                for (Slot s : lane.step()) {
                    remaining--;
                    FitResult r = DeviceFitSummary.summarise(s.loaded.problem, s.loaded.map, s.lm, "lm",
                            stats.deviceDescription, s.seconds, settings.withModels());
                    stats.fits++;
                    stats.iterations += s.lm.iterations();
                    if ((r.flags() & FitFlags.FAILED) != 0) {
                        failed.incrementAndGet();
                        problems.accept(r.message());
                    }
                    sink.accept(r, s.loaded.problem);
                    if (bar != null) bar.step();
                }
            }
        } finally {
            if (lane != null) lane.close();
            feeder.shutdownNow();
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        stats.seconds += seconds;
        stats.batch = batch;
        return new BatchFitter.Summary(todo.size() - failed.get(), failed.get(), skipped, seconds);
    }

    private Loaded take(LinkedBlockingQueue<Loaded> ready) {
        long t0 = System.nanoTime();
        try {
            return ready.poll(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("batch interrupted", e);
        } finally {
            stats.loadWaitSeconds += (System.nanoTime() - t0) / 1e9;
        }
    }

    /** Reads a stamp, finds its starting point and prepares its pixels for the device. */
    private Loaded load(BatchItem it) {
        long t0 = System.nanoTime();
        FitProblem p = null;
        try {
            p = it.loader().get();
            FitProblem q = p.guess() != null ? p : p.withGuess(MomentGuess.of(p));
            if (!q.model().isSingleSersic() || !q.neighbours().isEmpty()) {
                // The device passes draw one Sérsic and a sky: other models are fitted here, on the CPU.
                FitResult r = new LevenbergMarquardtFitter().fit(q);
                if (!settings.withModels()) r = r.withoutModel();
                return new Loaded(q, null, null, null, r, (System.nanoTime() - t0) / 1e9);
            }
            boolean[] fixed = new boolean[8];
            System.arraycopy(q.fixed(), 0, fixed, 0, 7);
            fixed[ParameterMap.SKY] = !q.fitSky();
            ParameterMap map = ParameterMap.sersicAndSky(fixed, q.bounds());
            double[] u0 = map.toInternal(q.guess(), q.skyStart());
            return new Loaded(q, map, u0, DeviceStamp.of(q), null, (System.nanoTime() - t0) / 1e9);
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            double s = (System.nanoTime() - t0) / 1e9;
            return new Loaded(p, null, null, null, DeviceFitSummary.withDevice(FitResult.failed(it.id(), "lm", msg, s), null), s);
        }
    }

    /** The slots of one batch shape on the device. */
    private final class Lane implements AutoCloseable {
        final Geometry geometry;
        final AparapiFitEvaluator evaluator;
        final Slot[] slots;

        Lane(Geometry g, int wanted) {
            geometry = g;
            long perSlot = AparapiFitEvaluator.bytesPerSlot(g.width, g.height, g.psfRadius, g.settings);
            long budget = settings.memoryBytes() > 0 ? settings.memoryBytes() : Runtime.getRuntime().maxMemory() / 4;
            int fit = (int) Math.min(Integer.MAX_VALUE, budget / perSlot);
            int n = Math.min(wanted, fit);
            if (n < wanted && n < 8)
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "stamps of %dx%d px need %.2f MiB"
                        + " each on the device and in the Java heap; the budget of %.2f MiB holds %d of them, fewer than"
                        + " the 8 a batch needs (raise --device-memory or the Java heap, -Xmx)", g.width, g.height,
                        perSlot / 1048576.0, budget / 1048576.0, n));
            slots = new Slot[n];
            evaluator = new AparapiFitEvaluator(device, n, g.width, g.height, g.psfRadius, g.settings);
            stats.slotsUsed = Math.max(stats.slotsUsed, n);
        }

        int size() {
            return slots.length;
        }

        int active() {
            int n = 0;
            for (Slot s : slots) if (s != null) n++;
            return n;
        }

        int free() {
            return slots.length - active();
        }

        void fill(Loaded l) {
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] == null) {
                    slots[i] = new Slot(l);
                    evaluator.fill(i, l.data);
                    return;
                }
            }
            throw new IllegalStateException("no free slot");
        }

        /** One launch: every busy slot's next point; returns the slots that finished (and frees them). */
        List<Slot> step() {
            double[][] params = new double[slots.length][];
            int busy = 0;
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] != null) {
                    params[i] = slots[i].lm.pointToEvaluate();
                    busy++;
                }
            }
            AparapiFitEvaluator.Timings before = evaluator.timings();
            long t0 = System.nanoTime();
            double[][] sums = evaluator.evaluate(params);
            double launch = (System.nanoTime() - t0) / 1e9;
            AparapiFitEvaluator.Timings after = evaluator.timings();
            stats.launches++;
            stats.evaluations += busy;
            stats.hostSeconds += after.host() - before.host();
            stats.uploadSeconds += after.upload() - before.upload();
            stats.deviceSeconds += after.device() - before.device();
            stats.downloadSeconds += after.download() - before.download();
            stats.deviceDescription = evaluator.deviceDescription();
            List<Slot> finished = new ArrayList<>();
            for (int i = 0; i < slots.length; i++) {
                Slot s = slots[i];
                if (s == null) continue;
                s.seconds += launch / busy;
                s.lm.update(sums[i]);
                if (s.lm.done()) {
                    finished.add(s);
                    slots[i] = null;
                    evaluator.clear(i);
                }
            }
            return finished;
        }

        @Override
        public void close() {
            evaluator.close();
        }
    }
}
