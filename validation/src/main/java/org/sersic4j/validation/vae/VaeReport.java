package org.sersic4j.validation.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.sersic4j.compare.report.Charts;
import org.sersic4j.compare.report.HtmlReport;
import org.sersic4j.compare.report.HtmlReport.Figure;
import org.sersic4j.compare.report.HtmlReport.Picture;
import org.sersic4j.compare.report.StampImages;
import org.sersic4j.validation.Campaigns;
import org.sersic4j.validation.ClaimsTable;
import org.sersic4j.io.AtomicWrite;

/**
 * The campaign's {@code report.html}: the claims beside ours, how the comparison was made, the training run against
 * the paper's, histograms of the per-stamp differences, the breakdown by S/N, and a reconstruction gallery (data, VAE
 * mean, VAE σ, Gaussian fit, both residuals), as one self-contained page.
 */
public final class VaeReport {
    private VaeReport() {}

    /** The page. */
    public static String html(VaeOutcome o) {
        HtmlReport r = new HtmlReport("VAE campaign: " + VaeSummary.PAPER);
        claims(r, o);
        method(r, o);
        training(r, o);
        differences(r, o);
        gallery(r, o);
        return r.toHtml();
    }

    /** Writes {@code report.html}. */
    public static void write(Path file, VaeOutcome o) throws IOException {
        AtomicWrite.writeString(file, html(o));
    }

    private static void claims(HtmlReport r, VaeOutcome o) {
        ClaimsTable.add(r, "Claims", o.claims(), "The paper's held-out counts beside ours (95% Wilson interval of our fraction).");
    }

    private static void method(HtmlReport r, VaeOutcome o) {
        r.section("method", "How the comparison was made");
        var n = o.config().network();
        r.list(List.of(
                "Model: a variational autoencoder, encoder " + n.encoder() + " and decoder " + n.decoder() + " dense ReLU units, latent "
                        + "dimension " + n.latent() + "; the decoder gives a mean and a log-variance per pixel (variance = exp of a linear "
                        + "output); trained on the negative ELBO with the reparameterisation trick.",
                "Input normalisation: " + VaeCampaign.NORMALISATION,
                "Held-out stamps: " + o.scores().size() + " rendered from seed " + o.heldOutSeed() + ", unseen in training and validation.",
                "(a) Squared error: the VAE's mean reconstruction f_μ(g_μ(x)) against the best scaled bivariate Gaussian (BFGS on "
                        + "the mean squared error over six parameters), per stamp.",
                "(b) Log-likelihood: the VAE's Gaussian log-likelihood with its per-pixel variance at z = g_μ(x), against the "
                        + "Gaussian fit's at its best common pixel variance (the mean squared residual, in closed form).",
                "Units: both models are scored on the same scaled stamp; in ADU both log-likelihoods fall by N ln s, so no "
                        + "comparison changes."));
    }

    private static void training(HtmlReport r, VaeOutcome o) {
        r.section("training", "Training");
        VaeTrainingRecord t = o.training();
        r.paragraph(String.format(Locale.ROOT, "%s: %d epochs, %,d stamps, %.1f minutes; stopped: %s. Last epoch's mean ELBO %.1f "
                        + "nats per stamp; the kept model's validation ELBO %.1f (scaled units).",
                t.trainedHere() ? "Trained in this run" : "Loaded from " + t.model(), t.epochs(), t.samples(), t.minutes(),
                t.stoppedBecause(), -t.finalTrainLoss(), -t.bestValidationLoss()));
        r.paragraph(o.budgetNote());
        if (t.history().isEmpty()) return;
        List<List<String>> rows = new ArrayList<>();
        for (double[] h : t.history())
            rows.add(List.of(String.format(Locale.ROOT, "%.0f", h[0]), Campaigns.number(-h[1]), Campaigns.number(-h[2]), String.format(Locale.ROOT, "%.1f", h[3])));
        r.table("ELBO per epoch [nats per stamp]", List.of("epoch", "training ELBO", "validation ELBO", "minutes"), rows, 0);
    }

