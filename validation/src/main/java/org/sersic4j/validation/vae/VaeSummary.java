package org.sersic4j.validation.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.learn.vae.VaeInput;
import org.sersic4j.io.JsonOutput;

/**
 * The campaign's {@code summary.json}: every claim (the paper's number, ours, whether it held, by which rule), the
 * training run and how it compares with the paper's, the held-out evaluation, the units, and the configuration.
 */
public final class VaeSummary {
    /** The paper, as the summary names it. */
    public static final String PAPER = "A deep generative model for astronomical images of galaxies (VAE with per-pixel variance)";

    private VaeSummary() {}

    /** The summary as a JSON-ready tree. */
    public static Map<String, Object> tree(VaeOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("campaign", "vae");
        m.put("paper", PAPER);
        m.put("claims", o.claims());
        VaeTrainingRecord t = o.training();
        Map<String, Object> training = t.summary();
        training.put("final_elbo", -t.finalTrainLoss());
        training.put("loss_unit", "negative ELBO, nats per stamp, scaled units");
        training.put("budget", Map.of("paper_training_images", VaeOutcome.PAPER_TRAINING_IMAGES,
                "paper_images_per_second", VaeOutcome.PAPER_IMAGES_PER_SECOND, "paper_passes", "not stated",
                "ours_in_paper_sets", (double) t.samples() / VaeOutcome.PAPER_TRAINING_IMAGES, "note", o.budgetNote()));
        m.put("training", training);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("held_out", o.scores().size());
        ev.put("held_out_seed", o.heldOutSeed());
        ev.put("minutes", o.evaluationMinutes());
        ev.put("renderer", o.renderer());
        ev.put("vae_fits_closer", o.vaeFitsCloser());
        ev.put("vae_more_likely", o.vaeMoreLikely());
        ev.put("gaussian_not_converged", o.gaussianNotConverged());
        ev.put("median_log10_mse_ratio", o.median(VaeStampScore::logMseRatio));
        ev.put("median_log_likelihood_gain_per_pixel", o.median(VaeStampScore::logLikelihoodGainPerPixel));
        ev.put("by_snr", o.bySnr());
        ev.put("normalisation", VaeCampaign.NORMALISATION);
        ev.put("units", "squared errors and log-likelihoods in the scaled units of the normalisation; for a stamp in ADU subtract "
                + "N ln(scale) from both log-likelihoods (stamps.csv gives each scale), which changes no comparison");
        m.put("evaluation", ev);
        m.put("config", o.config().toYaml());
        return m;
    }

    /** Writes {@code summary.json}. */
    public static void write(Path file, VaeOutcome o) throws IOException {
        JsonOutput.write(file, tree(o));
    }

    /** The scores as CSV, one row per held-out stamp. */
    public static String csv(List<VaeStampScore> scores) {
        StringBuilder b = new StringBuilder("index,snr,scale,mse_vae,mse_gaussian,logl_vae,logl_gaussian,logl_vae_adu,logl_gaussian_adu,"
                + "vae_fits_closer,vae_more_likely,gaussian_converged\n");
        for (VaeStampScore s : scores) {
            b.append(s.index()).append(',').append(s.snr()).append(',').append(s.scale()).append(',').append(s.mseVae()).append(',')
                    .append(s.mseGaussian()).append(',').append(s.logLikelihoodVae()).append(',').append(s.logLikelihoodGaussian()).append(',')
                    .append(VaeInput.logLikelihoodInAdu(s.logLikelihoodVae(), s.pixels(), s.scale())).append(',')
                    .append(VaeInput.logLikelihoodInAdu(s.logLikelihoodGaussian(), s.pixels(), s.scale())).append(',')
                    .append(s.vaeFitsCloser()).append(',').append(s.vaeMoreLikely()).append(',').append(s.gaussianConverged()).append('\n');
        }
        return b.toString();
    }
}
