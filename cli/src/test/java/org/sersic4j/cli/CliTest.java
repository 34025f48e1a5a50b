package org.sersic4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.render.Image;
import org.sersic4j.render.MoffatPsf;
import org.sersic4j.render.io.FitsImageFile;
import org.sersic4j.render.io.FitsImageWriter;
import org.sersic4j.render.io.PsfFiles;

import picocli.CommandLine;

/** The sersic4j command line: exit codes, one-line errors, and the files written. */
class CliTest {

    @TempDir
    Path dir;

    /** Exit code and captured output of one command. */
    record Outcome(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static Outcome execute(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private Path csv(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    @Test
    void renderSkipsBadRowsAndRendersTheOthers() throws IOException {
        Path params = csv("params.csv",
                "id,x0,y0,flux,re,n,q,pa,comment",
                "good1,32.5,32.5,1000,2.0,1.0,0.7,30,a compact disc",
                "badq,32.5,32.5,1000,2.0,1.0,1.5,30,q out of range",
                "text,32.5,32.5,1000,abc,1.0,0.7,30,non-numeric re",
                "good2,30.0,34.0,5000,1.5,0.8,0.5,120,");
        Path out = dir.resolve("stamps");
        Outcome o = execute("render", "--params", params.toString(), "--size", "64", "--out", out.toString(), "--device", "java");

        assertEquals(Main.PARTIAL, o.code(), o.err());
        List<String> lines = o.errLines();
        assertEquals(2, lines.size(), o.err());
        assertTrue(lines.get(0).startsWith(params + " row 2 (id badq): q"), lines.get(0));
        assertTrue(lines.get(1).startsWith(params + " row 3 (id text): re is not a number"), lines.get(1));
        assertTrue(o.out().contains("rendered 2 of 4"), o.out());

        try (var files = Files.list(out)) {
            assertEquals(List.of("good1.fits", "good2.fits"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        FitsImageFile g1 = FitsImageFile.read(out.resolve("good1.fits"));
        FitsImageFile g2 = FitsImageFile.read(out.resolve("good2.fits"));
        assertEquals(64, g1.image().width());
        assertEquals(1000, g1.image().sum(), 10);
        assertEquals(5000, g2.image().sum(), 50);
        assertEquals(0.7, g1.headerDouble("Q", Double.NaN), 1e-12);
        assertEquals(30, g1.headerDouble("PA", Double.NaN), 1e-12);
        assertEquals("none", g1.headerString("PSFFILE"));
        assertEquals(Main.version(), g1.headerString("SERSIC4J"));
        assertFalse(g1.headerString("RENDERER").isBlank());
    }

    @Test
    void everyRendererRunsFromTheCommandLineAndKeepsTheFlux() throws IOException {
        // The command's own class path: a library the kernel needs at run time (BCEL's commons-lang3) resolved to
        // another version here than in the render module once broke the kernel from the command line alone. The 96 px
        // stamp also makes the fast renderer's transforms a power of two long.
        Path psf = dir.resolve("psf.fits");
        PsfFiles.write(psf, new MoffatPsf(4, 3.5, 1, 0).toPixelPsf(25), Map.of());
        Path params = csv("p.csv", "id,x0,y0,flux,re,n,q,pa", "g,48.5,48,2000,2.5,1.5,0.8,45");
        for (String device : List.of("java", "fast", "aparapi")) {
            Path out = dir.resolve("by-" + device);
            Outcome o = execute("render", "--params", params.toString(), "--psf", psf.toString(), "--size", "96",
                    "--out", out.toString(), "--device", device);
            assertEquals(Main.OK, o.code(), device + ": " + o.err());
            assertEquals(2000, FitsImageFile.read(out.resolve("g.fits")).image().sum(), 2, device);
        }
    }

    @Test
    void renderWithPsfConservesFluxAndNamesThePsf() throws IOException {
        Path psf = dir.resolve("psf.fits");
        PsfFiles.write(psf, new MoffatPsf(4, 3.5, 1, 0).toPixelPsf(25), Map.of());
        Path params = csv("p.csv", "id,x0,y0,flux,re,n,q,pa", "g,33,32,2000,2.5,1.5,0.8,45");
        Path out = dir.resolve("conv");
        Outcome o = execute("render", "--params", params.toString(), "--psf", psf.toString(), "--size", "64",
                "--out", out.toString(), "--device", "java");
        assertEquals(Main.OK, o.code(), o.err());
        FitsImageFile g = FitsImageFile.read(out.resolve("g.fits"));
        assertEquals(2000, g.image().sum(), 20);
        assertTrue(g.headerString("PSFFILE").endsWith("psf.fits"), g.headerString("PSFFILE"));
    }

    @Test
    void evenSizedPsfIsOneLineErrorNamingTheFile() throws IOException {
        Path psf = dir.resolve("even_psf.fits");
        int s = 24;
        double[] px = new double[s * s];
        for (int y = 0; y < s; y++)
            for (int x = 0; x < s; x++) px[y * s + x] = Math.exp(-((x - 11.5) * (x - 11.5) + (y - 11.5) * (y - 11.5)) / 8.0);
        FitsImageWriter.write(psf, new Image(s, s, px), Map.of());
        Path params = csv("p.csv", "id,x0,y0,flux,re,n,q,pa", "g,32.5,32.5,1000,2,1,1,0");
        Path out = dir.resolve("never");
        Outcome o = execute("render", "--params", params.toString(), "--psf", psf.toString(), "--size", "64",
                "--out", out.toString(), "--device", "java");
        assertEquals(Main.FAILED, o.code());
        List<String> lines = o.errLines();
        assertEquals(1, lines.size(), o.err());
        assertTrue(lines.get(0).startsWith("sersic4j: "), lines.get(0));
        assertTrue(lines.get(0).contains("even_psf.fits"), lines.get(0));
        assertTrue(lines.get(0).contains("odd"), lines.get(0));
        assertFalse(Files.exists(out.resolve("g.fits")));
    }

    @Test
    void missingColumnIsOneLineErrorNamingFileAndColumn() throws IOException {
        Path params = csv("nocol.csv", "id,x0,y0,flux,re,n,pa", "g,32.5,32.5,1000,2,1,0");
        Outcome o = execute("render", "--params", params.toString(), "--size", "32", "--out", dir.resolve("o").toString(),
                "--device", "java");
        assertEquals(Main.FAILED, o.code());
        List<String> lines = o.errLines();
        assertEquals(1, lines.size(), o.err());
        assertTrue(lines.get(0).contains("nocol.csv") && lines.get(0).contains("missing column q"), lines.get(0));
    }

    @Test
    void unknownConfigKeyIsOneLineErrorNamingTheKey() throws IOException {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "output: " + dir.resolve("r").toString().replace('\\', '/') + "\nsimulate:\n  count: 4\ncolour: blue\n");
        Outcome o = execute("run", cfg.toString());
        assertEquals(Main.FAILED, o.code());
        List<String> lines = o.errLines();
        assertEquals(1, lines.size(), o.err());
        assertTrue(lines.get(0).contains("bad.yaml") && lines.get(0).contains("'colour'"), lines.get(0));

        Files.writeString(cfg, "simulate:\n  count: 4\n  noize: {sky: 1}\n");
        o = execute("run", cfg.toString());
        assertEquals(Main.FAILED, o.code());
        assertEquals(1, o.errLines().size(), o.err());
        assertTrue(o.errLines().get(0).contains("'simulate.noize'"), o.err());
    }

    @Test
    void runWritesTheReportSummariesAndTruthSet() throws IOException {
        Path cfg = dir.resolve("tiny.yaml");
        Path out = dir.resolve("runs/tiny");
        Files.writeString(cfg, "output: " + dir.resolve("elsewhere").toString().replace('\\', '/') + "\nsimulate:\n  count: 3\n  size: 32\n"
                + "  ranges: {reArcsec: [0.4, 1]}\nestimators: [gaussian]\nreal: none\nbootstrap: 0\n");
        Outcome o = execute("run", cfg.toString(), "--device", "java", "--out", out.toString());
        assertEquals(Main.OK, o.code(), o.err());
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertTrue(Files.isRegularFile(out.resolve("summary.txt")));
        assertTrue(Files.isRegularFile(out.resolve("truth/truth.csv")));
        assertTrue(Files.isRegularFile(out.resolve("catalogs/gaussian.csv")));
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"estimator\" : \"gaussian\""));
        assertTrue(o.out().contains("report.html") && o.out().contains("gaussian"), o.out());
        assertFalse(Files.exists(dir.resolve("elsewhere")), "--out replaces the configuration's output");
    }

    @Test
    void noSubcommandIsUsageError() {
        assertEquals(Main.FAILED, execute().code());
        assertEquals(Main.FAILED, execute("render", "--size", "64").code());
    }

    @Test
    void validateNamesTheCampaignsAndRefusesAnUnknownOne() {
        Outcome unknown = execute("validate", "bogus", "--out", dir.resolve("x").toString());
        assertEquals(Main.FAILED, unknown.code());
        assertTrue(unknown.err().contains("unknown campaign 'bogus'") && unknown.err().contains("deblend"), unknown.err());
        assertFalse(Files.exists(dir.resolve("x")), "nothing written");
        Outcome help = execute("validate", "--help");
        assertEquals(Main.OK, help.code());
        for (String name : List.of("vae", "cae", "deblend", "galnet")) assertTrue(help.out().contains(name), help.out());
    }

    @Test
    void validateGalnetRefusesTrainingOptionsAndAConfigurationWithoutTheFit() throws Exception {
        Outcome budget = execute("validate", "galnet", "--max-minutes", "3", "--out", dir.resolve("g1").toString());
        assertEquals(Main.FAILED, budget.code());
        assertTrue(budget.err().contains("--max-minutes"), budget.err());
        Path cfg = dir.resolve("cnn-only.yaml");
        Files.writeString(cfg, "simulate:\n  count: 4\nestimators: [cnn]\nreal: none\n");
        Outcome noFit = execute("validate", "galnet", "--config", cfg.toString(), "--out", dir.resolve("g2").toString());
        assertEquals(Main.FAILED, noFit.code());
        assertTrue(noFit.err().contains("cnn-only.yaml") && noFit.err().contains("'lm'"), noFit.err());
        assertFalse(Files.exists(dir.resolve("g2").resolve("truth")), "nothing simulated");
    }
}
