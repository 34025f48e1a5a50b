package org.sersic4j.validation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a relative input path of a run configuration (the network's model, the real galaxies' manifest) is found: in
 * the current directory, else in the sersic4j directory (the checkout holding the {@code sersic4j} launcher, which
 * passes it as the system property {@value #HOME_PROPERTY}). The shipped configurations name shipped files such as
 * {@code data/kids/manifest.csv}, so they work from any directory. Absolute paths are taken as they are. Outputs are
 * not resolved here: they are always relative to the current directory.
 */
public final class InputPaths {
    /** The system property naming the sersic4j directory. */
    public static final String HOME_PROPERTY = "sersic4j.home";

    private final Path home;

    /** Lookups in the current directory, then in {@code home} (null: the current directory only). */
    public InputPaths(Path home) {
        this.home = home;
    }

    /** Lookups in the current directory, then in the sersic4j directory the launcher named (if any). */
    public static InputPaths fromSystem() {
        String h = System.getProperty(HOME_PROPERTY);
        return new InputPaths(h == null || h.isBlank() ? null : Path.of(h));
    }

    /** The places looked in for {@code p}, in order. */
    public List<Path> candidates(Path p) {
        List<Path> out = new ArrayList<>();
        out.add(p);
        if (!p.isAbsolute() && home != null) {
            Path h = home.resolve(p).normalize();
            if (!h.toAbsolutePath().equals(p.toAbsolutePath().normalize())) out.add(h);
        }
        return out;
    }

    /** The first of {@link #candidates} that exists, or null when none does. */
    public Path find(Path p) {
        for (Path c : candidates(p)) if (Files.exists(c)) return c;
        return null;
    }

    /** The places looked in, for a message: "a.csv or /x/a.csv". */
    public String describe(Path p) {
        List<String> s = new ArrayList<>();
        for (Path c : candidates(p)) s.add(c.toString());
        return String.join(" or ", s);
    }
}
