package org.sersic4j.compare.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Checks on a generated page: that it parses as XML, its embedded PNGs, and whether a picture is blank. */
final class PageChecks {

    private static final Pattern PNG = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

    private PageChecks() {
    }

    /** The page parsed as XML; fails the test when it is not well-formed. */
    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        Document d = b.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertNotNull(d.getDocumentElement());
        return d;
    }

    /** Every embedded PNG, decoded. */
    static List<BufferedImage> pngs(String html) throws IOException {
        List<BufferedImage> out = new ArrayList<>();
        Matcher m = PNG.matcher(html);
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertNotNull(img, "an embedded PNG does not decode");
            out.add(img);
        }
        return out;
    }

    /** Whether every pixel of a picture has the same colour. */
    static boolean blank(BufferedImage img) {
        int first = img.getRGB(0, 0);
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++)
                if (img.getRGB(x, y) != first) return false;
        return true;
    }

    /** The page without its embedded pictures' data, for searching its text. */
    static String withoutPictures(String html) {
        return html.replaceAll("data:image/png;base64,[A-Za-z0-9+/=]+", "data:image/png;base64,");
    }

    /** Fails when the page refers to anything over the network. */
    static void assertNoExternalReferences(String html) {
        assertFalse(Pattern.compile("(?i)(https?:)?//[a-z0-9]").matcher(withoutPictures(html)).find(),
                "the page refers to an external resource");
    }
}
