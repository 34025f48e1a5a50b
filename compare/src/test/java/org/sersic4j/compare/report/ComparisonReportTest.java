package org.sersic4j.compare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.compare.Parameter;
import org.sersic4j.compare.result.ComparisonResult;
import org.sersic4j.io.InvalidInputException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class ComparisonReportTest {

    private static final int GALLERY = 4;
    private static ComparisonResult full;
    private static String html;

    @BeforeAll
    static void writeOnce(@TempDir Path dir) throws Exception {
        full = SyntheticResults.full(50, GALLERY);
        Path file = dir.resolve("report.html");
        ComparisonReport.write(full, file);
        html = Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void pageIsWellFormedWithEverySectionInOrder() throws Exception {
        Document d = PageChecks.parse(html);
        NodeList h2 = d.getElementsByTagName("h2");
        List<String> headings = new ArrayList<>();
        for (int i = 0; i < h2.getLength(); i++) headings.add(h2.item(i).getTextContent());
        assertEquals("Contents", headings.get(0));
        assertEquals(ComparisonReport.SECTION_HEADINGS, headings.subList(1, headings.size()));
        assertEquals(List.of("Summary and notes", "Metrics", "Truth against estimate", "Δ histograms", "Metrics by S/N and by n",
                "Timing", "Gallery", "Real galaxies"), ComparisonReport.SECTION_HEADINGS);
        for (String id : List.of("summary", "metrics", "scatter", "deltas", "binned", "timing", "gallery", "real"))
            assertTrue(html.contains("<section id=\"" + id + "\">") && html.contains("href=\"#" + id + "\""), id);
    }

    @Test
    void everyPlotAndStampIsEmbeddedAndNotBlank() throws Exception {
        List<BufferedImage> pngs = PageChecks.pngs(html);
        int params = Parameter.values().length;
        int expected = params /* scatter */ + params /* histograms */ + 2 * 2 * params /* metric by S/N and n */ + 1 /* timing */
                + 3 * (GALLERY + full.realGallery().size());
        assertEquals(expected, pngs.size());
        for (BufferedImage img : pngs) assertFalse(PageChecks.blank(img), "a blank picture");
        assertFalse(html.contains("could not be drawn"), "a plot failed");
        assertFalse(html.contains("Nothing to plot"), "a plot was empty");
    }

    @Test
    void pageIsSelfContained() {
        PageChecks.assertNoExternalReferences(html);
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("@import"));
        assertFalse(html.contains("url("));
    }

    @Test
    void tablesShowEveryMetricWithIntervalsAndEscapedText() {
        assertTrue(html.contains("Synthetic comparison &lt;test&gt;"));
        assertTrue(html.contains("a &lt;note&gt; &amp; &quot;quotes&quot;"));
        for (String h : MetricsTables.PARAMETER_HEADER) assertTrue(html.contains("<th scope=\"col\">" + HtmlReport.escape(h) + "</th>"), h);
        for (String h : MetricsTables.OVERVIEW_HEADER) assertTrue(html.contains(HtmlReport.escape(h)), h);
        for (Parameter p : Parameter.values()) assertTrue(html.contains("<td class=\"text\">" + p.column() + "</td>"), p.column());
        assertTrue(html.contains("Estimator cnn") && html.contains("Estimator lm"));
        assertTrue(html.matches("(?s).*<td>[^<]*\\[[^<]*, [^<]*\\]</td>.*"), "values with their intervals");
        assertTrue(html.contains("200 resamples"));
        assertTrue(html.contains("KiDS_J0001"));
        // the real galaxy without parameters and the NaN χ² are dashes, never "NaN"
        assertTrue(html.contains("<td>—</td>"));
        String text = PageChecks.withoutPictures(html);
        assertFalse(text.contains("NaN"));
        assertFalse(text.contains("Infinity"));
    }

    @Test
    void emptyResultSaysSoInEverySection() throws Exception {
        String page = ComparisonReport.html(SyntheticResults.empty());
        Document d = PageChecks.parse(page);
        assertEquals(1 + ComparisonReport.SECTION_HEADINGS.size(), d.getElementsByTagName("h2").getLength());
        assertTrue(PageChecks.pngs(page).isEmpty());
        assertTrue(page.contains("No metrics were computed"));
        assertTrue(page.contains("No timing was recorded"));
        assertTrue(page.contains("No stamps were chosen for the gallery"));
        assertTrue(page.contains("No S/N bins in this run") && page.contains("No Sérsic n bins in this run"));
        assertTrue(page.toLowerCase().contains("none in this run"));
        assertEquals(ComparisonReport.SECTION_HEADINGS.size() + 1, count(page, "<p class=\"nodata\">"),
                "every section has its sentence (metrics by bin: one per quantity)");
    }

    @Test
    void nullListsAreTreatedAsEmpty() throws Exception {
        ComparisonResult nulls = new ComparisonResult(null, null, null, null, null, null, null, null, null);
        PageChecks.parse(ComparisonReport.html(nulls));
    }

    @Test
    void estimatorWithoutAnyAnswerShowsDashes() throws Exception {
        String page = ComparisonReport.html(SyntheticResults.allFailed());
        PageChecks.parse(page);
        assertFalse(PageChecks.withoutPictures(page).contains("NaN"));
        assertTrue(page.contains("<td>—</td>"));
        assertTrue(page.contains("Nothing to plot (no finite estimates) for: x0, y0, flux, mag, re, n, q, pa."));
        // The metrics table counts every row as failed and none as used, for each of the eight parameters.
        java.util.regex.Matcher usedFailed = java.util.regex.Pattern.compile("<td[^>]*>0</td>\\s*<td[^>]*>10</td>").matcher(page);
        int rows = 0;
        while (usedFailed.find()) rows++;
        assertEquals(8, rows, "one 'used 0, failed 10' row per parameter");
        for (BufferedImage img : PageChecks.pngs(page)) assertFalse(PageChecks.blank(img));
    }

    @Test
    void writeReplacesTheFileAndReportsAMissingDirectory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.html");
        Files.writeString(file, "old");
        ComparisonReport.write(SyntheticResults.empty(), file);
        assertTrue(Files.readString(file).startsWith("<!DOCTYPE html>"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
        assertThrows(InvalidInputException.class, () -> ComparisonReport.write(SyntheticResults.empty(), dir.resolve("no/such/r.html")));
    }

    @Test
    void awtRunsHeadless() {
        assertEquals("true", System.getProperty("java.awt.headless"));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
