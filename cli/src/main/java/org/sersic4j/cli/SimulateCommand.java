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

    @Option(names = "--format", paramLabel = "fits|parquet",
            description = "fits (default): the files above; parquet: a Parquet stamp store at --out instead, written on "
                    + "Apache Spark by the spark module (the sersic4j launcher runs 'simulate --format parquet' there).")
    String format = FITS;

    @Option(names = "--shards", paramLabel = "N", description = "Shards of a --format parquet store (default: 1,000 stamps a shard, at least four per core).")
    Integer shards;

    /** The default format, and the one the spark module writes. */
    static final String FITS = "fits", PARQUET = "parquet";

    @Override
    public Integer call() {
        checkFormat(format, shards);
        PrintWriter out = spec.commandLine().getOut();
        SimulationConfig cfg = SimulationConfig.load(config);
        cfg = cfg.withOverrides(count, seed, size);
        String dev = device != null ? device : cfg.device().rendererName();
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

    /** FITS files are written here; a store needs the spark module, which this jar does not carry. */
    static void checkFormat(String format, Integer shards) {
        String f = format.trim().toLowerCase(Locale.ROOT);
        if (f.equals(PARQUET))
            throw new IllegalArgumentException("simulate --format parquet writes a stamp store with the spark module, "
                    + "which this build lacks: build it with './mvnw -B -Pspark install' and run the command through the "
                    + "sersic4j launcher");
        if (!f.equals(FITS)) throw new IllegalArgumentException("--format takes fits or parquet (got '" + format + "')");
        if (shards != null) throw new IllegalArgumentException("--shards goes with --format parquet (a stamp store)");
    }
}
