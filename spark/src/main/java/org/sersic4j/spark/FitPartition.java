package org.sersic4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.sersic4j.fit.BatchItem;
import org.sersic4j.fit.DeviceBatchFitter;
import org.sersic4j.fit.FitDevices;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitRunner;
import org.sersic4j.fit.io.FitCatalog;
import org.sersic4j.validation.fit.FitBenchmark;

/**
 * Fits a partition's stamps with the fitter of {@code sersic4j fit --device java} (the double-precision Java path,
 * one galaxy at a time on the task's core): the same problem, fitter and catalogue row as {@code fit} gives each
 * stamp. A stamp that cannot be fitted gets its {@code failed} row and a line on the task's standard error.
 */
public final class FitPartition extends StampPartition {
    private static final long serialVersionUID = 1L;

    /** Stamps fitted per chunk on the Java path. */
    public static final int CHUNK = 32;

    private final String method;
    private final String device;
    private final int batch;
    /** The task's runner, made on first use (a device's kernels are compiled once per task, not per chunk). */
    private transient FitRunner runner;
    private final StampOptions options;
    private final PsfTable psfs;

    /**
     * @param method  lm or bfgs
     * @param options how stamps become problems
     * @param psfs    the store's PSF table
     */
    public FitPartition(String method, StampOptions options, PsfTable psfs) {
        this(method, "java", 0, options, psfs);
    }

    /**
     * Fits on a device instead: {@code java} (the default above), or the batched Levenberg–Marquardt of
     * {@code fit --device gpu|cpu|opencl|opencl:N|jtp}, a chunk of {@code batch} stamps at a time (0: the device's
     * default batch). With Spark's GPU scheduling ({@code spark.executor.resource.gpu.amount}) give each task one GPU.
     */
    public FitPartition(String method, String device, int batch, StampOptions options, PsfTable psfs) {
        super(chunk(device, batch));
        FitBenchmark.fitter(method);
        // the device itself is found on the executors, which may have GPUs the driver lacks
        if (!FitDevices.NAMES.contains(device) && !device.matches("opencl:\\d+"))
            throw new IllegalArgumentException("unknown device '" + device + "' (expected auto, java, gpu, cpu, opencl, opencl:N or jtp)");
        this.method = method;
        this.device = device;
        this.batch = batch;
        this.options = options;
        this.psfs = psfs;
    }

    private static int chunk(String device, int batch) {
        if (device.equals("java")) return CHUNK;
        if (batch > 0) return batch;
        return device.equals("gpu") || device.startsWith("opencl") ? DeviceBatchFitter.GPU_BATCH : DeviceBatchFitter.CPU_BATCH;
    }

    @Override
    protected List<Object[]> process(List<StoreStamp> stamps) {
        if (runner == null) runner = FitDevices.runner(device, FitBenchmark.fitter(method), 1, false, device.equals("java") ? null
                : new DeviceBatchFitter.Settings(batch, 0, 1, false, false, DeviceBatchFitter.Settings.defaults().maxIterations()));
        List<BatchItem> items = new ArrayList<>(stamps.size());
        boolean onDevice = runner instanceof DeviceBatchFitter;
        for (StoreStamp s : stamps) items.add(new BatchItem(s.id(), () -> options.problem(s, psfs, onDevice)));
        double zp0 = options.zeropoint() == null ? 0 : options.zeropoint();
        double scale0 = options.pixelScale() == null ? Double.NaN : options.pixelScale();
        List<Object[]> out = new ArrayList<>(stamps.size());
        runner.run(items, Set.of(), (r, p) -> {
            if ((r.flags() & FitFlags.NO_SIGNAL) != 0 && r.message() != null) report(r.id() + ": " + r.message());
            double zp = p != null ? p.zeropoint() : zp0;
            double scale = p != null && Double.isFinite(p.pixelScale()) ? p.pixelScale() : scale0;
            out.add(FitCatalog.row(r.withoutModel(), zp, scale));
        }, StampPartition::report);
        return out;
    }
}
