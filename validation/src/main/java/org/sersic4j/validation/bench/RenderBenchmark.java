package org.sersic4j.validation.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.sersic4j.render.AparapiRenderer;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.render.SersicParams;
import org.sersic4j.io.ErrorLine;
import org.sersic4j.render.sim.ParameterSampler;
import org.sersic4j.render.sim.PsfSpec;
import org.sersic4j.render.sim.SimulationConfig;

/**
 * The rendering benchmark: stamps per second of the model alone (no noise, no I/O) for the Java reference and the
 * Aparapi kernel on every device asked for, each batch size, without and with a PSF, with the accuracy of each run's
 * own stamps against the Java reference. The JSON is rewritten after every run, so a killed benchmark keeps what it
 * measured; a run that fails is kept with an {@code error} field, one skipped with a {@code skipped} field.
 */
public final class RenderBenchmark {
    /** Devices that run on the Java side get the (smaller) Java batch size: they are orders of magnitude slower. */
    public static final List<String> JAVA_SIDE = List.of("java", "fast", "jtp");
    /** Least time [s] the Java-side renderers run before they are timed. */
    public static final double WARM_UP_SECONDS = 3;
    /** PSF FWHM [px] and Moffat beta of the benchmark PSF. */
    public static final double PSF_FWHM_PX = 4.0, PSF_BETA = 3.5;

    /**
     * What to run.
     *
     * @param devices        device names, run in this order ({@link #devices(String)})
     * @param batches        batch sizes for the devices off the Java side
     * @param javaBatch      batch size for the Java-side renderers
     * @param size           stamp side [px]
     * @param psfSize        PSF side [px], odd
     * @param maxSeconds     a batch whose time, projected from the previous batch, exceeds this is skipped
     * @param settings       the renderer settings
     * @param seed           seed of the parameter draws
     * @param accuracyStamps stamps per run compared with the reference (0: none)
     */
    public record Settings(List<String> devices, List<Integer> batches, int javaBatch, int size, int psfSize, double maxSeconds,
                           RenderSettings settings, long seed, int accuracyStamps) {}

    /** How many runs were done, failed and skipped. */
    public record Outcome(int ok, int failed, int skipped) {}

    private final Settings s;

    /** A benchmark of these settings. */
    public RenderBenchmark(Settings settings) {
        this.s = settings;
    }

    /**
     * The devices named by {@code spec}: every available one (the Java reference first, as the baseline) for
     * {@code all} or a blank, else the comma-separated names, each once.
     */
    public static List<String> devices(String spec) {
        List<String> names = new ArrayList<>();
        if (spec.isBlank() || spec.trim().equalsIgnoreCase("all")) {
            names.add("java");
            for (String d : Renderers.availableDevices()) if (!names.contains(d)) names.add(d);
        } else {
            for (String d : spec.split(",")) {
                String t = d.trim();
                if (!t.isEmpty() && !names.contains(t)) names.add(t);
            }
        }
        return names;
    }

