package org.sersic4j.validation.vae;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.sersic4j.learn.BatchRenderer;
import org.sersic4j.learn.ModelStore;
import org.sersic4j.learn.TrainingRun;
import org.sersic4j.learn.vae.VaeConfig;
import org.sersic4j.learn.vae.VaeModel;
import org.sersic4j.learn.vae.VaeTrainer;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.io.AtomicWrite;
import org.sersic4j.validation.Campaigns;
import org.sersic4j.validation.Claim;

/**
 * The campaign of "A deep generative model for astronomical images of galaxies": trains the VAE on galaxies rendered
 * on the fly (or loads one), renders held-out stamps from another seed, scores every stamp the paper's two ways
 * ({@link VaeScorer}) and writes, into the output directory:
 * <pre>
 * model.zip, model.json  the trained VAE and its card (when trained here), vae-config.yaml
 * stamps.csv             one row per held-out stamp: S/N, scale, both squared errors and log-likelihoods
 * summary.json           every claim (paper, ours, held), the training run, the evaluation ({@link VaeSummary})
 * report.html            the claims, the method, training, histograms and a reconstruction gallery ({@link VaeReport})
 * </pre>
 * A claim that does not hold is reported, not raised: {@link #run} fails only when the campaign cannot run.
 */
public final class VaeCampaign {
    /** Seed offset of the held-out stream (training uses the seed, validation the seed + 1,000,003). */
    public static final long HELD_OUT_SEED_OFFSET = 5_000_011L;
    /** The paper's held-out set and its two counts in favour of the VAE. */
    public static final int PAPER_HELD_OUT = 1000, PAPER_RECONSTRUCTION = 971, PAPER_LIKELIHOOD = 972;
    /** The input normalisation, in words (see {@link org.sersic4j.learn.vae.VaeInput}). */
    public static final String NORMALISATION = "each noisy, sky-subtracted stamp is divided by its scale s = max(mean of its "
            + "brightest 3×3 pixels, 3 × the noise σ of its 4-pixel border) and flattened row-major; linear, so the Gaussian fit "
            + "to the scaled stamp is the fit in ADU divided by s";

    private final VaeConfig cfg;
    private final Path out;
    private final Path model;
    private final PrintStream log;
    private final boolean progress;

    /**
     * A campaign writing into {@code out}.
     *
     * @param model a trained VAE to evaluate, or null to train one here
     */
    public VaeCampaign(VaeConfig cfg, Path out, Path model, PrintStream log, boolean progress) {
        this.cfg = cfg;
        this.out = out;
        this.model = model;
        this.log = log;
        this.progress = progress;
    }

    /** Where the campaign wrote its summary and report, and what it found. */
    public record Result(Path summary, Path report, List<Claim> claims, VaeTrainingRecord training) {}

    /** Runs the campaign. */
    public Result run() throws IOException {
        Files.createDirectories(out);
        ModelStore.LoadedVae vae;
        VaeTrainingRecord training;
        if (model == null) {
            TrainingRun r = new VaeTrainer(cfg, out, log, progress).train();
            vae = ModelStore.loadVae(r.model());
            training = VaeTrainingRecord.of(r);
        } else {
            vae = ModelStore.loadVae(model);
            training = VaeTrainingRecord.of(vae);
            Campaigns.checkStampSize(vae.card(), cfg.data().stampSize(), model);
        }
        long t0 = System.nanoTime();
        long seed = cfg.seed() + HELD_OUT_SEED_OFFSET;
        int n = cfg.evaluation().heldOut();
        try (Renderer renderer = Renderers.create(cfg.data().device())) {
            VaeScorer scorer = new VaeScorer(VaeModel.of(vae), new BatchRenderer(cfg.data(), renderer), seed,
                    cfg.evaluation().threads());
            log.printf("scoring %d held-out stamps (seed %d): VAE reconstruction and bivariate Gaussian fit%n", n, seed);
            AtomicInteger done = new AtomicInteger();
            List<VaeStampScore> scores = scorer.score(n, k -> {
                int d = done.addAndGet(k);
                if (d % 100 == 0 || d == n) log.printf("  %d/%d stamps scored%n", d, n);
            });
            List<Claim> claims = claims(scores);
            List<VaeGalleryEntry> gallery = new ArrayList<>();
            for (int i : galleryIndices(scores, cfg.evaluation().gallery())) gallery.add(scorer.detail(i));
            VaeOutcome o = new VaeOutcome(cfg, training, seed, scores, claims, gallery, (System.nanoTime() - t0) / 6e10,
                    renderer.deviceDescription());
            AtomicWrite.writeString(out.resolve("stamps.csv"), VaeSummary.csv(scores));
            Path summary = out.resolve("summary.json"), report = out.resolve("report.html");
            VaeSummary.write(summary, o);
            VaeReport.write(report, o);
            return new Result(summary, report, claims, training);
        }
    }

    /** The paper's two claims against our counts. */
    static List<Claim> claims(List<VaeStampScore> scores) {
        int n = scores.size();
        int closer = (int) scores.stream().filter(VaeStampScore::vaeFitsCloser).count();
        int likelier = (int) scores.stream().filter(VaeStampScore::vaeMoreLikely).count();
        return List.of(
                Claim.ofCounts("reconstruction", "held-out images that the VAE's mean reconstruction f_μ(g_μ(x)) fits more closely "
                        + "(squared error) than the best scaled bivariate Gaussian", PAPER_RECONSTRUCTION, PAPER_HELD_OUT, closer, n),
                Claim.ofCounts("likelihood", "held-out images to which the VAE with its per-pixel variance gives a higher "
                        + "likelihood than the Gaussian fit with its best common variance", PAPER_LIKELIHOOD, PAPER_HELD_OUT, likelier, n));
    }

    /** The first ⌈k/2⌉ stamps, then the stamps where the VAE's squared error is worst relative to the Gaussian's. */
    static List<Integer> galleryIndices(List<VaeStampScore> scores, int k) {
        Set<Integer> picked = new LinkedHashSet<>();
        for (int i = 0; i < Math.min((k + 1) / 2, scores.size()); i++) picked.add(scores.get(i).index());
        List<VaeStampScore> worst = scores.stream().sorted(Comparator.comparingDouble(VaeStampScore::logMseRatio)).toList();
        for (VaeStampScore s : worst) {
            if (picked.size() >= Math.min(k, scores.size())) break;
            picked.add(s.index());
        }
        return List.copyOf(picked);
    }
}
