package org.sersic4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.sersic4j.render.RenderSettings;
import org.sersic4j.validation.bench.RenderBenchmark;

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

    @Override
    public Integer call() throws IOException {
        if (size < 8 || size > 4096) throw new IllegalArgumentException("--size must be in 8 .. 4096 (got " + size + ")");
        if (psfSize < 1 || psfSize % 2 == 0) throw new IllegalArgumentException("--psf-size must be odd and positive (got " + psfSize + ")");
        if (accuracyStamps < 0) throw new IllegalArgumentException("--accuracy-stamps must be >= 0 (got " + accuracyStamps + ")");
        if (javaBatch < 1) throw new IllegalArgumentException("--java-batch must be >= 1 (got " + javaBatch + ")");
        for (Integer b : batches)
            if (b == null || b < 1) throw new IllegalArgumentException("--batches must be positive integers (got " + b + ")");
        List<String> deviceNames = RenderBenchmark.devices(devices);
        if (deviceNames.isEmpty()) throw new IllegalArgumentException("--devices: no device given");
        RenderSettings settings = oversample == null ? RenderSettings.DEFAULT : RenderSettings.DEFAULT.withOversample(oversample);
        RenderBenchmark.Outcome r = new RenderBenchmark(new RenderBenchmark.Settings(deviceNames, batches, javaBatch, size, psfSize,
                maxSeconds, settings, seed, accuracyStamps)).run(out, Main.version(), spec.commandLine().getErr());
        spec.commandLine().getOut().println("bench render: " + r.ok() + " run(s) done, " + r.failed() + " failed, " + r.skipped()
                + " skipped; results in " + out);
        spec.commandLine().getOut().flush();
        if (r.ok() == 0) return Main.FAILED;
        return r.failed() > 0 ? Main.PARTIAL : Main.OK;
    }
}
