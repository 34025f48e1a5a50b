package org.sersic4j.validation.fit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.sersic4j.fit.BatchFitter;
import org.sersic4j.fit.BatchItem;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitProblem;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.FitRunner;
import org.sersic4j.fit.Likelihood;
import org.sersic4j.render.model.ComponentType;
import org.sersic4j.fit.io.CatalogProvenance;
import org.sersic4j.fit.io.FitCatalog;
import org.sersic4j.fit.io.FitCatalogWriter;
import org.sersic4j.fit.io.GalfitBlockInput;
import org.sersic4j.fit.io.GalfitBlockWriter;
import org.sersic4j.fit.io.StampTask;

/**
 * The job behind {@code sersic4j fit}: fit a list of stamps in parallel, append each row to the catalogue as it
 * finishes (CSV at once, the FITS table when the run ends), optionally write a GALFIT-style block per stamp, and
 * resume a killed run by skipping the ids already in the catalogue.
 *
 * @param tasks       the stamps
 * @param runner      what fits them (the Java path's thread pool or a device's batches, see FitDevices)
 * @param estimator   the method's name for the catalogue header
 * @param catalogue   the CSV catalogue; the FITS table goes beside it with the extension {@code .fits}
 * @param blocks      directory for GALFIT-style blocks, or null
 * @param resume      keep the rows already in the catalogue and fit only the others
 * @param zeropoint   magnitude zero-point for the catalogue
 * @param pixelScale  arcsec per pixel (NaN when unknown)
 * @param likelihood  the statistic named in the catalogue header (null: each stamp's default)
 * @param version     the sersic4j version for provenance
 * @param layout      the component types of the fitted model's target, for the catalogue's columns (null: one Sérsic)
 */
public record FitJob(List<StampTask> tasks, FitRunner runner, String estimator, Path catalogue, Path blocks,
                     boolean resume, double zeropoint, double pixelScale, Likelihood likelihood, String version,
                     List<ComponentType> layout) {

    /** A job fitting one Sérsic per stamp. */
    public FitJob(List<StampTask> tasks, FitRunner runner, String estimator, Path catalogue, Path blocks, boolean resume,
                  double zeropoint, double pixelScale, Likelihood likelihood, String version) {
        this(tasks, runner, estimator, catalogue, blocks, resume, zeropoint, pixelScale, likelihood, version, null);
    }

    /** What the job did. */
    public record Outcome(int fitted, int failed, int skipped, double seconds, Path csv, Path fits) {}

    /** Runs the job; {@code problems} receives one line per stamp that could not be fitted. */
    public Outcome run(Consumer<String> problems) {
        try (CatalogueLock lock = CatalogueLock.acquire(catalogue)) {
            return runHoldingLock(problems);
        }
    }

    /** As {@link #run}, for a caller that already holds the catalogue's {@link CatalogueLock}. */
    public Outcome runHoldingLock(Consumer<String> problems) {
        Path fits = siblingFits(catalogue);
        Set<String> done = resume ? FitCatalog.finishedIds(catalogue) : Set.of();
        CatalogProvenance prov = CatalogProvenance.of(estimator, likelihood, zeropoint, pixelScale).withVersion(version);
        GalfitBlockWriter blockWriter = blocks == null ? null : new GalfitBlockWriter(blocks, version);
        List<BatchItem> items = new ArrayList<>();
        java.util.Map<String, StampTask> byId = new java.util.HashMap<>();
        for (StampTask t : tasks) {
            items.add(new BatchItem(t.id(), t::load));
            byId.put(t.id(), t);
        }
        BatchFitter.Summary s;
        java.util.Map<String, List<String>> likelihoods = new java.util.TreeMap<>();
        java.util.Set<String> devices = new java.util.TreeSet<>();
        try (FitCatalogWriter w = FitCatalogWriter.open(catalogue, fits, prov, resume, layout)) {
            s = runner.run(items, done, (FitResult r, FitProblem p) -> {
                if (r.device() != null) devices.add(r.device());
                if (p != null && (r.flags() & FitFlags.FAILED) == 0)
                    likelihoods.computeIfAbsent(likelihoodUsed(p), k -> new ArrayList<>()).add(r.id());
                if ((r.flags() & FitFlags.NO_SIGNAL) != 0 && r.message() != null) {
                    StampTask t = byId.get(r.id());
                    problems.accept((t != null ? t.image().toString() : r.id()) + ": " + r.message());
                }
                double zp = p != null ? p.zeropoint() : zeropoint;
                double scale = p != null && Double.isFinite(p.pixelScale()) ? p.pixelScale() : pixelScale;
                w.append(r.withoutModel(), zp, scale);
                if (blockWriter != null && p != null && (r.flags() & FitFlags.FAILED) == 0) {
                    StampTask t = byId.get(r.id());
                    blockWriter.write(r, GalfitBlockInput.from(p, t.image(), null));
                }
            }, problems);
            // The FITS header names what fitted the rows (the catalogue's device column says it row by row).
            if (!devices.isEmpty()) w.addHeader("DEVICE", String.join("; ", devices));
        }
        likelihoodLines(likelihoods).forEach(problems);
        return new Outcome(s.fitted(), s.failed(), s.skipped(), s.seconds(), catalogue, fits);
    }

    /** The likelihood a stamp was fitted with, and what its σ came from. */
    static String likelihoodUsed(FitProblem p) {
        return switch (p.likelihood()) {
            case CHI2 -> p.sigma() != null ? "chi2 with the sigma map" : "chi2 with sigma from the noise model at the data";
            case POISSON -> "poisson (GAIN, RDNOISE, SKY)";
            case GAUSSIAN -> "gaussian (GAIN, RDNOISE, SKY)";
        };
    }

    /**
     * One line per likelihood used, naming its stamps: all of them when the run mixed likelihoods (up to 20, then a
     * count), else the count.
     */
    static List<String> likelihoodLines(java.util.Map<String, List<String>> used) {
        List<String> out = new ArrayList<>();
        for (var e : used.entrySet()) {
            List<String> ids = e.getValue();
            String which;
            if (used.size() == 1) which = ids.size() == 1 ? "the stamp " + ids.get(0) : "all " + ids.size() + " stamps";
            else {
                List<String> sorted = ids.stream().sorted().toList();
                which = ids.size() + " stamp" + (ids.size() == 1 ? "" : "s") + ": "
                        + String.join(", ", sorted.subList(0, Math.min(20, sorted.size())))
                        + (sorted.size() > 20 ? " and " + (sorted.size() - 20) + " more" : "");
            }
            out.add("likelihood " + e.getKey() + " for " + which);
        }
        return out;
    }

    /** CAT.csv → CAT.fits (CAT.xyz → CAT.xyz.fits). */
    public static Path siblingFits(Path csv) {
        String name = csv.getFileName().toString();
        String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return csv.resolveSibling(base + ".fits");
    }
}
