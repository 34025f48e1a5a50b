package org.sersic4j.compare.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.result.TruthRow;
import org.sersic4j.fit.io.PsfCache;
import org.sersic4j.render.Image;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.FitsImageFile;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.sim.NoiseModel;
import org.sersic4j.render.sim.TruthCatalog;

/**
 * Reads a directory written by {@code sersic4j simulate} (see {@link org.sersic4j.render.sim.Simulator}) into stamps
 * and truth rows, in the order of {@code truth.csv}.
 *
 * <ul>
 *   <li>{@code truth.csv} gives each stamp's id, image {@code file} and {@code psf} file (relative to the directory;
 *   blank or {@code none}: no PSF), the true {@code x0, y0, flux, re, n, q, pa}, the {@code snr}, and the noise model
 *   {@code sky, gain, rdnoise}, which every stamp gets (the set is simulated, so its noise is known).</li>
 *   <li>A σ map and a mask are used where they exist: named by optional {@code sigma} and {@code mask} columns, or else
 *   files of the image's name in the subdirectories {@code sigma/} and {@code mask/}. Without a σ map, σ comes from the
 *   noise model.</li>
 *   <li>The zero-point is the image header's {@code MAGZP} (else {@code ZP}), else {@code mag + 2.5 log10 flux} of the
 *   truth row when it has a {@code mag} column, else 0; the pixel scale is the header's {@code PIXSCALE}, else NaN.</li>
 *   <li>PSF images are taken to contain the pixel response, as the simulator writes them and as {@code sersic4j fit}
 *   assumes by default; each PSF file is read once.</li>
 * </ul>
 * A missing directory, {@code truth.csv}, column, image or PSF, a value that is not a number, a duplicate id, a σ map
 * or mask whose size differs from its image, a PSF larger than its stamp, and blend sets (two galaxies a stamp) are
 * {@link InvalidInputException}s naming the file.
 */
public final class TruthSetReader {
    private static final String[] REQUIRED = {"id", "file", "psf", "x0", "y0", "flux", "re", "n", "q", "pa", "sky",
            "gain", "rdnoise", "snr"};

    private TruthSetReader() {}

    /** Reads the set in {@code dir}. */
    public static TruthSet read(Path dir) {
        if (!Files.isDirectory(dir)) throw new InvalidInputException(dir, "no such directory (expected a simulated truth set)");
        Path csv = dir.resolve(TruthCatalog.CSV);
        if (!Files.isRegularFile(csv))
            throw new InvalidInputException(csv, "no truth catalogue: is " + dir + " a directory written by sersic4j simulate?");
        Table t = CatalogIO.readCsv(csv);
        for (String c : REQUIRED)
            if (!t.hasColumn(c)) throw new InvalidInputException(csv, "truth catalogue has no column '" + c + "' (found " + t.columns() + ")");
        if (t.hasColumn(TruthCatalog.BLEND_COLUMNS.get(0)))
            throw new InvalidInputException(csv, "a blend truth set (two galaxies a stamp) cannot be compared one profile a stamp");
        if (t.rowCount() == 0) throw new InvalidInputException(csv, "truth catalogue has no rows");
        PsfCache psfs = new PsfCache(true);
        Map<String, Integer> seen = new HashMap<>();
        List<StampInput> stamps = new ArrayList<>(t.rowCount());
        List<TruthRow> truth = new ArrayList<>(t.rowCount());
        for (int r = 0; r < t.rowCount(); r++) {
            String id = t.getString(r, "id");
            String where = "data row " + (r + 1) + (id == null ? "" : " (id " + id + ")");
            if (id == null || id.isBlank()) throw new InvalidInputException(csv, where + ": blank id");
            Integer first = seen.putIfAbsent(id, r + 1);
            if (first != null) throw new InvalidInputException(csv, where + ": duplicate id (also data row " + first + ")");
            Row row;
            try {
                row = Row.of(t, r);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(csv, where + ": " + e.getMessage(), e);
            }
            StampInput s = stamp(dir, t, r, id, row, psfs);
            stamps.add(s);
            truth.add(new TruthRow(id, row.truth, row.snr, s.zeropoint()));
        }
        return new TruthSet(dir, stamps, truth);
    }

