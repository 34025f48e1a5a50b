package org.sersic4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.FitsImageFile;
import org.sersic4j.render.io.PsfFiles;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.model.Model;
import org.sersic4j.render.model.ModelColumns;
import org.sersic4j.render.model.ModelStamp;

/**
 * {@code render --model}: a simulated multi-component truth catalogue (CSV and FITS) drawn again, stamp by stamp equal
 * to {@link ModelStamp} of the row's model (to the float32 of the FITS file); and {@code simulate} with a model
 * section from the command line.
 */
class RenderModelTest {

    @TempDir
    Path dir;

    @Test
    void renderModelDrawsEachRowAsModelStampDoes() throws IOException {
        Path config = dir.resolve("bd.yaml");
        Files.writeString(config, "size: 40\nranges: {flux: [2000, 20000], reArcsec: [0.4, 1.0]}\npsf: {size: 15}\n"
                + "model: {type: bulge+disc, bulgeN: [2, 6], pointSource: {fraction: 1}, skyGradient: [0.01, 0.02],"
                + " neighbours: {count: 1, separation: [1, 2]}}\n");
        Path truth = dir.resolve("truth");
        CliTest.Outcome s = CliTest.execute("simulate", "--config", config.toString(), "--out", truth.toString(),
                "--count", "3", "--seed", "4", "--device", "java");
        assertEquals(0, s.code(), s.err());
        assertTrue(Files.exists(truth.resolve("seg").resolve("gal_000002.fits")));

        PixelPsf psf = PsfFiles.read(truth.resolve("psf.fits"), true);
        Table t = CatalogIO.readCsv(truth.resolve("truth.csv"));
        for (String table : List.of("truth.csv", "truth.fits")) {
            Path out = dir.resolve("out-" + table);
            CliTest.Outcome o = CliTest.execute("render", "--model", truth.resolve(table).toString(), "--psf",
                    truth.resolve("psf.fits").toString(), "--size", "40", "--out", out.toString(), "--device", "java");
            assertEquals(0, o.code(), o.err());
            assertTrue(o.out().contains("rendered 3 of 3"), o.out());
            for (int r = 0; r < t.rowCount(); r++) {
                Model m = ModelColumns.read(t, r, "truth.csv");
                assertEquals(5, m.components().size());
                double[] want = new ModelStamp(40, 40, psf, RenderSettings.DEFAULT).model(m);
                FitsImageFile f = FitsImageFile.read(out.resolve(t.getString(r, "id") + ".fits"));
                double[] got = f.image().pixels();
                for (int p = 0; p < want.length; p++)
                    assertEquals((float) want[p], got[p], 0.0, table + " row " + r + " pixel " + p);
                assertEquals(m.components().size(), (int) f.headerDouble("NCOMP", 0));
            }
        }
    }

    @Test
    void withoutAnIdColumnTheStampsAreNumbered() throws IOException {
        Path p = BadInputSuiteTest.text(dir.resolve("m.csv"),
                "c1_type,c1_x0,c1_y0,c1_flux,c1_re,c1_q,c1_pa\nexponential,16,16,1000,3,0.5,30\n");
        CliTest.Outcome o = CliTest.execute(BadInputSuiteTest.merged(List.of("render"), List.of("--model", p.toString(),
                "--size", "32", "--out", dir.resolve("o").toString(), "--device", "fast")));
        assertEquals(0, o.code(), o.err());
        double sum = 0;
        for (double v : FitsImageFile.read(dir.resolve("o").resolve("model_000001.fits")).image().pixels()) sum += v;
        assertEquals(1000, sum, 5, "the exponential's light, nearly all on the stamp");
    }
}
