package org.sersic4j.render.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.PixelPsf;

/** Reads and writes PSF images as FITS files, with the checks of {@link PixelPsf#of} plus a truncation check. */
public final class PsfFiles {

    /** Largest fraction of the light allowed in the outermost ring of pixels before a PSF is rejected as truncated. */
    public static final double MAX_EDGE_FRACTION = 0.05;

    private PsfFiles() {
    }

    /**
     * Reads the first 2-D image of {@code p} as a PSF. Rejects, with an {@link InvalidInputException} naming the file,
     * PSFs that {@link PixelPsf#of} refuses and PSFs larger than 1x1 whose outer ring holds more than 5% of the light.
     */
    public static PixelPsf read(Path p, boolean pixelIncluded) {
        FitsImageFile f = FitsImageFile.read(p);
        String source = p.toString();
        PixelPsf psf;
        try {
            psf = PixelPsf.of(f.image(), pixelIncluded, source);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage() == null ? "invalid PSF" : e.getMessage();
            if (m.startsWith(source + ": ")) m = m.substring(source.length() + 2);
            throw new InvalidInputException(p, m, e);
        }
        double edge = psf.edgeFraction();
        if (psf.size() > 1 && edge > MAX_EDGE_FRACTION)
            throw new InvalidInputException(p, String.format(java.util.Locale.ROOT,
                    "PSF looks truncated: its outer ring of pixels holds %.1f%% of the light (at most %.0f%% allowed);"
                            + " use a larger PSF stamp", 100 * edge, 100 * MAX_EDGE_FRACTION));
        return psf;
    }

    /** Writes the normalised PSF as a float32 FITS image, adding PIXINCL (pixel response included) to the header. */
    public static void write(Path p, PixelPsf psf, Map<String, Object> header) {
        Map<String, Object> h = new LinkedHashMap<>();
        if (header != null) h.putAll(header);
        h.putIfAbsent("PIXINCL", psf.pixelIncluded());
        FitsImageWriter.write(p, psf.toImage(), h);
    }
}
