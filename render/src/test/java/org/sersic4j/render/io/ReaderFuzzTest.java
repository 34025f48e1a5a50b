package org.sersic4j.render.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.Image;
import org.sersic4j.render.sim.SimulationConfig;

/**
 * Fuzzes the FITS, CSV and YAML readers for a fixed number of tries each (a few seconds apiece on a quiet 2-core
 * machine, about 12 s in all): valid files mutated byte by byte, cut short, given hostile header cards or random
 * text. Every input must give either a value or an {@link InvalidInputException} with a one-line message naming the
 * file — never another exception, an error or a hang.
 */
class ReaderFuzzTest {
    static Path dir;
    static byte[] fits;
    static String csv;
    static String yaml;

    @BeforeContainer
    static void files() throws IOException {
        dir = Files.createTempDirectory("sersic4j-fuzz");
        Path f = dir.resolve("seed.fits");
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("GAIN", 2.0);
        h.put("SKY", 100.0);
        h.put("PSFFILE", "psf.fits");
        double[] px = new double[12 * 10];
        for (int i = 0; i < px.length; i++) px[i] = Math.sin(i) * 100;
        FitsImageWriter.write(f, new Image(12, 10, px), h);
        fits = Files.readAllBytes(f);
        csv = "id,x0,y0,flux,re,n,q,pa\na,16.5,16.5,1000,2,1,0.8,30\nb,10,12,500,1.5,4,0.3,170\n";
        yaml = "count: 10\nseed: 3\nsize: 32\nnoise: {sky: 100, gain: 2.0, rdnoise: 5.0}\n"
                + "ranges:\n  flux: [500, 5000]\n  n: {min: 0.5, max: 4, log: true}\npsf: {type: moffat, fwhm: 0.7, size: 15}\n";
    }

    @AfterContainer
    static void clean() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Path write(String name, byte[] b) {
        try {
            Path p = dir.resolve(name);
            Files.write(p, b);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a reader: it returns, or throws InvalidInputException with one line naming the file. */
    private static void clearOrFine(Path p, Runnable read) {
        try {
            read.run();
        } catch (InvalidInputException e) {
            String m = e.getMessage();
            assertTrue(m != null && m.startsWith(p.toString()) && !m.contains("\n") && m.length() > p.toString().length() + 2,
                    "a one-line message naming the file: " + m);
        }
    }

    // ---- FITS ----

    @Provide
    Arbitrary<byte[]> mutatedFits() {
        Arbitrary<int[]> flips = Arbitraries.integers().between(0, Integer.MAX_VALUE).array(int[].class).ofMinSize(1).ofMaxSize(12);
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, 3 * 2880 + 100);
        Arbitrary<Boolean> truncate = Arbitraries.of(true, false);
        return Combinators.combine(flips, cut, truncate).as((f, c, t) -> {
            byte[] b = fits.clone();
            for (int x : f) b[x % b.length] = (byte) (x >>> 8);
            return t ? Arrays.copyOf(b, Math.min(b.length, c)) : b;
        });
    }

    @Property(tries = 1200)
    void aMutatedFitsFileIsReadOrRefusedClearly(@ForAll("mutatedFits") byte[] bytes) {
        Path p = write("m.fits", bytes);
        clearOrFine(p, () -> FitsImageFile.read(p));
        clearOrFine(p, () -> PsfFiles.read(p, true));
    }

    @Provide
    Arbitrary<String> card() {
        Arbitrary<String> key = Arbitraries.of("NAXIS", "NAXIS1", "NAXIS2", "NAXIS3", "BITPIX", "BSCALE", "BZERO", "BLANK",
                "EXTEND", "GAIN", "SKY", "PSFFILE", "END", "XTENSION", "PCOUNT", "GCOUNT");
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("0", "-1", "1", "2", "3", "8", "16", "-32", "-64", "64",
                        "2147483647", "99999999999", "1e300", "NaN", "T", "F", "'IMAGE   '", "'x'", ""),
                Arbitraries.integers().between(-100, 100000).map(String::valueOf));
        return Combinators.combine(key, value).as((k, v) -> String.format("%-8s= %20s", k, v));
    }

