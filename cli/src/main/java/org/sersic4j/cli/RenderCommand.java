package org.sersic4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.sersic4j.render.Image;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.io.FitsImageWriter;
import org.sersic4j.render.io.PsfFiles;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sersic4j render}: noiseless (optionally PSF-convolved) model stamps from a parameter table. */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render noiseless Sérsic model stamps, one FITS file per row of a parameter table.",
                "The table is a CSV file with a header and the columns id,x0,y0,flux,re,n,q,pa (extra columns are "
                        + "ignored): x0,y0 in FITS pixels (1-based, centre of the first pixel at 1,1), flux in ADU "
                        + "(total), re in pixels along the major axis, q = b/a, pa in degrees counter-clockwise "
                        + "from +y. Bad rows are reported as 'FILE row N (id X): problem', N counting data rows "
                        + "from 1, and skipped.",
                "With --model TABLE instead of --params, each row of a CSV or FITS table is a multi-component model "
                        + "with the per-component columns c1_type, c1_name, c1_x0, … (sersic, exponential, devauc, psf, "
                        + "sky, skyplane; as a simulated truth.csv has them), drawn as the sum of its components; a bad "
                        + "row is reported as 'FILE, row N, column C: problem' and skipped."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all rows rendered", "1:some rows were bad (reported) and skipped, the others rendered",
                "2:nothing rendered (bad table, bad PSF, no good row, bad usage)"})
public final class RenderCommand implements Callable<Integer> {

    /** The columns a parameter table must have. */
    static final List<String> COLUMNS = List.of("id", "x0", "y0", "flux", "re", "n", "q", "pa");

    /** The largest stamp side {@code render} draws (as {@code simulate}, a bound that keeps one stamp's arrays in memory). */
    static final int MAX_SIDE = 8192;

    /** Bytes of Java heap one pixel of a stamp takes while it is drawn: the float stamp, double cells and FFT grids. */
    static final long BYTES_PER_CELL = 48;

    /** Pixels held in memory at once (stamps are rendered in chunks of about this many pixels). */
    private static final long CHUNK_PIXELS = 16L << 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--params", paramLabel = "P.csv", description = "Parameter table (CSV), one Sérsic a row.")
    Path params;

    @Option(names = "--model", paramLabel = "TABLE",
            description = "Instead of --params: a table (CSV, or FITS by its .fits/.fit/.fts name) of multi-component "
                    + "models, one a row, with the per-component columns c1_type, c1_x0, … and an optional id column.")
    Path modelTable;

    @Option(names = "--psf", paramLabel = "PSF.fits",
            description = "PSF image (FITS, odd-sized, centred); without it the profile is only integrated over each pixel.")
    Path psf;

    @Option(names = "--psf-has-pixel", arity = "1", paramLabel = "true|false", defaultValue = "true",
            description = "Whether the PSF image already contains the pixel response (an effective PSF, as survey "
                    + "PSF images usually do). false: it is the optical PSF sampled at pixel centres, and the pixel "
                    + "is integrated by the renderer. Default: ${DEFAULT-VALUE}.")
    boolean psfHasPixel;

    @Option(names = "--size", required = true, paramLabel = "PX", description = "Stamp width in pixels (and height unless --height).")
    int size;

