package org.sersic4j.compare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.sersic4j.compare.Parameter;
import org.sersic4j.compare.result.ComparisonResult;
import org.sersic4j.compare.result.EstimatorMetrics;
import org.sersic4j.compare.result.Timing;

class ChartsTest {

    private final Charts charts = new Charts(List.of("cnn", "lm"));

    @Test
    void nothingToPlotGivesNoChart() {
        Paired none = new Paired("cnn", Parameter.RE, new double[0], new double[0], 5);
        assertTrue(charts.scatter(Parameter.RE, List.of(none)).isEmpty());
        assertTrue(charts.deltaHistogram(Parameter.RE, List.of(none)).isEmpty());
        assertTrue(charts.metricVsBin(Parameter.RE, Charts.BinMetric.NMAD, "snr", List.of()).isEmpty());
        assertTrue(charts.timing(List.of(new EstimatorMetrics("cnn", List.of(), new Timing(Double.NaN, Double.NaN, Double.NaN),
                Double.NaN, Double.NaN, 0))).isEmpty());
    }

    @Test
    void scatterUsesLogAxesForWideFluxAndCountsPointsOffTheRange() {
        ComparisonResult r = SyntheticResults.full(50, 0);
        Charts.Plot plot = charts.scatter(Parameter.RE, Paired.of(r, Parameter.RE)).orElseThrow();
        XYChart c = (XYChart) plot.chart();
        assertFalse(c.getStyler().isXAxisLogarithmic(), "true re spans less than a factor of 10");
        assertTrue(plot.note().contains("lm 1"), "the wild re estimate is left out and counted: " + plot.note());
        XYChart flux = (XYChart) charts.scatter(Parameter.FLUX, Paired.of(r, Parameter.FLUX)).orElseThrow().chart();
        assertTrue(flux.getStyler().isXAxisLogarithmic() && flux.getStyler().isYAxisLogarithmic());
        XYChart q = (XYChart) charts.scatter(Parameter.Q, Paired.of(r, Parameter.Q)).orElseThrow().chart();
        assertFalse(q.getStyler().isXAxisLogarithmic());
        assertTrue(plot.png().length > 1000);
    }

    @Test
    void metricsBySnrUseALogAxisAndShowEveryEstimator() {
        ComparisonResult r = SyntheticResults.full(50, 0);
        XYChart snr = (XYChart) charts.metricVsBin(Parameter.N, Charts.BinMetric.NMAD, "snr", r.bins()).orElseThrow().chart();
        assertTrue(snr.getStyler().isXAxisLogarithmic());
        assertTrue(snr.getSeriesMap().containsKey("cnn") && snr.getSeriesMap().containsKey("lm"));
        assertTrue(snr.getSeriesMap().containsKey("lm 95%"), "error bars from the intervals");
        XYChart n = (XYChart) charts.metricVsBin(Parameter.N, Charts.BinMetric.OUTLIER_FRACTION, "n", r.bins()).orElseThrow().chart();
        assertFalse(n.getStyler().isXAxisLogarithmic());
        assertEquals(3, n.getSeriesMap().get("cnn").getXData().length, "one point per bin");
    }

    @Test
    void timingBarsUseALogAxis() {
        ComparisonResult r = SyntheticResults.full(50, 0);
        Charts.Plot plot = charts.timing(r.metrics()).orElseThrow();
        var st = ((org.knowm.xchart.CategoryChart) plot.chart()).getStyler();
        assertTrue(st.isYAxisLogarithmic());
        assertTrue(plot.note().isEmpty());
        // Whole decades, at least one apart, so the axis carries two or more labelled powers of ten.
        double lo = Math.log10(st.getYAxisMin()), hi = Math.log10(st.getYAxisMax());
        assertEquals(Math.rint(lo), lo, 1e-12);
        assertEquals(Math.rint(hi), hi, 1e-12);
        assertTrue(hi - lo >= 1, lo + " to " + hi);
        for (var m : r.metrics())
            if (m.timing() != null && m.timing().medianSeconds() > 0)
                assertTrue(m.timing().medianSeconds() >= st.getYAxisMin() && m.timing().p95Seconds() <= st.getYAxisMax(), m.estimator());
    }

    @Test
    void estimatorsKeepTheirColours() {
        assertEquals(charts.colour("lm"), new Charts(List.of("cnn", "lm")).colour("lm"));
        assertFalse(charts.colour("cnn").equals(charts.colour("lm")));
    }

    @Test
    void pairsMatchEstimatesToTruthById() {
        ComparisonResult r = SyntheticResults.full(50, 0);
        List<Paired> pairs = Paired.of(r, Parameter.N);
        assertEquals(50, pairs.get(0).size());
        assertEquals(47, pairs.get(1).size());
        assertEquals(3, pairs.get(1).missing());
    }
}
