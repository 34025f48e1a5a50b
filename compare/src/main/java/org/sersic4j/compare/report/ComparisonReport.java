package org.sersic4j.compare.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.sersic4j.compare.Parameter;
import org.sersic4j.compare.ParameterMetrics;
import org.sersic4j.compare.report.Charts.BinMetric;
import org.sersic4j.compare.report.Charts.Plot;
import org.sersic4j.compare.report.HtmlReport.Figure;
import org.sersic4j.compare.report.HtmlReport.Picture;
import org.sersic4j.compare.result.BinnedMetrics;
import org.sersic4j.compare.result.ComparisonResult;
import org.sersic4j.compare.result.EstimatorMetrics;
import org.sersic4j.compare.result.EstimatorRun;
import org.sersic4j.compare.result.GalleryEntry;
import org.sersic4j.compare.result.RealGalaxyRow;
import org.sersic4j.compare.result.TruthRow;
import org.sersic4j.io.AtomicWrite;

/**
 * A comparison as one self-contained HTML page: summary and notes, the metrics tables, truth against estimate, Δ
 * histograms, metrics by S/N and by n, timing, the gallery of stamps and the real galaxies, in that order. Every
 * section shows something or says plainly that there is nothing to show; empty lists, NaN metrics (written "—") and
 * estimators without any answer are allowed anywhere.
 */
public final class ComparisonReport {

    static {
        Headless.ensure();
    }

    /** The section headings, in page order. */
    public static final List<String> SECTION_HEADINGS = List.of("Summary and notes", "Metrics", "Truth against estimate",
            "Δ histograms", "Metrics by S/N and by n", "Timing", "Gallery", "Real galaxies");

    private static final String[] SECTION_IDS = {"summary", "metrics", "scatter", "deltas", "binned", "timing", "gallery", "real"};

    private static final int WIDE_COLUMN = Charts.WIDTH - 40, NARROW_COLUMN = Charts.SMALL_WIDTH - 20, STAMP_COLUMN = 3 * (StampImages.TARGET_PIXELS + 2) + 2 * 4;

    private ComparisonReport() {
    }

    /**
     * Writes the report of a comparison to {@code htmlFile} (UTF-8), through a temporary file and a rename so that a
     * failure never leaves half a page.
     *
     * @throws org.sersic4j.io.InvalidInputException when the file cannot be written
     */
    public static void write(ComparisonResult result, Path htmlFile) {
        write(result, htmlFile, null);
    }

    /**
     * {@link #write(ComparisonResult, Path)} with sections of the caller's first (e.g. a campaign's claims).
     *
     * @param preface adds sections before the comparison's own; may be null
     */
    public static void write(ComparisonResult result, Path htmlFile, Consumer<HtmlReport> preface) {
        byte[] page = html(result, preface).getBytes(StandardCharsets.UTF_8);
        AtomicWrite.write(htmlFile, out -> out.write(page));
    }

    /** The report of a comparison as HTML text. */
    public static String html(ComparisonResult result) {
        return html(result, null);
    }

    /** The report of a comparison as HTML text, with the sections {@code preface} adds (may be null) first. */
    public static String html(ComparisonResult result, Consumer<HtmlReport> preface) {
        String title = result.title() == null || result.title().isBlank() ? "sersic4j comparison" : result.title();
        HtmlReport page = new HtmlReport(title);
        if (preface != null) preface.accept(page);
        List<String> names = estimatorNames(result);
        Charts charts = new Charts(names);
        summary(open(page, 0), result, names);
        metrics(open(page, 1), listOrEmpty(result.metrics()));
        Map<Parameter, List<Paired>> pairs = pairs(result);
        perParameter(open(page, 2), pairs, "No truth or no estimates in this run, so nothing to plot against the truth.",
                "Each point is one galaxy; the dashed line is estimate = truth. Flux and re use log axes when their true "
                        + "values span a factor of 10; PA estimates are unwrapped to within 90° of the truth.",
                "finite estimates",
                (p, ps) -> new Item(p.column(), charts.scatter(p, ps), p.column() + ": estimate against truth. " + missing(ps)));
        perParameter(open(page, 3), pairs, "No truth or no estimates in this run, so no errors to histogram.",
                "The distribution of Δ per estimator, as the fraction of its galaxies in each bin; dashed lines at 0 and at "
                        + "the outlier thresholds.",
                "finite errors",
                (p, ps) -> new Item(p.column(), charts.deltaHistogram(p, ps), p.column() + ": " + Labels.delta(p) + ". " + missing(ps)));
        binned(open(page, 4), listOrEmpty(result.bins()), charts);
        timing(open(page, 5), listOrEmpty(result.metrics()), charts);
        gallery(open(page, 6), listOrEmpty(result.gallery()));
        real(open(page, 7), listOrEmpty(result.real()), listOrEmpty(result.realGallery()));
        if (result.components() != null) components(page, result.components());
        return page.toHtml();
    }

