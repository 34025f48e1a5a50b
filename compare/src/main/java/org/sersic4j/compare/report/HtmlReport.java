package org.sersic4j.compare.report;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A small builder for one self-contained HTML page: a title, numbered sections with anchors and a table of contents,
 * paragraphs, lists, tables and figures whose PNG pictures are embedded as base64 data. All text is escaped; the
 * style sheet is inline and the page refers to no external resource (no scripts, fonts or style sheets). The output
 * is also well-formed XML, so that it can be checked with any XML parser.
 *
 * <p>Content is added to the section opened last; {@link #section} must be called before any content.
 */
public final class HtmlReport {

    /**
     * One picture: PNG bytes, the text shown where the picture cannot be, and whether it is pixel art (a stamp) that a
     * browser must enlarge without smoothing on a high-density screen.
     */
    public record Picture(byte[] png, String alt, boolean pixelated) {
        public Picture {
            Objects.requireNonNull(png, "png");
            alt = alt == null ? "" : alt;
        }

        /** A picture that the browser may smooth when it scales it (a chart). */
        public Picture(byte[] png, String alt) {
            this(png, alt, false);
        }
    }

    /** A figure: one or more pictures side by side, with a caption below (which may be empty). */
    public record Figure(List<Picture> pictures, String caption) {
        public Figure {
            pictures = List.copyOf(pictures);
            caption = caption == null ? "" : caption;
        }

        /** A figure of one picture. */
        public static Figure of(Picture picture, String caption) {
            return new Figure(List.of(picture), caption);
        }
    }

    private record Section(String id, String heading, StringBuilder body) {}

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
                   font-size: 16px; line-height: 1.45; color: #1b1b1b; background: #ffffff;
                   margin: 0 auto; padding: 1.5em 1.5em 4em; max-width: 1320px; }
            h1 { font-size: 1.9em; margin: 0.2em 0 0.6em; }
            h2 { font-size: 1.45em; margin: 2em 0 0.6em; padding-bottom: 0.2em; border-bottom: 2px solid #d0d7de; }
            h3 { font-size: 1.15em; margin: 1.5em 0 0.5em; }
            nav.toc { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.6em 1.2em;
                      display: inline-block; min-width: 18em; }
            nav.toc h2 { font-size: 1.1em; margin: 0.3em 0; border: none; }
            nav.toc ol { margin: 0.3em 0; padding-left: 1.4em; }
            a { color: #0a58ca; }
            p.nodata { font-style: italic; color: #57606a; }
            .tablewrap { overflow-x: auto; margin: 0.6em 0 1.2em; }
            table { border-collapse: collapse; font-size: 14px; font-variant-numeric: tabular-nums; }
            caption { caption-side: top; text-align: left; padding: 0.3em 0; color: #3d444d; font-size: 14px; }
            th, td { border: 1px solid #d0d7de; padding: 0.3em 0.6em; white-space: nowrap; }
            th { background: #f6f8fa; text-align: center; }
            td { text-align: right; }
            td.text { text-align: left; white-space: normal; min-width: 6em; max-width: 28em; }
            tbody tr:nth-child(even) td { background: #fbfcfd; }
            figure { margin: 0.8em 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
            figcaption { font-size: 14px; color: #3d444d; margin-top: 0.3em; }
            .grid { display: grid; gap: 12px; align-items: start; }
            .grid figure { margin: 0; }
            .pictures { display: flex; flex-wrap: wrap; gap: 4px; align-items: flex-start; }
            img.pixelated { image-rendering: pixelated; }
            """;

    private final String title;
    private final List<Section> sections = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    /** An empty page with this title (shown in the browser's title bar and as the top heading). */
    public HtmlReport(String title) {
        this.title = title == null || title.isBlank() ? "Report" : title;
    }

    /**
     * Opens a new section, listed in the table of contents and reachable as {@code #id}.
     *
     * @param id      the anchor: letters, digits, '-' and '_' only, starting with a letter, unique in the page
     * @param heading the section's heading
     */
    public HtmlReport section(String id, String heading) {
        if (id == null || !id.matches("[A-Za-z][A-Za-z0-9_-]*"))
            throw new IllegalArgumentException("a section id must be a letter followed by letters, digits, '-' or '_': " + id);
        if (!ids.add(id)) throw new IllegalArgumentException("duplicate section id '" + id + "'");
        sections.add(new Section(id, heading == null ? id : heading, new StringBuilder()));
        return this;
    }

    /** A heading inside the current section. */
    public HtmlReport subheading(String text) {
        body().append("<h3>").append(escape(text)).append("</h3>\n");
        return this;
    }

    /** A paragraph of text. */
    public HtmlReport paragraph(String text) {
        body().append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A paragraph that says there is nothing to show, set apart from ordinary text. */
    public HtmlReport noData(String text) {
        body().append("<p class=\"nodata\">").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A bulleted list. */
    public HtmlReport list(List<String> items) {
        StringBuilder b = body().append("<ul>\n");
        for (String item : items) b.append("<li>").append(escape(item)).append("</li>\n");
        b.append("</ul>\n");
        return this;
    }

    /**
     * A table; it scrolls sideways rather than overflowing the page when it is wide.
     *
     * @param caption     shown above the table (may be empty)
     * @param header      the column headings
     * @param rows        the cells, row by row; a short row is padded with empty cells
     * @param textColumns how many leading columns hold text (left-aligned); the others are right-aligned numbers
     */
    public HtmlReport table(String caption, List<String> header, List<List<String>> rows, int textColumns) {
        StringBuilder b = body().append("<div class=\"tablewrap\"><table>\n");
        if (caption != null && !caption.isBlank()) b.append("<caption>").append(escape(caption)).append("</caption>\n");
        b.append("<thead><tr>");
        for (String h : header) b.append("<th scope=\"col\">").append(escape(h)).append("</th>");
        b.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            b.append("<tr>");
            for (int c = 0; c < header.size(); c++) {
                String cell = c < row.size() ? row.get(c) : "";
                b.append(c < textColumns ? "<td class=\"text\">" : "<td>").append(escape(cell)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
        return this;
    }

    /** A figure on its own. */
    public HtmlReport figure(Figure figure) {
        appendFigure(body(), figure);
        return this;
    }

    /** Figures in a grid whose columns are at least {@code minColumnWidth} CSS pixels wide (fewer columns on a narrow window). */
    public HtmlReport figureGrid(List<Figure> figures, int minColumnWidth) {
        StringBuilder b = body().append("<div class=\"grid\" style=\"grid-template-columns: repeat(auto-fill, minmax(")
                .append(Math.max(1, minColumnWidth)).append("px, 1fr))\">\n");
        for (Figure f : figures) appendFigure(b, f);
        b.append("</div>\n");
        return this;
    }

    /** The whole page. */
    public String toHtml() {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<header>\n<h1>").append(escape(title)).append("</h1>\n");
        if (!sections.isEmpty()) {
            b.append("<nav class=\"toc\">\n<h2>Contents</h2>\n<ol>\n");
            for (Section s : sections)
                b.append("<li><a href=\"#").append(s.id()).append("\">").append(escape(s.heading())).append("</a></li>\n");
            b.append("</ol>\n</nav>\n");
        }
        b.append("</header>\n<main>\n");
        for (Section s : sections) {
            b.append("<section id=\"").append(s.id()).append("\">\n<h2>").append(escape(s.heading())).append("</h2>\n")
                    .append(s.body()).append("</section>\n");
        }
        return b.append("</main>\n</body>\n</html>\n").toString();
    }

    /**
     * Text made safe for HTML content and attribute values: {@code & < > " '} become character references, and
     * control characters that HTML and XML forbid become U+FFFD. Null becomes the empty string.
     */
    public static String escape(String text) {
        if (text == null) return "";
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0xFFFE || c == 0xFFFF ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    private StringBuilder body() {
        if (sections.isEmpty()) throw new IllegalStateException("open a section before adding content");
        return sections.get(sections.size() - 1).body();
    }

    private static void appendFigure(StringBuilder b, Figure f) {
        b.append("<figure>\n<div class=\"pictures\">");
        Base64.Encoder base64 = Base64.getEncoder();
        for (Picture p : f.pictures()) {
            b.append(p.pixelated() ? "<img class=\"pixelated\" alt=\"" : "<img alt=\"").append(escape(p.alt())).append("\" src=\"data:image/png;base64,")
                    .append(base64.encodeToString(p.png())).append("\"/>");
        }
        b.append("</div>\n");
        if (!f.caption().isEmpty()) b.append("<figcaption>").append(escape(f.caption())).append("</figcaption>\n");
        b.append("</figure>\n");
    }
}
