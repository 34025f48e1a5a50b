package org.sersic4j.validation.vae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.sersic4j.learn.vae.VaeConfig;
import org.sersic4j.validation.Claim;

/**
 * Everything the VAE campaign found, for its summary and its report.
 *
 * @param config            the run's configuration
 * @param training          how the VAE was trained
 * @param heldOutSeed       the seed of the held-out stream
 * @param scores            one per held-out stamp
 * @param claims            the paper's claims beside ours
 * @param gallery           stamps shown in the report
 * @param evaluationMinutes wall-clock minutes of the held-out evaluation
 * @param renderer          the renderer that drew the stamps
 */
public record VaeOutcome(VaeConfig config, VaeTrainingRecord training, long heldOutSeed, List<VaeStampScore> scores, List<Claim> claims,
                         List<VaeGalleryEntry> gallery, double evaluationMinutes, String renderer) {

    /** Lower edges of the S/N bins of the breakdown (the last bin is open). */
    public static final double[] SNR_EDGES = {0, 20, 50, 100};

    /** How the VAE fares in one bin of S/N. */
    public record Bin(String label, int stamps, int vaeFitsCloser, int vaeMoreLikely) {}

    /** The paper's training set: SDSS galaxy images. */
    public static final int PAPER_TRAINING_IMAGES = 43_444;
    /** The paper's training throughput on its GPU, one image per iteration [images/s]. */
    public static final double PAPER_IMAGES_PER_SECOND = 200;

    /** Our training run against the paper's, in words: what is known, and what the paper does not say. */
    public String budgetNote() {
        long n = training.samples();
        return String.format(Locale.ROOT, "Our VAE saw %,d rendered stamps, every one new (%.1f times the paper's %,d training "
                + "images), in %.1f minutes on this machine's CPU; at the paper's %.0f images per second that many would "
                + "have taken it %.1f minutes. The paper states neither how many passes over its images it made nor how "
                + "long it trained, so how far short our budget falls cannot be given exactly; training.maxMinutes "
                + "(and maxEpochs) lengthen the run.", n, (double) n / PAPER_TRAINING_IMAGES, PAPER_TRAINING_IMAGES,
                training.minutes(), PAPER_IMAGES_PER_SECOND, n / PAPER_IMAGES_PER_SECOND / 60);
    }

    /** Stamps where the VAE fits more closely in squared error. */
    public int vaeFitsCloser() {
        return count(VaeStampScore::vaeFitsCloser);
    }

    /** Stamps where the VAE gives the higher likelihood. */
    public int vaeMoreLikely() {
        return count(VaeStampScore::vaeMoreLikely);
    }

    /** Stamps whose Gaussian fit did not converge (kept and scored as they are). */
    public int gaussianNotConverged() {
        return count(s -> !s.gaussianConverged());
    }

    /** The median of a per-stamp quantity over the finite values. */
    public double median(ToDoubleFunction<VaeStampScore> f) {
        double[] v = scores.stream().mapToDouble(f).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }

    /** A per-stamp quantity for every stamp. */
    public double[] values(ToDoubleFunction<VaeStampScore> f) {
        return scores.stream().mapToDouble(f).toArray();
    }

    /** The breakdown by S/N (bins with no stamp are left out). */
    public List<Bin> bySnr() {
        List<Bin> out = new ArrayList<>();
        for (int b = 0; b < SNR_EDGES.length; b++) {
            double lo = SNR_EDGES[b], hi = b + 1 < SNR_EDGES.length ? SNR_EDGES[b + 1] : Double.POSITIVE_INFINITY;
            List<VaeStampScore> in = scores.stream().filter(s -> s.snr() >= lo && s.snr() < hi).toList();
            if (in.isEmpty()) continue;
            String label = hi == Double.POSITIVE_INFINITY ? String.format(Locale.ROOT, "[%.0f, ∞)", lo) : String.format(Locale.ROOT, "[%.0f, %.0f)", lo, hi);
            out.add(new Bin(label, in.size(), (int) in.stream().filter(VaeStampScore::vaeFitsCloser).count(),
                    (int) in.stream().filter(VaeStampScore::vaeMoreLikely).count()));
        }
        return out;
    }

    /** The per-stamp quantity's values sorted, finite only. */
    static double[] finiteSorted(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
    }

    private int count(Predicate<VaeStampScore> p) {
        return (int) scores.stream().filter(p).count();
    }
}