    @Option(names = "--height", paramLabel = "PX", description = "Stamp height in pixels (default: --size).")
    Integer height;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if needed); writes DIR/<id>.fits.")
    Path outDir;

    @Option(names = "--oversample", paramLabel = "N",
            description = "Sub-pixel cells per pixel along each axis before PSF convolution (1..8, needs --psf when > 1). Default: the renderer's default.")
    Integer oversample;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
            description = "auto, java (exact reference), jtp (Java thread pool), opencl, gpu, cpu, or a name from "
                    + "'sersic4j bench render'. Default: ${DEFAULT-VALUE}.")
    String device;

    /** A row that passed validation. */
    record Row(int number, String id, SersicParams params) {}

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((params == null) == (modelTable == null))
            throw new IllegalArgumentException("give either --params P.csv (one Sérsic a row) or --model TABLE (per-component"
                    + " columns c1_type, c1_x0, …)" + (params == null ? "" : ", not both"));
        int width = size, h = height == null ? size : height;
        if (width < 1 || h < 1) throw new IllegalArgumentException("--size and --height must be positive (got " + width + "x" + h + ")");
        if (width > MAX_SIDE || h > MAX_SIDE)
            throw new IllegalArgumentException("--size and --height must be at most " + MAX_SIDE + " px (got " + width + "x" + h + ")");
        RenderSettings settings = RenderSettings.DEFAULT;
        if (oversample != null) {
            if (oversample > 1 && psf == null)
                throw new IllegalArgumentException("--oversample " + oversample + " needs --psf: without a PSF the "
                        + "profile is integrated exactly over each pixel");
            settings = settings.withOversample(oversample);
        }

        PixelPsf pixelPsf = psf == null ? null : readPsf(psf, psfHasPixel);
        checkMemory(width, h, pixelPsf == null ? 1 : settings.oversample(), pixelPsf == null ? 0 : pixelPsf.size());
        if (modelTable != null) return ModelRendering.run(this, pixelPsf, settings, width, h);
        ParsedTable table = readTable(params, err);
        if (table.rows.isEmpty()) return nothingRendered(params, table.bad);

        Files.createDirectories(outDir);
        Map<String, Object> common = commonHeader(settings);
        long t0 = System.nanoTime();
        int written = 0, writeFailures = 0;
        String deviceDescription;
        int chunk = (int) Math.max(1, Math.min(4096, CHUNK_PIXELS / ((long) width * h)));
        List<PixelPsf> psfs = pixelPsf == null ? null : List.of(pixelPsf);
        try (Renderer renderer = Renderers.create(device)) {
            deviceDescription = renderer.deviceDescription();
            // Aparapi's own complaints are silenced (AparapiLogging); say once, calmly, what runs instead.
            if (!Renderers.missingNote().isEmpty()) err.println("sersic4j: " + Renderers.describe(renderer));
            for (int from = 0; from < table.rows.size(); from += chunk) {
                List<Row> rows = table.rows.subList(from, Math.min(table.rows.size(), from + chunk));
                List<SersicParams> p = new ArrayList<>(rows.size());
                for (Row r : rows) p.add(r.params);
                float[][] stamps = renderer.renderBatch(p, width, h, psfs, settings);
                deviceDescription = renderer.deviceDescription();
                for (int i = 0; i < rows.size(); i++) {
                    Row r = rows.get(i);
                    Map<String, Object> header = new LinkedHashMap<>();
                    header.put("OBJECT", r.id);
                    SersicParams s = r.params;
                    header.put("X0", s.x0());
                    header.put("Y0", s.y0());
                    header.put("FLUX", s.flux());
                    header.put("RE", s.re());
                    header.put("N", s.n());
                    header.put("Q", s.q());
                    header.put("PA", s.pa());
                    header.putAll(common);
                    header.put("RENDERER", deviceDescription);
                    if (write(r.id, Image.ofFloats(width, h, stamps[i]), header)) written++;
                    else writeFailures++;
                }
            }
        }
        return finish(params, written, table.rows.size() + table.bad, table.bad + writeFailures, deviceDescription, t0);
    }

    /** Reports that no row could be rendered and returns the exit code. */
    int nothingRendered(Path table, int bad) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("sersic4j: " + table + ": no row could be rendered" + (bad == 0 ? " (the table is empty)" : ""));
        err.flush();
        return Main.FAILED;
    }

    /** The header keywords every stamp of this run gets: PSF, settings, units, version and conventions. */
    Map<String, Object> commonHeader(RenderSettings settings) {
        Map<String, Object> common = new LinkedHashMap<>();
        if (psf != null) {
            common.put("PSFFILE", psfReference(outDir, psf));
            common.put("PSFPIXEL", psfHasPixel);
        } else {
            common.put("PSFFILE", "none");
        }
        common.put("OVERSAMP", settings.oversample());
        common.put("RTOL", settings.tolerance());
        common.put("BUNIT", "ADU");
        common.put("SERSIC4J", Main.version());
        common.put("COMMENT", "sersic4j noiseless model: FITS pixel convention (centre of the first pixel at 1,1); "
                + "PA counter-clockwise from +y");
        return common;
    }

    /**
     * Writes one stamp, counting a failure (reported on err, naming the file) instead of stopping.
     *
     * @return true when written
     */
    boolean write(String id, Image img, Map<String, Object> header) {
        Path file = outDir.resolve(id + ".fits");
        try {
            FitsImageWriter.write(file, img, header);
            return true;
        } catch (RuntimeException e) {
            String msg = Main.describe(e);
            spec.commandLine().getErr().println("sersic4j: " + (msg.contains(file.getFileName().toString()) ? msg : file + ": " + msg));
            return false;
        }
    }

    /** The summary line and the exit code of a run. */
    int finish(Path table, int written, int rows, int bad, String deviceDescription, long t0) {
        PrintWriter out = spec.commandLine().getOut();
        double seconds = (System.nanoTime() - t0) * 1e-9;
        out.printf(Locale.ROOT, "rendered %d of %d row(s) of %s into %s%s on %s in %.2f s%n", written, rows, table, outDir,
                bad > 0 ? " (" + bad + " skipped, see above)" : "", deviceDescription, seconds);
        out.flush();
        spec.commandLine().getErr().flush();
        if (written == 0) return Main.FAILED;
        return bad > 0 ? Main.PARTIAL : Main.OK;
    }

    /**
     * Refuses, before anything is allocated, a stamp whose arrays cannot fit in the Java heap: one line naming the size
     * and the memory it would need.
     */
    static void checkMemory(int width, int height, int oversample, int psfSize) {
        long cells = ((long) (width - 1) * oversample + psfSize + 1) * ((long) (height - 1) * oversample + psfSize + 1);
        long need = cells * BYTES_PER_CELL;
        long max = Runtime.getRuntime().maxMemory();
        if (need > max * 0.8)
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a %dx%d stamp needs about %.1f GB of memory to "
                    + "render; the Java heap allows %.1f GB (raise it with SERSIC4J_JAVA_OPTS=-Xmx..., or draw smaller stamps)",
                    width, height, need / 1e9, max / 1e9));
    }

    /** Reads a PSF file; any problem becomes one message that names the file. */
    static PixelPsf readPsf(Path file, boolean pixelIncluded) {
        if (!Files.exists(file)) throw new IllegalArgumentException(file + ": PSF file not found");
        try {
            return PsfFiles.read(file, pixelIncluded);
        } catch (RuntimeException e) {
            String msg = Main.describe(e);
            if (msg.contains(file.getFileName().toString())) throw e;
            throw new IllegalArgumentException(file + ": " + msg, e);
        }
    }

    /** The PSF's path as a stamp's PSFFILE keyword gives it: relative to the stamp's directory when possible. */
    static String psfReference(Path outDir, Path psfFile) {
        try {
            return outDir.toAbsolutePath().normalize().relativize(psfFile.toAbsolutePath().normalize()).toString();
        } catch (IllegalArgumentException e) {
            return psfFile.toAbsolutePath().normalize().toString();
        }
    }

    /** The good rows of a table and the number of bad ones (each reported on err). */
    record ParsedTable(List<Row> rows, int bad) {}

    /**
     * Reads a parameter table. A missing column or an unreadable file throws (one line naming the file); each bad row
     * is reported as {@code FILE row N (id X): problem} and counted.
     */
    static ParsedTable readTable(Path file, PrintWriter err) throws IOException {
        if (!Files.exists(file)) throw new IllegalArgumentException(file + ": parameter table not found");
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        mapper.enable(CsvParser.Feature.TRIM_SPACES);
        List<String[]> lines = new ArrayList<>();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(file.toFile())) {
            while (it.hasNext()) lines.add(it.next());
        } catch (RuntimeException | IOException e) {
            throw new IllegalArgumentException(file + ": not a readable CSV table (" + Main.describe(e) + ")", e);
        }
        if (lines.isEmpty()) throw new IllegalArgumentException(file + ": empty file, expected a header with the columns " + String.join(",", COLUMNS));
        String[] header = lines.get(0);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            String name = header[i].strip();
            if (i == 0 && name.startsWith("\uFEFF")) name = name.substring(1);
            index.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = new ArrayList<>();
        for (String c : COLUMNS) if (!index.containsKey(c)) missing.add(c);
        if (!missing.isEmpty())
            throw new IllegalArgumentException(file + ": missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (the header has: " + String.join(",", header) + ")");

        List<Row> rows = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int bad = 0;
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r);
            String id = cell(cells, index.get("id"));
            String problem = null;
            double[] v = new double[SersicParams.COUNT];
            for (int k = 0; k < SersicParams.COUNT && problem == null; k++) {
                String name = SersicParams.NAMES[k];
                String text = cell(cells, index.get(name));
                if (text == null) problem = "the row has " + cells.length + " cell(s), no " + name;
                else if (text.isEmpty()) problem = name + " is empty";
                else {
                    try {
                        v[k] = parseNumber(text);
                    } catch (NumberFormatException e) {
                        problem = name + " is not a number ('" + text + "')";
                    }
                }
            }
            SersicParams p = null;
            if (problem == null) {
                p = SersicParams.of(v);
                problem = p.problem();
            }
            if (problem == null) problem = idProblem(id, ids);
            if (problem != null) {
                bad++;
                err.println(file + " row " + r + " (id " + (id == null || id.isEmpty() ? "?" : id) + "): " + problem);
                continue;
            }
            ids.add(id);
            rows.add(new Row(r, id, p));
        }
        err.flush();
        return new ParsedTable(rows, bad);
    }

    private static String cell(String[] cells, int i) {
        return i < cells.length ? cells[i].strip() : null;
    }

    /** Parses a number, accepting nan/inf spelt any way (they are then rejected as non-finite, by name). */
    private static double parseNumber(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        switch (t) {
            case "nan", "+nan", "-nan" -> { return Double.NaN; }
            case "inf", "+inf", "infinity", "+infinity" -> { return Double.POSITIVE_INFINITY; }
            case "-inf", "-infinity" -> { return Double.NEGATIVE_INFINITY; }
            default -> {
                if (t.endsWith("d") || t.endsWith("f")) throw new NumberFormatException(text); // Java suffixes are not numbers here
                return Double.parseDouble(t);
            }
        }
    }

    /** Why an id cannot name a stamp file, or null. */
    static String idProblem(String id, Set<String> seen) {
        if (id == null || id.isEmpty()) return "id is empty";
        if (id.equals(".") || id.equals("..") || id.contains("/") || id.contains("\\") || id.chars().anyMatch(c -> c < 32))
            return "id '" + id + "' cannot be a file name";
        if (seen.contains(id)) return "duplicate id '" + id + "' (an earlier row already writes " + id + ".fits)";
        return null;
    }
}
