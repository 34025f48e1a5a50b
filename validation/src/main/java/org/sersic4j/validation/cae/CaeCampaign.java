package org.sersic4j.validation.cae;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.sersic4j.learn.BatchRenderer;
import org.sersic4j.learn.ModelStore;
import org.sersic4j.learn.TrainingRun;
import org.sersic4j.learn.cae.CaeConfig;
import org.sersic4j.learn.cae.CaeInput;
import org.sersic4j.learn.cae.CaeModel;
import org.sersic4j.learn.cae.CaeTrainer;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.validation.Campaigns;
import org.sersic4j.validation.Claim;
import org.sersic4j.validation.vae.VaeTrainingRecord;

/**
 * The campaign of "A Generative Model for Disentangling Galaxy Photometric Parameters": trains the conditional
 * autoencoder on galaxies rendered on the fly (or loads one), then
 * <ul>
 *   <li>encodes two controlled sets from one base galaxy (flux varied alone; r_e varied alone) and correlates z1 with
 *       the flux and z2 with r_e (the paper's Fig. 3), and each with the other parameter (disentanglement);</li>
 *   <li>decodes sweeps of z1 and of z2 about the base galaxy's latent and measures the decoded flux and size (Fig. 4);</li>
 *   <li>renders held-out stamps, fits PCA with {@code components} components and linear regressions on half of them,
 *       and scores on the other half the R² of the best single component, of all components, and of the CAE's one
 *       supervised latent per parameter (Fig. 5), on the CAE's stretched pixels and on linear, flux-preserving ones;</li>
 * </ul>
 * and writes into the output directory:
 * <pre>
 * model.zip, model.json  the trained CAE and its card (when trained here), cae-config.yaml
 * summary.json           every claim (paper, ours, held), training, measurements ({@link CaeSummary})
 * report.html            claims, method, training, scatter plots, sweep strips, PCA table, reconstructions ({@link CaeReport})
 * </pre>
 * A claim that does not hold is reported, not raised: {@link #run} fails only when the campaign cannot run.
 */
public final class CaeCampaign {
    /** Seed offset of the held-out stream (training uses the seed, validation the seed + 1,000,003). */
    public static final long HELD_OUT_SEED_OFFSET = 5_000_011L;
    /** The input normalisation, in words, and its consequence for the flux claims. */
    public static final String NORMALISATION = "the CAE sees each sky-subtracted stamp v [ADU] through one fixed stretch, "
            + "x = clip(asinh(v / a) / asinh(M / a), 0, 1) with a = input.softening and M = input.ceiling: pixels in [0, 1] for the "
            + "binary cross-entropy, the same map for every stamp so that the flux stays in the image (a per-stamp division by the "
            + "maximum would remove it), and non-linear, so the flux is not a linear function of the pixels. PCA is run on these "
            + "same pixels and, as a check, on linear flux-preserving pixels v / M, where the sum of the pixels is the flux on the "
            + "stamp over M, so that a linear regression on enough components can recover the flux almost exactly. Targets: "
            + "z1 = log10 flux and z2 = log10 r_e [px], each mapped linearly from the training range onto [-1, 1].";
    /** The threshold of a "strong" correlation. */
    public static final double STRONG_R = 0.9;
    /** The largest slope of the other latent, relative to the supervised one's, that still counts as disentangled. */
    public static final double MAX_LEAKAGE = 0.2;
    /** The largest R² that still counts as "near zero". */
    public static final double NEAR_ZERO_R2 = 0.1;
    /** The sweep rules: Spearman's ρ at least this, the other quantity moving at most this fraction of the driven one (dex). */
    public static final double SWEEP_RHO = 0.9, SWEEP_OTHER_FRACTION = 0.25;

    private final CaeConfig cfg;
    private final Path out;
    private final Path model;
    private final PrintStream log;
    private final boolean progress;

