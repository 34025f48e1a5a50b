package org.sersic4j.fit.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sersic4j.io.InvalidInputException;

/**
 * Builds the list of stamps to fit, reading no pixels: every task loads its own files when asked, and the tasks of
 * one list share one PSF cache (each PSF file is read once).
 *
 * <p>A stamp's PSF, first found wins: the manifest's psf cell; the options' PSF; the image header's {@code PSFFILE}
 * keyword, relative to the image's directory; none. {@code none} (any case) or an empty value means no PSF.
 */
public final class StampInputs {
    private StampInputs() {}

    /**
     * The stamps among {@code filesOrDirectories}, in the order given; a directory stands for its {@code *.fits} (and
     * {@code *.fits.gz}) files sorted by name (not its subdirectories). Files that are obviously not stamps are left out: {@code psf.fits}, {@code psf_*.fits}, {@code truth.fits},
     * {@code *_psf.fits} and anything inside the options' σ or mask directory. Each image's σ map and mask are the
     * files of the same name in those directories. A path that does not exist, an empty result or two stamps with
     * the same id are {@link InvalidInputException}s.
     */
    public static List<StampTask> fromImages(List<Path> filesOrDirectories, FitOptions o) {
        checkDirectory(o.sigmaDir(), "sigma directory");
        checkDirectory(o.maskDir(), "mask directory");
        PsfCache psfs = new PsfCache(o.psfHasPixel());
        PsfRef psf = o.psf() != null ? PsfRef.file(o.psf()) : PsfRef.HEADER;
        List<StampFiles> stamps = new ArrayList<>();
        for (Path p : filesOrDirectories) {
            if (!Files.exists(p)) throw new InvalidInputException(p, "does not exist");
            List<Path> images = Files.isDirectory(p) ? fitsFiles(p) : List.of(p);
            for (Path image : images) {
                if (!isStamp(image, o)) continue;
                String name = image.getFileName().toString();
                stamps.add(new StampFiles(idOf(image), image, o.sigmaDir() == null ? null : o.sigmaDir().resolve(name),
                        o.maskDir() == null ? null : o.maskDir().resolve(name), null, psf));
            }
        }
        if (stamps.isEmpty())
            throw new InvalidInputException(filesOrDirectories.isEmpty() ? Path.of(".") : filesOrDirectories.get(0),
                    "no stamps found among " + filesOrDirectories + " (FITS images other than PSFs)");
        return tasks(stamps, o, psfs, null);
    }

    /**
     * The stamps of a manifest CSV ({@code id, image, sigma, mask, seg, psf}; {@code id} and {@code image} required,
     * empty cells allowed, paths relative to the manifest's directory, other columns ignored; see the class comment
     * for the PSF). The options' σ and mask directories play no part: the manifest names every file. A missing
     * column, an empty image cell or a duplicate id is an {@link InvalidInputException} naming the row.
     */
    public static List<StampTask> fromManifest(Path csv, FitOptions o) {
        PsfCache psfs = new PsfCache(o.psfHasPixel());
        PsfRef psf = o.psf() != null ? PsfRef.file(o.psf()) : PsfRef.HEADER;
        return tasks(ManifestReader.read(csv, psf), o, psfs, csv);
    }

    /** A stamp's id: its file name without {@code .fits} (or {@code .fits.gz}, {@code .fit}, {@code .fts}). */
    public static String idOf(Path image) {
        String name = image.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".fits.gz", ".fits", ".fit", ".fts"})
            if (lower.endsWith(ext) && lower.length() > ext.length()) return name.substring(0, name.length() - ext.length());
        return name;
    }

    private static List<StampTask> tasks(List<StampFiles> stamps, FitOptions o, PsfCache psfs, Path manifest) {
        Map<String, Path> seen = new HashMap<>();
        List<StampTask> out = new ArrayList<>(stamps.size());
        for (StampFiles f : stamps) {
            Path first = seen.putIfAbsent(f.id(), f.image());
            if (first != null)
                throw new InvalidInputException(manifest != null ? manifest : f.image(), "duplicate stamp id '" + f.id()
                        + "': " + first + " and " + f.image());
            out.add(new FileStampTask(f, o, psfs));
        }
        return out;
    }

    private static List<Path> fitsFiles(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if ((n.endsWith(".fits") || n.endsWith(".fits.gz")) && Files.isRegularFile(p)) out.add(p);
            }
        } catch (IOException e) {
            throw new InvalidInputException(dir, "cannot list directory (" + e.getMessage() + ")", e);
        }
        out.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return out;
    }

    /** False for PSF files ({@code psf.fits}, {@code psf_*.fits}, {@code *_psf.fits}), the simulator's {@code truth.fits}, and files in the σ or mask directory. */
    static boolean isStamp(Path image, FitOptions o) {
        String id = idOf(image).toLowerCase(Locale.ROOT);
        if (id.equals("psf") || id.startsWith("psf_") || id.endsWith("_psf") || id.equals("truth")) return false;
        return !inside(image, o.sigmaDir()) && !inside(image, o.maskDir());
    }

    private static boolean inside(Path file, Path dir) {
        if (dir == null) return false;
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent != null && parent.equals(dir.toAbsolutePath().normalize());
    }

    private static void checkDirectory(Path dir, String what) {
        if (dir != null && !Files.isDirectory(dir))
            throw new InvalidInputException(dir, what + " does not exist or is not a directory");
    }
}
