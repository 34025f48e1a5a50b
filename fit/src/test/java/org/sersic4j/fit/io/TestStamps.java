package org.sersic4j.fit.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.sersic4j.render.Image;
import org.sersic4j.render.io.FitsImageWriter;

/** Small FITS files for the input tests: a round Gaussian galaxy, constant maps, a Gaussian PSF. */
final class TestStamps {
    private TestStamps() {}

    /** A w × h image holding a round Gaussian blob of total ~{@code flux} centred on the stamp. */
    static Image galaxy(int w, int h, double flux) {
        double cx = 0.5 * (w - 1), cy = 0.5 * (h - 1), s = 2.0;
        double[] px = new double[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                px[y * w + x] = flux / (2 * Math.PI * s * s) * Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * s * s));
        return new Image(w, h, px);
    }

    /** A w × h image of one value. */
    static Image constant(int w, int h, double v) {
        double[] px = new double[w * h];
        java.util.Arrays.fill(px, v);
        return new Image(w, h, px);
    }

    /** A (2r+1)² Gaussian PSF of σ = 1 px, not normalised (its sum is 2). */
    static Image psf(int r) {
        int s = 2 * r + 1;
        double[] px = new double[s * s];
        for (int y = 0; y < s; y++)
            for (int x = 0; x < s; x++) px[y * s + x] = 2 / (2 * Math.PI) * Math.exp(-((x - r) * (x - r) + (y - r) * (y - r)) / 2.0);
        return new Image(s, s, px);
    }

    /** Writes {@code img} to {@code p} (parents created) with these header keywords. */
    static Path write(Path p, Image img, Map<String, Object> header) throws IOException {
        Files.createDirectories(p.toAbsolutePath().getParent());
        FitsImageWriter.write(p, img, header);
        return p;
    }

    /** Writes a 21×21 galaxy stamp with these header keywords. */
    static Path stamp(Path p, Map<String, Object> header) throws IOException {
        return write(p, galaxy(21, 21, 1000), header);
    }

    /** Cuts {@code p} to its first {@code bytes} bytes. */
    static void truncate(Path p, int bytes) throws IOException {
        byte[] b = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(b, bytes));
    }

    /** The repository's {@code data/kids} directory, found from the working directory upwards. */
    static Path kidsDir() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path k = d.resolve("data").resolve("kids");
            if (Files.isRegularFile(k.resolve("manifest.csv"))) return k;
        }
        throw new IllegalStateException("data/kids/manifest.csv not found above " + Path.of("").toAbsolutePath());
    }
}
