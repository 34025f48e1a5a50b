package org.sersic4j.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** SersicParams.problem() and PixelPsf.of() reject bad input with a message naming the problem. */
class InputValidationTest {
    private static final SersicParams OK = new SersicParams(20.5, 19.2, 1e4, 3, 2, 0.7, 45);

    /** Parameter names that occur as whole words in a message. */
    private static Set<String> namesIn(String message) {
        Set<String> s = new TreeSet<>();
        for (String name : SersicParams.NAMES) {
            if (Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])").matcher(message).find()) s.add(name);
        }
        return s;
    }

    private static void assertProblemNames(String expectedName, SersicParams p) {
        String problem = p.problem();
        assertNotNull(problem, "no problem reported for " + p);
        assertEquals(Set.of(expectedName), namesIn(problem), "message \"" + problem + "\" should name " + expectedName);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::validated);
        assertEquals(problem, e.getMessage());
    }

    @Test
    void validParametersHaveNoProblem() {
        assertNull(OK.problem());
        assertSame(OK, OK.validated());
        assertNull(new SersicParams(-3, 1e5, 0, 1e-3, 0.2, 1, -720).problem(), "edge-of-range values are valid");
        assertNull(new SersicParams(1, 1, 1, 50, 10, 1e-3, 179.9).problem());
    }

    @Test
    void eachBadParameterIsNamed() {
        assertProblemNames("x0", new SersicParams(Double.NaN, 19.2, 1e4, 3, 2, 0.7, 45));
        assertProblemNames("y0", new SersicParams(20.5, Double.NEGATIVE_INFINITY, 1e4, 3, 2, 0.7, 45));
        assertProblemNames("flux", new SersicParams(20.5, 19.2, Double.POSITIVE_INFINITY, 3, 2, 0.7, 45));
        assertProblemNames("flux", new SersicParams(20.5, 19.2, -1, 3, 2, 0.7, 45));
        assertProblemNames("re", new SersicParams(20.5, 19.2, 1e4, 0, 2, 0.7, 45));
        assertProblemNames("re", new SersicParams(20.5, 19.2, 1e4, -2, 2, 0.7, 45));
        assertProblemNames("n", new SersicParams(20.5, 19.2, 1e4, 3, 0, 0.7, 45));
        assertProblemNames("n", new SersicParams(20.5, 19.2, 1e4, 3, -1, 0.7, 45));
        assertProblemNames("q", new SersicParams(20.5, 19.2, 1e4, 3, 2, 0, 45));
        assertProblemNames("q", new SersicParams(20.5, 19.2, 1e4, 3, 2, 1.0000001, 45));
        assertProblemNames("q", new SersicParams(20.5, 19.2, 1e4, 3, 2, -0.5, 45));
        assertProblemNames("pa", new SersicParams(20.5, 19.2, 1e4, 3, 2, 0.7, Double.NaN));
    }

    @Test
    void rendererRefusesBadParameters() {
        JavaReferenceRenderer r = new JavaReferenceRenderer();
        SersicParams bad = new SersicParams(20.5, 19.2, 1e4, -1, 2, 0.7, 45);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.render(bad, 11, 11, null, RenderSettings.DEFAULT));
        assertTrue(namesIn(e.getMessage()).contains("re"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.renderWithJacobian(bad, 11, 11, null, RenderSettings.DEFAULT));
    }

    private static Image peaked(int w, int h, int px, int py) {
        double[] d = new double[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            d[y * w + x] = Math.exp(-0.3 * ((x - px) * (x - px) + (y - py) * (y - py)));
        }
        return new Image(w, h, d);
    }

    private static String rejection(Image img) {
        return assertThrows(IllegalArgumentException.class, () -> PixelPsf.of(img, true, "test.fits")).getMessage();
    }

    @Test
    void pixelPsfRejectsBadImages() {
        String m = rejection(peaked(9, 7, 4, 3));
        assertTrue(m.contains("square") && m.contains("9x7"), m);
        m = rejection(peaked(8, 8, 4, 4));
        assertTrue(m.contains("odd"), m);
        Image nan = peaked(9, 9, 4, 4);
        nan.pixels()[5] = Double.NaN;
        m = rejection(nan);
        assertTrue(m.contains("NaN"), m);
        Image inf = peaked(9, 9, 4, 4);
        inf.pixels()[7] = Double.POSITIVE_INFINITY;
        m = rejection(inf);
        assertTrue(m.contains("infinite"), m);
        m = rejection(Image.zeros(9, 9));
        assertTrue(m.contains("sum"), m);
        Image negative = peaked(9, 9, 4, 4);
        for (int i = 0; i < negative.pixels().length; i++) negative.pixels()[i] = -negative.pixels()[i];
        m = rejection(negative);
        assertTrue(m.contains("sum"), m);
        m = rejection(peaked(9, 9, 7, 2));
        assertTrue(m.contains("peak") && m.contains("centre"), m);
        assertTrue(m.contains("test.fits"), "the message names the source: " + m);
    }

    @Test
    void pixelPsfIsNormalisedToUnitSum() {
        Image img = peaked(11, 11, 5, 5);
        for (int i = 0; i < img.pixels().length; i++) img.pixels()[i] *= 37.5;
        double raw = img.sum();
        PixelPsf psf = PixelPsf.of(img, false, "g");
        assertEquals(11, psf.size());
        assertEquals(5, psf.radius());
        assertEquals(1.0, psf.toImage().sum(), 1e-14);
        assertEquals(img.get(5, 5) / raw, psf.at(0, 0), 1e-15);
        assertEquals(img.get(7, 4) / raw, psf.at(2, -1), 1e-15);
        assertEquals(0.0, psf.at(6, 0));
        assertTrue(!psf.pixelIncluded());
        assertTrue(PixelPsf.of(img, true, "g").pixelIncluded());
        // The caller's image is not modified.
        assertEquals(raw, img.sum(), 0.0);
    }
}
