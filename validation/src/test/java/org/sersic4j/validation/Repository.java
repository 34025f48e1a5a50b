package org.sersic4j.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the repository's shipped files (configs/, data/). */
public final class Repository {
    private Repository() {}

    /** The repository root: the current directory or its parent (tests run in the module's directory). */
    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("configs")) ? here : here.getParent();
    }

    /** Writes a manifest of the shipped KiDS galaxies {@code ids} (absolute paths) to {@code manifest}, and returns it. */
    public static Path kidsManifest(Path manifest, String... ids) throws IOException {
        Path kids = root().resolve("data").resolve("kids");
        StringBuilder csv = new StringBuilder("id,image,sigma,mask,seg,psf\n");
        for (String id : ids)
            csv.append(String.join(",", id, kids.resolve(id + "fitim.fits").toString(), kids.resolve(id + "sigma.fits").toString(),
                    kids.resolve(id + "mskim.fits").toString(), kids.resolve(id + "segim.fits").toString(),
                    kids.resolve(id + "psfim.fits").toString())).append('\n');
        Files.writeString(manifest, csv);
        return manifest;
    }
}
