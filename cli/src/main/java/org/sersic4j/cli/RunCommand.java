package org.sersic4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.validation.InputPaths;
import org.sersic4j.validation.RunConfig;
import org.sersic4j.validation.RunJob;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sersic4j run CONFIG.yaml}: the main job of a run configuration, the network against classical fits. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the job a configuration describes (e.g. configs/quickstart.yaml): simulate a truth set, "
                + "run the estimators on it and on real galaxies (default: the CNN, Levenberg-Marquardt, and "
                + "Levenberg-Marquardt started from the CNN's answer on the ten KiDS galaxies in data/kids), score them "
                + "against the truth and the data, and write report.html, summary.json, summary.txt, catalogs/ and "
                + "truth/ into the output directory.",
                "The output directory ('output:' in the file) is relative to the current directory; relative 'model:' "
                        + "and 'real:' paths are looked up in the current directory, then in the sersic4j directory."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:done, but some real galaxies could not be read (listed in the summary)",
                "2:nothing could be done (bad configuration, missing model, unusable device, unwritable output)"})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "Run configuration (YAML).")
    Path config;

    @Option(names = {"--out", "--output"}, paramLabel = "DIR", description = "Write into DIR instead of the configuration's 'output'.")
    Path output;

    @Option(names = "--device", paramLabel = "DEVICE",
            description = "Renderer of the simulation: auto, java, fast, jtp, opencl, gpu, cpu or opencl:N "
                    + "(default: the configuration's simulate.device).")
    String device;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunConfig cfg = RunConfig.load(config);
        if (output != null) cfg = cfg.withOutput(output);
        String dev = device != null ? device : cfg.simulate().device().rendererName();
        boolean progress = System.console() != null || Boolean.getBoolean("sersic4j.progress");
        RunJob.Result r;
        try (Renderer renderer = Renderers.create(dev)) {
            err.println("sersic4j run: " + config + " -> " + cfg.output() + " (renderer: " + dev + "; " + Renderers.describe(renderer) + ")");
            err.flush();
            r = new RunJob(cfg, renderer, Main.version(), InputPaths.fromSystem(), progress, line -> {
                err.println("sersic4j run: " + line);
                err.flush();
            }).run();
        }
        out.printf(Locale.ROOT, "done in %.1f s: %d simulated stamps%s%n", r.seconds(), r.count(),
                r.real() > 0 ? ", " + r.real() + " real galaxies" : "");
        for (String l : r.lines()) out.println("  " + l);
        out.println("  report:     " + r.report());
        out.println("  summary:    " + r.summaryText() + ", " + r.summaryJson());
        out.println("  truth set:  " + r.truthDir());
        for (String w : r.warnings()) out.println("  warning:    " + w);
        out.flush();
        return r.problems() > 0 ? Main.PARTIAL : Main.OK;
    }
}
