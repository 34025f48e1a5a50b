package org.sersic4j.validation.cae;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sersic4j.compare.report.Charts;
import org.sersic4j.compare.report.HtmlReport;
import org.sersic4j.compare.report.HtmlReport.Figure;
import org.sersic4j.compare.report.HtmlReport.Picture;
import org.sersic4j.compare.report.StampImages;
import org.sersic4j.render.Image;
import org.sersic4j.io.AtomicWrite;
import org.sersic4j.validation.Campaigns;
import org.sersic4j.validation.ClaimsTable;
import org.sersic4j.validation.vae.VaeTrainingRecord;

/**
 * The campaign's {@code report.html}: the claims beside the paper's, how the measurements were made, the training run,
 * the latents against flux and r_e (controlled sets and held-out stamps), the latent sweeps as image strips, the PCA
 * table and a reconstruction gallery, as one self-contained page.
 */
public final class CaeReport {
    private static final Color Z1 = new Color(0x0072B2), Z2 = new Color(0xD55E00);
    /** Stretched pixels are drawn nearly linearly from 0 (black) to 1 (white). */
    private static final StampImages.Stretch UNIT = new StampImages.Stretch(0, 1, 10);

    private CaeReport() {}

    /** The page. */
    public static String html(CaeOutcome o) {
        HtmlReport r = new HtmlReport("CAE campaign: " + CaeSummary.PAPER);
        claims(r, o);
        method(r, o);
        training(r, o);
        latents(r, o);
        sweeps(r, o);
        pca(r, o);
        gallery(r, o);
        return r.toHtml();
    }

    /** Writes {@code report.html}. */
    public static void write(Path file, CaeOutcome o) throws IOException {
        AtomicWrite.writeString(file, html(o));
    }

    private static void claims(HtmlReport r, CaeOutcome o) {
        ClaimsTable.add(r, "Claims", o.claims(), "The paper's claims beside our measurements (95% interval: Fisher for r, bootstrap "
                + "over the scoring half for R²).");
        r.paragraph("Our copy of the paper's text has lost its formulas and with them every coefficient and R² it reports; the paper column "
                + "quotes its words, and the thresholds that turn them into a verdict are ours (the rules above).");
    }

    private static void method(HtmlReport r, CaeOutcome o) {
        r.section("method", "How the measurements were made");
        var n = o.config().network();
        var ev = o.config().evaluation();
        r.list(List.of(
                "Model: conditional autoencoder, encoder 3×3 ReLU convolutions of " + n.conv() + " channels each followed by 2×2 max "
                        + "pooling; latent of 2 linear units (z1, z2) and " + (n.latent() - 2) + " ReLU units; mirror decoder (dense, "
                        + "reshape, upsampling and convolutions, one-channel sigmoid). Loss: mean binary cross-entropy per pixel + λ1 × MSE "
                        + "of (z1, z2) against the targets + λ2 × L1 of the other latents, λ1 = " + o.config().training().lambdaPhysical()
                        + ", λ2 = " + o.config().training().lambdaSparsity() + ".",
                "Normalisation: " + CaeCampaign.NORMALISATION,
                "This run: " + o.normalisation() + ".",
                "Controlled sets: " + ev.controlled() + " stamps each of one base galaxy (the middle of every training range; flux and "
                        + "r_e at the geometric middle; the middle PSF and noise), with only the flux, or only r_e, log-spaced over its "
                        + "training range; new noise in every stamp.",
                "Sweeps: the base galaxy's latent with z1, or z2, set to " + ev.sweepSteps() + " values from −" + ev.sweepRange() + " to +"
                        + ev.sweepRange() + " (the targets span [−1, 1]); each decoded stamp is mapped back to ADU by the inverse stretch, "
                        + "its border median subtracted and the pixels below 3σ of its border zeroed (the decoder's haze), and "
                        + "measured: total flux, and the radius holding half of it about its light-weighted centre.",
                "PCA: " + ev.components() + " components of the held-out stamps' pixels (" + ev.heldOut() + " stamps from seed "
                        + o.heldOutSeed() + ", drawn like the training set); PCA and every linear regression are fitted on the first "
                        + "half and R² = 1 − SS_res/SS_tot is computed on the second. The best single component is the one with the "
                        + "highest R² on the fitting half. The CAE's R² is that of a linear regression of the target on its one "
                        + "supervised latent, on the same halves."));
    }

