package org.sersic4j.validation.deblend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.learn.Backend;
import org.sersic4j.learn.deblend.BlendBatchRenderer;
import org.sersic4j.learn.deblend.Deblender.Kind;
import org.sersic4j.io.JsonOutput;
import org.sersic4j.validation.deblend.ImageScores.Metric;

/**
 * The campaign's {@code summary.json}: every claim (the paper's number, ours, whether it held, by which rule), each
 * model's metrics beside the paper's, the training runs and how they compare with the paper's, the fits, the
 * normalisation and the configuration.
 */
public final class DeblendSummary {
    /** The paper, as the summary names it. */
    public static final String PAPER = "An Evaluation of Autoencoder Based Models for Galaxy Deblending (CAE, VAE, VAE-GAN)";

    private DeblendSummary() {}

    /** The summary as a JSON-ready tree. */
    public static Map<String, Object> tree(DeblendOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("campaign", "deblend");
        m.put("paper", PAPER);
        m.put("claims", o.claims());
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (Map.Entry<Kind, ImageScores> e : o.scores().entrySet()) metrics.add(metrics(e.getKey().id(), e.getKey(), e.getValue()));
        metrics.add(metrics("blend", null, o.blendReference()));
        m.put("metrics", metrics);
        List<Map<String, Object>> training = new ArrayList<>();
        for (DeblendOutcome.ModelRun r : o.runs()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("model", r.kind().id());
            t.put("trained_here", r.trainedHere());
            t.put("file", r.model());
            t.put("parameters", r.parameters());
            t.put("epochs", r.epochs());
            t.put("samples", r.samples());
            t.put("minutes", r.minutes());
            t.put("best_validation_mse", r.bestValidationMse());
            t.put("stopped_because", r.stoppedBecause());
            t.put("ours_in_paper_sets", (double) r.samples() / DeblendOutcome.PAPER_TRAINING_IMAGES);
            t.put("history", r.history());
            training.add(t);
        }
        Map<String, Object> tr = new LinkedHashMap<>();
        tr.put("models", training);
        tr.put("backend", Backend.describe());
        tr.put("budget", Map.of("paper_training_images", DeblendOutcome.PAPER_TRAINING_IMAGES, "paper_epochs", "not stated",
                "note", o.budgetNote()));
        m.put("training", tr);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("held_out", o.blendReference().mse().length);
        ev.put("held_out_seed", o.heldOutSeed());
        ev.put("minutes", o.evaluationMinutes());
        ev.put("renderer", o.renderer());
        ev.put("normalisation", BlendBatchRenderer.NORMALISATION);
        ev.put("metrics", "per blend, then the mean over blends (interval: 95% normal interval of the mean); SSIM: Wang et al. 2004, "
                + "11x11 Gaussian window, sigma 1.5 px, valid region, C1 = (0.01 L)^2, C2 = (0.03 L)^2, L = 1; PSNR = 10 log10(L^2 / MSE), "
                + "capped at 100 dB per blend");
        ev.put("blend", Map.of("separation", o.config().blend().separation().toString(),
                "combine", o.config().blend().combine().name().toLowerCase()));
        ev.put("fitted", o.fitTruth().size());
        ev.put("fits", DeblendFits.tree(o.fits()));
        ev.put("fit_notes", o.fitNotes());
        m.put("evaluation", ev);
        m.put("config", o.config().toYaml());
        return m;
    }

    private static Map<String, Object> metrics(String id, Kind k, ImageScores s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("model", id);
        for (Metric mt : Metric.values()) {
            Map<String, Object> x = new LinkedHashMap<>();
            if (k != null) x.put("paper", DeblendClaims.paper(k, mt));
            x.put("ours", s.mean(mt));
            double[] ci = s.interval(mt);
            x.put("ours_low", ci[0]);
            x.put("ours_high", ci[1]);
            if (k != null) x.put("at_least_as_good_as_paper", DeblendClaims.atLeastAsGood(mt, s.mean(mt), DeblendClaims.paper(k, mt)));
            v.put(mt.name().toLowerCase(), x);
        }
        return v;
    }

    /** Writes {@code summary.json}. */
    public static void write(Path file, DeblendOutcome o) throws IOException {
        JsonOutput.write(file, tree(o));
    }
}
