package org.sersic4j.validation.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sersic4j.compare.StampInput;
import org.sersic4j.fit.FitInputException;
import org.sersic4j.fit.io.FitOptions;
import org.sersic4j.fit.io.StampInputs;
import org.sersic4j.fit.io.StampTask;
import org.sersic4j.io.InvalidInputException;

/**
 * Real galaxies for a comparison, read as {@code sersic4j fit} reads them with its defaults (σ map, mask and
 * segmentation map where given, PSF normalised, zero-point from the header else 0). A stamp whose files cannot be read
 * is left out and reported; the others are kept.
 */
public final class RealStamps {
    /**
     * The stamps that could be read, and one line per stamp that could not.
     *
     * @param stamps   the stamps, in the order listed
     * @param problems "file: problem" for each stamp left out
     */
    public record Loaded(List<StampInput> stamps, List<String> problems) {
        /** Nothing: no real galaxies. */
        public static final Loaded NONE = new Loaded(List.of(), List.of());
    }

    private RealStamps() {}

    /** The stamps of a manifest CSV ({@code id, image, sigma, mask, seg, psf}, paths relative to the manifest). */
    public static Loaded fromManifest(Path csv) {
        return load(StampInputs.fromManifest(csv, FitOptions.defaults()));
    }

    /** The stamps among FITS files and directories of them (σ map or GAIN/SKY in the header, PSF via PSFFILE). */
    public static Loaded fromImages(List<Path> filesOrDirectories) {
        return load(StampInputs.fromImages(filesOrDirectories, FitOptions.defaults()));
    }

    /**
     * The stamps of each path in turn: a {@code .csv} file is a manifest ({@link #fromManifest}), anything else a FITS
     * file or a directory of them ({@link #fromImages}).
     */
    public static Loaded from(List<Path> manifestsFilesOrDirectories) {
        List<StampTask> tasks = new ArrayList<>();
        for (Path p : manifestsFilesOrDirectories) {
            boolean manifest = p.getFileName() != null && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
            tasks.addAll(manifest ? StampInputs.fromManifest(p, FitOptions.defaults()) : StampInputs.fromImages(List.of(p), FitOptions.defaults()));
        }
        return load(tasks);
    }

    private static Loaded load(List<StampTask> tasks) {
        List<StampInput> stamps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (StampTask t : tasks) {
            try {
                stamps.add(StampInput.of(t.load()));
            } catch (InvalidInputException | FitInputException e) {
                problems.add(t.id() + ": " + e.getMessage());
            }
        }
        return new Loaded(List.copyOf(stamps), List.copyOf(problems));
    }
}
