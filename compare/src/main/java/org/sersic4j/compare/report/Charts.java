package org.sersic4j.compare.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sersic4j.compare.Interval;
import org.sersic4j.compare.Parameter;
import org.sersic4j.compare.ParameterMetrics;
import org.sersic4j.compare.result.BinnedMetrics;
import org.sersic4j.compare.result.EstimatorMetrics;

/**
 * The report's plots, drawn with XChart: truth against estimate, histograms of Δ, a metric against bins of S/N or n
 * with its bootstrap intervals as error bars, and time per galaxy. Each estimator keeps one colour in every plot,
 * fixed by its place in the list given to the constructor. A factory returns nothing when there is nothing to plot.
 */
public final class Charts {

    static {
        Headless.ensure();
    }

    /** Size in pixels of a large plot (scatter, histogram, timing). */
    public static final int WIDTH = 600, HEIGHT = 460;

    /** Size in pixels of a small plot (one of many metric-against-bin panels). */
    public static final int SMALL_WIDTH = 390, SMALL_HEIGHT = 300;

    /** Bins of a Δ histogram. */
    public static final int HISTOGRAM_BINS = 40;

    /** Okabe–Ito colours, readable with the common colour-vision deficiencies; repeated past the eighth estimator. */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0x8C6D31)};

    private static final String LOG_PATTERN = "#,##0.######";
    private static final Color GUIDE = new Color(0x6E7781);
    private static final BasicStroke DASHED = new BasicStroke(1.3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    /** A plot and a sentence for its caption about what it leaves out (empty when it leaves nothing out). */
    public record Plot(Chart<?, ?> chart, String note) {
        /** The plot as PNG bytes. */
        public byte[] png() {
            return Charts.png(chart);
        }
    }

    /** A metric of {@link ParameterMetrics} that can be plotted against bins, with its interval. */
    public enum BinMetric {
        /** Fraction of outliers. */
        OUTLIER_FRACTION("outlier fraction"),
        /** NMAD of Δ. */
        NMAD("NMAD of Δ");

        private final String label;

        BinMetric(String label) {
            this.label = label;
        }

        /** The metric's name as the report writes it. */
        public String label() {
            return label;
        }

        /** The metric's value. */
        public double value(ParameterMetrics m) {
            return this == OUTLIER_FRACTION ? m.outlierFraction() : m.nmad();
        }

        /** The metric's 95% interval. */
        public Interval interval(ParameterMetrics m) {
            return this == OUTLIER_FRACTION ? m.outlierFractionInterval() : m.nmadInterval();
        }
    }

    private final Map<String, Color> colours = new LinkedHashMap<>();

    /** Charts whose estimators take their colours in this order. */
    public Charts(List<String> estimators) {
        for (String e : estimators) colours.putIfAbsent(e, PALETTE[colours.size() % PALETTE.length]);
    }

    /** The colour of an estimator (a new one gets the next colour). */
    public Color colour(String estimator) {
        return colours.computeIfAbsent(estimator, e -> PALETTE[colours.size() % PALETTE.length]);
    }

    /**
     * Estimate against truth for one parameter, one series per estimator, with the 1:1 line dashed. Flux and r_e use
     * log axes when their true values are positive and span a factor of 10 or more. PA estimates are unwrapped to
     * within 90° of the truth. Both axes share one range, wide enough for the truth and for estimates off by a few
     * NMAD; estimates beyond it are left out and counted in the note.
     */
    public Optional<Plot> scatter(Parameter p, List<Paired> pairs) {
        List<Paired> used = pairs.stream().filter(x -> x.size() > 0).toList();
        if (used.isEmpty()) return Optional.empty();
        double[] allTruth = used.stream().flatMapToDouble(x -> Arrays.stream(x.truth())).toArray();
        double tMin = Arrays.stream(allTruth).min().orElseThrow(), tMax = Arrays.stream(allTruth).max().orElseThrow();
        boolean log = (p == Parameter.FLUX || p == Parameter.RE) && tMin > 0 && tMax / tMin >= 10;
        Axis axis = log ? Axis.LOG : Axis.LINEAR;

        double spread = 0;
        for (Paired x : used) {
            double[] d = new double[x.size()];
            for (int i = 0; i < d.length; i++) d[i] = axis.to(shown(p, x, i)) - axis.to(x.truth()[i]);
            spread = Math.max(spread, Robust.nmad(d));
        }
        double lo = axis.to(tMin), hi = axis.to(tMax);
        double margin = Math.max(0.25 * (hi - lo), 5 * spread);
        if (!(margin > 0)) margin = Math.max(Math.abs(hi) * 0.05, 1e-6);
        double winLo = lo - margin, winHi = hi + margin;

        XYChart c = xyChart(WIDTH, HEIGHT, p.column() + ": estimate against truth", "true " + Labels.quantity(p), "estimated " + Labels.quantity(p));
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        List<String> left = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Paired x : used) {
            double[] xs = new double[x.size()], ys = new double[x.size()];
            int k = 0;
            for (int i = 0; i < x.size(); i++) {
                double y = shown(p, x, i);
                double ya = axis.to(y);
                if (!(ya >= winLo && ya <= winHi)) continue;
                xs[k] = x.truth()[i];
                ys[k] = y;
                min = Math.min(min, Math.min(xs[k], ys[k]));
                max = Math.max(max, Math.max(xs[k], ys[k]));
                k++;
            }
            if (k < x.size()) left.add(x.estimator() + " " + (x.size() - k));
            if (k == 0) continue;
            XYSeries s = c.addSeries(unique(names, x.estimator()), Arrays.copyOf(xs, k), Arrays.copyOf(ys, k));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(translucent(colour(x.estimator())));
        }
        if (min > max) return Optional.empty();
        double[] range = axis.pad(min, max);
        XYSeries one = c.addSeries(unique(names, "1:1"), range, range);
        guide(one);
        AxesChartStyler st = c.getStyler();
        axes(st, log, log);
        st.setXAxisMin(range[0]);
        st.setXAxisMax(range[1]);
        st.setYAxisMin(range[0]);
        st.setYAxisMax(range[1]);
        String note = left.isEmpty() ? "" : "Estimates beyond the plotted range, not shown: " + String.join(", ", left) + ".";
        return Optional.of(new Plot(c, note));
    }

    /**
     * Histograms of Δ for one parameter, one outline per estimator, as the fraction of that estimator's finite Δ per
     * bin. The range is symmetric about 0: twice the outlier threshold or five times the largest NMAD, whichever is
     * wider, but no wider than the largest |Δ|. Dashed lines mark the outlier thresholds; values beyond the range are
     * counted in the note.
     */
    public Optional<Plot> deltaHistogram(Parameter p, List<Paired> pairs) {
        Map<String, double[]> deltas = new LinkedHashMap<>();
        double widest = 0, largest = 0;
        for (Paired x : pairs) {
            double[] d = Arrays.stream(x.deltas()).filter(Double::isFinite).toArray();
            if (d.length == 0) continue;
            deltas.put(x.estimator(), d);
            widest = Math.max(widest, Robust.nmad(d));
            for (double v : d) largest = Math.max(largest, Math.abs(v));
        }
        if (deltas.isEmpty()) return Optional.empty();
        double thr = p.outlierThreshold();
        double w = Math.max(2 * thr, 5 * widest);
        if (largest > 0 && largest < w) w = largest * 1.05;
        if (!(w > 0)) w = thr;

        List<Double> guides = new ArrayList<>();
        for (double at : new double[] {-thr, 0, thr}) if (at >= -w && at <= w) guides.add(at);
        return histogram(p.column() + ": distribution of Δ", Labels.delta(p), deltas, -w, w, toArray(guides),
                "Values beyond ±" + Labels.number(w));
    }

    /**
     * Outline histograms over [lo, hi] in {@value #HISTOGRAM_BINS} bins, one per series (named by its key), each as
     * the fraction of that series' finite values per bin, with dashed vertical guides at {@code guides}. Values outside
     * the range are counted in the note, which starts with {@code outsideLabel}. Empty when no series has a finite
     * value or the range is empty.
     */
    public Optional<Plot> histogram(String title, String xTitle, Map<String, double[]> series, double lo, double hi, double[] guides,
                                    String outsideLabel) {
        Map<String, double[]> finite = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] d = Arrays.stream(e.getValue()).filter(Double::isFinite).toArray();
            if (d.length > 0) finite.put(e.getKey(), d);
        }
        if (finite.isEmpty() || !(hi > lo)) return Optional.empty();
        XYChart c = xyChart(WIDTH, HEIGHT, title, xTitle, "fraction of galaxies per bin");
        double binWidth = (hi - lo) / HISTOGRAM_BINS, top = 0;
        List<String> left = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, double[]> e : finite.entrySet()) {
            double[] d = e.getValue();
            int[] counts = new int[HISTOGRAM_BINS];
            int outside = 0;
            for (double v : d) {
                int b = (int) Math.floor((v - lo) / binWidth);
                if (v == hi) b = HISTOGRAM_BINS - 1;
                if (v < lo || v > hi || b < 0 || b >= HISTOGRAM_BINS) outside++;
                else counts[b]++;
            }
            if (outside > 0) left.add(e.getKey() + " " + outside + " of " + d.length);
            double[] xs = new double[2 * HISTOGRAM_BINS + 2], ys = new double[xs.length];
            xs[0] = lo;
            for (int b = 0; b < HISTOGRAM_BINS; b++) {
                double f = (double) counts[b] / d.length;
                top = Math.max(top, f);
                xs[2 * b + 1] = lo + b * binWidth;
                xs[2 * b + 2] = lo + (b + 1) * binWidth;
                ys[2 * b + 1] = f;
                ys[2 * b + 2] = f;
            }
            xs[xs.length - 1] = hi;
            XYSeries s = c.addSeries(unique(names, e.getKey()), xs, ys);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(colour(e.getKey()));
            s.setLineWidth(2f);
        }
        double yTop = top > 0 ? top * 1.08 : 1;
        List<Double> gx = new ArrayList<>(), gy = new ArrayList<>();
        for (double at : guides) {
            gx.addAll(List.of(at, at, Double.NaN));
            gy.addAll(List.of(0.0, yTop, Double.NaN));
        }
        if (!gx.isEmpty()) guide(c.addSeries(unique(names, "thresholds"), toArray(gx), toArray(gy)));
        c.getStyler().setXAxisMin(lo);
        c.getStyler().setXAxisMax(hi);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(yTop);
        String note = left.isEmpty() ? "" : outsideLabel + ", not shown: " + String.join(", ", left) + ".";
        return Optional.of(new Plot(c, note));
    }

    /**
     * One metric of one parameter against the bins of a truth quantity ({@code by} = "snr" or "n"), one series per
     * estimator at the bins' centres (spread a little within each bin so that the error bars do not overlap), with
     * the metric's 95% bootstrap interval as the error bar. S/N uses a log axis when its bins span a factor of 10.
     */
    public Optional<Plot> metricVsBin(Parameter p, BinMetric metric, String by, List<BinnedMetrics> bins) {
        List<BinnedMetrics> mine = bins.stream().filter(b -> b != null && by.equals(b.by()))
                .sorted(Comparator.comparingDouble(BinnedMetrics::lo)).toList();
        if (mine.isEmpty()) return Optional.empty();
        double first = mine.get(0).lo(), last = mine.get(mine.size() - 1).hi();
        if (!Double.isFinite(last)) last = mine.get(mine.size() - 1).lo();
        boolean log = "snr".equals(by) && first > 0 && last / first >= 10;
        Axis axis = log ? Axis.LOG : Axis.LINEAR;

        List<String> estimators = new ArrayList<>();
        for (BinnedMetrics b : mine)
            for (EstimatorMetrics em : ComparisonReport.listOrEmpty(b.estimators()))
                if (em != null && !estimators.contains(em.estimator())) estimators.add(em.estimator());
        XYChart c = xyChart(SMALL_WIDTH, SMALL_HEIGHT, p.column() + ": " + metric.label() + " by " + Labels.binQuantity(by),
                Labels.binQuantity(by), metric.label());
        Set<String> names = new HashSet<>();
        boolean any = false;
        double top = 0;
        for (int j = 0; j < estimators.size(); j++) {
            String est = estimators.get(j);
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>(), ex = new ArrayList<>(), ey = new ArrayList<>();
            double previousWidth = 1;
            for (BinnedMetrics b : mine) {
                double lo = axis.to(b.lo()), hi = axis.to(b.hi());
                double width = Double.isFinite(lo) && Double.isFinite(hi) ? hi - lo : previousWidth;
                previousWidth = width;
                double centre = Double.isFinite(lo) && Double.isFinite(hi) ? (lo + hi) / 2 : Double.isFinite(lo) ? lo + width / 2 : hi - width / 2;
                double x = axis.from(centre + (j - (estimators.size() - 1) / 2.0) / estimators.size() * 0.3 * width);
                ParameterMetrics pm = find(b, est, p);
                if (pm == null || !Double.isFinite(x)) continue;
                double v = metric.value(pm);
                if (!Double.isFinite(v)) continue;
                xs.add(x);
                ys.add(v);
                top = Math.max(top, v);
                Interval ci = metric.interval(pm);
                if (ci.present() && Double.isFinite(ci.lo()) && Double.isFinite(ci.hi())) {
                    top = Math.max(top, ci.hi());
                    ex.addAll(List.of(x, x, Double.NaN));
                    ey.addAll(List.of(ci.lo(), ci.hi(), Double.NaN));
                }
            }
            if (xs.isEmpty()) continue;
            any = true;
            Color colour = colour(est);
            XYSeries s = c.addSeries(unique(names, est), toArray(xs), toArray(ys));
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(colour);
            s.setLineColor(colour);
            s.setLineWidth(1.2f);
            if (!ex.isEmpty()) {
                XYSeries bars = c.addSeries(unique(names, est + " 95%"), toArray(ex), toArray(ey));
                bars.setMarker(SeriesMarkers.NONE);
                bars.setLineColor(colour);
                bars.setLineWidth(2f);
                bars.setShowInLegend(false);
            }
        }
        if (!any) return Optional.empty();
        axes(c.getStyler(), log, false);
        if (Double.isFinite(first) && Double.isFinite(last) && last > first) { // the bins' full extent, so that decades get labels
            c.getStyler().setXAxisMin(first);
            c.getStyler().setXAxisMax(last);
        }
        c.getStyler().setYAxisMin(0.0);
        if (!(top > 0)) c.getStyler().setYAxisMax(1.0); // all zero: show the zero line low in a readable range
        return Optional.of(new Plot(c, ""));
    }

    /**
     * Median and 95th-percentile seconds per galaxy for each estimator, as bars on a log axis. Estimators without a
     * positive finite median are left out and named in the note.
     */
    public Optional<Plot> timing(List<EstimatorMetrics> metrics) {
        List<String> cats = new ArrayList<>(), left = new ArrayList<>();
        List<Double> medians = new ArrayList<>(), p95 = new ArrayList<>();
        boolean allP95 = true;
        for (EstimatorMetrics m : metrics) {
            if (m == null) continue;
            double med = m.timing() == null ? Double.NaN : m.timing().medianSeconds();
            if (!(med > 0) || !Double.isFinite(med)) {
                left.add(m.estimator());
                continue;
            }
            double hi = m.timing().p95Seconds();
            allP95 &= hi > 0 && Double.isFinite(hi);
            cats.add(m.estimator());
            medians.add(med);
            p95.add(hi);
        }
        if (cats.isEmpty()) return Optional.empty();
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Time per galaxy")
                .xAxisTitle("estimator").yAxisTitle("seconds per galaxy").build();
        style(c.getStyler());
        axes(c.getStyler(), false, true);
        // Whole decades at both ends, so that the log axis always shows at least two labelled powers of ten.
        double least = medians.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double most = (allP95 ? p95 : medians).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double floor = Math.floor(Math.log10(least));
        c.getStyler().setYAxisMin(Math.pow(10, floor));
        c.getStyler().setYAxisMax(Math.pow(10, Math.max(floor + 1, Math.ceil(Math.log10(most)))));
        c.getStyler().setSeriesColors(new Color[] {new Color(0x0072B2), new Color(0x9ECAE1)});
        c.getStyler().setOverlapped(false);
        c.getStyler().setPlotGridVerticalLinesVisible(false);
        c.addSeries("median", cats, medians);
        if (allP95) c.addSeries("95th percentile", cats, p95);
        String note = left.isEmpty() ? "" : "No timing for: " + String.join(", ", left) + ".";
        return Optional.of(new Plot(c, note));
    }

    /** A chart as PNG bytes. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How values map onto an axis: as they are, or as their base-10 logarithm. */
    private enum Axis {
        LINEAR, LOG;

        double to(double v) {
            return this == LOG ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
        }

        double from(double a) {
            return this == LOG ? Math.pow(10, a) : a;
        }

        double[] pad(double min, double max) {
            double lo = to(min), hi = to(max), pad = (hi - lo) * 0.04;
            if (!(pad > 0)) pad = Math.max(Math.abs(lo) * 0.05, 1e-6);
            return new double[] {from(lo - pad), from(hi + pad)};
        }
    }

    /** The estimate as the scatter shows it: PA unwrapped to within 90° of the truth, other parameters as they are. */
    private static double shown(Parameter p, Paired x, int i) {
        return p == Parameter.PA ? x.truth()[i] + Parameter.wrapPa(x.estimate()[i] - x.truth()[i]) : x.estimate()[i];
    }

    private static ParameterMetrics find(BinnedMetrics b, String estimator, Parameter p) {
        for (EstimatorMetrics em : ComparisonReport.listOrEmpty(b.estimators())) {
            if (em == null || !estimator.equals(em.estimator())) continue;
            for (ParameterMetrics pm : ComparisonReport.listOrEmpty(em.parameters()))
                if (pm != null && pm.parameter() == p) return pm;
        }
        return null;
    }

    private static XYChart xyChart(int width, int height, String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setMarkerSize(6);
        axes(c.getStyler(), false, false);
        return c;
    }

    private static void style(AxesChartStyler st) {
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(new Color(0xA0A7AE));
        st.setPlotGridLinesColor(new Color(0xE3E6E9));
        st.setChartFontColor(new Color(0x1B1B1B));
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        st.setChartTitleBoxVisible(false);
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendBorderColor(Color.WHITE);
        st.setAntiAlias(true);
    }

    /**
     * Linear or log axes, each with tick labels the report's way. XChart ignores a log axis that has a tick-label
     * function, so a log axis gets a decimal pattern instead (plain numbers, not 1E5). A category chart's x axis is
     * left alone.
     */
    private static void axes(AxesChartStyler st, boolean logX, boolean logY) {
        st.setXAxisLogarithmic(logX);
        st.setYAxisLogarithmic(logY);
        if (!(st instanceof CategoryStyler)) {
            st.setXAxisDecimalPattern(logX ? LOG_PATTERN : null);
            st.setxAxisTickLabelsFormattingFunction(logX ? null : Labels::number);
        }
        st.setYAxisDecimalPattern(logY ? LOG_PATTERN : null);
        st.setyAxisTickLabelsFormattingFunction(logY ? null : Labels::number);
    }

    private static void guide(XYSeries s) {
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(GUIDE);
        s.setLineStyle(DASHED);
        s.setShowInLegend(false);
    }

    private static Color translucent(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 160);
    }

    /** A series name not yet used in this chart (XChart refuses duplicates). */
    private static String unique(Set<String> used, String name) {
        String base = name == null || name.isBlank() ? "?" : name, n = base;
        for (int i = 2; !used.add(n); i++) n = base + " (" + i + ")";
        return n;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
