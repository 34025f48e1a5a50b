package org.sersic4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.io.FitCatalog;
import org.sersic4j.render.Image;
import org.sersic4j.render.io.FitsImageFile;
import org.sersic4j.render.io.FitsImageWriter;
import org.sersic4j.render.io.Table;

/**
 * Bad input across every command and reader, in-process: each case sets up its own files, runs one command and checks
 * what a user must get — the documented exit code, one clear line naming the file (or option) and the problem, no
 * stack trace, the good items still done, and no non-finite or out-of-range value in a catalogue without a flag that
 * says why.
 */
class BadInputSuiteTest {

    @TempDir
    static Path base;
    /** Two good simulated 32×32 stamps (PSF 15 px, noise keywords, PSFFILE), their psf.fits and truth.csv. */
    static Path truth;
    /** One good 64×64 stamp for the network, and its PSF. */
    static Path stamp64;

    @BeforeAll
    static void goodInputs() throws IOException {
        truth = base.resolve("truth");
        Path config = base.resolve("sim.yaml");
        Files.writeString(config, "size: 32\nnoise: {sky: 100, gain: 1.0, rdnoise: 5.0}\nranges: {flux: [20000, 40000], "
                + "reArcsec: [0.4, 0.8]}\npsf: {size: 15}\n");
        CliTest.Outcome o = CliTest.execute("simulate", "--config", config.toString(), "--out", truth.toString(),
                "--count", "2", "--seed", "3", "--device", "java");
        assertEquals(0, o.code(), o.err());
        FitsImageFile src = FitsImageFile.read(truth.resolve("gal_000001.fits"));
        double[] px = new double[64 * 64];
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < px.length; i++) px[i] = 10 * rnd.nextGaussian();
        for (int y = 0; y < 32; y++) for (int x = 0; x < 32; x++) px[(y + 16) * 64 + x + 16] = src.image().pixels()[y * 32 + x];
        Map<String, Object> h = noise();
        h.put("PSFFILE", truth.resolve("psf.fits").toAbsolutePath().toString());
        stamp64 = base.resolve("stamp64.fits");
        FitsImageWriter.write(stamp64, new Image(64, 64, px), h);
    }

    // ---- the case table ----

    /** What a case runs: its arguments, built in its own directory. */
    interface Setup extends Function<Path, String[]> {}

    /** One bad input: the command line, the exit code, the words the error line must hold, and any extra check. */
    record Case(Setup setup, int code, List<String> words, Consumer<Path> extra) {}

    static Arguments c(String name, int code, Setup setup, String... words) {
        return Arguments.of(Named.of(name, new Case(setup, code, List.of(words), d -> { })));
    }

    static Arguments c(String name, int code, Consumer<Path> extra, Setup setup, String... words) {
        return Arguments.of(Named.of(name, new Case(setup, code, List.of(words), extra)));
    }

    static String[] a(String... s) {
        return s;
    }

    /** {@code base} options (pairs) with {@code extra} pairs replacing the same option or added after them. */
    static String[] merged(List<String> command, List<String> base, String... extra) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < base.size(); i += 2) opts.put(base.get(i), base.get(i + 1));
        for (int i = 0; i + 1 < extra.length; i += 2) opts.put(extra[i], extra[i + 1]);
        List<String> args = new ArrayList<>(command);
        opts.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return args.toArray(new String[0]);
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        all.addAll(render());
        all.addAll(renderModel());
        all.addAll(simulate());
        all.addAll(fit());
        all.addAll(predict());
        all.addAll(run());
        all.addAll(compare());
        all.addAll(trainValidateBench());
        return all.stream();
    }

    // ---- render: the parameter table, the PSF, the options ----

    static final String HEADER = "id,x0,y0,flux,re,n,q,pa";
    static final String GOOD = "good,16.5,16.5,1000,2,1,0.8,30";

    static Setup renderRows(String... rows) {
        return d -> {
            Path p = text(d.resolve("p.csv"), HEADER + "\n" + GOOD + "\n" + String.join("\n", rows) + "\n");
            return a("render", "--params", p.toString(), "--size", "32", "--out", d.resolve("out").toString(), "--device", "java");
        };
    }

    /** A partial render: the bad row named, the good one rendered. */
    static Arguments badRow(String name, String row, String... words) {
        return c("render " + name, Main.PARTIAL, d -> assertTrue(Files.exists(d.resolve("out").resolve("good.fits")),
                "the good row is rendered"), renderRows(row), words);
    }

    static Setup renderWith(String csv, String... extra) {
        return d -> {
            Path p = text(d.resolve("p.csv"), csv);
            return merged(List.of("render"), List.of("--params", p.toString(), "--size", "32", "--out",
                    d.resolve("out").toString(), "--device", "java"), extra);
        };
    }

    static Setup renderPsf(Function<Path, Path> psf) {
        return d -> {
            Path p = text(d.resolve("p.csv"), HEADER + "\n" + GOOD + "\n");
            return a("render", "--params", p.toString(), "--size", "32", "--out", d.resolve("out").toString(),
                    "--device", "java", "--psf", psf.apply(d).toString());
        };
    }

    static List<Arguments> render() {
        return List.of(
                badRow("q above 1", "b,16,16,1000,2,1,1.5,0", "row 2", "q"),
                badRow("q zero", "b,16,16,1000,2,1,0,0", "row 2", "q"),
                badRow("negative q", "b,16,16,1000,2,1,-0.3,0", "row 2", "q"),
                badRow("negative flux", "b,16,16,-5,2,1,0.5,0", "row 2", "flux"),
                badRow("zero re", "b,16,16,1000,0,1,0.5,0", "row 2", "re"),
                badRow("n too small", "b,16,16,1000,2,0.05,0.5,0", "row 2", "n"),
                badRow("n too large", "b,16,16,1000,2,12,0.5,0", "row 2", "n"),
                badRow("NaN flux", "b,16,16,nan,2,1,0.5,0", "row 2", "flux"),
                badRow("infinite re", "b,16,16,1000,inf,1,0.5,0", "row 2", "re"),
                badRow("text in x0", "b,abc,16,1000,2,1,0.5,0", "row 2", "x0 is not a number"),
                badRow("Java float suffix", "b,16,16,1000f,2,1,0.5,0", "row 2", "flux is not a number"),
                badRow("empty cell", "b,16,,1000,2,1,0.5,0", "row 2", "y0 is empty"),
                badRow("short row", "b,16,16", "row 2", "cell"),
                badRow("duplicate id", "good,16,16,1000,2,1,0.5,0", "row 2", "duplicate id"),
                badRow("empty id", ",16,16,1000,2,1,0.5,0", "row 2", "id is empty"),
                badRow("id with a slash", "a/b,16,16,1000,2,1,0.5,0", "row 2", "cannot be a file name"),
                badRow("id ..", "..,16,16,1000,2,1,0.5,0", "row 2", "cannot be a file name"),
                c("render missing table", Main.FAILED, d -> a("render", "--params", d.resolve("none.csv").toString(), "--size",
                        "32", "--out", d.resolve("out").toString()), "none.csv", "not found"),
                c("render empty table", Main.FAILED, renderWith(""), "p.csv", "empty"),
                c("render header only", Main.FAILED, renderWith(HEADER + "\n"), "p.csv", "no row"),
                c("render missing column", Main.FAILED, renderWith("id,x0,y0,flux,re,n,q\na,1,1,1,1,1,1\n"), "p.csv", "missing column pa"),
                c("render binary table", Main.FAILED, d -> {
                    Path p = bytes(d.resolve("p.csv"), new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 0, 3});
                    return a("render", "--params", p.toString(), "--size", "32", "--out", d.resolve("out").toString());
                }, "p.csv"),
                c("render only bad rows", Main.FAILED, renderWith(HEADER + "\nb,1,1,-1,1,1,1,0\n"), "p.csv"),
                c("render size zero", Main.FAILED, renderWith(HEADER + "\n" + GOOD + "\n", "--size", "0"), "--size"),
                c("render size negative", Main.FAILED, renderWith(HEADER + "\n" + GOOD + "\n", "--size", "-5"), "--size"),
                c("render size huge", Main.FAILED, renderWith(HEADER + "\n" + GOOD + "\n", "--size", "100000"), "--size", "8192"),
                c("render height zero", Main.FAILED, renderWith(HEADER + "\n" + GOOD + "\n", "--height", "0"), "--height"),
                c("render size not a number", Main.FAILED, renderWith(HEADER + "\n" + GOOD + "\n", "--size", "big"), "--size"),
                c("render oversample without psf", Main.FAILED, renderWith(HEADER + "\n" + GOOD + "\n", "--oversample", "3"), "--oversample", "--psf"),
                c("render unknown device", Main.FAILED, renderWith(HEADER + "\n" + GOOD + "\n", "--device", "quantum"), "quantum"),
                c("render missing device index", Main.FAILED, renderWith(HEADER + "\n" + GOOD + "\n", "--device", "opencl:99"), "opencl:99"),
                c("render psf missing", Main.FAILED, renderPsf(d -> d.resolve("nopsf.fits")), "nopsf.fits"),
                c("render psf even-sized", Main.FAILED, renderPsf(d -> fits(d.resolve("even.fits"), 4, 4, 1, Map.of())), "even.fits"),
                c("render psf all NaN", Main.FAILED, renderPsf(d -> fits(d.resolve("nan.fits"), 5, 5, Double.NaN, Map.of())), "nan.fits"),
                c("render psf sums to zero", Main.FAILED, renderPsf(d -> fits(d.resolve("zero.fits"), 5, 5, 0, Map.of())), "zero.fits"),
                c("render psf text", Main.FAILED, renderPsf(d -> text(d.resolve("t.fits"), "not a FITS file")), "t.fits"),
                c("render psf truncated", Main.FAILED, renderPsf(d -> truncated(truth.resolve("psf.fits"), d.resolve("cut.fits"), 2880 + 100)), "cut.fits"),
                c("render psf empty file", Main.FAILED, renderPsf(d -> bytes(d.resolve("empty.fits"), new byte[0])), "empty.fits"));
    }

    // ---- render --model: tables of multi-component models ----

    static final String MODEL_HEADER = "id,c1_type,c1_name,c1_x0,c1_y0,c1_flux,c1_re,c1_n,c1_q,c1_pa,c2_type,c2_name,c2_x0,c2_y0,c2_flux,c2_sky";
    static final String MODEL_GOOD = "good,sersic,bulge,16.5,16.5,1000,2,4,0.8,30,sky,sky,0,0,0,5";

    static Setup renderModel(String table, String name, String... extra) {
        return d -> {
            Path p = text(d.resolve(name), table);
            return merged(List.of("render"), List.of("--model", p.toString(), "--size", "32", "--out",
                    d.resolve("out").toString(), "--device", "java"), extra);
        };
    }

    /** A partial render --model: the bad row named with its column, the good one rendered. */
    static Arguments badModelRow(String name, String row, String... words) {
        return c("render --model " + name, Main.PARTIAL, d -> assertTrue(Files.exists(d.resolve("out").resolve("good.fits")),
                "the good row is rendered"), renderModel(MODEL_HEADER + "\n" + MODEL_GOOD + "\n" + row + "\n", "m.csv"), words);
    }

    static List<Arguments> renderModel() {
        return List.of(
                badModelRow("NaN flux", "b,sersic,bulge,16,16,NaN,2,4,0.8,30,sky,sky,0,0,0,5", "m.csv", "row 2", "c1_flux", "finite"),
                badModelRow("nan flux", "b,sersic,bulge,16,16,nan,2,4,0.8,30,sky,sky,0,0,0,5", "m.csv", "row 2", "c1_flux",
                        "not a number"),
                badModelRow("infinite re", "b,sersic,bulge,16,16,100,inf,4,0.8,30,sky,sky,0,0,0,5", "m.csv", "row 2", "c1_re"),
                badModelRow("unknown type", "b,blob,bulge,16,16,100,2,4,0.8,30,sky,sky,0,0,0,5", "m.csv", "row 2", "c1_type", "blob"),
                badModelRow("q above 1", "b,sersic,bulge,16,16,100,2,4,1.5,30,sky,sky,0,0,0,5", "m.csv", "row 2", "c1_q"),
                badModelRow("text in a value", "b,sersic,bulge,16,abc,100,2,4,0.8,30,sky,sky,0,0,0,5", "m.csv", "row 2", "c1_y0"),
                badModelRow("duplicate id", "good,sersic,bulge,16,16,100,2,4,0.8,30,sky,sky,0,0,0,5", "m.csv", "row 2", "duplicate id"),
                badModelRow("psf without a psf", "b,sersic,bulge,16,16,100,2,4,0.8,30,psf,star,16,16,50,0", "m.csv", "row 2",
                        "c2_type", "--psf"),
                badModelRow("sky plane without its gradient columns", "b,sersic,bulge,16,16,100,2,4,0.8,30,skyplane,sky,0,0,0,5",
                        "m.csv", "row 2", "c2_dsky_dx", "missing"),
                c("render --model no component columns", Main.FAILED, renderModel(HEADER + "\n" + GOOD + "\n", "m.csv"),
                        "m.csv", "c1_type"),
                c("render --model missing column", Main.FAILED,
                        renderModel("id,c1_type,c1_x0,c1_y0,c1_flux\na,sersic,1,1,1\n", "m.csv"), "m.csv", "row 1", "c1_re", "missing"),
                c("render --model missing table", Main.FAILED, d -> a("render", "--model", d.resolve("none.csv").toString(),
                        "--size", "32", "--out", d.resolve("out").toString()), "none.csv"),
                c("render --model FITS table that is text", Main.FAILED, renderModel("not a FITS file", "m.fits"), "m.fits"),
                c("render --model and --params", Main.FAILED, renderModel(MODEL_HEADER + "\n" + MODEL_GOOD + "\n", "m.csv",
                        "--params", "p.csv"), "--params", "--model", "not both"),
                c("render with neither --model nor --params", Main.FAILED, d -> a("render", "--size", "32", "--out",
                        d.resolve("out").toString()), "--params", "--model"));
    }

    // ---- simulate: the YAML configuration and its overrides ----

    static Setup sim(String yaml, String... extra) {
        return d -> {
            Path y = text(d.resolve("sim.yaml"), yaml);
            return merged(List.of("simulate"), List.of("--config", y.toString(), "--out", d.resolve("s").toString(),
                    "--count", "1", "--device", "java"), extra);
        };
    }

    static Arguments badSim(String name, String yaml, String... words) {
        List<String> w = new ArrayList<>(List.of("sim.yaml"));
        w.addAll(List.of(words));
        return c("simulate " + name, Main.FAILED, d -> assertFalse(Files.exists(d.resolve("s").resolve("truth.csv"))),
                sim(yaml), w.toArray(new String[0]));
    }

    static List<Arguments> simulate() {
        return List.of(
                badSim("unknown key", "colour: red\n", "colour"),
                badSim("count is text", "count: lots\n", "count", "whole number"),
                badSim("seed is a list", "seed: [1, 2]\n", "seed"),
                badSim("size too small", "size: 4\n", "size"),
                badSim("size too large", "size: 100000\n", "size"),
                badSim("pixel scale zero", "pixelScale: 0\n", "pixelScale"),
                badSim("negative gain", "noise: {gain: -1}\n", "gain"),
                badSim("negative sky", "noise: {sky: -5}\n", "sky"),
                badSim("noise is a number", "noise: 3\n", "noise"),
                badSim("flux range reversed", "ranges: {flux: [500, 5]}\n", "flux"),
                badSim("n range out of bounds", "ranges: {n: [0.01, 30]}\n", "n"),
                badSim("ell of 1", "ranges: {ell: [0, 1.5]}\n", "ell"),
                badSim("psf size even", "psf: {size: 24}\n", "psf.size"),
                badSim("psf larger than the stamp", "size: 16\npsf: {size: 25}\n", "psf.size", "larger than the stamp"),
                badSim("psf type unknown", "psf: {type: airy}\n", "type"),
                badSim("psf mode unknown", "psf: {mode: sometimes}\n", "mode"),
                badSim("blend combine unknown", "blend: {enabled: true, combine: average}\n", "combine"),
                badSim("device unknown", "device: abacus\n", "device"),
                badSim("oversample zero", "oversample: 0\n", "oversample"),
                badSim("model unknown key", "model: {bulgeSize: 3}\n", "bulgeSize"),
                badSim("model type unknown", "model: {type: triple}\n", "model.type", "bulge+disc"),
                badSim("model bt above 1", "model: {bt: [0.5, 1.5]}\n", "model.bt"),
                badSim("model neighbours off the stamp", "model: {neighbours: {count: 1, separation: [1, 30]}}\n",
                        "model.neighbours.separation"),
                badSim("model neighbours unknown key", "model: {neighbours: {count: 1, spacing: 2}}\n", "spacing"),
                badSim("model with blend", "blend: {enabled: true}\nmodel: {type: sersic}\n", "model", "blend"),
                badSim("not YAML", "count: [1, 2\n", "YAML"),
                badSim("tabs", "noise:\n\tsky: 3\n", ""),
                c("simulate missing config", Main.FAILED, d -> a("simulate", "--config", d.resolve("none.yaml").toString(),
                        "--out", d.resolve("s").toString()), "none.yaml"),
                c("simulate count override negative", Main.FAILED, sim("", "--count", "-3"), "--count"),
                c("simulate size override tiny", Main.FAILED, sim("", "--size", "3"), "--size"),
                c("simulate size override below the psf", Main.FAILED, sim("", "--size", "16"), "--size", "psf.size"),
                c("simulate parquet without the spark module", Main.FAILED, sim("", "--format", "parquet", "--shards", "2"),
                        "--format parquet", "-Pspark"),
                c("simulate format unknown", Main.FAILED, sim("", "--format", "hdf5"), "--format", "hdf5"),
                c("simulate shards with fits", Main.FAILED, sim("", "--shards", "2"), "--shards", "--format parquet"));
    }

    // ---- fit: images, σ maps, masks, PSFs, manifests, feedme files, guesses, options ----

    /** Copies the good stamps into the case directory, adds {@code bad} (built there) and fits the directory. */
    static Setup fitDir(Function<Path, Path> bad, String... extra) {
        return d -> {
            Path images = d.resolve("images");
            copyGood(images);
            if (bad != null) bad.apply(images);
            return merged(List.of("fit"), List.of("--images", images.toString(), "--out", d.resolve("fit.csv").toString(),
                    "--threads", "2", "--device", "java"), extra);
        };
    }

    /** A partial fit: the bad stamp named, a failed row for it, the good ones fitted. */
    static Arguments badStamp(String name, Function<Path, Path> bad, String... words) {
        return c("fit " + name, Main.PARTIAL, d -> checkCatalogue(d.resolve("fit.csv"), 3, 1), fitDir(bad), words);
    }

    static Map<String, Object> noise() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("GAIN", 1.0);
        h.put("RDNOISE", 5.0);
        h.put("SKY", 100.0);
        return h;
    }

    static Map<String, Object> header(String key, Object value) {
        Map<String, Object> h = noise();
        h.put(key, value);
        return h;
    }

    /** A companion directory (σ maps or masks) holding one file per good stamp, each {@code w × h} of {@code v}. */
    static Setup fitCompanion(String option, int w, int h, double v, int expected, String... words) {
        return d -> {
            Path images = d.resolve("images");
            copyGood(images);
            Path comp = d.resolve(option);
            for (String name : List.of("gal_000001.fits", "gal_000002.fits")) fits(comp.resolve(name), w, h, v, Map.of());
            return a("fit", "--images", images.toString(), option, comp.toString(), "--out", d.resolve("fit.csv").toString(),
                    "--threads", "2", "--device", "java");
        };
    }

    static Setup fitOpts(String... extra) {
        return fitDir(null, extra);
    }

    static Setup manifest(String csv) {
        return d -> {
            copyGood(d);
            Path m = text(d.resolve("m.csv"), csv);
            return a("fit", "--manifest", m.toString(), "--out", d.resolve("fit.csv").toString(), "--threads", "2",
                    "--device", "java");
        };
    }

    static List<Arguments> fit() {
        Consumer<Path> allFailed = d -> checkCatalogue(d.resolve("fit.csv"), 2, 2);
        return List.of(
                badStamp("truncated stamp", d -> truncated(truth.resolve("gal_000001.fits"), d.resolve("cut.fits"), 4000), "cut.fits"),
                badStamp("text named .fits", d -> text(d.resolve("text.fits"), "SIMPLE = T but not really"), "text.fits"),
                badStamp("empty file", d -> bytes(d.resolve("empty.fits"), new byte[0]), "empty.fits"),
                badStamp("all NaN pixels", d -> fits(d.resolve("nan.fits"), 32, 32, Double.NaN, noise()), "nan.fits", "masked"),
                badStamp("no noise information", d -> fits(d.resolve("quiet.fits"), 32, 32, 1, Map.of("PSFFILE", "none")), "quiet.fits", "noise"),
                badStamp("GAIN is text", d -> fits(d.resolve("g.fits"), 32, 32, 1, header("GAIN", "lots")), "g.fits", "GAIN"),
                badStamp("negative GAIN", d -> fits(d.resolve("g.fits"), 32, 32, 1, header("GAIN", -2.0)), "g.fits", "GAIN"),
                badStamp("negative PIXSCALE", d -> fits(d.resolve("s.fits"), 32, 32, 1, header("PIXSCALE", -0.2)), "s.fits", "PIXSCALE"),
                badStamp("PSFFILE names a missing file", d -> fits(d.resolve("p.fits"), 32, 32, 1, header("PSFFILE", "gone.fits")), "gone.fits"),
                badStamp("PSF larger than the stamp", d -> {
                    double[] g = new double[41 * 41];
                    for (int y = 0; y < 41; y++) for (int x = 0; x < 41; x++) g[y * 41 + x] = Math.exp(-((x - 20) * (x - 20) + (y - 20) * (y - 20)) / 8.0);
                    try {
                        Files.createDirectories(d.resolveSibling("psfs"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    FitsImageWriter.write(d.resolveSibling("psfs").resolve("big.fits"), new Image(41, 41, g), Map.of());
                    return fits(d.resolve("small.fits"), 32, 32, 1, header("PSFFILE", "../psfs/big.fits"));
                }, "small.fits", "larger than the stamp"),
                badStamp("a one-pixel stamp", d -> fits(d.resolve("dot.fits"), 1, 1, 5, header("PSFFILE", "none")), "dot.fits"),
                badStamp("a 3D cube", d -> bytes(d.resolve("cube.fits"), rawFits(4 * 4 * 2 * 4, "SIMPLE  =                    T",
                        "BITPIX  =                  -32", "NAXIS   =                    3", "NAXIS1  =                    4",
                        "NAXIS2  =                    4", "NAXIS3  =                    2")), "cube.fits"),
                badStamp("a header without END", d -> bytes(d.resolve("noend.fits"), Arrays.copyOf(
                        "SIMPLE  =                    T".getBytes(StandardCharsets.US_ASCII), 2880)), "noend.fits"),
                badStamp("an integer image with BLANK pixels only", d -> bytes(d.resolve("blank.fits"), rawFits(8 * 8 * 2,
                        "SIMPLE  =                    T", "BITPIX  =                   16", "NAXIS   =                    2",
                        "NAXIS1  =                    8", "NAXIS2  =                    8", "BLANK   =                    0",
                        "GAIN    =                  1.0", "SKY     =                100.0")), "blank.fits"),
                c("fit all-zero stamp", Main.OK, d -> {
                    Table t = checkCatalogue(d.resolve("fit.csv"), 3, 0);
                    boolean flagged = false;
                    for (int i = 0; i < t.rowCount(); i++)
                        if (t.getString(i, "id").equals("zero")) flagged = (flags(t, i) & FitFlags.NO_SIGNAL) != 0;
                    assertTrue(flagged, "no_signal");
                }, fitDir(d -> fits(d.resolve("zero.fits"), 32, 32, 0, header("PSFFILE", "none"))), "zero.fits", "no signal"),
                c("fit sigma maps all zero", Main.FAILED, allFailed, fitCompanion("--sigma", 32, 32, 0, 2), "sigma map has no usable pixel"),
                c("fit sigma maps negative", Main.FAILED, allFailed, fitCompanion("--sigma", 32, 32, -1, 2), "sigma map has no usable pixel"),
                c("fit sigma maps NaN", Main.FAILED, allFailed, fitCompanion("--sigma", 32, 32, Double.NaN, 2), "sigma map has no usable pixel"),
                c("fit sigma maps of another size", Main.FAILED, allFailed, fitCompanion("--sigma", 16, 16, 1, 2), "sigma map is 16x16"),
                c("fit masks of another size", Main.FAILED, allFailed, fitCompanion("--mask", 20, 32, 0, 2), "mask is 20x32"),
                c("fit masks hiding everything", Main.FAILED, allFailed, fitCompanion("--mask", 32, 32, 1, 2), "masked"),
                c("fit missing sigma dir", Main.FAILED, d -> {
                    copyGood(d.resolve("images"));
                    return a("fit", "--images", d.resolve("images").toString(), "--sigma", d.resolve("nosigma").toString(),
                            "--out", d.resolve("fit.csv").toString(), "--device", "java");
                }, "nosigma"),
                c("fit no stamps", Main.FAILED, d -> {
                    try {
                        Files.createDirectories(d.resolve("empty"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return a("fit", "--images", d.resolve("empty").toString(), "--out", d.resolve("fit.csv").toString());
                }, "no stamps"),
                c("fit missing image path", Main.FAILED, d -> a("fit", "--images", d.resolve("ghost.fits").toString(), "--out",
                        d.resolve("fit.csv").toString()), "ghost.fits"),
                c("fit missing --psf", Main.FAILED, fitOpts("--psf", "/nonexistent/psf.fits"), "psf.fits"),
                c("fit even --psf", Main.FAILED, d -> {
                    fits(d.resolve("even.fits"), 6, 6, 1, Map.of());
                    return fitOpts("--psf", d.resolve("even.fits").toString()).apply(d);
                }, "even.fits"),
                c("fit unknown likelihood", Main.FAILED, fitOpts("--likelihood", "bayes"), "bayes"),
                c("fit unknown method", Main.FAILED, fitOpts("--method", "newton"), "newton"),
                c("fit unknown parameter to fix", Main.FAILED, fitOpts("--fix", "x0,colour"), "colour"),
                c("fit negative threads", Main.FAILED, fitOpts("--threads", "-1"), "--threads"),
                c("fit unknown named model", Main.FAILED, fitOpts("--model", "triple"), "triple"),
                c("fit missing model file", Main.FAILED, d -> fitOpts("--model", d.resolve("ghost.yaml").toString()).apply(d),
                        "ghost.yaml"),
                c("fit model file with an unknown component type", Main.FAILED, d -> {
                    text(d.resolve("m.yaml"), "components:\n  - {type: spiral, name: arm}\n");
                    return fitOpts("--model", d.resolve("m.yaml").toString()).apply(d);
                }, "spiral"),
                c("fit model file with a tie to an unknown component", Main.FAILED, d -> {
                    text(d.resolve("m.yaml"), "components:\n  - {type: sersic, name: bulge}\n  - {type: exponential, name: disc}\n"
                            + "ties:\n  - {param: disc.x0, equals: bar.x0}\n");
                    return fitOpts("--model", d.resolve("m.yaml").toString()).apply(d);
                }, "bar.x0"),
                c("fit model file with an unknown key", Main.FAILED, d -> {
                    text(d.resolve("m.yaml"), "components:\n  - {type: sersic, name: bulge, colour: red}\n");
                    return fitOpts("--model", d.resolve("m.yaml").toString()).apply(d);
                }, "colour"),
                c("fit negative neighbours", Main.FAILED, fitOpts("--neighbours", "-1"), "neighbours"),
                c("fit too many neighbours", Main.FAILED, fitOpts("--neighbours", "99"), "neighbours"),
                c("fit zero neighbour reach", Main.FAILED, fitOpts("--neighbours", "2", "--neighbour-reach", "0"), "reach"),
                c("fit negative batch", Main.FAILED, fitOpts("--batch", "-4"), "--batch"),
                c("fit negative device memory", Main.FAILED, fitOpts("--device-memory", "-1"), "--device-memory"),
                c("fit oversample zero", Main.FAILED, fitOpts("--oversample", "0"), "--oversample"),
                c("fit oversample nine", Main.FAILED, fitOpts("--oversample", "9"), "--oversample"),
                c("fit unknown device", Main.FAILED, fitOpts("--device", "abacus"), "abacus"),
                c("fit gain not a number", Main.FAILED, fitOpts("--gain", "many"), "--gain"),
                c("fit negative gain option", Main.FAILED, fitOpts("--gain", "-3"), "--gain", "-3"),
                c("fit NaN read noise option", Main.FAILED, fitOpts("--read-noise", "NaN"), "--read-noise"),
                c("fit negative sky option", Main.FAILED, fitOpts("--sky", "-1"), "--sky"),
                c("fit zero pixel scale", Main.FAILED, fitOpts("--pixel-scale", "0"), "--pixel-scale"),
                c("fit missing guess catalogue", Main.FAILED, fitOpts("--guess", "/nonexistent/guess.csv"), "guess.csv"),
                c("fit guess catalogue without id", Main.FAILED, d -> {
                    text(d.resolve("g.csv"), "x0,y0\n1,2\n");
                    return fitOpts("--guess", d.resolve("g.csv").toString()).apply(d);
                }, "g.csv"),
                c("fit output is a directory", Main.FAILED, d -> {
                    try {
                        Files.createDirectories(d.resolve("fit.csv"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return fitOpts().apply(d);
                }, "fit.csv"),
                c("fit locked catalogue", Main.FAILED, d -> {
                    text(d.resolve("fit.csv.lock"), ProcessHandle.current().pid() + "\n");
                    return fitOpts().apply(d);
                }, "fit.csv", "pid"),
                c("fit missing manifest", Main.FAILED, d -> a("fit", "--manifest", d.resolve("m.csv").toString(), "--out",
                        d.resolve("fit.csv").toString()), "m.csv"),
                c("fit manifest without image column", Main.FAILED, manifest("id,sigma\na,\n"), "m.csv", "image"),
                c("fit manifest naming a missing image", Main.PARTIAL, d -> checkCatalogue(d.resolve("fit.csv"), 2, 1),
                        manifest("id,image\ng1,gal_000001.fits\nghost,ghost.fits\n"), "ghost.fits"),
                c("fit manifest with a duplicate id", Main.FAILED, manifest("id,image\ng1,gal_000001.fits\ng1,gal_000002.fits\n"), "m.csv", "g1"),
                c("fit missing feedme", Main.FAILED, d -> a("fit", "--feedme", d.resolve("g.feedme").toString()), "g.feedme"),
                c("fit feedme without a sersic", Main.FAILED, d -> {
                    copyGood(d);
                    Path f = text(d.resolve("g.feedme"), "A) gal_000001.fits\nB) out.fits\nJ) 30\nK) 0.2 0.2\n");
                    return a("fit", "--feedme", f.toString(), "--out", d.resolve("fit.csv").toString());
                }, "g.feedme", "sersic"),
                c("fit feedme of binary noise", Main.FAILED, d -> {
                    Path f = bytes(d.resolve("g.feedme"), new byte[] {1, 2, 3, 0, (byte) 0x80, 10, 65, 41, 0});
                    return a("fit", "--feedme", f.toString(), "--out", d.resolve("fit.csv").toString());
                }, "g.feedme"));
    }

    // ---- predict ----

    static Setup predictWith(Function<Path, Path> extraStamp, String... extra) {
        return d -> {
            Path images = d.resolve("images");
            try {
                Files.createDirectories(images);
                Files.copy(stamp64, images.resolve("good.fits"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (extraStamp != null) extraStamp.apply(images);
            return merged(List.of("predict"), List.of("--images", images.toString(), "--out", d.resolve("pred.csv").toString(),
                    "--mc-samples", "0"), extra);
        };
    }

    static List<Arguments> predict() {
        Consumer<Path> oneFailed = d -> checkCatalogue(d.resolve("pred.csv"), 2, 1);
        return List.of(
                c("predict negative mc-samples", Main.FAILED, predictWith(null, "--mc-samples", "-1"), "--mc-samples"),
                c("predict zero batch", Main.FAILED, predictWith(null, "--batch", "0"), "--batch"),
                c("predict missing model", Main.FAILED, predictWith(null, "--model", "/nonexistent/model.zip"), "model.zip"),
                c("predict model that is text", Main.FAILED, d -> {
                    Path m = text(d.resolve("model.zip"), "not a network");
                    return predictWith(null, "--model", m.toString()).apply(d);
                }, "model.zip"),
                c("predict truncated stamp", Main.PARTIAL, oneFailed,
                        predictWith(d -> truncated(stamp64, d.resolve("cut.fits"), 5000)), "cut.fits"),
                c("predict stamp smaller than the network", Main.PARTIAL, oneFailed,
                        predictWith(d -> fits(d.resolve("small.fits"), 16, 16, 1, header("PSFFILE", stamp64.resolveSibling("truth").resolve("psf.fits").toString()))),
                        "small.fits"),
                c("predict no stamps", Main.FAILED, d -> {
                    try {
                        Files.createDirectories(d.resolve("none"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return a("predict", "--images", d.resolve("none").toString(), "--out", d.resolve("p.csv").toString());
                }, "no"));
    }

    // ---- run ----

    static Setup runYaml(String yaml) {
        return d -> a("run", text(d.resolve("run.yaml"), yaml).toString(), "--out", d.resolve("out").toString());
    }

    static Arguments badRun(String name, String yaml, String... words) {
        List<String> w = new ArrayList<>(List.of("run.yaml"));
        w.addAll(List.of(words));
        return c("run " + name, Main.FAILED, d -> assertFalse(Files.exists(d.resolve("out").resolve("truth"))), runYaml(yaml),
                w.toArray(new String[0]));
    }

    static List<Arguments> run() {
        return List.of(
                badRun("unknown key", "colour: red\n", "colour"),
                badRun("unknown estimator", "estimators: [oracle]\n", "oracle"),
                badRun("negative mcSamples", "mcSamples: -1\n", "mcSamples"),
                badRun("negative bootstrap", "bootstrap: -1\n", "bootstrap"),
                badRun("negative threads", "threads: -2\n", "threads"),
                badRun("count is a list", "simulate:\n  count: [1, 2]\n", "count"),
                badRun("simulate key unknown", "simulate:\n  colour: red\n", "colour"),
                badRun("missing model", "model: /nonexistent/model.zip\nreal: none\nestimators: [cnn]\n", "model.zip"),
                badRun("missing real manifest", "real: /nonexistent/manifest.csv\n", "manifest.csv"),
                badRun("not YAML", "estimators: [cnn\n", "YAML"),
                c("run missing config", Main.FAILED, d -> a("run", d.resolve("none.yaml").toString()), "none.yaml"));
    }

    // ---- compare ----

    static List<Arguments> compare() {
        return List.of(
                c("compare missing truth set", Main.FAILED, d -> a("compare", "--truth-set", d.resolve("nothing").toString(),
                        "--fit", "gaussian", "--out", d.resolve("c").toString()), "nothing"),
                c("compare truth set without truth.csv", Main.FAILED, d -> {
                    copyGood(d.resolve("ts"));
                    return a("compare", "--truth-set", d.resolve("ts").toString(), "--fit", "gaussian", "--out", d.resolve("c").toString());
                }, "truth"),
                c("compare missing catalogue", Main.FAILED, d -> a("compare", "--truth-set", truth.toString(), "--catalog",
                        d.resolve("cat.csv").toString(), "--out", d.resolve("c").toString()), "cat.csv"),
                c("compare catalogue without id", Main.FAILED, d -> a("compare", "--truth-set", truth.toString(), "--catalog",
                        text(d.resolve("cat.csv"), "x0,y0\n1,2\n").toString(), "--out", d.resolve("c").toString()), "cat.csv"),
                c("compare unknown estimator", Main.FAILED, d -> a("compare", "--truth-set", truth.toString(), "--fit", "oracle",
                        "--out", d.resolve("c").toString()), "oracle"),
                c("compare negative mc-samples", Main.FAILED, d -> a("compare", "--truth-set", truth.toString(), "--fit",
                        "gaussian", "--mc-samples", "-1", "--out", d.resolve("c").toString()), "--mc-samples"),
                c("compare negative bootstrap", Main.FAILED, d -> a("compare", "--truth-set", truth.toString(), "--fit",
                        "gaussian", "--bootstrap", "-5", "--out", d.resolve("c").toString()), "--bootstrap"));
    }

    // ---- train, validate, bench ----

    static List<Arguments> trainValidateBench() {
        return List.of(
                c("train missing config", Main.FAILED, d -> a("train", "--config", d.resolve("t.yaml").toString()), "t.yaml"),
                c("train unknown key", Main.FAILED, d -> a("train", "--config", text(d.resolve("t.yaml"), "colour: red\n").toString(),
                        "--out", d.resolve("o").toString()), "t.yaml", "colour"),
                c("train wrong type", Main.FAILED, d -> a("train", "--config", text(d.resolve("t.yaml"), "seed: [1]\n").toString(),
                        "--out", d.resolve("o").toString()), "t.yaml", "seed"),
                c("train negative minutes", Main.FAILED, d -> a("train", "--config", text(d.resolve("t.yaml"), "").toString(),
                        "--max-minutes", "-1", "--out", d.resolve("o").toString()), "--max-minutes"),
                c("validate unknown campaign", Main.FAILED, d -> a("validate", "telepathy", "--out", d.resolve("o").toString()), "telepathy"),
                c("validate vae unknown key", Main.FAILED, d -> a("validate", "vae", "--config",
                        text(d.resolve("v.yaml"), "colour: red\n").toString(), "--out", d.resolve("o").toString()), "v.yaml", "colour"),
                c("bench render size zero", Main.FAILED, d -> a("bench", "render", "--out", d.resolve("b.json").toString(), "--size", "0"), "--size"),
                c("bench render even psf", Main.FAILED, d -> a("bench", "render", "--out", d.resolve("b.json").toString(), "--psf-size", "4"), "--psf-size"),
                c("bench fit count zero", Main.FAILED, d -> a("bench", "fit", "--out", d.resolve("b.json").toString(), "--count", "0"), "--count"),
                c("bench predict negative mc-samples", Main.FAILED, d -> a("bench", "predict", "--out", d.resolve("b.json").toString(),
                        "--mc-samples", "-2"), "--mc-samples"),
                c("unknown command", Main.FAILED, d -> a("paint"), "paint"),
                c("unknown option", Main.FAILED, d -> a("fit", "--colour", "red"), "--colour"));
    }

    // ---- the checks every case gets ----

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBadInputGetsOneClearLineAndTheDocumentedExitCode(Case k) {
        String[] args = k.setup().apply(dir);
        CliTest.Outcome o = CliTest.execute(args);
        String all = o.out() + o.err();
        assertEquals(k.code(), o.code(), String.join(" ", args) + "\n" + o.err());
        for (String bad : List.of("\tat ", "Exception", "Caused by", "java.lang.", "java.io.", "SEVERE", "Cannot deserialize"))
            assertFalse(all.contains(bad), "'" + bad + "' in:\n" + all);
        List<String> lines = o.errLines().stream().filter(l -> !l.contains("untested OpenCL")).toList();
        assertFalse(lines.isEmpty(), "an error line");
        for (String l : lines) assertTrue(l.startsWith("sersic4j") || l.contains(" row "), "a line of ours: " + l);
        // one line holds every word: the file (or option) and the problem
        assertTrue(lines.stream().anyMatch(l -> k.words().stream().allMatch(l::contains)),
                k.words() + " not on one line of:\n" + o.err());
        k.extra().accept(dir);
    }

    // ---- helpers ----

    static int flags(Table t, int row) {
        return ((Number) t.get(row, "flags")).intValue();
    }

    /**
     * Reads a catalogue and checks that it has {@code rows} rows, {@code failed} of them flagged failed (with NaN
     * values), and that every other row's values are finite and inside their ranges, or flagged.
     */
    static Table checkCatalogue(Path csv, int rows, int failed) {
        Table t = FitCatalog.readCsv(csv);
        assertEquals(rows, t.rowCount(), csv.toString());
        int f = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            int fl = flags(t, i);
            String id = t.getString(i, "id");
            if ((fl & FitFlags.FAILED) != 0) {
                f++;
                assertTrue(Double.isNaN(t.getDouble(i, "flux")), id + ": a failed row holds NaN");
                continue;
            }
            boolean excused = (fl & (FitFlags.NON_FINITE | FitFlags.AT_BOUND | FitFlags.NO_SIGNAL | FitFlags.OUT_OF_TRAINING_RANGE)) != 0;
            for (String c : List.of("x0", "y0", "flux", "re", "n", "q", "pa", "chi2nu", "logl")) {
                double v = t.getDouble(i, c);
                assertTrue(Double.isFinite(v) || excused, id + " " + c + " = " + v + " without a flag");
            }
            double q = t.getDouble(i, "q"), n = t.getDouble(i, "n"), re = t.getDouble(i, "re"), flux = t.getDouble(i, "flux");
            assertTrue((q > 0 && q <= 1 && n >= 0.2 && n <= 10 && re > 0 && flux >= 0) || excused, id + " out of range without a flag");
            for (String c : List.of("x0_err", "y0_err", "flux_err", "re_err", "n_err", "q_err", "pa_err")) {
                double e = t.getDouble(i, c);
                assertTrue(Double.isFinite(e) || (fl & FitFlags.ERRORS_UNAVAILABLE) != 0 || excused
                        || t.getString(i, "estimator").equals("cnn"), id + " " + c + " = " + e + " without a flag");
            }
        }
        assertEquals(failed, f, csv + ": failed rows");
        return t;
    }

    static void copyGood(Path to) {
        try {
            Files.createDirectories(to);
            for (String n : List.of("gal_000001.fits", "gal_000002.fits", "psf.fits"))
                Files.copy(truth.resolve(n), to.resolve(n), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path text(Path p, String s) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, s, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static Path bytes(Path p, byte[] b) {
        try {
            Files.createDirectories(p.getParent());
            Files.write(p, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static Path fits(Path p, int w, int h, double v, Map<String, Object> header) {
        try {
            Files.createDirectories(p.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double[] px = new double[w * h];
        Arrays.fill(px, v);
        FitsImageWriter.write(p, new Image(w, h, px), header);
        return p;
    }

    /** A FITS file from header cards (END added, blocks padded) and {@code dataBytes} zero bytes of data. */
    static byte[] rawFits(int dataBytes, String... cards) {
        StringBuilder h = new StringBuilder();
        for (String c : cards) h.append(String.format("%-80s", c));
        h.append(String.format("%-80s", "END"));
        while (h.length() % 2880 != 0) h.append(' ');
        int data = (dataBytes + 2879) / 2880 * 2880;
        byte[] out = Arrays.copyOf(h.toString().getBytes(StandardCharsets.US_ASCII), h.length() + data);
        return out;
    }

    static Path truncated(Path from, Path to, int length) {
        try {
            byte[] b = Files.readAllBytes(from);
            return bytes(to, Arrays.copyOf(b, Math.min(length, b.length - 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
