package org.sersic4j.validation.cae;

import java.util.List;
import java.util.Locale;
import org.sersic4j.learn.cae.CaeConfig;
import org.sersic4j.render.Image;
import org.sersic4j.validation.Claim;
import org.sersic4j.validation.vae.VaeTrainingRecord;

/**
 * Everything the CAE campaign found, for its summary and its report.
 *
 * @param config            the run's configuration
 * @param training          how the CAE was trained
 * @param normalisation     the CAE's input normalisation and targets, in words
 * @param fluxSet           the controlled set where only the flux varies
 * @param sizeSet           the controlled set where only r_e varies
 * @param sweeps            the decoded sweeps of z1 and of z2
 * @param heldOut           the scoring half of the held-out set: truth and latents
 * @param pca               PCA against the CAE, one row per target and pixel normalisation
 * @param explainedVariance fraction of the stretched pixels' variance along each principal component (fitting half)
 * @param gallery           held-out stamps and their reconstructions
 * @param claims            the paper's claims beside ours
 * @param heldOutSeed       the seed of the held-out stream
 * @param evaluationMinutes wall-clock minutes of the evaluation
 * @param renderer          the renderer that drew the stamps
 */
public record CaeOutcome(CaeConfig config, VaeTrainingRecord training, String normalisation, Controlled fluxSet, Controlled sizeSet,
                         List<Sweep> sweeps, HeldOut heldOut, List<PcaRow> pca, double[] explainedVariance, List<GalleryEntry> gallery,
                         List<Claim> claims, long heldOutSeed, double evaluationMinutes, String renderer) {

    /** The paper's training: about 909 of its 1,000 images (split 10:1), 100 epochs. */
    public static final int PAPER_TRAINING_IMAGES = 909, PAPER_EPOCHS = 100;

    /**
     * A controlled set: one base galaxy, one parameter varied (log-spaced over its training range), the rest fixed.
     *
     * @param varied      "flux" [ADU] or "re" [px]
     * @param values      the varied parameter per stamp
     * @param z1          the encoder's z1 per stamp
     * @param z2          the encoder's z2 per stamp
     * @param r           Pearson's r of the supervised latent (z1 for flux, z2 for r_e) with log10 of the parameter
     * @param rLow        lower end of r's Fisher 95% interval
     * @param rHigh       upper end
     * @param rLinear     Pearson's r of the supervised latent with the parameter itself
     * @param crossR      Pearson's r of the other latent with log10 of the parameter
     * @param leakage     |slope of the other latent| / |slope of the supervised latent| against log10 of the parameter
     */
    public record Controlled(String varied, double[] values, double[] z1, double[] z2, double r, double rLow, double rHigh, double rLinear,
                             double crossR, double leakage) {}

    /**
     * A latent sweep from a base galaxy's latent, one coordinate varied, the others fixed.
     *
     * @param latent         "z1" or "z2"
     * @param z              the swept values
     * @param images         the decoded stamps (stretched, in [0, 1])
     * @param flux           each decoded stamp's total flux [ADU], through the inverse stretch
     * @param re             each decoded stamp's half-light radius [px] about its light-weighted centre
     * @param rho            Spearman's ρ of the quantity the latent should drive (flux for z1, r_e for z2) with z
     * @param mainDex        log10 range (max/min) of that quantity over the sweep
     * @param otherDex       log10 range of the other quantity over the sweep
     * @param expectedDex    log10 range of the parameter the latent's target encodes over the swept values
     */
    public record Sweep(String latent, double[] z, List<Image> images, double[] flux, double[] re, double rho, double mainDex,
                        double otherDex, double expectedDex) {}

    /** The scoring half of the held-out set: log10 flux, log10 r_e [px], z1 and z2 per stamp. */
    public record HeldOut(double[] logFlux, double[] logRe, double[] z1, double[] z2) {}

    /**
     * PCA and the CAE predicting one target, fitted on one half of the held-out stamps and scored on the other.
     *
     * @param target        "log10 flux", "log10 re", "flux" or "re"
     * @param normalisation the pixels PCA saw: "stretched (the CAE's input)" or "linear (flux-preserving)"
     * @param bestComponent the single component with the highest R² on the fitting half (1-based)
     * @param single        R² of the regression on that component alone
     * @param all           R² of the regression on all components
     * @param cae           R² of the regression on the CAE's one supervised latent for the target
     */
    public record PcaRow(String target, String normalisation, int bestComponent, LinearFits.Score single, LinearFits.Score all,
                         LinearFits.Score cae) {}

    /** A held-out stamp, stretched, and the CAE's reconstruction, with its truth and latents. */
    public record GalleryEntry(int index, Image input, Image reconstruction, double flux, double re, double z1, double z2) {}

    /** Our training run against the paper's, in words. */
    public String budgetNote() {
        long n = training.samples();
        double paper = (double) PAPER_TRAINING_IMAGES * PAPER_EPOCHS;
        return String.format(Locale.ROOT, "Our CAE saw %,d rendered stamps, every one new, in %.1f minutes on this machine's CPU: "
                + "%.0f%% of the paper's %,d stamp presentations (%d epochs over about %d training images, batch size 64), though "
                + "ours never repeat. training.maxMinutes (and maxEpochs) lengthen the run; configs/cae.yaml gives the settings of "
                + "the full recipe.", n, training.minutes(), 100 * n / paper, (long) paper, PAPER_EPOCHS, PAPER_TRAINING_IMAGES);
    }
}