    /** Runs the benchmark, writing the JSON to {@code out} after every run and logging a line per run to {@code err}. */
    public Outcome run(Path out, String version, PrintWriter err) throws IOException {
        TreeSet<Integer> sizes = new TreeSet<>(s.batches());
        int size = s.size(), psfSize = s.psfSize();
        RenderSettings settings = s.settings();
        PixelPsf psf = new PsfSpec(SimulationConfig.PsfType.MOFFAT, PSF_FWHM_PX, PSF_BETA, 1.0, 0.0).toPixelPsf(psfSize);
        SimulationConfig cfg = SimulationConfig.defaults().withSize(size).withSeed(s.seed());
        ParameterSampler sampler = new ParameterSampler(cfg);
        int maxBatch = Math.max(sizes.last(), s.javaBatch());
        List<SersicParams> params = new ArrayList<>(maxBatch);
        for (int i = 0; i < maxBatch; i++) params.add(sampler.galaxy(i));

        ObjectNode root = BenchJson.start("render", "sersic4j_version", version);
        ObjectNode stamp = root.putObject("stamp");
        stamp.put("width", size);
        stamp.put("height", size);
        stamp.put("noise", false);
        stamp.put("io", false);
        ObjectNode st = root.putObject("settings");
        st.put("oversample", settings.oversample());
        st.put("tolerance", settings.tolerance());
        st.put("note", settings.equals(RenderSettings.DEFAULT)
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
        pr.put("seed", s.seed());
        pr.put("pixel_scale_arcsec", cfg.pixelScale());
        pr.put("flux", cfg.ranges().flux().toString());
        pr.put("re_px", cfg.reRangePx().toString());
        pr.put("n", cfg.ranges().n().toString());
        pr.put("ell", cfg.ranges().ell().toString());
        pr.put("pa", cfg.ranges().pa().toString());
        pr.put("centre_offset_px", cfg.ranges().centreOffset());
        root.putPOJO("devices_requested", s.devices());
        ArrayNode runs = root.putArray("runs");

        err.println("bench render: devices " + String.join(", ", s.devices()) + "; stamps " + size + "x" + size
                + "; PSF Moffat " + psfSize + "x" + psfSize + "; oversample " + settings.oversample() + ", tolerance "
                + settings.tolerance() + "; writing " + out);
        err.flush();
        BenchJson.write(out, root);

        Map<Boolean, Double> javaRate = new LinkedHashMap<>();
        int ok = 0, failed = 0, skipped = 0;
        for (String name : s.devices()) {
            boolean javaSide = JAVA_SIDE.contains(name.toLowerCase(Locale.ROOT));
            List<Integer> list = javaSide ? List.of(s.javaBatch()) : new ArrayList<>(sizes);
            Renderer renderer = null;
            String openError = null;
            try {
                renderer = Renderers.create(name);
            } catch (RuntimeException | LinkageError e) {
                openError = ErrorLine.of(e);
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
                        if (error == null && lastRate > 0 && batch / lastRate > s.maxSeconds()) {
                            String why = String.format(Locale.ROOT, "projected %.0f s at %.1f stamps/s exceeds --max-seconds %.0f",
                                    batch / lastRate, lastRate, s.maxSeconds());
                            run.put("skipped", why);
                            skipped++;
                            err.printf(Locale.ROOT, "bench render: %-28s psf=%-3s batch %7d skipped: %s%n",
                                    name, withPsf ? "yes" : "no", batch, why);
                            err.flush();
                            BenchJson.write(out, root);
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
                                error = warmError = "warm-up failed: " + ErrorLine.of(e);
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
                                if (s.accuracyStamps() > 0) run.set("accuracy", accuracy(stamps, batchParams, psfs, settings));
                                String check = check(stamps, batchParams);
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
                                error = ErrorLine.of(e);
                            }
                        }
                        if (error != null) {
                            failed++;
                            run.put("error", error);
                            err.printf(Locale.ROOT, "bench render: %-28s psf=%-3s batch %7d FAILED: %s%n",
                                    name, withPsf ? "yes" : "no", batch, error);
                        }
                        err.flush();
                        BenchJson.write(out, root);
                    }
                }
            } finally {
                if (renderer != null) {
                    try {
                        renderer.close();
                    } catch (RuntimeException e) {
                        err.println("bench render: closing " + name + ": " + ErrorLine.of(e));
                    }
                }
            }
        }
        root.put("runs_ok", ok);
        root.put("runs_failed", failed);
        root.put("runs_skipped", skipped);
        BenchJson.write(out, root);
        return new Outcome(ok, failed, skipped);
    }

    /** Why a batch would not fit in the Java heap, or null. Output plus the device's copy, float per pixel. */
    private String memoryProblem(int batch) {
        long need = 2L * batch * s.size() * s.size() * Float.BYTES;
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
        int n = Math.min(s.accuracyStamps(), stamps.length), size = s.size();
        boolean withPsf = psfs != null;
        RenderSettings truthSettings = withPsf ? settings.withOversample(Math.min(8, Math.max(4, 2 * settings.oversample()))) : settings;
        JavaReferenceRenderer ref = new JavaReferenceRenderer();
        double[] err = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] truth = ref.render(params.get(i), size, size, Renderers.psfFor(psfs, i), truthSettings).pixels();
            double peak = 0, m = 0;
            for (int j = 0; j < truth.length; j++) {
                peak = Math.max(peak, truth[j]);
                m = Math.max(m, Math.abs(stamps[i][j] - truth[j]));
            }
            err[i] = m / peak;
        });
        double[] sorted = err.clone();
        Arrays.sort(sorted);
        ObjectNode a = BenchJson.JSON.createObjectNode();
        a.put("truth", withPsf ? "java reference, oversample " + truthSettings.oversample() : "java reference (exact without a PSF)");
        a.put("stamps", n);
        a.put("metric", "max |stamp - truth| / max(truth), per stamp");
        a.put("median", n == 0 ? Double.NaN : 0.5 * (sorted[(n - 1) / 2] + sorted[n / 2]));
        a.put("p90", n == 0 ? Double.NaN : sorted[(int) Math.ceil(0.9 * n) - 1]);
        a.put("max", n == 0 ? Double.NaN : sorted[n - 1]);
        return a;
    }

    /** A sanity check of a batch: finite pixels and, for the first stamp, a plausible sum; null when fine. */
    private static String check(float[][] stamps, List<SersicParams> params) {
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
}
