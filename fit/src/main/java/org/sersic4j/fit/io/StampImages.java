package org.sersic4j.fit.io;

import java.nio.file.Path;
import org.sersic4j.render.Image;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.io.FitsImageFile;
import org.sersic4j.io.InvalidInputException;

/**
 * The pixels of one stamp, read and checked to belong together: the image (with its header), and where given the σ
 * map, mask, segmentation map (each the image's size) and PSF (null where absent).
 */
record StampImages(FitsImageFile image, Image sigma, Image mask, Image segmentation, PixelPsf psf) {

    /** Reads the files; a missing, malformed or wrongly sized file is an {@link InvalidInputException} naming it. */
    static StampImages read(StampFiles f, PsfCache psfs) {
        FitsImageFile img = FitsImageFile.read(f.image());
        Image sigma = companion(f.sigma(), "sigma map", img);
        Image mask = companion(f.mask(), "mask", img);
        Image seg = companion(f.segmentation(), "segmentation map", img);
        return new StampImages(img, sigma, mask, seg, psf(f, img, psfs));
    }

    private static Image companion(Path p, String what, FitsImageFile img) {
        if (p == null) return null;
        Image c;
        try {
            c = FitsImageFile.read(p).image();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.file(), problem(e) + " (the " + what + " of " + img.path() + ")", e);
        }
        Image i = img.image();
        if (c.width() != i.width() || c.height() != i.height())
            throw new InvalidInputException(p, what + " is " + c.width() + "x" + c.height() + " but the image "
                    + img.path() + " is " + i.width() + "x" + i.height());
        return c;
    }

    private static PixelPsf psf(StampFiles f, FitsImageFile img, PsfCache psfs) {
        PsfRef ref = f.psf();
        Path file = ref.file();
        if (ref.fromHeader()) {
            String name = img.headerString("PSFFILE");
            if (PsfRef.isNone(name)) return null;
            Path dir = f.image().getParent();
            file = dir == null ? Path.of(name.trim()) : dir.resolve(name.trim());
        }
        if (file == null) return null;
        try {
            return psfs.get(file);
        } catch (InvalidInputException e) {
            String via = ref.fromHeader() ? "named by PSFFILE in " : "of ";
            throw new InvalidInputException(e.file(), problem(e) + " (the PSF " + via + f.image() + ")", e);
        }
    }

    /** The problem part of an {@link InvalidInputException}'s message, without the leading file name. */
    static String problem(InvalidInputException e) {
        String m = e.getMessage(), prefix = e.file() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /** The same stamp cut to {@code r} (1-based, inclusive); the header and PSF are kept. */
    StampImages crop(Feedme.Region r) {
        FitsImageFile img = new FitsImageFile(cut(image.image(), r), image.header(), image.path());
        return new StampImages(img, cut(sigma, r), cut(mask, r), cut(segmentation, r), psf);
    }

    private static Image cut(Image src, Feedme.Region r) {
        if (src == null) return null;
        int w = r.width(), h = r.height(), x0 = r.xmin() - 1, y0 = r.ymin() - 1;
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) System.arraycopy(src.pixels(), (y0 + y) * src.width() + x0, out, y * w, w);
        return new Image(w, h, out);
    }
}
