package org.sersic4j.validation;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the repository's shipped files (configs/, data/). */
final class Repository {
    private Repository() {}

    /** The repository root: the current directory or its parent (tests run in the module's directory). */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("configs")) ? here : here.getParent();
    }
}