    /** The multi-component view's section: per-component metrics and model selection. */
    @SuppressWarnings("unchecked")
    private static void components(HtmlReport page, Map<String, Object> view) {
        page.section("components", ComponentSections.HEADING);
        page.paragraph("The truth set describes its stamps component by component. The tables above score every answer against"
                + " the truth's one-Sérsic columns (x0, y0 the centre, flux the total, re, n, q, pa the disc's or the one Sérsic's);"
                + " this section scores each component by name, B/T and the total flux.");
        ComponentSections.metrics(page, (List<Map<String, Object>>) view.get("metrics"));
        Object sel = view.get("selection");
        if (sel != null) ComponentSections.selection(page, (Map<String, Object>) sel);
    }

    /** The list, or an empty one for null. */
    static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static HtmlReport open(HtmlReport page, int i) {
        return page.section(SECTION_IDS[i], SECTION_HEADINGS.get(i));
    }

    private static void summary(HtmlReport page, ComparisonResult r, List<String> names) {
        List<TruthRow> truth = listOrEmpty(r.truth());
        page.paragraph(truth.isEmpty() ? "No simulated galaxies with known truth in this run."
                : truth.size() + " simulated galaxies with known truth.");
        page.paragraph(names.isEmpty() ? "No estimators ran." : names.size() + (names.size() == 1 ? " estimator: " : " estimators: ")
                + String.join(", ", names) + ".");
        double[] snr = Robust.finiteSorted(truth.stream().filter(t -> t != null).mapToDouble(TruthRow::snr).toArray());
        if (snr.length > 0)
            page.paragraph("S/N of the stamps: median " + Labels.number(Robust.quantile(snr, 0.5)) + ", from "
                    + Labels.number(snr[0]) + " to " + Labels.number(snr[snr.length - 1]) + ".");
        List<RealGalaxyRow> real = listOrEmpty(r.real());
        if (!real.isEmpty()) page.paragraph(real.size() + " answers for real galaxies (no truth), listed at the end.");
        List<String> headlines = new ArrayList<>();
        for (EstimatorMetrics m : listOrEmpty(r.metrics())) if (m != null) headlines.add(headline(m));
        if (!headlines.isEmpty()) {
            page.subheading("At a glance");
            page.list(headlines);
        }
        page.subheading("Notes");
        List<String> notes = listOrEmpty(r.notes()).stream().filter(n -> n != null && !n.isBlank()).toList();
        if (notes.isEmpty()) page.noData("No notes were recorded for this run.");
        else page.list(notes);
    }

    /** "cnn: outliers re 4.0%, n 8.0%; NMAD re 0.031, n 0.052; median 0.002 s/galaxy." */
    private static String headline(EstimatorMetrics m) {
        ParameterMetrics re = null, n = null;
        for (ParameterMetrics pm : listOrEmpty(m.parameters())) {
            if (pm == null) continue;
            if (pm.parameter() == Parameter.RE) re = pm;
            if (pm.parameter() == Parameter.N) n = pm;
        }
        String seconds = m.timing() == null ? Labels.NONE : Labels.number(m.timing().medianSeconds());
        return m.estimator() + ": outliers re " + (re == null ? Labels.NONE : Labels.percent(re.outlierFraction()))
                + ", n " + (n == null ? Labels.NONE : Labels.percent(n.outlierFraction()))
                + "; NMAD re " + (re == null ? Labels.NONE : Labels.number(re.nmad()))
                + ", n " + (n == null ? Labels.NONE : Labels.number(n.nmad()))
                + "; median " + seconds + " s/galaxy.";
    }

