package org.sersic4j.render.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.render.FastRenderer;
import org.sersic4j.render.Image;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.FitsImageFile;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.model.Component;
import org.sersic4j.render.model.ComponentType;
import org.sersic4j.render.model.Model;
import org.sersic4j.render.model.ModelColumns;
import org.sersic4j.render.sim.SimulationConfig.ModelSpec;
import org.sersic4j.render.sim.SimulationConfig.Neighbours;
import org.sersic4j.render.sim.SimulationConfig.PointSource;

/**
 * Multi-component truth sets ({@code model:} section): the catalogue's per-component block reads back as the drawn
 * model (CSV and FITS), B/T lies in its range and is the bulge's share of the component fluxes, the single-Sérsic
 * columns hold the target's total flux and the disc's shape, one seed gives the same stamps whatever the batch size,
 * neighbours sit at the requested separation with their segmentation labels, and the YAML section reads with clear
 * errors.
 */
class MultiComponentSimulationTest {

    @TempDir
    Path tmp;

    /** Six 32×32 bulge+disc stamps of compact galaxies ({@link SimulatorTest#small()} with a model section). */
    private static SimulationConfig bulgeDisc() {
        return SimulatorTest.small().withSeed(11)
                .withModel(new ModelSpec(null, Range.of(0.1, 0.9), Range.of(2, 6), null, null, null, null, null));
    }

    private static Simulator.Summary run(SimulationConfig c, Renderer r, Path dir, int batch) {
        return new Simulator(c, r, dir).withBatchSize(batch).withProgress(false).run();
    }

    @Test
    void theCatalogueReadsBackAsTheDrawnModelsWithBtAndTheOldColumns() {
        SimulationConfig cfg = bulgeDisc();
        Path dir = tmp.resolve("bd");
        run(cfg, new JavaReferenceRenderer(), dir, 4);
        SceneSampler sampler = new SceneSampler(cfg);
        for (Table t : List.of(CatalogIO.readCsv(dir.resolve("truth.csv")), CatalogIO.readFits(dir.resolve("truth.fits")))) {
            assertEquals(6, t.rowCount());
            assertTrue(t.columns().containsAll(TruthCatalog.COLUMNS), "the single-Sérsic columns stay");
            for (int r = 0; r < t.rowCount(); r++) {
                Model m = ModelColumns.read(t, r, "truth");
                assertEquals(sampler.draw(r).model(), m, "row " + r);
                Component bulge = m.components().get(0), disc = m.components().get(1);
                assertEquals("bulge", bulge.name());
                assertEquals(ComponentType.SERSIC, bulge.type());
                assertEquals(ComponentType.EXPONENTIAL, disc.type());
                double bt = t.getDouble(r, "bt");
                assertTrue(bt >= 0.1 && bt <= 0.9, "bt " + bt);
                assertEquals(bulge.flux() / (bulge.flux() + disc.flux()), bt, 1e-12);
                assertEquals("bulge+disc", t.getString(r, "model"));
                assertEquals(bulge.flux() + disc.flux(), t.getDouble(r, "flux"), 1e-9 * t.getDouble(r, "flux"));
                assertEquals(disc.get("re"), t.getDouble(r, "re"));
                assertEquals(1.0, t.getDouble(r, "n"));
                assertEquals(disc.get("q"), t.getDouble(r, "q"));
                assertEquals(bulge.get("x0"), disc.get("x0"));
                double ratio = bulge.get("re") / disc.get("re"), n = bulge.get("n");
                assertTrue(ratio >= 0.2 && ratio <= 0.8 && n >= 2 && n <= 6, "ratio " + ratio + ", n " + n);
            }
        }
    }

