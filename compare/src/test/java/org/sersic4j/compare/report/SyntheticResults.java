package org.sersic4j.compare.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.compare.Metrics;
import org.sersic4j.compare.ParameterMetrics;
import org.sersic4j.compare.result.BinnedMetrics;
import org.sersic4j.compare.result.ComparisonResult;
import org.sersic4j.compare.result.DataScore;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.compare.result.EstimatorMetrics;
import org.sersic4j.compare.result.EstimatorRun;
import org.sersic4j.compare.result.GalleryEntry;
import org.sersic4j.compare.result.RealGalaxyRow;
import org.sersic4j.compare.result.Timing;
import org.sersic4j.compare.result.TruthRow;
import org.sersic4j.render.Image;
import org.sersic4j.render.SersicParams;

/** Small comparison results for report tests: a full one with two estimators, an empty one, and one that failed everywhere. */
final class SyntheticResults {

    static final double ZP = 30.0;
    static final BootstrapSettings BOOTSTRAP = new BootstrapSettings(200, 7L);
    static final int STAMP = 64;

    private SyntheticResults() {
    }

    /**
     * {@code rows} simulated galaxies; "cnn" answers all with 8% scatter, "lm" with 3% scatter but fails on three and
     * is far off on one. Metrics are computed with {@link Metrics#all}, over the whole set and in bins of S/N and n.
     * The gallery holds {@code galleryEntries} stamps, the real galaxies two rows and one stamp.
     */
    static ComparisonResult full(int rows, int galleryEntries) {
        Random rnd = new Random(42);
        List<TruthRow> truth = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            SersicParams t = new SersicParams(32.5 + 4 * (rnd.nextDouble() - 0.5), 32.5 + 4 * (rnd.nextDouble() - 0.5),
                    Math.pow(10, 3 + 2 * rnd.nextDouble()), Math.pow(10, 0.3 + 0.9 * rnd.nextDouble()), 0.5 + 5.5 * rnd.nextDouble(),
                    0.2 + 0.8 * rnd.nextDouble(), 180 * rnd.nextDouble());
            truth.add(new TruthRow(String.format("gal%04d", i), t, Math.pow(10, 1 + 1.5 * rnd.nextDouble()), ZP));
        }
        EstimatorRun cnn = run("cnn", truth, 0.08, rnd, List.of(), -1, 0.002);
        EstimatorRun lm = run("lm", truth, 0.03, rnd, List.of(3, 17, 29), 11, 0.35);
        List<EstimatorRun> runs = List.of(cnn, lm);

        List<EstimatorMetrics> metrics = new ArrayList<>();
        for (EstimatorRun r : runs) metrics.add(metricsOf(r, truth, allIndices(rows), true));
        List<BinnedMetrics> bins = new ArrayList<>();
        bins.addAll(bins("snr", new double[] {10, 30, 100, 320}, truth, runs));
        bins.addAll(bins("n", new double[] {0.5, 2, 4, 6.01}, truth, runs));