    /**
     * A campaign writing into {@code out}.
     *
     * @param model a trained CAE to evaluate, or null to train one here
     */
    public CaeCampaign(CaeConfig cfg, Path out, Path model, PrintStream log, boolean progress) {
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
        ModelStore.Loaded cae;
        VaeTrainingRecord training;
        if (model == null) {
            TrainingRun r = new CaeTrainer(cfg, out, log, progress).train();
            cae = ModelStore.loadCae(r.model());
            training = VaeTrainingRecord.of(r);
        } else {
            cae = ModelStore.loadCae(model);
            training = VaeTrainingRecord.ofCard(cae.card(), cae.source());
            Campaigns.checkStampSize(cae.card(), cfg.data().stampSize(), model);
        }
        CaeModel net = CaeModel.of(cae);
        if (net.latentSize() != cfg.network().latent())
            throw new InvalidInputException(model == null ? out : model, "the model has a latent of " + net.latentSize()
                    + " but the configuration says network.latent: " + cfg.network().latent());
        long t0 = System.nanoTime();
        long seed = cfg.seed() + HELD_OUT_SEED_OFFSET;
        try (Renderer renderer = Renderers.create(cfg.data().device())) {
            CaeEvaluator ev = new CaeEvaluator(cfg, net, renderer, seed);
            log.printf("controlled sets: %d stamps varying only the flux, %d varying only r_e%n", cfg.evaluation().controlled(),
                    cfg.evaluation().controlled());
            CaeOutcome.Controlled flux = ev.controlled("flux"), size = ev.controlled("re");
            log.printf(Locale.ROOT, "  r(z1, log flux) = %.3f, r(z2, log r_e) = %.3f%n", flux.r(), size.r());
            List<CaeOutcome.Sweep> sweeps = List.of(ev.sweep(0), ev.sweep(1));
            int n = cfg.evaluation().heldOut();
            log.printf("PCA (%d components) against the CAE on %d held-out stamps (seed %d): half to fit, half to score%n",
                    cfg.evaluation().components(), n, seed);
            AtomicInteger done = new AtomicInteger();
            CaeEvaluator.HeldOutResult h = ev.heldOut(new BatchRenderer(cfg.data(), renderer), k -> {
                int d = done.addAndGet(k);
                if (d % 500 == 0 || d == n) log.printf("  %d/%d stamps rendered and encoded%n", d, n);
            });
            List<Claim> claims = claims(flux, size, sweeps, h.pca(), cfg.evaluation().components());
            CaeOutcome o = new CaeOutcome(cfg, training, new CaeInput(cfg).describe(), flux, size, sweeps, h.heldOut(), h.pca(), h.explained(),
                    h.gallery(), claims, seed, (System.nanoTime() - t0) / 6e10, renderer.deviceDescription());
            Path summary = out.resolve("summary.json"), report = out.resolve("report.html");
            CaeSummary.write(summary, o);
            CaeReport.write(report, o);
            return new Result(summary, report, claims, training);
        }
    }

