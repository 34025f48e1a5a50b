package org.sersic4j.compare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sersic4j.compare.report.HtmlReport.Figure;
import org.sersic4j.compare.report.HtmlReport.Picture;
import org.w3c.dom.Document;

class HtmlReportTest {

    @Test
    void escapesMarkupQuotesAndControlCharacters() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", HtmlReport.escape("a <b> & \"c\" 'd'"));
        assertEquals("x\uFFFDy", HtmlReport.escape("x\u0001y"));
        assertEquals("", HtmlReport.escape(null));
    }

    @Test
    void buildsATableOfContentsAndWellFormedPage() throws Exception {
        byte[] png = StampImages.greyscalePng(SyntheticResults.blob(16, 1, 3, 0));
        String html = new HtmlReport("T & <t>")
                .section("one", "First <1>").paragraph("p").list(List.of("a", "b"))
                .table("cap", List.of("name", "value"), List.of(List.of("x", "1"), List.of("short")), 1)
                .section("two", "Second").noData("nothing here")
                .figure(Figure.of(new Picture(png, "alt \"q\"", true), "caption"))
                .figureGrid(List.of(Figure.of(new Picture(png, "a"), ""), Figure.of(new Picture(png, "b"), "c")), 300)
                .toHtml();
        Document d = PageChecks.parse(html);
        assertEquals("T & <t>", d.getElementsByTagName("title").item(0).getTextContent());
        assertEquals(2, d.getElementsByTagName("section").getLength());
        assertEquals(2, d.getElementsByTagName("li").getLength() - 2, "two contents entries besides the list's two items");
        assertTrue(html.contains("<a href=\"#one\">First &lt;1&gt;</a>"));
        assertTrue(html.contains("<td class=\"text\">short</td><td></td>"), "a short row is padded");
        assertTrue(html.contains("<img class=\"pixelated\" alt=\"alt &quot;q&quot;\""));
        assertEquals(3, PageChecks.pngs(html).size());
        PageChecks.assertNoExternalReferences(html);
    }

    @Test
    void refusesContentOutsideASectionAndBadOrDuplicateIds() {
        HtmlReport r = new HtmlReport("t");
        assertThrows(IllegalStateException.class, () -> r.paragraph("x"));
        assertThrows(IllegalArgumentException.class, () -> r.section("1abc", "x"));
        assertThrows(IllegalArgumentException.class, () -> r.section("a b", "x"));
        r.section("a", "A");
        assertThrows(IllegalArgumentException.class, () -> r.section("a", "again"));
    }
}