        List<GalleryEntry> gallery = new ArrayList<>();
        for (int g = 0; g < galleryEntries; g++) {
            TruthRow t = truth.get(g);
            gallery.add(entry(t.id(), g % 2 == 0 ? "cnn" : "lm", g < 2 ? "typical" : "worst re", rnd, 0.1 * g));
        }
        List<RealGalaxyRow> real = List.of(
                new RealGalaxyRow("KiDS_J0001", "lm", new SersicParams(33.1, 32.7, 5321.5, 6.2, 2.4, 0.61, 45.3), 1.07, 1),
                new RealGalaxyRow("KiDS_J0001", "cnn", null, Double.NaN, 64));
        List<GalleryEntry> realGallery = List.of(entry("KiDS_J0001", "lm", "real galaxy", rnd, 0.2));
        List<String> notes = List.of("config: quickstart.yaml (seed 42)", "backend: CPU, 2 threads", "a <note> & \"quotes\"");
        return new ComparisonResult("Synthetic comparison <test>", truth, runs, metrics, bins, gallery, real, realGallery, notes);
    }

    /** No rows, no runs, nothing at all (lists empty, not null). */
    static ComparisonResult empty() {
        return new ComparisonResult("Empty", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Ten galaxies and one estimator that produced nothing: all parameters null, so every metric is NaN. */
    static ComparisonResult allFailed() {
        Random rnd = new Random(3);
        List<TruthRow> truth = new ArrayList<>();
        List<Estimate> est = new ArrayList<>();
        List<DataScore> scores = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            truth.add(new TruthRow("g" + i, new SersicParams(32, 32, 1000 + i, 3 + rnd.nextDouble(), 1 + i * 0.3, 0.5, 10 * i), 20, ZP));
            est.add(new Estimate("g" + i, null, nanErrors(), 8, 0.01, 0, 0));
            scores.add(new DataScore(Double.NaN, Double.NaN));
        }
        EstimatorRun run = new EstimatorRun("broken", est, scores);
        EstimatorMetrics m = metricsOf(run, truth, allIndices(10), false);
        BinnedMetrics bin = new BinnedMetrics("snr", 10, 30, 10, List.of(m));
        return new ComparisonResult("All failed", truth, List.of(run), List.of(m), List.of(bin), List.of(), List.of(), List.of(),
                List.of());
    }

    private static EstimatorRun run(String name, List<TruthRow> truth, double scatter, Random rnd, List<Integer> fails, int wild,
                                    double seconds) {
        List<Estimate> est = new ArrayList<>();
        List<DataScore> scores = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            SersicParams t = truth.get(i).truth();
            SersicParams e = fails.contains(i) ? null : new SersicParams(t.x0() + 0.3 * rnd.nextGaussian(), t.y0() + 0.3 * rnd.nextGaussian(),
                    t.flux() * (1 + scatter * rnd.nextGaussian()), t.re() * (i == wild ? 40 : 1 + scatter * rnd.nextGaussian()),
                    t.n() * (1 + 1.5 * scatter * rnd.nextGaussian()), Math.min(1, Math.max(0.05, t.q() + scatter * rnd.nextGaussian())),
                    SersicParams.normalisePa(t.pa() + 100 * scatter * rnd.nextGaussian()));
            double[] errors = nanErrors();
            if (e != null && name.equals("lm")) Arrays.fill(errors, 0.01);
            est.add(new Estimate(truth.get(i).id(), e, errors, e == null ? 8 : 1, seconds * (0.5 + rnd.nextDouble()), 12, 80));
            scores.add(e == null ? new DataScore(Double.NaN, Double.NaN) : new DataScore(1 + 0.1 * rnd.nextGaussian(), -4000 + rnd.nextGaussian()));
        }
        return new EstimatorRun(name, est, scores);
    }

    private static EstimatorMetrics metricsOf(EstimatorRun run, List<TruthRow> truth, List<Integer> rows, boolean withTiming) {
        List<SersicParams> t = new ArrayList<>(), e = new ArrayList<>();
        double[] secs = new double[rows.size()], chi = new double[rows.size()], logl = new double[rows.size()];
        int flagged = 0;
        for (int k = 0; k < rows.size(); k++) {
            int i = rows.get(k);
            t.add(truth.get(i).truth());
            Estimate est = run.estimates().get(i);
            e.add(est.params());
            secs[k] = est.seconds();
            chi[k] = run.scores().get(i).chi2nu();
            logl[k] = run.scores().get(i).logl();
            if ((est.flags() & ~1) != 0) flagged++;
        }
        List<ParameterMetrics> pm = Metrics.all(t, e, ZP, BOOTSTRAP);
        double[] s = secs.clone();
        Arrays.sort(s);
        Timing timing = withTiming ? new Timing(median(secs), s[(int) Math.floor(0.95 * (s.length - 1))], 1 / Arrays.stream(secs).average().orElse(1)) : null;
        return new EstimatorMetrics(run.estimator(), pm, timing, median(chi), median(logl), flagged);
    }

    private static List<BinnedMetrics> bins(String by, double[] edges, List<TruthRow> truth, List<EstimatorRun> runs) {
        List<BinnedMetrics> out = new ArrayList<>();
        for (int b = 0; b + 1 < edges.length; b++) {
            List<Integer> in = new ArrayList<>();
            for (int i = 0; i < truth.size(); i++) {
                double v = by.equals("snr") ? truth.get(i).snr() : truth.get(i).truth().n();
                if (v >= edges[b] && v < edges[b + 1]) in.add(i);
            }
            List<EstimatorMetrics> em = new ArrayList<>();
            for (EstimatorRun r : runs) em.add(metricsOf(r, truth, in, false));
            out.add(new BinnedMetrics(by, edges[b], edges[b + 1], in.size(), em));
        }
        return out;
    }

    /** A Gaussian blob with noise (data), the blob alone (model) and their difference plus a small offset (residual). */
    static GalleryEntry entry(String id, String estimator, String caption, Random rnd, double offset) {
        Image model = blob(STAMP, 500, 5, 0);
        double[] d = model.pixels().clone(), r = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            d[i] += 3 * rnd.nextGaussian();
            r[i] = d[i] - model.pixels()[i] + offset;
        }
        return new GalleryEntry(id, estimator, caption, new Image(STAMP, STAMP, d), model, new Image(STAMP, STAMP, r));
    }

    /** A circular Gaussian of this peak and σ at the stamp's centre, on a constant background. */
    static Image blob(int size, double peak, double sigma, double background) {
        double[] px = new double[size * size];
        double c = (size - 1) / 2.0;
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                px[y * size + x] = background + peak * Math.exp(-((x - c) * (x - c) + (y - c) * (y - c)) / (2 * sigma * sigma));
        return new Image(size, size, px);
    }

    private static double median(double[] v) {
        double[] f = Arrays.stream(v).filter(Double::isFinite).toArray();
        return f.length == 0 ? Double.NaN : Metrics.median(f);
    }

    private static double[] nanErrors() {
        double[] e = new double[SersicParams.COUNT];
        Arrays.fill(e, Double.NaN);
        return e;
    }

    private static List<Integer> allIndices(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(i);
        return l;
    }
}
