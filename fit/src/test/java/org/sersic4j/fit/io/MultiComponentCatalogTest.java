package org.sersic4j.fit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.FittedModel;
import org.sersic4j.fit.Likelihood;
import org.sersic4j.fit.ModelSpec;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.model.Component;
import org.sersic4j.render.model.ComponentType;
import org.sersic4j.render.model.Model;
import org.sersic4j.render.model.ModelColumns;

/**
 * A bulge+disc catalogue: its columns follow the model's layout, a row reads back (CSV and FITS) into the same
 * components, B/T and the total are computed from the components, a failed row is NaN, and one Sérsic keeps the
 * plain columns.
 */
class MultiComponentCatalogTest {
    private static final double ZP = 25;
    private static final List<ComponentType> LAYOUT = FitCatalog.layout(ModelSpec.named("bulge+disc"));
    private static final SersicParams BULGE = new SersicParams(30.5, 31.5, 3000, 2.0, 3.5, 0.8, 10);
    private static final SersicParams DISC = new SersicParams(30.5, 31.5, 7000, 6.0, 1.0, 0.4, 50);

    @TempDir
    Path dir;

    private static FitResult fitted(String id) {
        Model m = new Model(List.of(Component.sersic("bulge", BULGE), Component.fixedIndex(ComponentType.EXPONENTIAL, "disc", DISC),
                Component.sersic("neighbour1", new SersicParams(50, 40, 500, 2, 1, 1, 0)), Component.sky(1.5)));
        double[] errors = new double[m.count()];
        for (int i = 0; i < errors.length; i++) errors[i] = 0.01 * (i + 1);
        FittedModel f = new FittedModel("bulge+disc", m, errors, 2);
        double[] e7 = {0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07};
        return new FitResult(id, "lm", Likelihood.CHI2, BULGE, e7, 1.5, 0.1, 1.02, -1234.5, 4000, 18, 12, 30, 0.5,
                FitFlags.CONVERGED, null, null, "java", f);
    }

    @Test
    void rowsReadBackIntoTheSameComponents() {
        Path csv = dir.resolve("bd.csv"), fits = dir.resolve("bd.fits");
        try (FitCatalogWriter w = FitCatalogWriter.open(csv, fits, CatalogProvenance.of("lm", Likelihood.CHI2, ZP, 0.2),
                false, LAYOUT)) {
            w.append(fitted("a"));
            w.append(FitResult.failed("b", "lm", "unreadable", 0.1));
        }
        for (Table t : new Table[] {FitCatalog.readCsv(csv), CatalogIO.readFits(fits)}) {
            assertEquals(FitCatalog.columns(LAYOUT), t.columns());
            Model back = ModelColumns.read(t, 0, "bd");
            assertEquals(2, back.components().size(), "the target's components only");
            assertEquals(Component.sersic("bulge", BULGE), back.components().get(0));
            assertEquals(Component.fixedIndex(ComponentType.EXPONENTIAL, "disc", DISC), back.components().get(1));
            assertEquals(0.3, t.getDouble(0, "bt"), 1e-12);
            assertEquals(10000, t.getDouble(0, "total_flux"), 1e-9);
            assertEquals(ZP - 2.5 * Math.log10(10000), t.getDouble(0, "total_mag"), 1e-12);
            assertEquals(1, t.getDouble(0, "n_neighbours"), 0.0);
            assertEquals(1.0, t.getDouble(0, "c2_n"), 0.0, "an exponential's n is its fixed 1");
            assertEquals(0.0, t.getDouble(0, "c2_n_err"), 0.0);
            assertEquals(0.11, t.getDouble(0, "c2_re_err"), 1e-12, "errors follow the values (the disc's r_e is value 11)");
            assertEquals("bulge+disc", t.getString(0, "model"));
            assertEquals(18 * Math.log(4000) + 2 * 1234.5, t.getDouble(0, "bic"), 1e-9);
            assertTrue(Double.isNaN(t.getDouble(1, "bt")), "a failed row has no B/T");
            assertTrue(Double.isNaN(t.getDouble(1, "c1_flux")));
        }
        assertInstanceOf(Double.class, FitCatalog.readCsv(csv).get(0, "c1_flux"), "component values are numbers");
    }

    @Test
    void oneSersicKeepsThePlainColumns() {
        assertSame(FitCatalog.COLUMNS, FitCatalog.columns(FitCatalog.layout(ModelSpec.SERSIC)));
        assertTrue(FitCatalog.COLUMNS.containsAll(List.of("model", "bic")));
    }
}
