package org.sersic4j.io;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** One line describing an error for a user: the message, naming the file where the exception knows it. */
public final class ErrorLine {
    private ErrorLine() {}

    /** One line describing {@code ex}: its file and problem, else the first line of its message. */
    public static String of(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        String msg;
        if (t instanceof NoSuchFileException e) msg = e.getFile() + ": no such file or directory";
        else if (t instanceof AccessDeniedException e) msg = e.getFile() + ": permission denied";
        else if (t instanceof NotDirectoryException e) msg = e.getFile() + ": not a directory";
        else if (t instanceof FileAlreadyExistsException e) msg = e.getFile() + ": already exists";
        else msg = t.getMessage();
        // Java's class names mean nothing to a user; a stack trace shows them.
        if (msg == null || msg.isBlank()) msg = t instanceof OutOfMemoryError ? "ran out of memory" : "an internal error";
        else if (t instanceof OutOfMemoryError) msg = "ran out of memory (" + msg + ")";
        return firstLine(msg);
    }

    /** The exception's own message, or its simple class name where it has none: the part in parentheses after a problem. */
    public static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The first line of {@code s}, stripped. */
    public static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }
}
