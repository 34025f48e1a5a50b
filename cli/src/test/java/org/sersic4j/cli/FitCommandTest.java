package org.sersic4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.io.FitCatalog;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.FitsImageFile;
import org.sersic4j.render.io.Table;

/**
 * {@code sersic4j fit} end to end on a small simulated truth set: every stamp gets a converged row, with the truth
 * recovered within its errors' reach where the S/N is at least 10, a corrupt file among good ones fails only its own row (exit 1), a resumed run fits only
 * what is missing, and GALFIT-style blocks hold input, model and residual.
 */
class FitCommandTest {
    @TempDir
    Path dir;

    private Path simulate(int count) throws IOException {
        Path truth = dir.resolve("truth"), config = dir.resolve("sim.yaml");
        // The simulator's defaults: 64x64, flux 500-50,000 ADU, r_e 0.3-5 arcsec, Moffat PSF in psf.fits.
        Files.writeString(config, "noise: {sky: 100, gain: 1.0, rdnoise: 5.0}\n");
        CliTest.Outcome o = CliTest.execute("simulate", "--config", config.toString(), "--out", truth.toString(),
                "--count", String.valueOf(count), "--seed", "7", "--device", "java");
        assertEquals(0, o.code(), o.err());
        return truth;
    }

    @Test
    void fitsEveryStampAndWritesTheCatalogueAndBlocks() throws IOException {
        Path truth = simulate(6);
        Path cat = dir.resolve("fit.csv"), blocks = dir.resolve("blocks");
        CliTest.Outcome o = CliTest.execute("fit", "--images", truth.toString(), "--out", cat.toString(), "--blocks",
                blocks.toString(), "--threads", "2");
        assertEquals(0, o.code(), o.err());
        Table fit = FitCatalog.readCsv(cat);
        assertEquals(FitCatalog.COLUMNS, fit.columns());
        assertEquals(6, fit.rowCount());
        Table t = CatalogIO.readCsv(truth.resolve("truth.csv"));
        for (int i = 0; i < fit.rowCount(); i++) {
            String id = fit.getString(i, "id");
            int row = -1;
            for (int j = 0; j < t.rowCount(); j++) if (t.getString(j, "id").equals(id)) row = j;
            assertTrue(row >= 0, id);
            assertTrue((((Number) fit.get(i, "flags")).intValue() & FitFlags.CONVERGED) != 0, id);
            // A stamp at S/N below 10 may hold too little signal to find; the accuracy is checked on the others.
            if (t.getDouble(row, "snr") < 10) continue;
            double dx = fit.getDouble(i, "x0") - t.getDouble(row, "x0");
            assertTrue(Math.abs(dx) < 5 * fit.getDouble(i, "x0_err") + 0.05, id + " x0 off by " + dx);
            double df = fit.getDouble(i, "flux") / t.getDouble(row, "flux") - 1;
            assertTrue(Math.abs(df) < 0.3, id + " flux off by " + df);
            Path block = blocks.resolve(id + ".fits");
            double[] in = FitsImageFile.read(block, "INPUT").image().pixels();
            double[] model = FitsImageFile.read(block, "MODEL").image().pixels();
            double[] res = FitsImageFile.read(block, "RESIDUAL").image().pixels();
            for (int k = 0; k < in.length; k += 97) assertEquals(in[k] - model[k], res[k], 1e-3 * (1 + Math.abs(in[k])));
        }
        assertTrue(Files.exists(dir.resolve("fit.fits")), "FITS table beside the CSV");
        assertEquals(6, CatalogIO.readFits(dir.resolve("fit.fits")).rowCount());
    }

