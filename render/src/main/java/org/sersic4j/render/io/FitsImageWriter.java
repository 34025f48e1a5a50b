package org.sersic4j.render.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.NullDataHDU;
import nom.tam.util.FitsOutputStream;
import org.sersic4j.io.AtomicWrite;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.Image;

/**
 * Writes images as float32 (BITPIX = -32) FITS files, atomically (temporary file in the same directory, then a
 * rename). Header keys are upper-cased; keys longer than 8 characters (or with characters other than A-Z, 0-9, _ and
 * -) are written with the HIERARCH convention, never truncated; structural keywords in the map are ignored.
 * Failures are {@link InvalidInputException}s naming the file.
 */
public final class FitsImageWriter {

    private FitsImageWriter() {
    }

    /** Writes {@code img} as the primary HDU of {@code p}, with the given header keywords (may be null). */
    public static void write(Path p, Image img, Map<String, Object> header) {
        FitsHeaders.init();
        AtomicWrite.write(p, out -> {
            Fits fits = new Fits();
            BasicHDU<?> hdu = imageHdu(img);
            FitsHeaders.apply(p, hdu.getHeader(), header);
            fits.addHDU(hdu);
            writeFits(fits, out);
        });
    }

    /**
     * Writes a GALFIT-style cube: a primary HDU with header only, then one float32 image extension per image, named
     * by {@code extnames} (e.g. ORIGINAL, MODEL, RESIDUAL). {@code primaryHeader} and {@code extHeaders} may be null;
     * otherwise {@code extHeaders} has one map (or null) per image.
     */
    public static void writeCube(Path p, List<Image> images, List<String> extnames, Map<String, Object> primaryHeader,
                                 List<Map<String, Object>> extHeaders) {
        if (images.size() != extnames.size())
            throw new IllegalArgumentException(images.size() + " images but " + extnames.size() + " EXTNAMEs");
        if (extHeaders != null && extHeaders.size() != images.size())
            throw new IllegalArgumentException(images.size() + " images but " + extHeaders.size() + " extension headers");
        FitsHeaders.init();
        AtomicWrite.write(p, out -> {
            Fits fits = new Fits();
            NullDataHDU primary = new NullDataHDU();
            FitsHeaders.apply(p, primary.getHeader(), primaryHeader);
            fits.addHDU(primary);
            for (int i = 0; i < images.size(); i++) {
                BasicHDU<?> hdu = imageHdu(images.get(i));
                if (extHeaders != null) FitsHeaders.apply(p, hdu.getHeader(), extHeaders.get(i));
                FitsHeaders.put(hdu.getHeader(), "EXTNAME", extnames.get(i));
                fits.addHDU(hdu);
            }
            writeFits(fits, out);
        });
    }

    private static BasicHDU<?> imageHdu(Image img) throws Exception {
        float[][] rows = new float[img.height()][img.width()];
        double[] px = img.pixels();
        for (int y = 0; y < img.height(); y++)
            for (int x = 0; x < img.width(); x++) rows[y][x] = (float) px[y * img.width() + x];
        return Fits.makeHDU(rows);   // Java index [iy][ix]: FITS NAXIS1 = width
    }

    static void writeFits(Fits fits, java.io.OutputStream out) throws Exception {
        FitsOutputStream fo = new FitsOutputStream(out);
        fits.write(fo);
        fo.flush();   // not closed here: AtomicWrite syncs and closes the underlying stream
    }
}
