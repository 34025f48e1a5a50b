package org.sersic4j.fit.io;

import java.nio.file.Path;
import org.sersic4j.fit.FitProblem;

/** A stamp given by its files (an image found on disk or a manifest row); the guess comes from the options' catalogue. */
final class FileStampTask implements StampTask {
    private final StampFiles files;
    private final FitOptions options;
    private final PsfCache psfs;

    FileStampTask(StampFiles files, FitOptions options, PsfCache psfs) {
        this.files = files;
        this.options = options;
        this.psfs = psfs;
    }

    @Override
    public String id() {
        return files.id();
    }

    @Override
    public Path image() {
        return files.image();
    }

    @Override
    public FitProblem load() {
        StampImages s = StampImages.read(files, psfs);
        FitProblem.Builder b = StampSetup.builder(files.id(), s, options);
        if (options.guesses() != null) b.guess(options.guesses().get(files.id()));
        return StampSetup.build(b, files.id(), files.image());
    }

    @Override
    public String toString() {
        return "StampTask{" + files.id() + ", " + files.image() + "}";
    }
}
