package org.sersic4j.render.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import nom.tam.image.compression.hdu.CompressedImageHDU;
import nom.tam.util.ArrayFuncs;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.Image;

/** Turns an image HDU of any BITPIX into an {@link Image}, applying BSCALE, BZERO and BLANK. */
final class ImageDecoder {

    private ImageDecoder() {
    }

    /** The image HDU behind {@code hdu} (decompressing a tile-compressed one), or null when it holds no image. */
    static ImageHDU asImage(BasicHDU<?> hdu) throws Exception {
        if (hdu instanceof CompressedImageHDU c) return c.asImageHDU();
        if (hdu instanceof ImageHDU i && hdu.getHeader().getIntValue("NAXIS", 0) > 0) return i;
        return null;
    }

    /** The axis lengths NAXIS1, NAXIS2, ... with trailing axes of length 1 removed. */
    static List<Long> shape(Header h) {
        List<Long> axes = new ArrayList<>();
        int naxis = h.getIntValue("NAXIS", 0);
        for (int i = 1; i <= naxis; i++) axes.add(h.getLongValue("NAXIS" + i, 0));
        while (axes.size() > 2 && axes.get(axes.size() - 1) == 1) axes.remove(axes.size() - 1);
        return axes;
    }

    /** "image is 3-D (64x64x3), expected 2-D", or null when the shape is 2-D. */
    static String shapeProblem(Header h) {
        List<Long> s = shape(h);
        if (s.size() == 2) return null;
        StringBuilder dims = new StringBuilder();
        int naxis = h.getIntValue("NAXIS", 0);
        for (int i = 1; i <= naxis; i++) dims.append(i > 1 ? "x" : "").append(h.getLongValue("NAXIS" + i, 0));
        return "image is " + naxis + "-D (" + dims + "), expected 2-D";
    }

    /** Reads the pixels of a 2-D image HDU. */
    static Image decode(Path p, ImageHDU hdu) throws Exception {
        Header h = hdu.getHeader();
        String problem = shapeProblem(h);
        if (problem != null) throw new InvalidInputException(p, problem);
        List<Long> s = shape(h);
        long nx = s.get(0), ny = s.get(1);
        if (nx <= 0 || ny <= 0) throw new InvalidInputException(p, "image has an empty axis (" + nx + "x" + ny + ")");
        if (nx * ny > Integer.MAX_VALUE - 8) throw new InvalidInputException(p, "image is too large (" + nx + "x" + ny + ")");
        Object kernel = hdu.getKernel();
        if (kernel == null) throw FitsInput.notFits(p, "image data could not be read", null);
        double[] px = toDoubles(ArrayFuncs.flatten(kernel), h);
        if (px.length != nx * ny)
            throw FitsInput.notFits(p, "image holds " + px.length + " pixels, header says " + nx + "x" + ny, null);
        return new Image((int) nx, (int) ny, px);
    }

    private static double[] toDoubles(Object flat, Header h) {
        double scale = h.getDoubleValue("BSCALE", 1.0), zero = h.getDoubleValue("BZERO", 0.0);
        boolean hasBlank = h.containsKey("BLANK");
        long blank = hasBlank ? h.getLongValue("BLANK", 0) : 0;
        int n = java.lang.reflect.Array.getLength(flat);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v;
            if (flat instanceof float[] f) v = f[i];
            else if (flat instanceof double[] d) v = d[i];
            else {
                long raw = flat instanceof byte[] b ? b[i] & 0xff   // BITPIX 8 is unsigned
                        : flat instanceof short[] sh ? sh[i]
                        : flat instanceof int[] in ? in[i]
                        : ((long[]) flat)[i];
                if (hasBlank && raw == blank) {
                    out[i] = Double.NaN;
                    continue;
                }
                v = raw;
            }
            out[i] = zero + scale * v;
        }
        return out;
    }
}
