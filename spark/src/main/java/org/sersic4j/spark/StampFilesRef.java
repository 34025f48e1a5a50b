package org.sersic4j.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.fit.io.FitOptions;
import org.sersic4j.fit.io.StampInputs;
import org.sersic4j.fit.io.StampTask;
import org.sersic4j.render.Image;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.FitsImageFile;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.io.Table;

/**
 * The files of one stamp to put into a store, as paths that travel to the tasks that read them: the image, and where
 * given its σ map, mask, segmentation map and PSF ({@code psf} null: the image's {@code PSFFILE} keyword, relative to
 * the image, names it).
 */
public record StampFilesRef(String id, String image, String sigma, String mask, String seg, String psf) implements Serializable {

    /**
     * The stamps among image files and directories, found as {@code fit --images} finds them (psf and truth files
     * left out, ids from the file names), with σ maps and masks of the same name in {@code sigmaDir}/{@code maskDir}.
     */
    public static List<StampFilesRef> fromImages(List<Path> images, Path sigmaDir, Path maskDir, Path psf) {
        FitOptions o = FitOptions.builder().psf(psf).sigmaDir(sigmaDir).maskDir(maskDir).build();
        List<StampFilesRef> out = new ArrayList<>();
        for (StampTask t : StampInputs.fromImages(images, o)) {
            String name = t.image().getFileName().toString();
            out.add(new StampFilesRef(t.id(), abs(t.image()), sigmaDir == null ? null : abs(sigmaDir.resolve(name)),
                    maskDir == null ? null : abs(maskDir.resolve(name)), null, psf == null ? null : abs(psf)));
        }
        return out;
    }

    /**
     * The stamps of a manifest ({@code id, image, sigma, mask, seg, psf}, paths relative to the manifest, empty cells
     * or {@code none} for no file), as {@code fit --manifest} reads it; {@code psf} serves the rows without one.
     */
    public static List<StampFilesRef> fromManifest(Path csv, Path psf) {
        // fit's own reader checks the columns, the ids and the image cells, and names the row of any problem
        List<StampTask> tasks = StampInputs.fromManifest(csv, FitOptions.builder().psf(psf).build());
        Table t = CatalogIO.readCsv(csv);
        Map<String, Integer> rowOf = new HashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            String id = cell(t, r, "id");
            rowOf.put(id != null ? id : StampInputs.idOf(Path.of(cell(t, r, "image"))), r);
        }
        Path dir = csv.toAbsolutePath().getParent();
        List<StampFilesRef> out = new ArrayList<>();
        for (StampTask task : tasks) {
            int r = rowOf.get(task.id());
            String rowPsf = cell(t, r, "psf");
            out.add(new StampFilesRef(task.id(), abs(task.image()), file(dir, cell(t, r, "sigma")),
                    file(dir, cell(t, r, "mask")), file(dir, cell(t, r, "seg")),
                    rowPsf != null ? file(dir, rowPsf) : psf == null ? null : abs(psf)));
        }
        return out;
    }

    /**
     * Reads the stamp's files into a store row. A stamp that cannot be read (a missing or malformed file, pieces of
     * different sizes, a header value that is not a number) gets a row without pixels that says why.
     */
    public StoreStamp read() {
        try {
            FitsImageFile img = FitsImageFile.read(Path.of(image));
            Image i = img.image();
            return new StoreStamp(id, i.width(), i.height(), i.toFloats(), companion(sigma, "sigma map", img),
                    companion(mask, "mask", img), companion(seg, "segmentation map", img), psfKey(img),
                    header(img, "GAIN"), header(img, "RDNOISE"), header(img, "SKY"), zeropoint(img),
                    header(img, "PIXSCALE"), image, null, truth(img));
        } catch (InvalidInputException e) {
            return StoreStamp.unreadable(id, image, e.getMessage());
        }
    }

    private String psfKey(FitsImageFile img) {
        if (psf != null) return psf;
        String name = img.headerString("PSFFILE");
        if (name == null || name.isBlank() || name.trim().equalsIgnoreCase("none")) return null;
        Path dir = Path.of(image).getParent();
        return abs(dir == null ? Path.of(name.trim()) : dir.resolve(name.trim()));
    }

    private static Double zeropoint(FitsImageFile img) {
        Double zp = header(img, "MAGZP");
        return zp != null ? zp : header(img, "ZP");
    }

    /** The true parameters a simulated stamp's header carries (X0 … PA), or null when any is missing. */
    private static double[] truth(FitsImageFile img) {
        double[] t = new double[StoreSchema.TRUTH.size()];
        for (int k = 0; k < t.length; k++) {
            String key = StoreSchema.TRUTH.get(k).substring("true_".length()).toUpperCase(java.util.Locale.ROOT);
            if (img.headerString(key) == null) return null;
            t[k] = img.headerDouble(key, Double.NaN);
        }
        return t;
    }

    private float[] companion(String file, String what, FitsImageFile img) {
        if (file == null) return null;
        Image c;
        try {
            c = FitsImageFile.read(Path.of(file)).image();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.file(), e.getMessage() + " (the " + what + " of " + image + ")", e);
        }
        Image i = img.image();
        if (c.width() != i.width() || c.height() != i.height())
            throw new InvalidInputException(Path.of(file), what + " is " + c.width() + "x" + c.height() + " but the image "
                    + image + " is " + i.width() + "x" + i.height());
        return c.toFloats();
    }

    /**
     * A numeric header keyword, or null when absent; NaN when present but not a finite number (the fit of a stamp that
     * needs that value then fails naming it, as {@code fit} does; an option given on the command line serves instead).
     */
    static Double header(FitsImageFile img, String key) {
        if (img.headerString(key) == null) return null;
        double v = img.headerDouble(key, Double.NaN);
        return Double.isFinite(v) ? v : Double.NaN;
    }

    private static String cell(Table t, int r, String column) {
        if (!t.hasColumn(column)) return null;
        String s = t.getString(r, column);
        return s == null || s.isBlank() || s.trim().equalsIgnoreCase("none") ? null : s.trim();
    }

    private static String file(Path dir, String cell) {
        if (cell == null) return null;
        Path p = Path.of(cell);
        return abs(p.isAbsolute() || dir == null ? p : dir.resolve(p));
    }

    private static String abs(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    /** Reads a PSF file as a store's PSF table entry (or the entry that says why it cannot be read). */
    public static PsfTable.Entry readPsf(String file) {
        try {
            Image i = FitsImageFile.read(Path.of(file)).image();
            if (i.width() != i.height())
                return new PsfTable.Entry(0, null, file, "PSF is " + i.width() + "x" + i.height() + ", not square");
            return new PsfTable.Entry(i.width(), i.pixels(), file, null);
        } catch (InvalidInputException e) {
            String m = e.getMessage(), prefix = e.file() + ": ";
            return new PsfTable.Entry(0, null, file, m.startsWith(prefix) ? m.substring(prefix.length()) : m);
        }
    }
}