    /** The numbers of one truth row. */
    private record Row(SersicParams truth, double mag, double snr, NoiseModel noise) {
        static Row of(Table t, int r) {
            SersicParams p = new SersicParams(t.getDouble(r, "x0"), t.getDouble(r, "y0"), t.getDouble(r, "flux"),
                    t.getDouble(r, "re"), t.getDouble(r, "n"), t.getDouble(r, "q"), t.getDouble(r, "pa"));
            String problem = p.problem();
            if (problem != null) throw new IllegalArgumentException("true " + problem);
            double mag = t.hasColumn("mag") ? t.getDouble(r, "mag") : Double.NaN;
            NoiseModel noise = new NoiseModel(t.getDouble(r, "sky"), t.getDouble(r, "gain"), t.getDouble(r, "rdnoise"));
            return new Row(p, mag, t.getDouble(r, "snr"), noise);
        }
    }

    private static StampInput stamp(Path dir, Table t, int r, String id, Row row, PsfCache psfs) {
        Path imagePath = file(dir, t, r, "file");
        if (imagePath == null) throw new InvalidInputException(dir.resolve(TruthCatalog.CSV), "data row " + (r + 1) + ": blank file");
        FitsImageFile img = FitsImageFile.read(imagePath);
        String name = imagePath.getFileName().toString();
        Image sigma = companion(companionPath(dir, t, r, "sigma", name), "sigma map", img);
        Image mask = companion(companionPath(dir, t, r, "mask", name), "mask", img);
        Path psfPath = file(dir, t, r, "psf");
        PixelPsf psf = psfPath == null ? null : psfs.get(psfPath);
        Image i = img.image();
        if (psf != null && (psf.size() > i.width() || psf.size() > i.height()))
            throw new InvalidInputException(psfPath, "PSF is " + psf.size() + "x" + psf.size() + ", larger than the stamp "
                    + imagePath + " (" + i.width() + "x" + i.height() + ")");
        double zp = img.headerDouble("MAGZP", img.headerDouble("ZP", Double.NaN));
        if (!Double.isFinite(zp)) zp = Double.isFinite(row.mag) ? row.mag + 2.5 * Math.log10(row.truth.flux()) : 0;
        double scale = img.headerDouble("PIXSCALE", Double.NaN);
        return new StampInput(id, i, sigma, mask, psf, row.noise, zp, scale > 0 ? scale : Double.NaN);
    }

    /** The file a column names, relative to the directory; null for a blank cell or {@code none}. */
    private static Path file(Path dir, Table t, int r, String column) {
        String s = t.getString(r, column);
        if (s == null || s.isBlank() || s.trim().toLowerCase(Locale.ROOT).equals("none")) return null;
        return dir.resolve(s.trim());
    }

    /** A σ map or mask: the column's file where the column exists, else {@code dir/<column>/<image name>} where that exists. */
    private static Path companionPath(Path dir, Table t, int r, String column, String imageName) {
        if (t.hasColumn(column)) return file(dir, t, r, column);
        Path p = dir.resolve(column).resolve(imageName);
        return Files.isRegularFile(p) ? p : null;
    }

    private static Image companion(Path p, String what, FitsImageFile img) {
        if (p == null) return null;
        Image c = FitsImageFile.read(p).image(), i = img.image();
        if (c.width() != i.width() || c.height() != i.height())
            throw new InvalidInputException(p, what + " is " + c.width() + "x" + c.height() + " but its image " + img.path()
                    + " is " + i.width() + "x" + i.height());
        return c;
    }
}
