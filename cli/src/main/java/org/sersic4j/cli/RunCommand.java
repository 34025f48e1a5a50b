package org.sersic4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.validation.QuickstartRun;
import org.sersic4j.validation.RunConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sersic4j run CONFIG.yaml}: the main job of a run configuration. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the job a configuration describes (e.g. configs/quickstart.yaml): simulate a truth set, "
                + "render its noiseless models, check them against the stamps, and write summary.json and "
                + "summary.txt into the configuration's output directory. Fitting and estimator comparison will "
                + "join this job.",
                "The output directory ('output:' in the file) is relative to the current directory."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:done, but some stamps could not be checked (listed in the summary)",
                "2:nothing could be done (bad configuration, unusable device, unwritable output)"})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "Run configuration (YAML).")
    Path config;

    @Option(names = "--output", paramLabel = "DIR", description = "Write into DIR instead of the configuration's 'output'.")
    Path output;

    @Option(names = "--device", paramLabel = "DEVICE",
            description = "auto, java, jtp, opencl, gpu, cpu or opencl:N (default: the configuration's simulate.device).")
    String device;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunConfig cfg = RunConfig.load(config);
        if (output != null) cfg = cfg.withOutput(output);
        String dev = device != null ? device : SimulateCommand.deviceName(cfg.simulate().device());
        QuickstartRun.Result r;
        try (Renderer renderer = Renderers.create(dev)) {
            err.println("sersic4j run: " + config + " -> " + cfg.output() + " (device: " + dev + ")");
            err.flush();
            r = new QuickstartRun(cfg, renderer, Main.version(), line -> {
                err.println("sersic4j run: " + line);
                err.flush();
            }).withProgressBar(System.console() != null).run();
        }
        out.printf(Locale.ROOT, "done in %.1f s on %s%n", r.seconds(), r.device());
        out.println("  truth set:  " + r.truthDir() + "  (" + r.count() + " stamps, truth.csv, truth.fits, PSF)");
        out.println("  models:     " + r.modelDir());
        out.println("  summary:    " + r.summaryText() + ", " + r.summaryJson());
        for (String w : r.warnings()) out.println("  warning:    " + w);
        out.flush();
        if (r.checked() == 0) return Main.FAILED;
        return r.problems() > 0 ? Main.PARTIAL : Main.OK;
    }
}
