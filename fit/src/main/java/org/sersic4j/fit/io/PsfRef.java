package org.sersic4j.fit.io;

import java.nio.file.Path;

/** Where a stamp's PSF comes from: a file, none, or the image header's {@code PSFFILE} keyword. */
record PsfRef(Path file, boolean fromHeader) {
    /** No PSF: the model is not convolved. */
    static final PsfRef NONE = new PsfRef(null, false);
    /** The image's PSFFILE keyword, relative to the image's directory; absent or {@code none} = no PSF. */
    static final PsfRef HEADER = new PsfRef(null, true);

    /** This PSF file. */
    static PsfRef file(Path p) {
        return new PsfRef(p, false);
    }

    /** True for a cell or keyword value that means "no PSF" (or "no file" in general): blank or {@code none}. */
    static boolean isNone(String value) {
        return value == null || value.isBlank() || value.trim().equalsIgnoreCase("none");
    }
}
