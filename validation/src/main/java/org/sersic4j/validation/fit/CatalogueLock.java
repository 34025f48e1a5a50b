package org.sersic4j.validation.fit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.sersic4j.io.InvalidInputException;

/**
 * A lock file beside a catalogue ({@code CAT.csv.lock}, holding the writer's process id), so that two {@code fit}
 * runs on the same {@code --out} do not write into each other's rows. The second run stops with one line naming the
 * holder; a lock left behind by a process that is gone (a killed run) is taken over.
 */
public final class CatalogueLock implements AutoCloseable {
    private final Path file;
    private final long pid;

    private CatalogueLock(Path file, long pid) {
        this.file = file;
        this.pid = pid;
    }

    /** The lock file of a catalogue. */
    public static Path lockFile(Path catalogue) {
        return catalogue.resolveSibling(catalogue.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code catalogue}, or throws {@link InvalidInputException} naming the catalogue and the process
     * that holds it. A lock whose process no longer runs is taken over.
     */
    public static CatalogueLock acquire(Path catalogue) {
        Path lock = lockFile(catalogue);
        long me = ProcessHandle.current().pid();
        try {
            Path dir = lock.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException(catalogue, "cannot create its directory (" + e.getMessage() + ")", e);
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Files.writeString(lock, me + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return new CatalogueLock(lock, me);
            } catch (FileAlreadyExistsException held) {
                Optional<Long> holder = holder(lock);
                if (holder.isPresent() && alive(holder.get()))
                    throw new InvalidInputException(catalogue, "another sersic4j process (pid " + holder.get()
                            + ") is writing this catalogue (lock file " + lock.getFileName() + "); wait for it to end, "
                            + "or write to another --out");
                // Stale (its process is gone, or the file is unreadable): take it over.
                try {
                    Files.deleteIfExists(lock);
                } catch (IOException e) {
                    throw new InvalidInputException(lock, "a stale lock file cannot be removed (" + e.getMessage() + ")", e);
                }
            } catch (IOException e) {
                throw new InvalidInputException(lock, "cannot create the lock file (" + e.getMessage() + ")", e);
            }
        }
        throw new InvalidInputException(lock, "the lock file keeps reappearing; is another run starting?");
    }

    /** The process id written in a lock file, if it can be read. */
    static Optional<Long> holder(Path lock) {
        try {
            return Optional.of(Long.parseLong(Files.readString(lock, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean alive(long pid) {
        // A lock held by this very process (another job in the same JVM) is held too.
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The process holding the lock (this one). */
    public long pid() {
        return pid;
    }

    /** Releases the lock (removes the file, if it is still ours). */
    @Override
    public void close() {
        try {
            if (holder(file).map(h -> h == pid).orElse(false)) Files.deleteIfExists(file);
        } catch (IOException e) {
            // a lock left behind is taken over by the next run once this process is gone
        }
    }
}
