package org.sersic4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sersic4j.fit.FitSettings;
import org.sersic4j.fit.Likelihood;
import org.sersic4j.validation.fit.FitBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sersic4j bench fit}: seconds per fit and accuracy on a simulated truth set, written as JSON. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a simulated truth set (CAE-paper ranges, 64x64, Moffat FWHM 4 px, sky 100, read noise 5, gain 1) "
                + "from the automatic guess with each method, on one thread and on all cores; write seconds per fit "
                + "(median, 95th percentile), throughput and the run's accuracy (outliers, NMAD, median bias with 95%% "
                + "bootstrap intervals; error calibration) as JSON."})
public final class BenchFitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "bench.json", description = "Output JSON.")
    Path out;

    @Option(names = "--count", paramLabel = "N", description = "Stamps in the truth set (default: ${DEFAULT-VALUE}).")
    int count = 1000;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the truth set and the bootstrap (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--methods", split = ",", paramLabel = "M", description = "Methods (default: lm,bfgs).")
    List<String> methods = List.of("lm", "bfgs");

    @Option(names = "--threads", split = ",", paramLabel = "N", description = "Thread counts to time; 0 = all cores (default: 1,0).")
    List<Integer> threads = List.of(1, 0);

    @Option(names = "--oversample", paramLabel = "K",
            description = "Cells per pixel while fitting (default: 4 on the Java path, drawn by the fast renderer's model; 1 on a"
                    + " device; 1 on the Java path: the reference's pixel cells).")
    Integer oversample;

    @Option(names = "--likelihood", paramLabel = "L", description = "poisson (default), gaussian or chi2.")
    String likelihood;

    @Option(names = "--device", paramLabel = "D",
            description = "java (default: one fit per thread, timed for each --threads count) or a device for the batched "
                    + "Levenberg-Marquardt (gpu, cpu, opencl, opencl:N, jtp), timed for each --batches size.")
    String device = "java";

    @Option(names = "--batches", split = ",", paramLabel = "N",
            description = "Batch sizes to time on a device; 0 = automatic (default: 0).")
    List<Integer> batches = List.of(0);

    @Option(names = "--device-memory", paramLabel = "MB",
            description = "The most memory a device batch may take, on the device and in the Java heap (default: a quarter of the heap).")
    long deviceMemoryMb = 0;

    @Option(names = "--sim-device", paramLabel = "D",
            description = "Renderer that simulates the truth set: java (default, the reference), auto, gpu, opencl:N, ...")
    String simDevice = "java";

    @Option(names = "--compare-with-java",
            description = "On a device, also fit the stamps on the Java path (all cores) and report the two paths' agreement.")
    boolean compareWithJava;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Where the truth set and catalogues go (default: beside the JSON, <name>-data); an existing identical truth set is reused.")
    Path work;

    @Override
    public Integer call() throws IOException {
        if (count < 1) throw new IllegalArgumentException("--count must be positive (got " + count + ")");
        PrintWriter err = spec.commandLine().getErr();
        for (String m : methods) FitBenchmark.fitter(m);
        for (int b : batches) if (b < 0) throw new IllegalArgumentException("--batches: sizes must be 0 (automatic) or more (got " + b + ")");
        for (int t : threads) if (t < 0) throw new IllegalArgumentException("--threads: counts must be 0 (all cores) or more (got " + t + ")");
        if (deviceMemoryMb < 0) throw new IllegalArgumentException("--device-memory must be 0 (automatic) or more (got " + deviceMemoryMb + ")");
        if (oversample != null && (oversample < 1 || oversample > 8))
            throw new IllegalArgumentException("--oversample must be 1..8 (got " + oversample + ")");
        Path dir = work != null ? work : out.resolveSibling(out.getFileName().toString().replaceAll("\\.json$", "") + "-data");
        FitBenchmark.Settings s = new FitBenchmark.Settings(count, seed, methods, threads,
                FitSettings.of(oversample, !device.equalsIgnoreCase("java")), likelihood == null ? null : Likelihood.parse(likelihood),
                device, batches, deviceMemoryMb << 20, simDevice, compareWithJava);
        new FitBenchmark(s).write(out, dir, Main.version(), line -> {
            err.println(line);
            err.flush();
        });
        spec.commandLine().getOut().println("wrote " + out);
        return Main.OK;
    }
}
