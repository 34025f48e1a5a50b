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
import org.sersic4j.render.Image;
import org.sersic4j.render.SersicParams;

/**
 * Chooses the stamps to show for one estimator, among those with a rendered, finite score: the typical case (the stamp
 * of median χ²ν), the {@code worst} highest χ²ν, and, where the truth is known, the largest |Δr_e|/r_e if not already
 * chosen. Each entry holds the data, the estimate's model (rendered as {@link DataScorer} renders it) and the
 * residual data − model.
 */
final class GalleryPicker {
    private final DataScorer scorer;
    private final int worst;

    GalleryPicker(DataScorer scorer, int worst) {
        this.scorer = scorer;
        this.worst = worst;
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

    private GalleryEntry entry(StampInput s, EstimatorRun run, int i, String why, List<TruthRow> truth) {
        SersicParams p = run.estimates().get(i).params();
        Image model = scorer.model(s, p);
        double[] d = s.image().pixels(), m = model.pixels(), r = new double[d.length];
        for (int k = 0; k < d.length; k++) r[k] = d[k] - m[k];
        String caption = String.format(Locale.ROOT, "%s: %s; chi2nu = %.3g", run.estimator(), why, run.scores().get(i).chi2nu());
        if (truth != null) caption += String.format(Locale.ROOT, ", dre = %+.1f%%", 100 * deltaRe(run, truth, i));
        return new GalleryEntry(s.id(), run.estimator(), caption, s.image(), model,
                new Image(model.width(), model.height(), r));
    }

    private static double deltaRe(EstimatorRun run, List<TruthRow> truth, int i) {
        double t = truth.get(i).truth().re();
        return (run.estimates().get(i).params().re() - t) / t;
    }
}