    private static void training(HtmlReport r, CaeOutcome o) {
        r.section("training", "Training");
        VaeTrainingRecord t = o.training();
        r.paragraph(String.format(Locale.ROOT, "%s: %d epochs, %,d stamps, %.1f minutes; stopped: %s. Last epoch's mean loss %s; the "
                        + "kept model's validation loss %s.", t.trainedHere() ? "Trained in this run" : "Loaded from " + t.model(), t.epochs(),
                t.samples(), t.minutes(), t.stoppedBecause(), Campaigns.number(t.finalTrainLoss()), Campaigns.number(t.bestValidationLoss())));
        r.paragraph(o.budgetNote());
        if (t.history().isEmpty()) return;
        XYChart c = chart("Loss per epoch", "epoch", "loss per stamp");
        double[] e = col(t.history(), 0);
        line(c, "training", e, col(t.history(), 1), Z1);
        line(c, "validation", e, col(t.history(), 2), Z2);
        List<Figure> figs = new ArrayList<>(List.of(Figure.of(new Picture(Charts.png(c), "loss per epoch"), "")));
        if (t.history().get(0).length >= 5) {
            XYChart m = chart("Validation MSE of z1, z2", "epoch", "MSE (targets in [-1, 1])");
            line(m, "validation", e, col(t.history(), 3), Z2);
            figs.add(Figure.of(new Picture(Charts.png(m), "validation MSE of the physical latents"), ""));
        }
        r.figureGrid(figs, 420);
    }

    private static void latents(HtmlReport r, CaeOutcome o) {
        r.section("latents", "Latents against flux and size");
        List<Figure> figs = new ArrayList<>();
        for (CaeOutcome.Controlled c : List.of(o.fluxSet(), o.sizeSet())) {
            boolean flux = "flux".equals(c.varied());
            String what = flux ? "flux [ADU]" : "r_e [px]";
            XYChart ch = chart("Controlled set: only " + (flux ? "the flux" : "r_e") + " varies", what, "latent");
            ch.getStyler().setXAxisLogarithmic(true);
            scatter(ch, "z1", c.values(), c.z1(), Z1);
            scatter(ch, "z2", c.values(), c.z2(), Z2);
            figs.add(Figure.of(new Picture(Charts.png(ch), "controlled set " + c.varied()), String.format(Locale.ROOT,
                    "r(%s, log10 %s) = %.3f [%.3f, %.3f]; r with the other latent %.3f; slope ratio (other/supervised) %.3f", flux ? "z1" : "z2",
                    c.varied(), c.r(), c.rLow(), c.rHigh(), c.crossR(), c.leakage())));
        }
        CaeOutcome.HeldOut h = o.heldOut();
        XYChart a = chart("Held-out stamps: z1 against flux", "log10 flux [ADU]", "z1");
        scatter(a, "held-out", h.logFlux(), h.z1(), Z1);
        XYChart b = chart("Held-out stamps: z2 against r_e", "log10 r_e [px]", "z2");
        scatter(b, "held-out", h.logRe(), h.z2(), Z2);
        figs.add(Figure.of(new Picture(Charts.png(a), "held-out z1"), String.format(Locale.ROOT, "r = %.3f over %d held-out stamps (all "
                + "parameters varying)", LinearFits.pearson(h.z1(), h.logFlux()), h.z1().length)));
        figs.add(Figure.of(new Picture(Charts.png(b), "held-out z2"), String.format(Locale.ROOT, "r = %.3f over %d held-out stamps",
                LinearFits.pearson(h.z2(), h.logRe()), h.z2().length)));
        r.figureGrid(figs, 420);
    }

