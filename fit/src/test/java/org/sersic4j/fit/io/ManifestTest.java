package org.sersic4j.fit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.fit.FitProblem;
import org.sersic4j.fit.Likelihood;
import org.sersic4j.render.Image;
import org.sersic4j.render.io.FitsImageFile;
import org.sersic4j.io.InvalidInputException;

/** Manifest CSVs: paths relative to the manifest, clear errors per row, and the ten KiDS galaxies in data/kids. */
class ManifestTest {
    @TempDir
    Path dir;

    @Test
    void rowsNameTheirFilesRelativeToTheManifest() throws Exception {
        Path d = dir.resolve("survey");
        TestStamps.stamp(d.resolve("img").resolve("one.fits"), null);
        TestStamps.write(d.resolve("img").resolve("one_sig.fits"), TestStamps.constant(21, 21, 2), null);
        TestStamps.write(d.resolve("psf").resolve("p.fits"), TestStamps.psf(4), null);
        Image seg = TestStamps.constant(21, 21, 1);
        for (int i = 0; i < 21; i++) seg.pixels()[i] = 2;   // a neighbour along the bottom row
        TestStamps.write(d.resolve("img").resolve("one_seg.fits"), seg, null);
        TestStamps.stamp(d.resolve("img").resolve("two.fits"), Map.of("GAIN", 1.0, "SKY", 5.0));
        Path csv = Files.writeString(d.resolve("manifest.csv"), """
                id,image,sigma,mask,seg,psf,ra
                G1,img/one.fits,img/one_sig.fits,,img/one_seg.fits,psf/p.fits,150.1
                ,img/two.fits,,,,none,150.2
                """);
        List<StampTask> tasks = StampInputs.fromManifest(csv, FitOptions.defaults());
        assertEquals(List.of("G1", "two"), tasks.stream().map(StampTask::id).toList(), "an empty id is the file name");
        FitProblem one = tasks.get(0).load();
        assertEquals(2.0, one.sigma()[0], 1e-6);
        assertEquals(9, one.psf().size());
        assertEquals(21, one.maskedPixels(), "the neighbour's segment");
        assertTrue(one.excluded()[0] && !one.excluded()[21]);
        FitProblem two = tasks.get(1).load();
        assertNull(two.psf());
        assertNull(two.sigma());
        assertEquals(Likelihood.POISSON, two.likelihood());
    }

    @Test
    void missingColumnIsAnError() throws Exception {
        Path csv = Files.writeString(dir.resolve("m.csv"), "id,sigma\nG1,s.fits\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> StampInputs.fromManifest(csv, FitOptions.defaults()));
        assertEquals(csv, e.file());
        assertTrue(e.getMessage().contains("no column 'image'"), e.getMessage());
    }

    @Test
    void duplicateIdNamesBothRows() throws Exception {
        Path csv = Files.writeString(dir.resolve("m.csv"), "id,image\nG1,a.fits\nG2,b.fits\nG1,c.fits\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> StampInputs.fromManifest(csv, FitOptions.defaults()));
        assertTrue(e.getMessage().contains("data row 3: duplicate id 'G1' (also data row 1)"), e.getMessage());
    }

    @Test
    void emptyImageCellNamesTheRow() throws Exception {
        Path csv = Files.writeString(dir.resolve("m.csv"), "id,image\nG1,a.fits\nG2,\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> StampInputs.fromManifest(csv, FitOptions.defaults()));
        assertTrue(e.getMessage().contains("data row 2: the image cell is empty"), e.getMessage());
    }

    @Test
    void aMissingFileFailsOnlyItsRow() throws Exception {
        TestStamps.stamp(dir.resolve("a.fits"), Map.of("GAIN", 1.0, "SKY", 5.0));
        Path csv = Files.writeString(dir.resolve("m.csv"), "id,image\nA,a.fits\nB,b.fits\n");
        List<StampTask> tasks = StampInputs.fromManifest(csv, FitOptions.defaults());
        assertNotNull(tasks.get(0).load());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> tasks.get(1).load());
        assertEquals(dir.resolve("b.fits"), e.file());
    }

    @Test
    void kidsManifestLoadsTenGalaxiesWithNeighboursMasked() {
        Path csv = TestStamps.kidsDir().resolve("manifest.csv");
        List<StampTask> tasks = StampInputs.fromManifest(csv, FitOptions.builder().pixelScale(0.2).build());
        assertEquals(10, tasks.size());
        int neighbourPixels = 0;
        for (StampTask t : tasks) {
            assertTrue(t.id().matches("G\\d{6}"), t.id());
            FitProblem p = t.load();
            Image img = p.image();
            int w = img.width(), h = img.height();
            assertEquals(Likelihood.CHI2, p.likelihood(), t.id() + ": a sigma map and no noise keywords");
            assertNull(p.noise());
            assertNotNull(p.sigma());
            assertEquals(25, p.psf().size());
            assertEquals(1.0, p.psf().toImage().sum(), 1e-9, "the PSF is normalised on reading");
            assertEquals(0.2, p.pixelScale());
            boolean[] excluded = p.excluded();
            // The target is the segment under the image centre (FitProblem's rule when there is no guess).
            int cx = (int) Math.round(0.5 * (w + 1)) - 1, cy = (int) Math.round(0.5 * (h + 1)) - 1;
            assertTrue(!excluded[cy * w + cx], t.id() + ": the target's central pixel is fitted");
            Image seg = FitsImageFile.read(t.image().resolveSibling(t.id() + "segim.fits")).image();
            double target = seg.get(cx, cy);
            assertTrue(target != 0, t.id() + ": the centre lies in a segment");
            for (int i = 0; i < excluded.length; i++) {
                double s = seg.pixels()[i];
                if (s != 0 && s != target) {
                    assertTrue(excluded[i], t.id() + ": neighbour pixel " + i + " is masked");
                    neighbourPixels++;
                }
            }
            System.out.printf("%s %dx%d masked=%d badSigma=%d nan=%d%n", t.id(), w, h, p.maskedPixels(),
                    p.badSigmaPixels(), p.nanPixels());
            assertTrue(p.maskedPixels() > 0, t.id());
            assertTrue(p.fittedPixels() > w * h / 4, t.id() + ": most of the stamp is fitted");
        }
        System.out.println("neighbour pixels masked: " + neighbourPixels);
        assertTrue(neighbourPixels > 1000, "the segmentation maps mask neighbours: " + neighbourPixels);
    }
}
