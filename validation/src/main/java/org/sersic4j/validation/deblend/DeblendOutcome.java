package org.sersic4j.validation.deblend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sersic4j.learn.deblend.DeblendConfig;
import org.sersic4j.learn.deblend.DeblendTrainer;
import org.sersic4j.learn.deblend.Deblender;
import org.sersic4j.learn.deblend.Deblender.Kind;
import org.sersic4j.render.Image;
import org.sersic4j.render.SersicParams;
import org.sersic4j.validation.Claim;

/**
 * Everything the deblending campaign found, for its report and summary.
 *
 * @param runs              each model's training run (or where it was loaded from)
 * @param heldOutSeed       seed of the held-out blends
 * @param scores            each model's image metrics on the held-out blends, in the paper's ranking order
 * @param blendReference    the same metrics of the raw blend against the target (no deblending)
 * @param gallery           the gallery's blends
 * @param fitTruth          the central galaxies of the fitted blends
 * @param fits              the fit routes (empty when no fits were asked for)
 * @param fitNotes          why a model's output was not fitted, one line each
 * @param evaluationMinutes wall-clock minutes of the evaluation (scoring and fits)
 */
public record DeblendOutcome(DeblendConfig config, List<ModelRun> runs, long heldOutSeed, Map<Kind, ImageScores> scores,
                             ImageScores blendReference, List<Claim> claims, List<GalleryRow> gallery, List<SersicParams> fitTruth,
                             List<DeblendFits.Route> fits, List<String> fitNotes, double evaluationMinutes, String renderer) {
    /** The paper's training set (Galaxy Zoo images of 64×64 px, blended in pairs); it states no number of epochs. */
    public static final int PAPER_TRAINING_IMAGES = 70_000;

    /**
     * One model's training: here or loaded.
     *
     * @param history per epoch: {epoch, training objective, validation MSE, minutes}
     */
    public record ModelRun(Kind kind, boolean trainedHere, String model, long parameters, int epochs, long samples, double minutes,
                           double bestValidationMse, String stoppedBecause, List<double[]> history) {
        /** The run of a model trained here. */
        static ModelRun of(DeblendTrainer.Result r) {
            return new ModelRun(r.kind(), true, r.model().toString(), r.parameters(), r.epochs(), r.samples(), r.minutes(),
                    r.bestValidationMse(), r.stoppedBecause(), r.history());
        }

        /** The run recorded on a loaded model's card. */
        static ModelRun of(Deblender.Loaded l) {
            Map<String, Object> t = l.card().training() == null ? Map.of() : l.card().training();
            List<double[]> history = new ArrayList<>();
            if (t.get("history") instanceof List<?> rows)
                for (Object row : rows)
                    if (row instanceof List<?> v) history.add(v.stream().mapToDouble(x -> x instanceof Number n ? n.doubleValue() : Double.NaN).toArray());
            return new ModelRun(l.deblender().kind(), false, l.source(), l.deblender().parameters(), number(t, "epochs_run", "epochs").intValue(),
                    number(t, "samples_run", "samples").longValue(), number(t, "minutes_run", "minutes").doubleValue(),
                    number(t, "best_validation_loss", "best_validation_loss").doubleValue(), String.valueOf(t.getOrDefault("stopped_because",
                    "not recorded")), history);
        }

        private static Number number(Map<String, Object> t, String key, String fallback) {
            Object v = t.containsKey(key) ? t.get(key) : t.get(fallback);
            return v instanceof Number n ? n : Double.NaN;
        }
    }

    /** One gallery blend: the input, the target and each model's output, [0, 1] images, and each model's SSIM. */
    public record GalleryRow(int index, double separation, Image blend, Image target, Map<Kind, Image> outputs, Map<Kind, Double> ssim) {}

    /** What the training budget is against the paper's, in words. */
    public String budgetNote() {
        StringBuilder b = new StringBuilder("The paper trained on " + String.format(Locale.ROOT, "%,d", PAPER_TRAINING_IMAGES)
                + " blends of 64×64 RGB Galaxy Zoo images (it states neither the number of epochs nor the training time). Ours:");
        for (ModelRun r : runs)
            b.append(String.format(Locale.ROOT, " %s %,d blends in %.1f min (%.1f%% of one pass over the paper's set);", r.kind().label(),
                    r.samples(), r.minutes(), 100.0 * r.samples() / PAPER_TRAINING_IMAGES));
        b.setLength(b.length() - 1);
        return b.append(". Every blend is newly rendered, so none repeats. To run the full recipe, raise each model's training.maxMinutes "
                + "and maxEpochs until it has seen several passes' worth of blends, and set the paper's widths (see configs/deblend.yaml).")
                .toString();
    }
}
