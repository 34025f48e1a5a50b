package org.sersic4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.sersic4j.fit.BatchItem;
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

    /** Stamps fitted per chunk. */
    public static final int CHUNK = 32;

    private final String method;
    private final StampOptions options;
    private final PsfTable psfs;

    /**
     * @param method  lm or bfgs
     * @param options how stamps become problems
     * @param psfs    the store's PSF table
     */
    public FitPartition(String method, StampOptions options, PsfTable psfs) {
        super(CHUNK);
        FitBenchmark.fitter(method);
        this.method = method;
        this.options = options;
        this.psfs = psfs;
    }

    @Override
    protected List<Object[]> process(List<StoreStamp> stamps) {
        FitRunner runner = FitDevices.runner("java", FitBenchmark.fitter(method), 1, false, null);
        List<BatchItem> items = new ArrayList<>(stamps.size());
        for (StoreStamp s : stamps) items.add(new BatchItem(s.id(), () -> options.problem(s, psfs)));
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