    private static void sweeps(HtmlReport r, CaeOutcome o) {
        r.section("sweeps", "Latent sweeps");
        r.paragraph("Each strip decodes the base galaxy's latent with one coordinate swept from left to right, all others fixed, drawn "
                + "on one common scale (stretched pixels 0 to 1). FITS y is up.");
        for (CaeOutcome.Sweep s : o.sweeps()) {
            List<Picture> pics = new ArrayList<>();
            for (int i = 0; i < s.images().size(); i++)
                pics.add(new Picture(StampImages.greyscalePng(s.images().get(i), UNIT), s.latent() + " = " + Campaigns.number(s.z()[i]), true));
            r.figure(new Figure(pics, String.format(Locale.ROOT, "Sweep of %s from %s to %s: decoded flux %s → %s ADU, decoded r_e %s → %s px; "
                            + "Spearman ρ %.2f", s.latent(), Campaigns.number(s.z()[0]), Campaigns.number(s.z()[s.z().length - 1]), Campaigns.number(s.flux()[0]),
                    Campaigns.number(s.flux()[s.flux().length - 1]), Campaigns.number(s.re()[0]), Campaigns.number(s.re()[s.re().length - 1]), s.rho())));
        }
        List<List<String>> rows = new ArrayList<>();
        for (CaeOutcome.Sweep s : o.sweeps())
            for (int i = 0; i < s.z().length; i++) rows.add(List.of(s.latent(), Campaigns.number(s.z()[i]), Campaigns.number(s.flux()[i]), Campaigns.number(s.re()[i])));
        r.table("Decoded flux and half-light radius along the sweeps", List.of("latent", "value", "decoded flux [ADU]", "decoded r_e [px]"),
                rows, 1);
    }

    private static void pca(HtmlReport r, CaeOutcome o) {
        r.section("pca", "PCA against the CAE");
        int k = o.config().evaluation().components();
        List<List<String>> rows = new ArrayList<>();
        for (CaeOutcome.PcaRow p : o.pca())
            rows.add(List.of(p.target(), p.normalisation(), score(p.single()) + " (#" + p.bestComponent() + ")", score(p.all()), score(p.cae())));
        r.table("Out-of-sample R² (95% bootstrap interval) of linear regressions: on the best single principal component, on all " + k
                        + ", and on the CAE's one supervised latent (z1 for flux, z2 for r_e; the CAE always sees the stretched pixels)",
                List.of("target", "PCA pixels", "best single component", "all " + k + " components", "CAE, one latent"), rows, 2);
        double[] ev = o.explainedVariance();
        double cum = 0;
        for (double v : ev) cum += v;
        r.paragraph(String.format(Locale.ROOT, "The %d components hold %.1f%% of the stretched pixels' variance (the first %.1f%%). With "
                + "linear, flux-preserving pixels the flux is a linear function of the image (its sum over the stamp, divided by the "
                + "ceiling), which is what the linear rows test.", ev.length, 100 * cum, 100 * ev[0]));
    }

    private static void gallery(HtmlReport r, CaeOutcome o) {
        r.section("gallery", "Reconstructions");
        if (o.gallery().isEmpty()) {
            r.noData("No gallery was asked for (evaluation.gallery = 0).");
            return;
        }
        r.paragraph("Each row: a held-out stamp as the CAE sees it (stretched), its reconstruction, both on the same 0–1 scale, and the "
                + "difference (±3 robust σ of the input's background). FITS y is up.");
        for (CaeOutcome.GalleryEntry g : o.gallery()) {
            Image diff = Campaigns.minus(g.input(), g.reconstruction());
            double sigma = Math.max(StampImages.robustSigma(g.input()), 1e-3);
            r.figure(new Figure(List.of(new Picture(StampImages.greyscalePng(g.input(), UNIT), "input", true),
                    new Picture(StampImages.greyscalePng(g.reconstruction(), UNIT), "reconstruction", true),
                    new Picture(StampImages.residualPng(diff, sigma), "input minus reconstruction", true)),
                    String.format(Locale.ROOT, "Stamp %d: flux %s ADU, r_e %s px; z1 %s (→ flux %s), z2 %s (→ r_e %s px)", g.index(), Campaigns.number(g.flux()),
                            Campaigns.number(g.re()), Campaigns.number(g.z1()), Campaigns.number(new org.sersic4j.learn.cae.CaeInput(o.config()).flux(g.z1())), Campaigns.number(g.z2()),
                            Campaigns.number(new org.sersic4j.learn.cae.CaeInput(o.config()).re(g.z2())))));
        }
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setLegendVisible(true);
        return c;
    }

    private static void scatter(XYChart c, String name, double[] x, double[] y, Color colour) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 140));
    }

    private static void line(XYChart c, String name, double[] x, double[] y, Color colour) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
    }

    private static double[] col(List<double[]> rows, int j) {
        return rows.stream().mapToDouble(h -> h.length > j ? h[j] : Double.NaN).toArray();
    }


    private static String score(LinearFits.Score s) {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", s.r2(), s.low(), s.high());
    }

}
