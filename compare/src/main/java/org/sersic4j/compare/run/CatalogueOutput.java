package org.sersic4j.compare.run;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.result.DataScore;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.io.CatalogProvenance;
import org.sersic4j.fit.io.FitCatalogWriter;
import org.sersic4j.render.SersicParams;

/**
 * Writes one estimator's answers as a fit catalogue ({@link org.sersic4j.fit.io.FitCatalog} columns, CSV and FITS
 * table, {@code estimator} column = the estimator's name), so that every estimator's output reads like
 * {@code sersic4j fit}'s. {@code chi2nu} and {@code logl} are the common {@link DataScorer} scores, not the
 * estimator's own statistic; {@code sky} is 0 (no estimator here fits a sky offset); each row gets its stamp's
 * zero-point and pixel scale.
 */
public final class CatalogueOutput {
    private CatalogueOutput() {}

    /** The file name stem of an estimator's catalogue: its name with anything but letters, digits, {@code . _ + -} as {@code _}. */
    public static String stem(String estimator) {
        return estimator.replaceAll("[^A-Za-z0-9._+-]", "_");
    }

    /** Writes {@code dir/stem.csv} and {@code dir/stem.fits}; returns the CSV. */
    public static Path write(Path dir, String stem, String estimator, List<StampInput> stamps, List<Estimate> estimates,
                      List<DataScore> scores, String version, long seed) {
        return write(dir, stem, estimator, stamps, estimates, scores, version, seed, List.of());
    }

    /**
     * As {@link #write(Path, String, String, List, List, List, String, long)}, with a {@code failed} row (NaN values)
     * for each stamp that could not be read, so that every input has its row as in {@code fit}'s catalogues.
     */
    public static Path write(Path dir, String stem, String estimator, List<StampInput> stamps, List<Estimate> estimates,
                      List<DataScore> scores, String version, long seed, List<FitResult> unreadable) {
        Path csv = dir.resolve(stem + ".csv"), fits = dir.resolve(stem + ".fits");
        StampInput first = stamps.isEmpty() ? null : stamps.get(0);
        CatalogProvenance prov = CatalogProvenance.of(estimator, null, first == null ? 0 : first.zeropoint(),
                first == null ? Double.NaN : first.pixelScale()).withVersion(version).withSeed(seed);
        try (FitCatalogWriter w = FitCatalogWriter.open(csv, fits, prov, false)) {
            for (int i = 0; i < stamps.size(); i++) {
                StampInput s = stamps.get(i);
                w.append(result(estimator, estimates.get(i), scores.get(i)), s.zeropoint(), s.pixelScale());
            }
            for (FitResult r : unreadable) w.append(r, first == null ? 0 : first.zeropoint(), first == null ? Double.NaN : first.pixelScale());
        }
        return csv;
    }

    /** The catalogue row of an estimate as a fit result (no model image, no likelihood). */
    public static FitResult result(String estimator, Estimate e, DataScore s) {
        SersicParams p = e.params();
        boolean none = p == null;
        if (none) {
            double[] nan = new double[SersicParams.COUNT];
            Arrays.fill(nan, Double.NaN);
            p = SersicParams.of(nan);
        }
        int flags = none ? e.flags() | FitFlags.FAILED : e.flags();
        double sky = none ? Double.NaN : 0;
        return new FitResult(e.id(), estimator, null, p, e.errors(), sky, sky, s.chi2nu(), s.logl(), 0,
                DataScorer.FREE_PARAMETERS, e.iterations(), e.nfev(), e.seconds(), flags, null, null, null, null);
    }
}
