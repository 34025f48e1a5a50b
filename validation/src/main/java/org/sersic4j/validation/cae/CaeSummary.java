package org.sersic4j.validation.cae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.validation.vae.VaeTrainingRecord;
import org.sersic4j.io.JsonOutput;

/**
 * The campaign's {@code summary.json}: every claim (the paper's words, ours, whether it held, by which rule), the
 * training run against the paper's, the controlled sets, the sweeps, the PCA table, the normalisation and the
 * configuration.
 */
public final class CaeSummary {
    /** The paper, as the summary names it. */
    public static final String PAPER = "A Generative Model for Disentangling Galaxy Photometric Parameters (conditional autoencoder)";

    private CaeSummary() {}

    /** The summary as a JSON-ready tree. */
    public static Map<String, Object> tree(CaeOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("campaign", "cae");
        m.put("paper", PAPER);
        m.put("paper_numbers", "our copy of the paper's text gives no legible coefficients or R² values (its formulas are lost): "
                + "the claims quote its words (strong, near zero, modest, significantly higher) and the rules that decide them are ours");
        m.put("claims", o.claims());
        VaeTrainingRecord t = o.training();
        Map<String, Object> training = t.summary();
        training.put("loss_unit", "per stamp: mean binary cross-entropy per pixel + lambdaPhysical x MSE of z1, z2 + lambdaSparsity x L1 "
                + "of the other latents");
        training.put("history_columns", List.of("epoch", "train loss", "validation loss", "validation MSE of z1, z2", "minutes"));
        training.put("budget", Map.of("paper_training_images", CaeOutcome.PAPER_TRAINING_IMAGES, "paper_epochs", CaeOutcome.PAPER_EPOCHS,
                "paper_presentations", CaeOutcome.PAPER_TRAINING_IMAGES * CaeOutcome.PAPER_EPOCHS,
                "ours_fraction_of_paper", (double) t.samples() / (CaeOutcome.PAPER_TRAINING_IMAGES * CaeOutcome.PAPER_EPOCHS),
                "note", o.budgetNote()));
        m.put("training", training);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("normalisation", CaeCampaign.NORMALISATION);
        ev.put("normalisation_used", o.normalisation());
        ev.put("controlled", List.of(controlled(o.fluxSet()), controlled(o.sizeSet())));
        List<Map<String, Object>> sweeps = new ArrayList<>();
        for (CaeOutcome.Sweep s : o.sweeps()) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("latent", s.latent());
            w.put("z", s.z());
            w.put("decoded_flux", s.flux());
            w.put("decoded_re", s.re());
            w.put("spearman_rho", s.rho());
            w.put("driven_dex", s.mainDex());
            w.put("target_dex", s.expectedDex());
            w.put("other_dex", s.otherDex());
            sweeps.add(w);
        }
        ev.put("sweeps", sweeps);
        List<Map<String, Object>> pca = new ArrayList<>();
        for (CaeOutcome.PcaRow r : o.pca()) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("target", r.target());
            w.put("pixels", r.normalisation());
            w.put("best_component", r.bestComponent());
            w.put("single_r2", r.single());
            w.put("all_components_r2", r.all());
            w.put("cae_r2", r.cae());
            pca.add(w);
        }
        ev.put("pca_vs_cae", pca);
        ev.put("pca_components", o.config().evaluation().components());
        ev.put("pca_split", "fitted (PCA and regressions) on the first half of the held-out stamps, R² on the second half; 95% bootstrap "
                + "intervals over the second half");
        ev.put("explained_variance_stretched", o.explainedVariance());
        ev.put("held_out", o.config().evaluation().heldOut());
        ev.put("held_out_seed", o.heldOutSeed());
        ev.put("minutes", o.evaluationMinutes());
        ev.put("renderer", o.renderer());
        m.put("evaluation", ev);
        m.put("config", o.config().toYaml());
        return m;
    }

    private static Map<String, Object> controlled(CaeOutcome.Controlled c) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("varied", c.varied());
        w.put("stamps", c.values().length);
        w.put("pearson_log", c.r());
        w.put("pearson_log_interval", new double[] {c.rLow(), c.rHigh()});
        w.put("pearson_linear", c.rLinear());
        w.put("cross_pearson_log", c.crossR());
        w.put("leakage", c.leakage());
        return w;
    }

    /** Writes {@code summary.json}. */
    public static void write(Path file, CaeOutcome o) throws IOException {
        JsonOutput.write(file, tree(o));
    }
}
