package org.sersic4j.fit.io;

import java.nio.file.Path;
import org.sersic4j.fit.FitInputException;
import org.sersic4j.fit.FitProblem;
import org.sersic4j.io.InvalidInputException;

/**
 * One stamp to fit. Creating a task reads nothing; {@link #load} reads the stamp's files when the fit needs them, so
 * a batch of thousands holds only the stamps being fitted, and a bad file fails only its own stamp. Safe to load
 * from several threads (tasks of one list share a PSF cache).
 */
public interface StampTask {

    /** The stamp's id: its image file name without {@code .fits}, or the id a manifest gives it. */
    String id();

    /** The stamp's image file. */
    Path image();

    /**
     * Reads the stamp's files and builds its problem. Throws {@link InvalidInputException} (a file that is missing,
     * unreadable or malformed; the message names it) or {@link FitInputException} (files that do not fit together or
     * cannot be fitted; the message names the file or stamp and the problem).
     */
    FitProblem load();
}
