package org.sersic4j.io;

import java.nio.file.Path;

/**
 * A problem with a file the user named (missing, unreadable, malformed, or not writable). The message always reads
 * {@code "<path>: <problem>"}, on one line, so that it can be shown to the user as it is, without a stack trace.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A problem with {@code file}, described by {@code problem}. */
    public InvalidInputException(Path file, String problem) {
        this(file, problem, null);
    }

    /** A problem with {@code file}, described by {@code problem}, caused by {@code cause}. */
    public InvalidInputException(Path file, String problem, Throwable cause) {
        super(file + ": " + oneLine(problem), cause);
        this.file = file;
    }

    /** A library's multi-line message folded onto one line (the user sees one line per problem). */
    static String oneLine(String problem) {
        if (problem == null) return "unreadable";
        return problem.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    /** The file concerned. */
    public Path file() {
        return file;
    }
}