    private static void metrics(HtmlReport page, List<EstimatorMetrics> metrics) {
        List<EstimatorMetrics> present = metrics.stream().filter(m -> m != null).toList();
        if (present.isEmpty()) {
            page.noData("No metrics were computed in this run.");
            return;
        }
        page.paragraph("Δ = (est − true)/true for flux, re and n; est − true for mag, q, x0 and y0; PA wrapped into "
                + "(−90°, 90°]. NMAD = 1.4826 · median |Δ − median Δ|. Outliers: |Δ| > 0.15 (flux, re, n, mag, q), "
                + "> 1 px (x0, y0), > 15° (PA, counted only where the true q < 0.9). R² = 1 − SS_res/SS_tot. "
                + "\"failed\" counts galaxies without a finite estimate, left out of every statistic. "
                + MetricsTables.bootstrapSentence(present));
        page.table("Estimators: fit to the data (median reduced χ² and log-likelihood) and time per galaxy",
                MetricsTables.OVERVIEW_HEADER, MetricsTables.overviewRows(present), 1);
        for (EstimatorMetrics m : present) {
            page.subheading("Estimator " + m.estimator());
            List<ParameterMetrics> params = listOrEmpty(m.parameters());
            if (params.isEmpty()) page.noData("No parameter metrics for " + m.estimator() + ": it produced no usable estimate.");
            else page.table("Parameter recovery of " + m.estimator(), MetricsTables.PARAMETER_HEADER, MetricsTables.parameterRows(params), 2);
        }
    }

    /**
     * One plot per parameter in a grid, or the sentence {@code nothing} when there are no pairs of truth and estimate
     * at all; {@code what} names what a parameter without a plot lacks.
     */
    private static void perParameter(HtmlReport page, Map<Parameter, List<Paired>> pairs, String nothing, String intro, String what,
                                     BiFunction<Parameter, List<Paired>, Item> item) {
        if (pairs.isEmpty()) {
            page.noData(nothing);
            return;
        }
        page.paragraph(intro);
        plotGrid(page, WIDE_COLUMN, what, Arrays.stream(Parameter.values())
                .map(p -> (Supplier<Item>) () -> item.apply(p, pairs.get(p))).toList());
    }

    /** Each parameter's pairs of truth and estimate, per run; empty when there is no truth or no run. */
    private static Map<Parameter, List<Paired>> pairs(ComparisonResult r) {
        Map<Parameter, List<Paired>> out = new EnumMap<>(Parameter.class);
        if (listOrEmpty(r.truth()).isEmpty() || listOrEmpty(r.runs()).isEmpty()) return out;
        for (Parameter p : Parameter.values()) out.put(p, Paired.of(r, p));
        return out;
    }

    private static void binned(HtmlReport page, List<BinnedMetrics> bins, Charts charts) {
        page.paragraph("Outlier fraction and NMAD of Δ in bins of the true S/N and the true Sérsic index; error bars are "
                + "the 95% bootstrap intervals. Points of different estimators are spread within each bin so that their "
                + "bars stay apart.");
        for (String by : List.of("snr", "n")) {
            List<BinnedMetrics> mine = bins.stream().filter(b -> b != null && by.equals(b.by())).toList();
            String quantity = Labels.binQuantity(by);
            if (mine.isEmpty()) {
                page.subheading("By " + quantity);
                page.noData("No " + quantity + " bins in this run.");
                continue;
            }
            List<String> ranges = new ArrayList<>();
            for (BinnedMetrics b : mine.stream().sorted((a, c) -> Double.compare(a.lo(), c.lo())).toList())
                ranges.add("[" + Labels.number(b.lo()) + ", " + Labels.number(b.hi()) + "): " + b.count());
            for (BinMetric metric : BinMetric.values()) {
                page.subheading(capitalise(metric.label()) + " by " + quantity);
                if (metric == BinMetric.OUTLIER_FRACTION) page.paragraph("Bins of " + quantity + " and their galaxies: " + String.join("; ", ranges) + ".");
                plotGrid(page, NARROW_COLUMN, "values in any bin", Arrays.stream(Parameter.values()).map(p -> (Supplier<Item>) () ->
                        new Item(p.column(), charts.metricVsBin(p, metric, by, mine), "")).toList());
            }
        }
    }

    private static void timing(HtmlReport page, List<EstimatorMetrics> metrics, Charts charts) {
        Drawn d = draw(() -> new Item("timing", charts.timing(metrics.stream().filter(m -> m != null).toList()),
                "Median and 95th-percentile wall time per galaxy (log axis); a seeded fit includes the network's share."));
        if (d.figure() != null) page.figure(d.figure());
        else page.noData(d.failure() != null ? d.failure() : "No timing was recorded in this run.");
    }

    private static void gallery(HtmlReport page, List<GalleryEntry> entries) {
        List<Figure> figures = Gallery.figures(entries);
        if (figures.isEmpty()) {
            page.noData("No stamps were chosen for the gallery in this run.");
            return;
        }
        page.paragraph("Typical and worst cases per estimator. Stamps are drawn with y upwards; magenta pixels are masked or not finite.");
        page.figureGrid(figures, STAMP_COLUMN);
    }

