package org.sersic4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.AparapiRenderer;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.ParameterSampler;
import org.sersic4j.render.sim.PsfSpec;
import org.sersic4j.render.sim.SimulationConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sersic4j bench render}: stamps per second of the model alone (no noise, no I/O) for the Java reference and
 * the Aparapi kernel on every available device, with and without a PSF, written as JSON.
 */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the renderers: stamps/s of the noiseless model (no noise, no file I/O) for each "
                + "device and batch size, without and with a PSF (Moffat, FWHM 4 px, beta 3.5, pixel included).",
                "Each run also reports the accuracy of its own stamps against the Java reference at oversample >= 4 "
                        + "(--accuracy-stamps).",
                "Parameters are drawn from the simulator's default ranges with a fixed seed; the renderer settings "
                        + "are RenderSettings.DEFAULT, the ones that pass the accuracy tests. Each device and PSF "
                        + "setting gets a warm-up first (the Java-side ones for at least 3 s). A run that fails (e.g. an OpenCL device that is not "
                        + "usable) is kept in the JSON with an \"error\" field."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all runs done", "1:some runs failed (kept with an error field)", "2:no run could be done"})
public final class BenchRenderCommand implements Callable<Integer> {

    /** Devices that run on the Java side get the (smaller) Java batch size: they are orders of magnitude slower. */
    static final List<String> JAVA_SIDE = List.of("java", "fast", "jtp");

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "bench.json", description = "Output JSON file.")
    Path out;

    @Option(names = "--batches", split = ",", paramLabel = "N", defaultValue = "1000,10000,100000",
            description = "Batch sizes (stamps per renderBatch call) for OpenCL devices. Default: ${DEFAULT-VALUE}.")
    List<Integer> batches;

    @Option(names = "--java-batch", paramLabel = "N", defaultValue = "1000",
            description = "Batch size for the Java-side renderers (java reference, fast, jtp thread pool). Default: ${DEFAULT-VALUE}.")
    int javaBatch;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "64", description = "Stamp side [px]. Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--psf-size", paramLabel = "PX", defaultValue = "25", description = "PSF image side [px], odd. Default: ${DEFAULT-VALUE}.")
    int psfSize;

    @Option(names = "--devices", paramLabel = "all|LIST", defaultValue = "all",
            description = "'all' (every available device, see the list printed at the start) or a comma-separated "
                    + "list of device names (java, fast, jtp, opencl, gpu, cpu, or a full name). Default: ${DEFAULT-VALUE}.")
    String devices;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "600",
            description = "Skip a batch whose time, projected from the previous batch of the same device and PSF "
                    + "setting, exceeds this (the entry is kept with a \"skipped\" field). Default: ${DEFAULT-VALUE}.")
    double maxSeconds;

    @Option(names = "--oversample", paramLabel = "N",
            description = "PSF cells per pixel (default: RenderSettings.DEFAULT's, which passes the accuracy tests; "
                    + "1 is the faster mode that trades accuracy for speed).")
    Integer oversample;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the parameter draws. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--accuracy-stamps", paramLabel = "N", defaultValue = "50",
            description = "Per run, compare the first N stamps of the timed batch with the Java reference at oversample "
                    + "max(4, 2 x the setting) (without a PSF: the reference, which is exact there) and report max |diff| "
                    + "/ peak per stamp: median, 90th percentile and max. 0 skips it. Default: ${DEFAULT-VALUE}.")
    int accuracyStamps;

    /** Least time [s] the Java-side renderers run before they are timed. */
    static final double WARM_UP_SECONDS = 3;

    /** PSF FWHM [px] and Moffat beta of the benchmark PSF. */
    static final double PSF_FWHM_PX = 4.0, PSF_BETA = 3.5;

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (size < 8 || size > 4096) throw new IllegalArgumentException("--size must be in 8 .. 4096 (got " + size + ")");
        if (psfSize < 1 || psfSize % 2 == 0) throw new IllegalArgumentException("--psf-size must be odd and positive (got " + psfSize + ")");
        if (accuracyStamps < 0) throw new IllegalArgumentException("--accuracy-stamps must be >= 0 (got " + accuracyStamps + ")");
        if (javaBatch < 1) throw new IllegalArgumentException("--java-batch must be >= 1 (got " + javaBatch + ")");
        TreeSet<Integer> sizes = new TreeSet<>();
        for (Integer b : batches) {
            if (b == null || b < 1) throw new IllegalArgumentException("--batches must be positive integers (got " + b + ")");
            sizes.add(b);
        }
        List<String> deviceNames = deviceList();
        if (deviceNames.isEmpty()) throw new IllegalArgumentException("--devices: no device given");

        RenderSettings settings = oversample == null ? RenderSettings.DEFAULT : RenderSettings.DEFAULT.withOversample(oversample);
        PixelPsf psf = new PsfSpec(SimulationConfig.PsfType.MOFFAT, PSF_FWHM_PX, PSF_BETA, 1.0, 0.0).toPixelPsf(psfSize);
        SimulationConfig cfg = SimulationConfig.defaults().withSize(size).withSeed(seed);
        ParameterSampler sampler = new ParameterSampler(cfg);
        int maxBatch = Math.max(sizes.last(), javaBatch);
        List<SersicParams> params = new ArrayList<>(maxBatch);
        for (int i = 0; i < maxBatch; i++) params.add(sampler.galaxy(i));

        ObjectNode root = json.createObjectNode();
        root.put("benchmark", "render");
        root.put("sersic4j_version", Main.version());
        root.put("date", Instant.now().toString());
        root.set("machine", machine());
        ObjectNode stamp = root.putObject("stamp");
        stamp.put("width", size);
        stamp.put("height", size);
        stamp.put("noise", false);
        stamp.put("io", false);
        ObjectNode s = root.putObject("settings");
        s.put("oversample", settings.oversample());
        s.put("tolerance", settings.tolerance());
        s.put("note", settings.equals(RenderSettings.DEFAULT)
                ? "RenderSettings.DEFAULT: the defaults that pass the accuracy tests"
                : "not the defaults: see the accuracy figures of this oversampling in README.md");
        ObjectNode p = root.putObject("psf");
        p.put("type", "moffat");
        p.put("fwhm_px", PSF_FWHM_PX);
        p.put("beta", PSF_BETA);
        p.put("size", psfSize);
        p.put("pixel_included", true);
        ObjectNode pr = root.putObject("parameters");
        pr.put("source", "simulator default ranges (SimulationConfig.defaults()), centred on the stamp");
        pr.put("seed", seed);
        pr.put("pixel_scale_arcsec", cfg.pixelScale());
        pr.put("flux", cfg.ranges().flux().toString());
        pr.put("re_px", cfg.reRangePx().toString());
        pr.put("n", cfg.ranges().n().toString());
        pr.put("ell", cfg.ranges().ell().toString());
        pr.put("pa", cfg.ranges().pa().toString());
        pr.put("centre_offset_px", cfg.ranges().centreOffset());
        root.putPOJO("devices_requested", deviceNames);
        ArrayNode runs = root.putArray("runs");

        err.println("bench render: devices " + String.join(", ", deviceNames) + "; stamps " + size + "x" + size
                + "; PSF Moffat " + psfSize + "x" + psfSize + "; oversample " + settings.oversample() + ", tolerance "
                + settings.tolerance() + "; writing " + out);
        err.flush();
        write(root);

        Map<Boolean, Double> javaRate = new LinkedHashMap<>();
        int ok = 0, failed = 0, skipped = 0;
        for (String name : deviceNames) {
            boolean javaSide = JAVA_SIDE.contains(name.toLowerCase(Locale.ROOT));
            List<Integer> list = javaSide ? List.of(javaBatch) : new ArrayList<>(sizes);
            Renderer renderer = null;
            String openError = null;
            try {
                renderer = Renderers.create(name);
            } catch (RuntimeException | LinkageError e) {
                openError = Main.describe(e);
            }
            try {
                for (boolean withPsf : new boolean[] {false, true}) {
                    List<PixelPsf> psfs = withPsf ? List.of(psf) : null;
                    boolean warmedUp = false;
                    String warmError = null;
                    double lastRate = Double.NaN;
                    for (int batch : list) {
                        ObjectNode run = runs.addObject();
                        run.put("renderer", name.equalsIgnoreCase("java") ? "java-reference"
                                : name.equalsIgnoreCase("fast") ? "java-fast" : "aparapi");
                        run.put("device", name);
                        run.put("psf", withPsf);
                        run.put("batch", batch);
                        String error = openError != null ? openError : warmError;
                        if (error == null) error = memoryProblem(batch);
                        if (error == null && lastRate > 0 && batch / lastRate > maxSeconds) {
                            String why = String.format(Locale.ROOT, "projected %.0f s at %.1f stamps/s exceeds --max-seconds %.0f",
                                    batch / lastRate, lastRate, maxSeconds);
                            run.put("skipped", why);
                            skipped++;
                            err.printf(Locale.ROOT, "bench render: %-28s psf=%-3s batch %7d skipped: %s%n",
                                    name, withPsf ? "yes" : "no", batch, why);
                            err.flush();
                            write(root);
                            continue;
                        }
                        if (error == null && !warmedUp) {
                            int w = Math.min(list.get(0), javaSide ? 200 : 1000);
                            try {
                                // The Java-side renderers are compiled while they run: warm them up for at least
                                // WARM_UP_SECONDS (a few batches), so the timed batch measures compiled code.
                                long t0 = System.nanoTime();
                                int done = 0;
                                do {
                                    renderer.renderBatch(params.subList(0, w), size, size, psfs, settings);
                                    done += w;
                                } while (javaSide && (System.nanoTime() - t0) * 1e-9 < WARM_UP_SECONDS && done < 20 * w);
                                double sec = (System.nanoTime() - t0) * 1e-9;
                                err.printf(Locale.ROOT, "bench render: %-28s psf=%-3s warm-up %7d stamps %8.3f s%n",
                                        name, withPsf ? "yes" : "no", done, sec);
                                warmedUp = true;
                            } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
                                error = warmError = "warm-up failed: " + Main.describe(e);
                            }
                        }
                        if (error == null) {
                            try {
                                List<SersicParams> batchParams = params.subList(0, batch);
                                long t0 = System.nanoTime();
                                float[][] stamps = renderer.renderBatch(batchParams, size, size, psfs, settings);
                                double sec = (System.nanoTime() - t0) * 1e-9;
                                double rate = batch / sec;
                                lastRate = rate;
                                run.put("device_description", renderer.deviceDescription());
                                run.put("seconds", sec);
                                run.put("stamps_per_s", rate);
                                if (renderer instanceof AparapiRenderer a) {
                                    AparapiRenderer.Timings t = a.lastTimings();
                                    ObjectNode split = run.putObject("seconds_split");
                                    split.put("host_preparation", t.host());
                                    split.put("upload", t.upload());
                                    split.put("device_cells", t.cells());
                                    split.put("device_convolution", t.convolution());
                                    split.put("download", t.download());
                                    run.put("device_stamps_per_s", batch / (t.cells() + t.convolution()));
                                }
                                if (accuracyStamps > 0) run.set("accuracy", accuracy(stamps, batchParams, psfs, settings));
                                String check = check(stamps, batchParams, withPsf);
                                if (check != null) run.put("warning", check);
                                if (name.equalsIgnoreCase("java")) javaRate.putIfAbsent(withPsf, rate);
                                Double base = javaRate.get(withPsf);
                                if (base != null) run.put("speedup_vs_java_reference", rate / base);
                                stamps = null;
                                ok++;
                                err.printf(Locale.ROOT, "bench render: %-28s psf=%-3s batch %7d %8.3f s %12.1f stamps/s  (%s)%s%n",
                                        name, withPsf ? "yes" : "no", batch, sec, rate, renderer.deviceDescription(),
                                        run.has("accuracy") ? String.format(Locale.ROOT, "; max|diff|/peak vs %s: median %.2e, p90 %.2e, max %.2e",
                                                run.get("accuracy").get("truth").asText(), run.get("accuracy").get("median").asDouble(),
                                                run.get("accuracy").get("p90").asDouble(), run.get("accuracy").get("max").asDouble()) : "");
                            } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
                                error = Main.describe(e);
                            }
                        }
                        if (error != null) {
                            failed++;
                            run.put("error", error);
                            err.printf(Locale.ROOT, "bench render: %-28s psf=%-3s batch %7d FAILED: %s%n",
                                    name, withPsf ? "yes" : "no", batch, error);
                        }
                        err.flush();
                        write(root);
                    }
                }
            } finally {
                if (renderer != null) {
                    try {
                        renderer.close();
                    } catch (RuntimeException e) {
                        err.println("bench render: closing " + name + ": " + Main.describe(e));
                    }
                }
            }
        }
        root.put("runs_ok", ok);
        root.put("runs_failed", failed);
        root.put("runs_skipped", skipped);
        write(root);
        spec.commandLine().getOut().println("bench render: " + ok + " run(s) done, " + failed + " failed, " + skipped + " skipped; results in " + out);
        spec.commandLine().getOut().flush();
        if (ok == 0) return Main.FAILED;
        return failed > 0 ? Main.PARTIAL : Main.OK;
    }

    /** The devices to run: all available ones (the Java reference first, as the baseline) or the given list. */
    private List<String> deviceList() {
        List<String> names = new ArrayList<>();
        if (devices.isBlank() || devices.trim().equalsIgnoreCase("all")) {
            names.add("java");
            for (String d : Renderers.availableDevices()) if (!names.contains(d)) names.add(d);
        } else {
            for (String d : devices.split(",")) {
                String t = d.trim();
                if (!t.isEmpty() && !names.contains(t)) names.add(t);
            }
        }
        return names;
    }

    /** Why a batch would not fit in the Java heap, or null. Output plus the device's copy, float per pixel. */
    private String memoryProblem(int batch) {
        long need = 2L * batch * size * size * Float.BYTES;
        long max = Runtime.getRuntime().maxMemory();
        if (max == Long.MAX_VALUE || need < 0.8 * max) return null;
        return String.format(Locale.ROOT, "skipped: a batch of %d stamps needs about %.1f GiB of Java heap, the limit is "
                + "%.1f GiB (raise it, e.g. SERSIC4J_JAVA_OPTS=-Xmx%dg)", batch, need / 1073741824.0,
                max / 1073741824.0, (long) Math.ceil(need / 0.7 / 1073741824.0));
    }

    /**
     * The accuracy of a run's own stamps: the first {@code accuracyStamps} against the Java reference at oversample
     * max(4, 2k) with a PSF (without one the reference is exact), max |Δ| / peak of the truth per stamp, summarised.
     */
    private ObjectNode accuracy(float[][] stamps, List<SersicParams> params, List<PixelPsf> psfs, RenderSettings settings) {
        int n = Math.min(accuracyStamps, stamps.length);
        boolean withPsf = psfs != null;
        RenderSettings truthSettings = withPsf ? settings.withOversample(Math.min(8, Math.max(4, 2 * settings.oversample()))) : settings;
        JavaReferenceRenderer ref = new JavaReferenceRenderer();
        double[] err = new double[n];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            double[] truth = ref.render(params.get(i), size, size, Renderers.psfFor(psfs, i), truthSettings).pixels();
            double peak = 0, m = 0;
            for (int j = 0; j < truth.length; j++) {
                peak = Math.max(peak, truth[j]);
                m = Math.max(m, Math.abs(stamps[i][j] - truth[j]));
            }
            err[i] = m / peak;
        });
        double[] sorted = err.clone();
        java.util.Arrays.sort(sorted);
        ObjectNode a = json.createObjectNode();
        a.put("truth", withPsf ? "java reference, oversample " + truthSettings.oversample() : "java reference (exact without a PSF)");
        a.put("stamps", n);
        a.put("metric", "max |stamp - truth| / max(truth), per stamp");
        a.put("median", n == 0 ? Double.NaN : 0.5 * (sorted[(n - 1) / 2] + sorted[n / 2]));
        a.put("p90", n == 0 ? Double.NaN : sorted[(int) Math.ceil(0.9 * n) - 1]);
        a.put("max", n == 0 ? Double.NaN : sorted[n - 1]);
        return a;
    }

    /** A sanity check of a batch: finite pixels and, for the first stamp, a plausible sum; null when fine. */
    private static String check(float[][] stamps, List<SersicParams> params, boolean withPsf) {
        if (stamps == null || stamps.length != params.size()) return "renderer returned " + (stamps == null ? "null" : stamps.length + " stamps") + " for " + params.size();
        for (int i : new int[] {0, stamps.length - 1}) {
            double sum = 0;
            for (float v : stamps[i]) {
                if (!Float.isFinite(v)) return "stamp " + i + " has non-finite pixels";
                sum += v;
            }
            double flux = params.get(i).flux();
            if (sum > 1.01 * flux || sum < 0) return String.format(Locale.ROOT, "stamp %d sums to %.6g, its total flux is %.6g", i, sum, flux);
        }
        return null;
    }

    /** The machine: OS, architecture, cores, Java heap limit, CPU model (Linux), Java version. */
    static ObjectNode machine() {
        ObjectNode m = new ObjectMapper().createObjectNode();
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("arch", System.getProperty("os.arch"));
        m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        m.put("maxMemory", Runtime.getRuntime().maxMemory());
        String cpu = cpuModel();
        if (cpu != null) m.put("cpuModel", cpu);
        m.put("javaVersion", System.getProperty("java.version"));
        m.put("javaVm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        try {
            m.putPOJO("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        } catch (RuntimeException | LinkageError e) {
            // not available on every VM
        }
        return m;
    }

    /** The CPU model from /proc/cpuinfo, or null where it is not readable. */
    static String cpuModel() {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(info)) return null;
        try {
            for (String line : Files.readAllLines(info)) {
                int c = line.indexOf(':');
                if (c < 0) continue;
                String key = line.substring(0, c).trim();
                if (key.equals("model name") || key.equals("Model") || key.equals("Hardware") || key.equals("cpu model"))
                    return line.substring(c + 1).trim();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private void write(ObjectNode root) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        json.writeValue(tmp.toFile(), root);
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
