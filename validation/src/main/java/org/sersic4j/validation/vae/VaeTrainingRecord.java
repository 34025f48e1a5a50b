package org.sersic4j.validation.vae;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sersic4j.learn.ModelCard;
import org.sersic4j.learn.ModelStore;
import org.sersic4j.learn.TrainingRun;

/**
 * How the campaign's VAE was trained, whether here or in an earlier run whose card is read back (the CAE campaign
 * keeps the same record of its network).
 *
 * @param trainedHere        whether this campaign trained it
 * @param model              the model file
 * @param epochs             epochs run (the last may be partial, cut by the budget)
 * @param samples            stamps seen, every one new
 * @param minutes            training wall-clock minutes
 * @param finalTrainLoss     mean negative ELBO of the last epoch's batches [nats per stamp]
 * @param bestValidationLoss the kept model's negative ELBO on the validation stream [nats per stamp]
 * @param stoppedBecause     why training stopped
 * @param history            per epoch: {epoch, training loss, validation loss, minutes}
 */
public record VaeTrainingRecord(boolean trainedHere, String model, int epochs, long samples, double minutes, double finalTrainLoss,
                                double bestValidationLoss, String stoppedBecause, List<double[]> history) {

    /** The record of a run trained here. */
    public static VaeTrainingRecord of(TrainingRun r) {
        return new VaeTrainingRecord(true, r.model().toString(), r.epochs(), r.samples(), r.minutes(), r.finalTrainLoss(),
                r.bestValidationLoss(), r.stoppedBecause(), r.history());
    }

    /** The record kept in a loaded model's card (missing values are NaN or 0). */
    public static VaeTrainingRecord of(ModelStore.LoadedVae m) {
        return ofCard(m.card(), m.source());
    }

    /** The record kept in the card of a model loaded from {@code source}, of any kind (missing values are NaN or 0). */
    public static VaeTrainingRecord ofCard(ModelCard card, String source) {
        Map<String, Object> t = card.training() == null ? Map.of() : card.training();
        List<double[]> history = new ArrayList<>();
        if (t.get("history") instanceof List<?> rows) {
            for (Object row : rows) {
                if (row instanceof List<?> cells) history.add(cells.stream().mapToDouble(VaeTrainingRecord::number).toArray());
            }
        }
        return new VaeTrainingRecord(false, source, (int) number(run(t, "epochs")), (long) number(run(t, "samples")),
                number(run(t, "minutes")), number(t.get("final_train_loss")), number(t.get("best_validation_loss")),
                t.get("stopped_because") == null ? "trained earlier" : String.valueOf(t.get("stopped_because")), history);
    }

    /**
     * The record as the campaigns' summaries give it: trained_here, model, minutes, epochs, samples, final_train_loss,
     * best_validation_loss, stopped_because, history and the ND4J backend (callers add their units and budget).
     */
    public Map<String, Object> summary() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("trained_here", trainedHere);
        m.put("model", model);
        m.put("minutes", minutes);
        m.put("epochs", epochs);
        m.put("samples", samples);
        m.put("final_train_loss", finalTrainLoss);
        m.put("best_validation_loss", bestValidationLoss);
        m.put("stopped_because", stoppedBecause);
        m.put("history", history);
        m.put("backend", org.sersic4j.learn.Backend.describe());
        return m;
    }

    /** The whole run's value ("epochs_run") where the card has it, else the kept model's ("epochs"). */
    private static Object run(Map<String, Object> t, String key) {
        return t.containsKey(key + "_run") ? t.get(key + "_run") : t.get(key);
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
