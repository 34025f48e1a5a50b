package org.sersic4j.compare.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.result.EstimatorRun;
import org.sersic4j.compare.result.GalleryEntry;
import org.sersic4j.compare.result.TruthRow;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.render.Image;
import org.sersic4j.render.SersicParams;

/**
 * Chooses the stamps to show for one estimator, among those with a rendered, finite score: the typical case (the stamp
 * of median χ²ν), the {@code worst} highest χ²ν, and, where the truth is known, the largest |Δr_e|/r_e if not already
 * chosen. Each entry holds the data, the estimate's model (rendered as {@link DataScorer} renders it) and the
 * residual data − model, NaN where the stamp's pixels are left out of χ²ν (masked or not finite), so that the report
 * shows them as masked. Captions name the flags that matter to a reader: a network's answer outside its training
 * range, a fit at a bound or stopped by its iteration limit.
 */
final class GalleryPicker {
    private final DataScorer scorer;
    private final int worst;

    GalleryPicker(DataScorer scorer, int worst) {
        this.scorer = scorer;
        this.worst = worst;
    }

    /** An entry for every stamp the run answered with a finite score, in stamp order (few stamps, e.g. real galaxies). */
    List<GalleryEntry> all(List<StampInput> stamps, EstimatorRun run) {
        List<GalleryEntry> out = new ArrayList<>();
        for (int i = 0; i < stamps.size(); i++)
            if (run.estimates().get(i).params() != null && Double.isFinite(run.scores().get(i).chi2nu()))
                out.add(entry(stamps.get(i), run, i, null, null));
        return out;
    }

    /** The entries of one run; {@code truth} may be null (real galaxies). */
    List<GalleryEntry> pick(List<StampInput> stamps, EstimatorRun run, List<TruthRow> truth) {
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < stamps.size(); i++)
            if (run.estimates().get(i).params() != null && Double.isFinite(run.scores().get(i).chi2nu())) ok.add(i);
        if (ok.isEmpty()) return List.of();
        ok.sort(Comparator.comparingDouble(i -> run.scores().get(i).chi2nu()));
        Map<Integer, String> chosen = new LinkedHashMap<>();
        chosen.put(ok.get((ok.size() - 1) / 2), "typical (median chi2nu)");
        for (int k = 0; k < worst && k < ok.size(); k++)
            chosen.putIfAbsent(ok.get(ok.size() - 1 - k), "worst chi2nu #" + (k + 1));
        if (truth != null) {
            int worstRe = ok.get(0);
            for (int i : ok) if (Math.abs(deltaRe(run, truth, i)) > Math.abs(deltaRe(run, truth, worstRe))) worstRe = i;
            chosen.putIfAbsent(worstRe, "worst |dre|");
        }
        List<GalleryEntry> out = new ArrayList<>(chosen.size());
        for (Map.Entry<Integer, String> c : chosen.entrySet()) out.add(entry(stamps.get(c.getKey()), run, c.getKey(), c.getValue(), truth));
        return out;
    }

    /** The entry of stamp {@code i}; {@code why} (may be null) says why it was chosen. */
    private GalleryEntry entry(StampInput s, EstimatorRun run, int i, String why, List<TruthRow> truth) {
        SersicParams p = run.estimates().get(i).params();
        Image model = scorer.model(s, p);
        boolean[] excluded = s.excluded();
        double[] d = s.image().pixels(), m = model.pixels(), r = new double[d.length];
        for (int k = 0; k < d.length; k++) r[k] = excluded[k] ? Double.NaN : d[k] - m[k];
        String caption = String.format(Locale.ROOT, "%s: %schi2nu = %.3g", run.estimator(), why == null ? "" : why + "; ",
                run.scores().get(i).chi2nu());
        if (truth != null) caption += String.format(Locale.ROOT, ", dre = %+.1f%%", 100 * deltaRe(run, truth, i));
        caption += notableFlags(run.estimates().get(i).flags());
        return new GalleryEntry(s.id(), run.estimator(), caption, s.image(), model,
                new Image(model.width(), model.height(), r));
    }

    /** "; out of the training range, at a bound" for the flags a reader should see in a caption, else "". */
    static String notableFlags(int flags) {
        List<String> out = new ArrayList<>();
        if ((flags & FitFlags.OUT_OF_TRAINING_RANGE) != 0) out.add("out of the network's training range");
        if ((flags & FitFlags.AT_BOUND) != 0) out.add("at a bound");
        if ((flags & FitFlags.ITERATION_LIMIT) != 0) out.add("iteration limit");
        if ((flags & FitFlags.NON_FINITE) != 0) out.add("non-finite values met");
        return out.isEmpty() ? "" : "; " + String.join(", ", out);
    }

    private static double deltaRe(EstimatorRun run, List<TruthRow> truth, int i) {
        double t = truth.get(i).truth().re();
        return (run.estimates().get(i).params().re() - t) / t;
    }
}