    @Test
    void aCorruptFileFailsOnlyItsRowAndResumeFitsOnlyTheRest() throws IOException {
        Path truth = simulate(5);
        Path bad = truth.resolve("gal_000003.fits");
        byte[] bytes = Files.readAllBytes(bad);
        Files.write(bad, java.util.Arrays.copyOf(bytes, 3000));
        Path cat = dir.resolve("fit.csv");
        CliTest.Outcome o = CliTest.execute("fit", "--images", truth.toString(), "--out", cat.toString(), "--threads", "2");
        assertEquals(1, o.code(), "partial failure: " + o.err());
        assertTrue(o.err().contains("gal_000003.fits"), o.err());
        Table fit = FitCatalog.readCsv(cat);
        assertEquals(5, fit.rowCount());
        int failed = 0;
        for (int i = 0; i < 5; i++) if ((((Number) fit.get(i, "flags")).intValue() & FitFlags.FAILED) != 0) failed++;
        assertEquals(1, failed);

        // A killed run: keep the header and two rows; the resumed run fits the other three and keeps those two.
        List<String> lines = Files.readAllLines(cat);
        Files.write(cat, lines.subList(0, 3));
        Set<String> kept = new HashSet<>(FitCatalog.finishedIds(cat));
        Files.write(bad, bytes);
        o = CliTest.execute("fit", "--images", truth.toString(), "--out", cat.toString(), "--resume");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("3 stamps") && o.out().contains("2 already done"), o.out());
        Table after = FitCatalog.readCsv(cat);
        assertEquals(5, after.rowCount());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) ids.add(after.getString(i, "id"));
        assertEquals(5, ids.size());
        assertTrue(ids.containsAll(kept));
    }

    /**
     * G266035 with bulge+disc and its two neighbours: the rounder neighbour's position angle is barely constrained and
     * once ran off to 1e14 in the optimiser's coordinates, where Hipparchus' relative parameter test called every later
     * step small and ended the fit after 2 iterations at χ²ν 1.68 (pixel cells, which do not take that path, reach
     * 1.22).
     */
    @Test
    void aBarelyConstrainedNeighbourAngleDoesNotEndAFitEarly() throws Exception {
        Path kids = Path.of("..", "data", "kids").toAbsolutePath().normalize();
        Path manifest = dir.resolve("one.csv");
        String g = "G266035";
        java.nio.file.Files.writeString(manifest, "id,image,sigma,mask,seg,psf\n" + g + "," + kids.resolve(g + "fitim.fits") + ","
                + kids.resolve(g + "sigma.fits") + "," + kids.resolve(g + "mskim.fits") + "," + kids.resolve(g + "segim.fits") + ","
                + kids.resolve(g + "psfim.fits") + "\n");
        Path cat = dir.resolve("one-fit.csv");
        CliTest.Outcome o = CliTest.execute("fit", "--manifest", manifest.toString(), "--model", "bulge+disc", "--neighbours", "4",
                "--threads", "1", "--out", cat.toString());
        assertEquals(0, o.code(), o.err());
        Table fit = FitCatalog.readCsv(cat);
        double chi2nu = fit.getDouble(0, "chi2nu");
        assertTrue(chi2nu < 1.3, "chi2nu " + chi2nu + " after " + fit.get(0, "iterations") + " iterations");
    }

    @Test
    void realKidsGalaxiesThroughTheManifest() {
        Path manifest = Path.of("..", "data", "kids", "manifest.csv");
        Path cat = dir.resolve("kids.csv");
        CliTest.Outcome o = CliTest.execute("fit", "--manifest", manifest.toString(), "--pixel-scale", "0.2", "--out",
                cat.toString(), "--threads", "2");
        assertEquals(0, o.code(), o.err());
        Table fit = FitCatalog.readCsv(cat);
        assertEquals(10, fit.rowCount());
        for (int i = 0; i < 10; i++) {
            int flags = ((Number) fit.get(i, "flags")).intValue();
            String id = fit.getString(i, "id");
            assertTrue((flags & FitFlags.CONVERGED) != 0 && (flags & FitFlags.MASKED_PIXELS) != 0, id + " " + FitFlags.names(flags));
            double chi2nu = fit.getDouble(i, "chi2nu");
            // One Sérsic for bulge+disc galaxies: not 1, but not far off either (measured 1.2–8.6).
            assertTrue(chi2nu > 0.9 && chi2nu < 15, id + " chi2nu " + chi2nu);
            assertTrue(fit.getDouble(i, "re_arcsec") > 0.5 && fit.getDouble(i, "re_arcsec") < 10, id);
        }
    }
}
