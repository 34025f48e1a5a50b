package org.sersic4j.validation.vae;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.learn.vae.VaeInput;
import org.sersic4j.io.AtomicWrite;

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
        training.put("finalElbo", -t.finalTrainLoss());
        training.put("lossUnit", "negative ELBO, nats per stamp, scaled units");
        training.put("budget", Map.of("paperTrainingImages", VaeOutcome.PAPER_TRAINING_IMAGES,
                "paperImagesPerSecond", VaeOutcome.PAPER_IMAGES_PER_SECOND, "paperPasses", "not stated",
                "oursInPaperSets", (double) t.samples() / VaeOutcome.PAPER_TRAINING_IMAGES, "note", o.budgetNote()));
        m.put("training", training);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("heldOut", o.scores().size());
        ev.put("heldOutSeed", o.heldOutSeed());
        ev.put("minutes", o.evaluationMinutes());
        ev.put("renderer", o.renderer());
        ev.put("vaeFitsCloser", o.vaeFitsCloser());
        ev.put("vaeMoreLikely", o.vaeMoreLikely());
        ev.put("gaussianNotConverged", o.gaussianNotConverged());
        ev.put("medianLog10MseRatio", o.median(VaeStampScore::logMseRatio));
        ev.put("medianLogLikelihoodGainPerPixel", o.median(VaeStampScore::logLikelihoodGainPerPixel));
        ev.put("bySnr", o.bySnr());
        ev.put("normalisation", VaeCampaign.NORMALISATION);
        ev.put("units", "squared errors and log-likelihoods in the scaled units of the normalisation; for a stamp in ADU subtract "
                + "N ln(scale) from both log-likelihoods (stamps.csv gives each scale), which changes no comparison");
        m.put("evaluation", ev);
        m.put("config", o.config().toYaml());
        return m;
    }

    /** Writes {@code summary.json}. */
    public static void write(Path file, VaeOutcome o) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicWrite.write(file, out -> json.writeValue(out, tree(o)));
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
