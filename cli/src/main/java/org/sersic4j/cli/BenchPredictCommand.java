package org.sersic4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sersic4j.validation.bench.PredictBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sersic4j bench predict}: the network's throughput by batch size and workspace mode, file reading apart. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the CNN's inference throughput (galaxies/s) on stamps rendered in memory, for each batch size "
                + "and ND4J workspace mode, without and with MC-dropout errors; and, separately, the time to read the same "
                + "stamps from FITS files. Writes JSON."})
public final class BenchPredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "Where the JSON goes.")
    Path out;

    @Option(names = "--model", paramLabel = "M.zip", description = "A model (default: the shipped one).")
    Path model;

    @Option(names = "--count", paramLabel = "N", description = "Stamps (default: ${DEFAULT-VALUE}).")
    int count = 4096;

    @Option(names = "--batches", split = ",", paramLabel = "B", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batches = new ArrayList<>(List.of(64, 256, 1024));

    @Option(names = "--mc-samples", paramLabel = "N", description = "Dropout passes for the timed run with errors (default: ${DEFAULT-VALUE}).")
    int mcSamples = 16;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the stamps (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Override
    public Integer call() throws IOException {
        if (count < 1) throw new IllegalArgumentException("--count must be positive (got " + count + ")");
        if (mcSamples < 0) throw new IllegalArgumentException("--mc-samples must be 0 (no errors) or more (got " + mcSamples + ")");
        PredictBenchmark.Best best = new PredictBenchmark(new PredictBenchmark.Settings(model, count, batches, mcSamples, seed))
                .run(out, Main.version(), spec.commandLine().getErr());
        spec.commandLine().getOut().printf("best: %.0f galaxies/s (batch %d, workspaces %s); wrote %s%n", best.galaxiesPerSecond(),
                best.batch(), best.workspaces(), out);
        return Main.OK;
    }
}
