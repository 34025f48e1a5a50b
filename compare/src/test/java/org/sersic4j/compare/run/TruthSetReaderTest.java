package org.sersic4j.compare.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.result.TruthRow;
import org.sersic4j.render.Image;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.FitsImageWriter;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.sim.NoiseModel;

/** A simulator directory read into stamps and truth; bad directories fail with the offending file named. */
class TruthSetReaderTest {
    @TempDir
    static Path shared;
    static Path set;

    @TempDir
    Path dir;

    @BeforeAll
    static void simulate() {
        set = SmallTruthSet.write(shared.resolve("truth"), 4, 5);
    }

    @Test
    void readsStampsTruthNoisePsfAndCalibration() {
        TruthSet t = TruthSetReader.read(set);
        assertEquals(4, t.size());
        Table csv = CatalogIO.readCsv(set.resolve("truth.csv"));
        for (int i = 0; i < 4; i++) {
            StampInput s = t.stamps().get(i);
            TruthRow r = t.truth().get(i);
            assertEquals(csv.getString(i, "id"), s.id());
            assertEquals(s.id(), r.id());
            assertEquals(32, s.image().width());
            assertEquals(new NoiseModel(100, 1, 5), s.noise());
            assertNull(s.sigma(), "no sigma maps in a simulated set");
            assertNotNull(s.psf());
            assertSame(t.stamps().get(0).psf(), s.psf(), "one PSF file read once");
            assertEquals(30, s.zeropoint(), 1e-12);
            assertEquals(30, r.zeropoint(), 1e-12);
            assertEquals(0.2, s.pixelScale(), 1e-12);
            assertEquals(csv.getDouble(i, "flux"), r.truth().flux());
            assertEquals(csv.getDouble(i, "snr"), r.snr());
        }
    }

    @Test
    void aSigmaMapInTheSigmaDirectoryIsUsedAndMustMatchItsImage() throws IOException {
        Path copy = copyOf(set);
        Files.createDirectories(copy.resolve("sigma"));
        FitsImageWriter.write(copy.resolve("sigma").resolve("gal_000001.fits"), constant(32, 11), Map.of());
        TruthSet t = TruthSetReader.read(copy);
        assertEquals(11.0, t.stamps().get(0).sigma().pixels()[5]);
        assertNull(t.stamps().get(1).sigma());
        FitsImageWriter.write(copy.resolve("sigma").resolve("gal_000002.fits"), constant(31, 11), Map.of());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TruthSetReader.read(copy));
        assertTrue(e.getMessage().contains("gal_000002.fits") && e.getMessage().contains("31x31"), e.getMessage());
    }

    @Test
    void badDirectoriesNameTheMissingOrBrokenFile() throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TruthSetReader.read(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());

        e = assertThrows(InvalidInputException.class, () -> TruthSetReader.read(dir));
        assertTrue(e.getMessage().contains("truth.csv"), e.getMessage());

        Path noImage = copyOf(set);
        Files.delete(noImage.resolve("gal_000003.fits"));
        e = assertThrows(InvalidInputException.class, () -> TruthSetReader.read(noImage));
        assertTrue(e.getMessage().contains("gal_000003.fits"), e.getMessage());

        Path noPsf = copyOf(set);
        Files.delete(noPsf.resolve("psf.fits"));
        e = assertThrows(InvalidInputException.class, () -> TruthSetReader.read(noPsf));
        assertTrue(e.getMessage().contains("psf.fits"), e.getMessage());

        Path noColumn = copyOf(set);
        Path csv = noColumn.resolve("truth.csv");
        Files.writeString(csv, Files.readString(csv).replaceFirst(",gain,", ",GAIN_X,"));
        e = assertThrows(InvalidInputException.class, () -> TruthSetReader.read(noColumn));
        assertTrue(e.getMessage().contains("truth.csv") && e.getMessage().contains("'gain'"), e.getMessage());
    }

    private static Image constant(int size, double v) {
        double[] px = new double[size * size];
        java.util.Arrays.fill(px, v);
        return new Image(size, size, px);
    }

    private Path copyOf(Path src) throws IOException {
        Path d = Files.createTempDirectory(dir, "set");
        try (var files = Files.list(src)) {
            for (Path f : files.toList()) Files.copy(f, d.resolve(f.getFileName()));
        }
        return d;
    }
}
