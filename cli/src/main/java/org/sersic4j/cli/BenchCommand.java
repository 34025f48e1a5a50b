package org.sersic4j.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sersic4j bench}: the group of benchmarks (each writes JSON). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput and write it as JSON (never timed unit tests).",
        subcommands = {BenchRenderCommand.class, BenchFitCommand.class, BenchPredictCommand.class})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("sersic4j bench: a benchmark is needed (e.g. 'sersic4j bench render --out bench.json')");
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.FAILED;
    }
}
