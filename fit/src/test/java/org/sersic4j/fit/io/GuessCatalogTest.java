package org.sersic4j.fit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.sersic4j.render.SersicParams;
import org.sersic4j.io.InvalidInputException;

/** Guess catalogues: flux or mag columns, unusable rows reported, and stamps seeded through the options. */
class GuessCatalogTest {
    @TempDir
    Path dir;

    @Test
    void magnitudesBecomeFluxesWithTheZeropoint() throws Exception {
        Path csv = Files.writeString(dir.resolve("guess.csv"), """
                id,x0,y0,mag,re,n,q,pa,note
                a,11.2,10.8,20.0,3.5,1.5,0.7,200,ok
                b,11,11,21.0,NaN,1,0.5,10,bad re
                c,11,11,21.0,2,12,0.5,10,n too large
                d,11,11,,2,1,0.5,10,no mag
                """);
        GuessCatalog g = GuessCatalog.read(csv, 25.0);
        SersicParams a = g.get("a");
        assertEquals(Math.pow(10, -0.4 * (20.0 - 25.0)), a.flux(), 1e-9);
        assertEquals(100.0, a.flux(), 1e-9);
        assertEquals(20.0, a.pa(), 1e-12, "PA reduced to [0, 180)");
        assertEquals(List.of("a"), List.copyOf(g.guesses().keySet()));
        assertEquals(3, g.warnings().size(), g.warnings().toString());
        assertTrue(g.warnings().get(0).contains("data row 2 (id b)") && g.warnings().get(0).contains("re"),
                g.warnings().get(0));
        assertTrue(g.warnings().get(1).contains("id c") && g.warnings().get(1).contains("n must be"));
        assertNull(g.get("b"));
    }

    @Test
    void magnitudesWithoutAZeropointAreAnError() throws Exception {
        Path csv = Files.writeString(dir.resolve("guess.csv"), "id,x0,y0,mag,re,n,q,pa\na,11,11,20,3,1,0.7,20\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GuessCatalog.read(csv, null));
        assertTrue(e.getMessage().contains("data row 1 (id a)") && e.getMessage().contains("zeropoint"), e.getMessage());
    }

    @Test
    void fluxWinsOverMagWhereBothAreGiven() throws Exception {
        Path csv = Files.writeString(dir.resolve("guess.csv"), """
                id,x0,y0,flux,mag,re,n,q,pa
                a,11,11,500,20,3,1,0.7,20
                b,11,11,,20,3,1,0.7,20
                """);
        GuessCatalog g = GuessCatalog.read(csv, 25.0);
        assertEquals(500, g.get("a").flux());
        assertEquals(100, g.get("b").flux(), 1e-9);
    }

    @Test
    void missingColumnsAndDuplicateIdsAreErrors() throws Exception {
        Path noRe = Files.writeString(dir.resolve("a.csv"), "id,x0,y0,flux,n,q,pa\na,1,1,1,1,1,1\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> GuessCatalog.read(noRe, null)).getMessage()
                .contains("no column 're'"));
        Path noFlux = Files.writeString(dir.resolve("b.csv"), "id,x0,y0,re,n,q,pa\na,1,1,1,1,1,1\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> GuessCatalog.read(noFlux, 0.0)).getMessage()
                .contains("neither a 'flux' nor a 'mag'"));
        Path dup = Files.writeString(dir.resolve("c.csv"), "id,x0,y0,flux,re,n,q,pa\na,1,1,1,1,1,1,1\na,1,1,1,1,1,1,1\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> GuessCatalog.read(dup, null)).getMessage()
                .contains("data row 2: duplicate id 'a' (also data row 1)"));
    }

    @Test
    void stampsTakeTheirGuessFromTheCatalogueOrFallBackToAutomatic() throws Exception {
        Path stamps = dir.resolve("stamps");
        Map<String, Object> h = Map.of("GAIN", 2.0, "SKY", 10.0);
        TestStamps.stamp(stamps.resolve("a.fits"), h);
        TestStamps.stamp(stamps.resolve("b.fits"), h);
        TestStamps.stamp(stamps.resolve("e.fits"), h);
        Path csv = Files.writeString(dir.resolve("guess.csv"), """
                id,x0,y0,mag,re,n,q,pa
                a,11.2,10.8,20.0,3.5,1.5,0.7,20
                b,11,11,21.0,-1,1,0.5,10
                """);
        GuessCatalog g = GuessCatalog.read(csv, 25.0);
        List<StampTask> tasks = StampInputs.fromImages(List.of(stamps), FitOptions.builder().zeropoint(25.0).guesses(g).build());
        FitProblem a = tasks.get(0).load();
        assertEquals(new SersicParams(11.2, 10.8, 100.0, 3.5, 1.5, 0.7, 20), roundFlux(a.guess()));
        assertTrue(!a.guessClamped());
        assertNull(tasks.get(1).load().guess(), "unusable row: automatic guess");
        assertNull(tasks.get(2).load().guess(), "not in the catalogue: automatic guess");
    }

    private static SersicParams roundFlux(SersicParams p) {
        return p.withFlux(Math.round(p.flux() * 1e6) / 1e6);
    }
}