    @Test
    void aPointSourceAndASkyPlaneCountAsPlannedAndBtIsOverTheTotal() {
        SimulationConfig cfg = bulgeDisc().withModel(new ModelSpec(null, Range.of(0.1, 0.9), null, null, null,
                new PointSource(0.5, Range.of(0.1, 0.2)), Range.of(0.01, 0.05), null));
        Path dir = tmp.resolve("ps");
        run(cfg, new JavaReferenceRenderer(), dir, 256);
        Table t = CatalogIO.readCsv(dir.resolve("truth.csv"));
        int withPoint = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            Model m = ModelColumns.read(t, r, "truth");
            assertEquals(List.of(ComponentType.DEVAUC, ComponentType.EXPONENTIAL, ComponentType.PSF, ComponentType.SKYPLANE),
                    ModelColumns.layout(m));
            double total = m.totalFlux(), point = m.components().get(2).flux();
            if (point > 0) withPoint++;
            assertTrue(point == 0 || (point >= 0.1 * total - 1e-9 && point <= 0.2 * total + 1e-9), "point share " + point / total);
            assertEquals(total, t.getDouble(r, "flux"), 1e-9 * total);
            assertEquals(m.components().get(0).flux() / total, t.getDouble(r, "bt"), 1e-12);
            double[] sky = m.components().get(3).values();
            double g = Math.hypot(sky[1], sky[2]);
            assertTrue(sky[0] == 0 && g >= 0.01 - 1e-12 && g <= 0.05 + 1e-12, "gradient " + g);
        }
        assertTrue(withPoint > 0 && withPoint < t.rowCount(), withPoint + " of " + t.rowCount() + " with a point source");
    }

    @Test
    void oneSeedGivesTheSameStampsWhateverTheBatchSize() throws IOException {
        SimulationConfig cfg = bulgeDisc().withCount(5).withModel(bulgeDisc().model()
                .withNeighbours(new Neighbours(1, Range.of(1, 2), Range.of(0.3, 0.6))));
        for (Renderer r : List.of(new JavaReferenceRenderer(), new FastRenderer())) {
            Path a = tmp.resolve("a" + r.getClass().getSimpleName()), b = tmp.resolve("b" + r.getClass().getSimpleName());
            run(cfg, r, a, 256);
            run(cfg, r, b, 2);
            for (String f : List.of("gal_000001.fits", "gal_000005.fits", "seg/gal_000003.fits", "truth.csv"))
                assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        Path c = tmp.resolve("other-seed");
        run(cfg.withSeed(12), new JavaReferenceRenderer(), c, 256);
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(c.resolve("gal_000001.fits")),
                Files.readAllBytes(tmp.resolve("aJavaReferenceRenderer").resolve("gal_000001.fits"))));
    }

    @Test
    void neighboursSitAtTheRequestedSeparationWithTheirSegments() {
        SimulationConfig cfg = bulgeDisc().withModel(bulgeDisc().model()
                .withNeighbours(new Neighbours(2, Range.of(1.5, 2.5), Range.of(0.5, 1))));
        Path dir = tmp.resolve("nb");
        run(cfg, new JavaReferenceRenderer(), dir, 256);
        Table t = CatalogIO.readCsv(dir.resolve("truth.csv"));
        Table manifest = CatalogIO.readCsv(dir.resolve(Simulator.MANIFEST));
        assertEquals(List.of("id", "image", "sigma", "mask", "seg", "psf"), manifest.columns());
        for (int r = 0; r < t.rowCount(); r++) {
            assertEquals(t.getString(r, "seg"), manifest.getString(r, "seg"));
            assertEquals(t.getString(r, "file"), manifest.getString(r, "image"));
            Model m = ModelColumns.read(t, r, "truth");
            Component disc = m.components().get(1);
            double x0 = disc.get("x0"), y0 = disc.get("y0"), re = disc.get("re");
            assertEquals(re, t.getDouble(r, "re"));
            FitsImageFile seg = FitsImageFile.read(dir.resolve(t.getString(r, "seg")));
            Image s = seg.image();
            assertEquals(1.0, s.pixels()[(int) Math.round(y0 - 1) * 32 + (int) Math.round(x0 - 1)], "the target's centre");
            Set<Double> labels = new HashSet<>();
            for (double v : s.pixels()) labels.add(v);
            assertTrue(Set.of(0.0, 1.0, 2.0, 3.0).containsAll(labels), "labels " + labels);
            assertTrue(labels.contains(0.0) && labels.contains(1.0), "labels " + labels);
            for (int k = 1; k <= 2; k++) {
                Component nb = m.components().get(1 + k);
                assertEquals("neighbour" + k, nb.name());
                double d = Math.hypot(nb.get("x0") - x0, nb.get("y0") - y0) / re;
                assertTrue(d >= 1.5 - 1e-9 && d <= 2.5 + 1e-9, "separation " + d + " r_e");
                double ratio = nb.flux() / t.getDouble(r, "flux");
                assertTrue(ratio >= 0.5 - 1e-9 && ratio <= 1 + 1e-9, "flux ratio " + ratio);
            }
        }
    }

    @Test
    void segmentationLabelsTheBrightestObjectAboveTheThreshold() {
        double[][] objects = {{5, 5, 0.5, 0}, {1, 7, 3, 0.5}};
        assertArrayEquals(new double[] {1, 2, 2, 0}, Simulator.segmentation(2, objects, 1).pixels());
    }

    @Test
    void theModelSectionReadsWithClearErrors() throws IOException {
        Path ok = tmp.resolve("ok.yaml");
        Files.writeString(ok, "model:\n  type: bulge+disc\n  bt: [0.2, 0.8]\n  bulgeN: 4\n  pointSource: {fraction: 0.3}\n"
                + "  neighbours: {count: 1, separation: [1, 2]}\nranges: {reArcsec: [0.3, 1]}\n");
        SimulationConfig c = SimulationConfig.load(ok);
        assertEquals(SimulationConfig.ModelType.BULGE_DISC, c.model().type());
        assertTrue(c.model().devaucBulge());
        assertEquals(0.3, c.model().pointSource().fraction());
        assertEquals(1, c.model().neighbours().count());
        Path back = tmp.resolve("back.yaml");
        Files.writeString(back, c.toYaml());
        assertEquals(c, SimulationConfig.load(back), "simulation.yaml reads back as the run's configuration");
        assertNull(SimulationConfig.defaults().model());
        assertFalse(SimulationConfig.defaults().toYaml().contains("model"), "no model key in a single-Sérsic run");

        for (String[] bad : List.of(
                new String[] {"model: {bulgeSize: 3}\n", "bulgeSize"},
                new String[] {"model: {type: triple}\n", "type"},
                new String[] {"model: {bt: [0.5, 1.5]}\n", "model.bt"},
                new String[] {"model: {neighbours: {count: 1, spacing: 2}}\n", "spacing"},
                new String[] {"model: {neighbours: {count: 1, separation: [1, 30]}}\n", "model.neighbours.separation"},
                new String[] {"model: {pointSource: {fraction: 2}}\n", "model.pointSource.fraction"},
                new String[] {"blend: {enabled: true}\nmodel: {type: sersic}\n", "model"})) {
            Path f = tmp.resolve("bad.yaml");
            Files.writeString(f, bad[0]);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> SimulationConfig.load(f), bad[0]);
            assertTrue(e.getMessage().contains("bad.yaml") && e.getMessage().contains(bad[1]), e.getMessage());
        }
    }

    @Test
    void theShippedConfigurationsLoad() {
        for (String name : List.of("bulge-disc.yaml", "pairs.yaml")) {
            Path p = Path.of("..", "configs", name);
            SimulationConfig c = SimulationConfig.load(p);
            assertEquals(1000, c.count(), name);
            assertTrue(c.model() != null, name);
        }
    }
}
