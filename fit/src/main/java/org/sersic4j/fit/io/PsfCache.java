package org.sersic4j.fit.io;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.io.PsfFiles;

/**
 * PSF files read once and shared by the stamps that name them (keyed by absolute, normalised path); a file that
 * fails is not read again, each stamp that names it gets the same message. Thread-safe.
 */
public final class PsfCache {
    private final boolean pixelIncluded;
    private final ConcurrentHashMap<Path, Entry> entries = new ConcurrentHashMap<>();

    /** A cache reading PSFs that do ({@code true}) or do not contain the pixel response. */
    public PsfCache(boolean pixelIncluded) {
        this.pixelIncluded = pixelIncluded;
    }

    /** The PSF in {@code file}, read on first use; {@link InvalidInputException} naming the file when it is unusable. */
    public PixelPsf get(Path file) {
        Path key = file.toAbsolutePath().normalize();
        return entries.computeIfAbsent(key, k -> new Entry(file)).get();
    }

    private final class Entry {
        private final Path file;
        private PixelPsf psf;
        private InvalidInputException failure;

        Entry(Path file) {
            this.file = file;
        }

        synchronized PixelPsf get() {
            if (psf == null && failure == null) {
                try {
                    psf = PsfFiles.read(file, pixelIncluded);
                } catch (InvalidInputException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                String m = failure.getMessage(), prefix = failure.file() + ": ";
                throw new InvalidInputException(failure.file(), m.startsWith(prefix) ? m.substring(prefix.length()) : m,
                        failure);
            }
            return psf;
        }
    }
}