    @Property(tries = 1200)
    void aHeaderOfHostileCardsIsReadOrRefusedClearly(@ForAll @Size(max = 12) List<@From("card") String> cards,
                                                      @ForAll("smallSize") int dataBytes) {
        StringBuilder h = new StringBuilder(String.format("%-80s", "SIMPLE  =                    T"));
        for (String c : cards) h.append(String.format("%-80.80s", c));
        h.append(String.format("%-80s", "END"));
        while (h.length() % 2880 != 0) h.append(' ');
        byte[] b = Arrays.copyOf(h.toString().getBytes(StandardCharsets.US_ASCII), h.length() + dataBytes);
        for (int i = h.length(); i < b.length; i++) b[i] = (byte) (i * 31);
        Path p = write("h.fits", b);
        clearOrFine(p, () -> FitsImageFile.read(p));
    }

    /** Found by the fuzzer: such a header made the FITS library ask for an array beyond the VM's limit. */
    @Example
    void aHeaderAnnouncingGigabytesInAFewKilobytesIsRefusedBeforeAnythingIsAllocated() {
        StringBuilder h = new StringBuilder();
        for (String c : List.of("SIMPLE  =                    T", "BITPIX  =                  -32", "NAXIS   =                    2",
                "NAXIS1  =               100000", "NAXIS2  =               100000", "END"))
            h.append(String.format("%-80s", c));
        while (h.length() % 2880 != 0) h.append(' ');
        Path p = write("huge.fits", Arrays.copyOf(h.toString().getBytes(StandardCharsets.US_ASCII), h.length() + 2880));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FitsImageFile.read(p));
        assertTrue(e.getMessage().contains("announces 40000000000 data bytes"), e.getMessage());
    }

    @Provide
    Arbitrary<Integer> smallSize() {
        return Arbitraries.integers().between(0, 4 * 2880);
    }

    // ---- CSV ----

    @Provide
    Arbitrary<String> mutatedCsv() {
        Arbitrary<String> noise = Arbitraries.strings().withChars("\",;\n\r\t \\0123456789.eE+-nafiNA\uFEFFé\u0000x")
                .ofMaxLength(40);
        Arbitrary<Integer> at = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Integer> drop = Arbitraries.integers().between(0, 20);
        return Combinators.combine(noise, at, drop).as((n, a, d) -> {
            int i = a % (csv.length() + 1);
            int j = Math.min(csv.length(), i + d);
            return csv.substring(0, i) + n + csv.substring(j);
        });
    }

    @Property(tries = 2000)
    void aMutatedCsvTableIsReadOrRefusedClearly(@ForAll("mutatedCsv") String text) {
        Path p = write("t.csv", text.getBytes(StandardCharsets.UTF_8));
        clearOrFine(p, () -> {
            Table t = CatalogIO.readCsv(p);
            for (int r = 0; r < t.rowCount(); r++) for (String c : t.columns()) t.get(r, c);
        });
    }

    // ---- YAML ----

    @Provide
    Arbitrary<String> mutatedYaml() {
        Arbitrary<String> noise = Arbitraries.oneOf(
                Arbitraries.strings().withChars("{}[]:,-#&*!|>'\"%@` \n\t0123456789.abcdefnlmxyz~?").ofMaxLength(30),
                Arbitraries.of("count: ", "size: ", "seed: ", "noise: ", "ranges: ", "flux: ", "psf: ", "size: 99999999999",
                        "count: -1", "pixelScale: .nan", "!!java.lang.Runtime ", "&a [*a]", "<<: *a", "? [1]\n: 2",
                        "flux: [1, 2, 3]", "log: maybe", "mode: drawn", "blend: {enabled: true}", "device: gpu"));
        Arbitrary<Integer> at = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Integer> drop = Arbitraries.integers().between(0, 15);
        return Combinators.combine(noise, at, drop).as((n, a, d) -> {
            int i = a % (yaml.length() + 1);
            int j = Math.min(yaml.length(), i + d);
            return yaml.substring(0, i) + n + yaml.substring(j);
        });
    }

    @Property(tries = 2000)
    void aMutatedSimulationConfigurationIsReadOrRefusedClearly(@ForAll("mutatedYaml") String text) {
        Path p = write("s.yaml", text.getBytes(StandardCharsets.UTF_8));
        clearOrFine(p, () -> {
            SimulationConfig c = SimulationConfig.load(p);
            assertTrue(c.count() >= 1 && c.size() >= 8, "a loaded configuration is valid: " + c);
        });
    }

    @Property(tries = 600)
    void randomBytesAreRefusedClearlyByEveryReader(@ForAll byte[] bytes) {
        Path f = write("r.fits", bytes), c = write("r.csv", bytes), y = write("r.yaml", bytes);
        clearOrFine(f, () -> FitsImageFile.read(f));
        clearOrFine(c, () -> CatalogIO.readCsv(c));
        clearOrFine(y, () -> SimulationConfig.load(y));
    }

}
