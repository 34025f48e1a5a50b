package org.sersic4j.io;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/** Writes a file through a temporary file in the same directory and a rename, so a crash never leaves half a file. */
public final class AtomicWrite {

    /**
     * What writes the content; the stream is flushed, synced and closed by {@link #write} (a body whose library closes
     * the stream, as Jackson's and Deeplearning4j's writers do, closes only its view of it).
     */
    public interface Body {
        void writeTo(OutputStream out) throws Exception;
    }

    private AtomicWrite() {
    }

    /**
     * Writes {@code target} with what {@code body} puts on the stream, replacing any existing file only once the
     * content is complete and synced.
     *
     * @throws InvalidInputException when the directory is missing, the target is a directory, or writing fails
     */
    public static void write(Path target, Body body) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) throw new InvalidInputException(target, "cannot write: directory " + dir + " does not exist");
        if (Files.isDirectory(abs)) throw new InvalidInputException(target, "cannot write: it is a directory");
        String name = abs.getFileName().toString();
        Path tmp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            // FileOutputStream (not createTempFile) so the final file gets the usual umask permissions, not 0600.
            try (FileOutputStream fos = new FileOutputStream(tmp.toFile()); OutputStream out = new BufferedOutputStream(fos, 1 << 16)) {
                body.writeTo(new KeepOpen(out));
                out.flush();
                fos.getFD().sync();
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (InvalidInputException e) {
            deleteQuietly(tmp);
            throw e;
        } catch (Exception e) {
            deleteQuietly(tmp);
            throw new InvalidInputException(target, "cannot write (" + ErrorLine.reason(e) + ")", e);
        }
    }

    /**
     * Writes {@code text} as UTF-8, as {@link #write(Path, Body)} does.
     *
     * @throws InvalidInputException when the directory is missing, the target is a directory, or writing fails
     */
    public static void writeString(Path target, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the temporary file is hidden and harmless
        }
    }

    /** The body's view of the stream: closing it flushes, so the file can still be synced and renamed. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