    /** The paper's claims against our measurements. */
    static List<Claim> claims(CaeOutcome.Controlled flux, CaeOutcome.Controlled size, List<CaeOutcome.Sweep> sweeps,
                              List<CaeOutcome.PcaRow> pca, int components) {
        List<Claim> c = new ArrayList<>();
        String strongRule = "held when Pearson's r of the supervised latent with log10 of the parameter on its controlled set is at least "
                + STRONG_R;
        c.add(Claim.ofValue("z1-flux-correlation", "on a controlled set where only the flux varies, z1 correlates strongly and nearly "
                        + "linearly with the flux (Fig. 3)", "strong, nearly linear (no coefficient given)", Double.NaN,
                f("r = %.3f with log10 flux (%.3f with flux)", flux.r(), flux.rLinear()), flux.r(), flux.rLow(), flux.rHigh(),
                flux.r() >= STRONG_R, strongRule));
        c.add(Claim.ofValue("z2-re-correlation", "on a controlled set where only r_e varies, z2 correlates strongly and nearly linearly "
                        + "with the half-light radius (Fig. 3)", "strong, nearly linear (no coefficient given)", Double.NaN,
                f("r = %.3f with log10 r_e (%.3f with r_e)", size.r(), size.rLinear()), size.r(), size.rLow(), size.rHigh(),
                size.r() >= STRONG_R, strongRule));
        double leak = Math.max(flux.leakage(), size.leakage());
        c.add(Claim.ofValue("disentangled", "flux and size are distinct axes: varying the flux alone leaves z2 nearly unchanged, varying "
                        + "r_e alone leaves z1 nearly unchanged", "distinct, interpretable axes (no number given)", Double.NaN,
                f("slope of z2 / slope of z1 = %.3f on the flux set; slope of z1 / slope of z2 = %.3f on the r_e set", flux.leakage(),
                        size.leakage()), leak, Double.NaN, Double.NaN, leak <= MAX_LEAKAGE,
                "held when, on each controlled set, the other latent's least-squares slope against log10 of the varied parameter is at "
                        + "most " + MAX_LEAKAGE + " of the supervised latent's"));
        for (CaeOutcome.Sweep s : sweeps) {
            boolean z1 = "z1".equals(s.latent());
            String drives = z1 ? "flux" : "r_e", other = z1 ? "r_e" : "flux";
            boolean held = s.rho() >= SWEEP_RHO && s.mainDex() > 0 && s.otherDex() <= SWEEP_OTHER_FRACTION * s.mainDex();
            c.add(Claim.ofValue("sweep-" + s.latent(), z1 ? "increasing z1 with the other latents fixed gives progressively brighter "
                            + "decoded galaxies of unchanged morphology (Fig. 4)" : "increasing z2 with the other latents fixed gives "
                            + "visibly larger decoded galaxies without changing the overall brightness (Fig. 4)",
                    z1 ? "brightness grows, morphology unchanged (images)" : "size grows, brightness unchanged (images)", Double.NaN,
                    f("Spearman rho(decoded %s, %s) = %.2f; decoded %s spans %.2f dex (the target %.2f dex), decoded %s %.2f dex", drives,
                            s.latent(), s.rho(), drives, s.mainDex(), s.expectedDex(), other, s.otherDex()), s.rho(), Double.NaN, Double.NaN,
                    held, "held when Spearman's rho of the decoded " + drives + " with " + s.latent() + " is at least " + SWEEP_RHO
                            + " and the decoded " + other + " changes by at most " + SWEEP_OTHER_FRACTION + " of the decoded " + drives
                            + "'s change in dex"));
        }
        for (CaeOutcome.PcaRow r : pca) {
            if (!r.normalisation().startsWith("stretched") || !r.target().startsWith("log10")) continue;
            String p = r.target().endsWith("flux") ? "flux" : "re";
            String latent = p.equals("flux") ? "z1" : "z2";
            c.add(Claim.ofValue("pca-single-" + p, "the single best principal component predicts " + r.target() + " with R² near zero",
                    "near zero", Double.NaN, f("R² = %.3f (component %d)", r.single().r2(), r.bestComponent()), r.single().r2(),
                    r.single().low(), r.single().high(), r.single().r2() <= NEAR_ZERO_R2, "held when the out-of-sample R² of the best "
                            + "single component is at most " + NEAR_ZERO_R2));
            boolean order = r.cae().low() > r.all().high() && r.all().r2() > r.single().r2();
            c.add(Claim.ofValue("cae-vs-pca-" + p, "all " + components + " principal components predict " + r.target() + " better than one but modestly; "
                            + "the CAE's one latent " + latent + " does significantly better", "single ≈ 0 < all 64 modest < CAE "
                            + "(significantly higher)", Double.NaN,
                    f("CAE R² = %.3f [%.3f, %.3f]; all %d components %.3f [%.3f, %.3f]; best single %.3f", r.cae().r2(), r.cae().low(),
                            r.cae().high(), components, r.all().r2(), r.all().low(), r.all().high(), r.single().r2()),
                    r.cae().r2(), r.cae().low(), r.cae().high(), order, "held when the lower end of the CAE's 95% bootstrap interval exceeds "
                            + "the upper end of the all-component PCA's, and the all-component R² exceeds the best single component's"));
        }
        return c;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
