package org.sersic4j.validation.deblend;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.sersic4j.compare.Parameter;
import org.sersic4j.compare.report.Charts;
import org.sersic4j.compare.report.HtmlReport;
import org.sersic4j.compare.report.HtmlReport.Figure;
import org.sersic4j.compare.report.HtmlReport.Picture;
import org.sersic4j.compare.report.Paired;
import org.sersic4j.compare.report.StampImages;
import org.sersic4j.learn.deblend.BlendBatchRenderer;
import org.sersic4j.learn.deblend.Deblender.Kind;
import org.sersic4j.render.SersicParams;
import org.sersic4j.io.AtomicWrite;
import org.sersic4j.validation.ClaimsTable;
import org.sersic4j.validation.deblend.ImageScores.Metric;

/**
 * The campaign's {@code report.html}: the claims, each model's metrics beside the paper's, a gallery like the paper's
 * Figure 1 (blend, target, conv, VAE-GAN, VAE), the fits of the central galaxy on each route (table and scatter), and
 * the training runs (curves and budget), as one self-contained page.
 */
public final class DeblendReport {
    /** Every gallery panel on the [0, 1] scale of the normalisation, asinh-softened at 0.05 so that faint wings show. */
    static final StampImages.Stretch UNIT = new StampImages.Stretch(0, 1, 0.05);

    private DeblendReport() {}

    /** The page. */
    public static String html(DeblendOutcome o) {
        HtmlReport r = new HtmlReport("Deblending campaign: " + DeblendSummary.PAPER);
        claims(r, o);
        metrics(r, o);
        gallery(r, o);
        fits(r, o);
        training(r, o);
        return r.toHtml();
    }

    /** Writes {@code report.html}. */
    public static void write(Path file, DeblendOutcome o) throws IOException {
        AtomicWrite.writeString(file, html(o));
    }

    private static void claims(HtmlReport r, DeblendOutcome o) {
        ClaimsTable.add(r, "Claims", o.claims(), "The paper's claims beside ours, on " + o.blendReference().mse().length
                + " held-out blends.");
        r.paragraph("The paper's blends are of real Galaxy Zoo colour images; ours are single-band Sérsic galaxies with PSF and noise, "
                + "so the values are not expected to match; the ranking is the comparable claim.");
    }

