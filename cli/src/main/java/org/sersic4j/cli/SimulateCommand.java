package org.sersic4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.render.sim.SimulationConfig;
import org.sersic4j.render.sim.Simulator;
import org.sersic4j.render.sim.TruthCatalog;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sersic4j simulate}: a truth set of noisy stamps, their PSFs and a truth catalogue. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate a truth set: noisy sky-subtracted stamps (gal_000001.fits …), their PSF(s), "
                + "truth.csv and truth.fits, and simulation.yaml (the configuration used, defaults filled in).",
                "A 'model:' section draws multi-component stamps (bulge+disc, a point source, a sky gradient, "
                        + "neighbours with segmentation maps in seg/) and adds each component's truth to the catalogue.",
                "The output is a function of the seed alone. Options given here override the configuration file."})
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE.yaml", description = "Simulation configuration (YAML).")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if needed).")
    Path outDir;

    @Option(names = "--count", paramLabel = "N", description = "Number of stamps (overrides 'count').")
    Integer count;

    @Option(names = "--seed", paramLabel = "S", description = "Run seed (overrides 'seed').")
    Long seed;

    @Option(names = "--size", paramLabel = "PX", description = "Stamp side in pixels (overrides 'size').")
    Integer size;

    @Option(names = "--device", paramLabel = "DEVICE",
            description = "auto, java, fast, jtp, opencl, gpu, cpu or opencl:N (overrides 'device'; see 'sersic4j bench render' for the list).")
    String device;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SimulationConfig cfg = SimulationConfig.load(config);
        cfg = overrides(cfg, count, seed, size);
        String dev = device != null ? device : deviceName(cfg.device());
        try (Renderer renderer = Renderers.create(dev)) {
            if (!Renderers.missingNote().isEmpty()) {
                spec.commandLine().getErr().println("sersic4j: " + Renderers.describe(renderer));
                spec.commandLine().getErr().flush();
            }
            Simulator.Summary s = new Simulator(cfg, renderer, outDir).withProgress(System.console() != null).run();
            out.printf(Locale.ROOT, "simulated %d stamps of %dx%d px (seed %d) into %s in %.2f s on %s%n", s.count(),
                    cfg.size(), cfg.size(), cfg.seed(), s.directory(), s.seconds(), s.device());
            out.printf("truth: %s, %s%n", s.directory().resolve(TruthCatalog.CSV), s.directory().resolve(TruthCatalog.FITS));
            out.flush();
        }
        return Main.OK;
    }

    /** Applies the command-line overrides; a bad value is an error naming the option. */
    static SimulationConfig overrides(SimulationConfig cfg, Integer count, Long seed, Integer size) {
        try {
            if (count != null) cfg = cfg.withCount(count);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--count " + count + ": " + e.getMessage(), e);
        }
        if (seed != null) cfg = cfg.withSeed(seed);
        try {
            if (size != null) cfg = cfg.withSize(size);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--size " + size + ": " + e.getMessage(), e);
        }
        return cfg;
    }

    /** The renderer name for a configuration's {@code device} key (aparapi = the kernel on the best device). */
    static String deviceName(SimulationConfig.Device d) {
        return switch (d) {
            case JAVA -> "java";
            case FAST -> "fast";
            case AUTO -> "auto";
            case APARAPI -> "aparapi";
        };
    }
}