    private static void differences(HtmlReport r, VaeOutcome o) {
        r.section("differences", "Per-stamp differences");
        Charts charts = new Charts(List.of("held-out stamps"));
        List<Figure> figures = new ArrayList<>();
        histogram(charts, o, VaeStampScore::logMseRatio, "Squared error: log10(MSE Gaussian / MSE VAE)",
                "log10(MSE Gaussian / MSE VAE); > 0: the VAE fits more closely", figures);
        histogram(charts, o, VaeStampScore::logLikelihoodGainPerPixel, "Log-likelihood gain of the VAE per pixel",
                "(ln L VAE − ln L Gaussian) / N [nats per pixel]; > 0: the VAE is more likely", figures);
        r.figureGrid(figures, 420);
        r.paragraph(String.format(Locale.ROOT, "Medians: log10 MSE ratio %s, log-likelihood gain %s nats per pixel. Gaussian fits "
                        + "that did not converge: %d of %d (scored as they stand).", Campaigns.number(o.median(VaeStampScore::logMseRatio)),
                Campaigns.number(o.median(VaeStampScore::logLikelihoodGainPerPixel)), o.gaussianNotConverged(), o.scores().size()));
        List<List<String>> rows = new ArrayList<>();
        for (VaeOutcome.Bin b : o.bySnr())
            rows.add(List.of(b.label(), Integer.toString(b.stamps()), b.vaeFitsCloser() + " (" + pct((double) b.vaeFitsCloser() / b.stamps()) + ")",
                    b.vaeMoreLikely() + " (" + pct((double) b.vaeMoreLikely() / b.stamps()) + ")"));
        r.table("Stamps favouring the VAE, by matched-filter S/N", List.of("S/N", "stamps", "(a) closer in squared error",
                "(b) more likely"), rows, 1);
    }

    private static void histogram(Charts charts, VaeOutcome o, ToDoubleFunction<VaeStampScore> f, String title, String axis,
                                  List<Figure> figures) {
        double[] v = VaeOutcome.finiteSorted(o.values(f));
        if (v.length == 0) return;
        double lo = Math.min(v[(int) (0.01 * (v.length - 1))], 0), hi = Math.max(v[(int) Math.ceil(0.99 * (v.length - 1))], 0);
        double pad = 0.05 * (hi - lo);
        if (!(pad > 0)) pad = Math.max(1e-3, Math.abs(lo) * 0.1);
        charts.histogram(title, axis, Map.of("held-out stamps", v), lo - pad, hi + pad, new double[] {0}, "Values outside the 1st–99th "
                        + "percentiles")
                .ifPresent(p -> figures.add(Figure.of(new Picture(p.png(), title), p.note())));
    }

    private static void gallery(HtmlReport r, VaeOutcome o) {
        r.section("gallery", "Reconstructions");
        if (o.gallery().isEmpty()) {
            r.noData("No gallery was asked for (evaluation.gallery = 0).");
            return;
        }
        r.paragraph("Each row: the data x, the VAE's mean reconstruction f_μ(g_μ(x)) and its per-pixel σ, the best scaled "
                + "bivariate Gaussian, and the residuals data − VAE and data − Gaussian (both at ±3 noise σ). The first rows "
                + "are the first held-out stamps; the last are those where the VAE's squared error is worst relative to the "
                + "Gaussian's. FITS y is up.");
        for (VaeGalleryEntry g : o.gallery()) {
            StampImages.Stretch stretch = StampImages.Stretch.of(g.data());
            double sigma = g.noise() > 0 ? g.noise() : StampImages.robustSigma(g.data());
            VaeStampScore s = g.score();
            List<Picture> pics = List.of(
                    new Picture(StampImages.greyscalePng(g.data(), stretch), "data", true),
                    new Picture(StampImages.greyscalePng(g.vaeMean(), stretch), "VAE mean", true),
                    new Picture(StampImages.greyscalePng(g.vaeSigma()), "VAE sigma", true),
                    new Picture(StampImages.greyscalePng(g.gaussian(), stretch), "Gaussian fit", true),
                    new Picture(StampImages.residualPng(Campaigns.minus(g.data(), g.vaeMean()), sigma), "data minus VAE", true),
                    new Picture(StampImages.residualPng(Campaigns.minus(g.data(), g.gaussian()), sigma), "data minus Gaussian", true));
            r.figure(new Figure(pics, String.format(Locale.ROOT, "Stamp %d, S/N %.0f: MSE VAE %s vs Gaussian %s; ln L VAE %s vs Gaussian %s "
                            + "(data | VAE mean | VAE σ | Gaussian | data − VAE | data − Gaussian)", s.index(), s.snr(), Campaigns.number(s.mseVae()),
                    Campaigns.number(s.mseGaussian()), Campaigns.number(s.logLikelihoodVae()), Campaigns.number(s.logLikelihoodGaussian()))));
        }
    }


    private static String pct(double f) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * f);
    }

}