    private static void real(HtmlReport page, List<RealGalaxyRow> real, List<GalleryEntry> realGallery) {
        List<List<String>> rows = MetricsTables.realRows(real);
        List<Figure> figures = Gallery.figures(realGallery);
        if (rows.isEmpty() && figures.isEmpty()) {
            page.noData("None in this run: no real galaxies were fitted.");
            return;
        }
        if (rows.isEmpty()) {
            page.noData("No answers for real galaxies in this run.");
        } else {
            List<String> estimators = real.stream().filter(r -> r != null).map(RealGalaxyRow::estimator).distinct().toList();
            page.paragraph("Real galaxies have no truth: each answer is judged by its reduced χ² against the galaxy's σ map, "
                    + "over the pixels its mask and segmentation map leave in. One Sérsic profile is an approximation for most "
                    + "galaxies, so χ²ν above 1 is expected. \"Out of range\": the network's answer or input (peak S/N, PSF "
                    + "width) lies outside what it was trained on, so that answer is not to be trusted; on a fit started "
                    + "from the network's answer it marks the starting point, and the fit is judged by its own χ²ν.");
            page.table("χ²ν of each real galaxy under each estimator", MetricsTables.realChi2Header(estimators),
                    MetricsTables.realChi2Rows(real, estimators), 1);
            page.table("Answers for real galaxies (no truth); χ²ν against each galaxy's σ map; flags as in the catalogues",
                    MetricsTables.REAL_HEADER, rows, 2);
        }
        page.subheading("Stamps of real galaxies");
        if (figures.isEmpty()) page.noData("No stamps of real galaxies in this run.");
        else {
            page.paragraph("Magenta pixels are left out of χ²ν (masked, neighbours in the segmentation map, or not finite).");
            page.figureGrid(figures, STAMP_COLUMN);
        }
    }

    /** A plot to show (empty when there is nothing to plot) and its caption. */
    private record Item(String name, Optional<Plot> plot, String caption) {}

    /** The outcome of drawing an item: a figure, nothing to plot (both null), or why it could not be drawn. */
    private record Drawn(String name, Figure figure, String failure) {}

    /** Draws a grid of plots; the ones with nothing to plot are named in one sentence below the grid. */
    private static void plotGrid(HtmlReport page, int column, String what, List<Supplier<Item>> items) {
        List<Figure> figures = new ArrayList<>();
        List<String> empty = new ArrayList<>(), failed = new ArrayList<>();
        for (Supplier<Item> s : items) {
            Drawn d = draw(s);
            if (d.failure() != null) failed.add(d.failure());
            else if (d.figure() == null) empty.add(d.name());
            else figures.add(d.figure());
        }
        if (!figures.isEmpty()) page.figureGrid(figures, column);
        if (!empty.isEmpty()) page.noData("Nothing to plot (no " + what + ") for: " + String.join(", ", empty) + ".");
        for (String f : failed) page.noData(f);
    }

    /** Builds an item and draws its plot, turning a failure into a sentence for the page rather than a missing report. */
    private static Drawn draw(Supplier<Item> s) {
        String name = "a";
        try {
            Item item = s.get();
            name = item.name();
            if (item.plot().isEmpty()) return new Drawn(name, null, null);
            Plot plot = item.plot().get();
            byte[] png = plot.png();
            return new Drawn(name, Figure.of(new Picture(png, item.name()), (item.caption() + " " + plot.note()).strip()), null);
        } catch (RuntimeException e) {
            return new Drawn(name, null, "The " + name + " plot could not be drawn: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + ".");
        }
    }

    private static String missing(List<Paired> pairs) {
        List<String> parts = new ArrayList<>();
        for (Paired p : pairs) if (p.missing() > 0) parts.add(p.estimator() + " " + p.missing());
        return parts.isEmpty() ? "" : "Without a finite estimate: " + String.join(", ", parts) + ".";
    }

    private static List<String> estimatorNames(ComparisonResult r) {
        List<String> names = new ArrayList<>();
        for (EstimatorRun run : listOrEmpty(r.runs())) if (run != null && !names.contains(run.estimator())) names.add(run.estimator());
        for (EstimatorMetrics m : listOrEmpty(r.metrics())) if (m != null && !names.contains(m.estimator())) names.add(m.estimator());
        return names;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
