package org.sersic4j.render.io;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import nom.tam.fits.ImageHDU;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.Image;

/**
 * A 2-D image read from a FITS file, with its header keywords (insertion-ordered; values are String, Double, Long
 * or Boolean; HIERARCH keys appear without the prefix) and the file it came from. Pixels of any BITPIX are converted to
 * double with BSCALE/BZERO applied and BLANK pixels set to NaN. Every failure is an {@link InvalidInputException}.
 */
public record FitsImageFile(Image image, Map<String, Object> header, Path path) {

    public FitsImageFile {
        header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
    }

    /**
     * Reads the first HDU, primary or extension, that holds a 2-D image (trailing axes of length 1 are ignored;
     * tile-compressed images are decompressed; gzip-compressed files are accepted).
     */
    public static FitsImageFile read(Path p) {
        String[] firstProblem = {null};
        FitsImageFile f = FitsInput.walk(p, (hdu, i) -> {
            ImageHDU img = ImageDecoder.asImage(hdu);
            if (img == null) return null;
            String problem = ImageDecoder.shapeProblem(img.getHeader());
            if (problem != null) {
                if (firstProblem[0] == null) firstProblem[0] = problem;
                return null;
            }
            return of(p, img);
        });
        if (f != null) return f;
        throw new InvalidInputException(p, firstProblem[0] != null ? firstProblem[0] : "no 2-D image HDU");
    }

    /** Reads the image in the HDU whose EXTNAME is {@code extname} (compared without case). */
    public static FitsImageFile read(Path p, String extname) {
        java.util.Objects.requireNonNull(extname, "extname");
        FitsImageFile f = FitsInput.walk(p, (hdu, i) -> {
            String name = hdu.getHeader().getStringValue("EXTNAME");
            if (name == null || !name.trim().equalsIgnoreCase(extname.trim())) return null;
            ImageHDU img = ImageDecoder.asImage(hdu);
            if (img == null) throw new InvalidInputException(p, "HDU " + (i + 1) + " with EXTNAME=" + extname + " holds no image");
            return of(p, img);
        });
        if (f == null) throw new InvalidInputException(p, "no HDU with EXTNAME=" + extname);
        return f;
    }

    private static FitsImageFile of(Path p, ImageHDU img) throws Exception {
        return new FitsImageFile(ImageDecoder.decode(p, img), FitsHeaders.toMap(img.getHeader()), p);
    }

    /** The header value as a double: numbers as they are, numeric strings parsed; {@code fallback} otherwise. */
    public double headerDouble(String key, double fallback) {
        Object v = header.get(key.toUpperCase(Locale.ROOT));
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** The header value as a string (numbers and booleans formatted), or null when the key is absent. */
    public String headerString(String key) {
        Object v = header.get(key.toUpperCase(Locale.ROOT));
        return v == null ? null : v.toString();
    }
}