    private static void metrics(HtmlReport r, DeblendOutcome o) {
        r.section("metrics", "Image metrics");
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<Kind, ImageScores> e : o.scores().entrySet()) {
            List<String> row = new ArrayList<>(List.of(e.getKey().label()));
            for (Metric m : Metric.values()) {
                double[] ci = e.getValue().interval(m);
                row.add(m.format(DeblendClaims.paper(e.getKey(), m)));
                row.add(m.format(e.getValue().mean(m)) + " [" + m.format(ci[0]) + ", " + m.format(ci[1]) + "]");
            }
            rows.add(row);
        }
        List<String> ref = new ArrayList<>(List.of("raw blend (no deblending)"));
        for (Metric m : Metric.values()) {
            ref.add("");
            ref.add(m.format(o.blendReference().mean(m)));
        }
        rows.add(ref);
        r.table("Mean over the held-out blends (95% interval of the mean), beside the paper's values.",
                List.of("model", "MSE paper", "MSE ours", "PSNR paper [dB]", "PSNR ours [dB]", "SSIM paper", "SSIM ours"), rows, 1);
        r.list(List.of("Normalisation: " + BlendBatchRenderer.NORMALISATION + ".",
                "Blends: the central galaxy and a companion from the same ranges at " + o.config().blend().separation() + " px, combined by "
                        + o.config().blend().combine().name().toLowerCase(Locale.ROOT) + "; held-out blends from seed " + o.heldOutSeed()
                        + ", unseen in training and validation.",
                "SSIM: Wang et al. 2004 with an 11×11 Gaussian window of σ = 1.5 px over the valid region, C1 = (0.01 L)², C2 = (0.03 L)², "
                        + "L = 1; PSNR = 10 log10(L²/MSE) per blend (capped at 100 dB), then averaged. The VAEs' deblended image is the "
                        + "decoder at z = μ (no sampling)."));
    }

    private static void gallery(HtmlReport r, DeblendOutcome o) {
        r.section("gallery", "Blends and deblended galaxies");
        if (o.gallery().isEmpty()) {
            r.noData("No gallery was asked for (evaluation.gallery = 0).");
            return;
        }
        r.paragraph("As the paper's Figure 1: each row is one held-out blend, then the target (the central galaxy alone, noiseless), "
                + "then each model's output, all on one grey scale: 0 (black) to 1 (white, the blend's brightest pixel), asinh-softened. "
                + "FITS y is up.");
        for (DeblendOutcome.GalleryRow g : o.gallery()) {
            StampImages.Stretch stretch = UNIT;
            List<Picture> pics = new ArrayList<>(List.of(new Picture(StampImages.greyscalePng(g.blend(), stretch), "blend", true),
                    new Picture(StampImages.greyscalePng(g.target(), stretch), "target", true)));
            StringBuilder cap = new StringBuilder(String.format(Locale.ROOT, "Blend %d, separation %.1f px: blend | target", g.index(), g.separation()));
            for (Map.Entry<Kind, org.sersic4j.render.Image> e : g.outputs().entrySet()) {
                pics.add(new Picture(StampImages.greyscalePng(e.getValue(), stretch), e.getKey().label(), true));
                cap.append(String.format(Locale.ROOT, " | %s (SSIM %.3f)", e.getKey().label(), g.ssim().get(e.getKey())));
            }
            r.figure(new Figure(pics, cap.toString()));
        }
    }

    private static void fits(HtmlReport r, DeblendOutcome o) {
        r.section("fits", "Fitting the central galaxy: raw blend, deblended, isolated");
        if (o.fits().isEmpty()) {
            r.noData("No fits were asked for (evaluation.fits = 0).");
            return;
        }
        r.paragraph("A step past the paper: a single-Sérsic Levenberg–Marquardt fit from the automatic starting point on "
                + o.fitTruth().size() + " held-out blends; the noisy images (isolated galaxy, raw blend) by the Poisson likelihood of "
                + "their noise model (sky, gain, read noise), each deblended output by χ² with the noise model's σ evaluated on that "
                + "output and a free constant background. Δ is relative "
                + "for flux, r_e and n, absolute for q; outliers have |Δ| > 0.15.");
        List<List<String>> rows = new ArrayList<>();
        for (DeblendFits.Route route : o.fits()) {
            rows.add(List.of(route.name(), "(" + route.attempted() + " blends, " + String.format(Locale.ROOT, "%.0f s", route.seconds()) + ")",
                    "", "", "", "", ""));
            for (DeblendFits.Errors e : route.errors())
                rows.add(List.of(route.name(), e.parameter().column(), num(e.medianAbs()), num(e.medianBias()), num(e.nmad()),
                        pct(e.outlierFraction()), Integer.toString(e.failed())));
        }
        r.table("Errors of the fitted central galaxy by route", List.of("route", "parameter", "median |Δ|", "median Δ", "NMAD",
                "outliers", "failed fits"), rows, 2);
        List<String> names = o.fits().stream().map(DeblendFits.Route::name).toList();
        Charts charts = new Charts(names);
        List<Figure> figures = new ArrayList<>();
        for (Parameter p : DeblendFits.PARAMETERS) {
            List<Paired> pairs = new ArrayList<>();
            for (DeblendFits.Route route : o.fits()) pairs.add(paired(route, p, o.fitTruth()));
            charts.scatter(p, pairs).ifPresent(pl -> figures.add(Figure.of(new Picture(pl.png(), p.column() + " scatter"), pl.note())));
        }
        r.figureGrid(figures, 420);
        List<String> about = new ArrayList<>();
        for (DeblendFits.Route route : o.fits()) about.add(route.name() + ": " + route.description() + ".");
        about.addAll(o.fitNotes());
        r.list(about);
    }

    private static Paired paired(DeblendFits.Route route, Parameter p, List<SersicParams> truth) {
        double[] t = new double[truth.size()], e = new double[truth.size()];
        int k = 0;
        for (int i = 0; i < truth.size(); i++) {
            SersicParams est = route.estimates().get(i);
            double v = est == null ? Double.NaN : p.value(est, 0);
            if (!Double.isFinite(v)) continue;
            t[k] = p.value(truth.get(i), 0);
            e[k++] = v;
        }
        return new Paired(route.name(), p, java.util.Arrays.copyOf(t, k), java.util.Arrays.copyOf(e, k), truth.size() - k);
    }

    private static void training(HtmlReport r, DeblendOutcome o) {
        r.section("training", "Training");
        List<List<String>> rows = new ArrayList<>();
        for (DeblendOutcome.ModelRun t : o.runs())
            rows.add(List.of(t.kind().label(), t.trainedHere() ? "here" : t.model(), String.format(Locale.ROOT, "%,d", t.parameters()),
                    Integer.toString(t.epochs()), String.format(Locale.ROOT, "%,d", t.samples()), String.format(Locale.ROOT, "%.1f", t.minutes()),
                    num(t.bestValidationMse()), t.stoppedBecause()));
        r.table("Training runs (validation: MSE of the deblended output on a fixed validation stream; the best epoch is kept)",
                List.of("model", "trained", "parameters", "epochs", "blends", "minutes", "best validation MSE", "stopped"), rows, 2);
        r.paragraph(o.budgetNote());
        XYChart c = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title("Validation MSE during training")
                .xAxisTitle("minutes").yAxisTitle("validation MSE").build();
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        int series = 0;
        for (DeblendOutcome.ModelRun t : o.runs()) {
            if (t.history().isEmpty()) continue;
            double[] x = t.history().stream().mapToDouble(h -> h[3]).toArray(), y = t.history().stream().mapToDouble(h -> h[2]).toArray();
            if (java.util.Arrays.stream(y).anyMatch(v -> !(v > 0))) continue;
            XYSeries s = c.addSeries(t.kind().label(), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            series++;
        }
        if (series > 0) r.figure(Figure.of(new Picture(Charts.png(c), "training curves"), "Validation MSE per epoch against wall-clock minutes."));
    }

    private static String pct(double f) {
        return Double.isFinite(f) ? String.format(Locale.ROOT, "%.1f%%", 100 * f) : "–";
    }

    private static String num(double v) {
        if (!Double.isFinite(v)) return "–";
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
