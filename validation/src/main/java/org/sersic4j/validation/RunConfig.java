package org.sersic4j.validation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.sersic4j.compare.BootstrapSettings;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.sim.SimulationConfig;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.sersic4j.io.YamlConfigs;
import org.sersic4j.fit.FitDevices;

/**
 * The configuration of a {@code sersic4j run} job, read from YAML. Every key has a meaning: an unknown key (at the
 * top level or inside a section) is an error naming the key and the file. Every key may be left out.
 *
 * <pre>
 * output: runs/quickstart   # results directory, relative to the current directory (default: runs/&lt;file name&gt;)
 * simulate:                 # the truth set: the same keys as a 'sersic4j simulate' configuration
 *   count: 300
 *   seed: 42
 *   ...
 * model: my/model.zip       # the network (with its .json sidecar beside it); default: the one shipped with sersic4j
 * estimators: [cnn, lm, cnn+lm]   # what is compared, in this order (default as shown)
 * mcSamples: 16             # MC-dropout passes for the network's errors (0: none)
 * real: data/kids/manifest.csv    # real galaxies (a manifest CSV); 'none' or empty: none (default as shown)
 * bootstrap: 1000           # resamples of the metrics' 95% intervals (0: none)
 * threads: 0                # stamps at once (0: every core)
 * fitDevice: auto           # where lm and cnn+lm fit: auto (a GPU if there is one, else java), java, gpu, opencl:N, jtp
 * </pre>
 *
 * <p>Relative {@code model} and {@code real} paths are looked up by {@link InputPaths}: in the current directory,
 * then in the sersic4j directory, so that the shipped configurations find the shipped data from anywhere.
 *
 * @param file        the file it was read from (null when built in code)
 * @param output      the results directory
 * @param simulate    the truth-set simulation (one galaxy a stamp)
 * @param model       the network's model file as written, or null for the shipped one
 * @param estimators  the estimators' names, in order, from {@link #ESTIMATORS}, no repeats, at least one
 * @param mcSamples   MC-dropout passes for the network's errors, ≥ 0
 * @param real        the real galaxies' manifest as written, or null for none
 * @param realGiven   whether {@code real} was written in the file (false: the default, which may be absent without
 *                    an error)
 * @param bootstrap   bootstrap resamples, ≥ 0
 * @param threads     stamps at once, ≥ 0 (0: every core)
 * @param fitDevice   where Levenberg–Marquardt fits run (as {@code fit --device} names it)
 */
public record RunConfig(Path file, Path output, SimulationConfig simulate, Path model, List<String> estimators,
                        int mcSamples, Path real, boolean realGiven, int bootstrap, int threads, String fitDevice) {

    /** The top-level keys. */
    public static final Collection<String> KEYS = List.of("output", "simulate", "model", "estimators", "mcSamples",
            "real", "bootstrap", "threads", "fitDevice");

    /** The estimator names a run configuration accepts. */
    public static final List<String> ESTIMATORS = List.of("cnn", "lm", "bfgs", "gaussian", "cnn+lm");

    /** The estimators compared when the file names none. */
    public static final List<String> DEFAULT_ESTIMATORS = List.of("cnn", "lm", "cnn+lm");

    /** MC-dropout passes when the file says nothing. */
    public static final int DEFAULT_MC_SAMPLES = 16;

    /** The real galaxies compared when the file says nothing: the ten KiDS galaxies that ship with sersic4j. */
    public static final Path DEFAULT_REAL = Path.of("data", "kids", "manifest.csv");

    /** The word that turns the real galaxies off. */
    public static final String NONE = "none";

    /** Checks the values; messages start with the key. */
    public RunConfig {
        if (output == null) throw new IllegalArgumentException("output: the results directory is missing");
        if (simulate == null) simulate = SimulationConfig.defaults();
        if (simulate.blend().enabled())
            throw new IllegalArgumentException("simulate.blend.enabled: a run compares one profile a stamp; blends cannot be compared");
        estimators = checkEstimators(estimators == null ? DEFAULT_ESTIMATORS : estimators);
        if (mcSamples < 0) throw new IllegalArgumentException("mcSamples: must be >= 0 (got " + mcSamples + ")");
        if (bootstrap < 0) throw new IllegalArgumentException("bootstrap: must be >= 0 (got " + bootstrap + ")");
        if (threads < 0) throw new IllegalArgumentException("threads: must be >= 0, 0 for every core (got " + threads + ")");
        if (fitDevice == null || fitDevice.isBlank()) fitDevice = DEFAULT_FIT_DEVICE;
        fitDevice = fitDevice.trim().toLowerCase(Locale.ROOT);
        if (!FitDevices.NAMES.contains(fitDevice) && !fitDevice.matches("opencl:\\d+"))
            throw new IllegalArgumentException("fitDevice: unknown device '" + fitDevice + "' (expected "
                    + String.join(", ", FitDevices.NAMES) + " or opencl:N)");
    }

    /** Where fits run when the file says nothing: a GPU if there is one, else the Java path. */
    public static final String DEFAULT_FIT_DEVICE = "auto";

    /** A configuration with every default: writing into {@code output}, simulating {@code simulate}. */
    public static RunConfig of(Path output, SimulationConfig simulate) {
        return new RunConfig(null, output, simulate, null, DEFAULT_ESTIMATORS, DEFAULT_MC_SAMPLES, DEFAULT_REAL, false,
                BootstrapSettings.DEFAULT_RESAMPLES, 0, DEFAULT_FIT_DEVICE);
    }

    /** Whether the run estimates real galaxies. */
    public boolean hasReal() {
        return real != null;
    }

    /** Whether the run needs the network. */
    public boolean needsNetwork() {
        return estimators.stream().anyMatch(e -> e.startsWith("cnn"));
    }

    /** The YAML shape, bound by Jackson. */
    static final class Raw {
        @JsonProperty("output")
        String output;
        @JsonProperty("simulate")
        SimulationConfig simulate;
        @JsonProperty("model")
        String model;
        @JsonProperty("estimators")
        List<String> estimators;
        @JsonProperty("mcSamples")
        Integer mcSamples;
        String real;
        boolean realGiven;
        @JsonProperty("bootstrap")
        Integer bootstrap;
        @JsonProperty("threads")
        Integer threads;
        @JsonProperty("fitDevice")
        String fitDevice;

        /** Called for {@code real:} even when its value is empty, which is how an empty value differs from a missing key. */
        @JsonProperty("real")
        void setReal(String value) {
            real = value;
            realGiven = true;
        }
    }

    /**
     * Reads a run configuration.
     *
     * @throws InvalidInputException reading {@code "<file>: <problem>"}: no such file, not YAML, an unknown key (named,
     *                               with its line), a wrong type or a value out of range (named by its key path)
     */
    public static RunConfig load(Path file) {
        Raw raw = YamlConfigs.load(file, "run configuration", Raw.class, Raw::new);
        Path output = path(file, "output", raw.output != null && !raw.output.isBlank() ? raw.output : "runs/" + stem(file));
        Path model = raw.model == null || raw.model.isBlank() ? null : path(file, "model", raw.model);
        Path real;
        if (!raw.realGiven) real = DEFAULT_REAL;
        else if (raw.real == null || raw.real.isBlank() || raw.real.trim().equalsIgnoreCase(NONE)) real = null;
        else real = path(file, "real", raw.real);
        try {
            return new RunConfig(file, output, raw.simulate, model, raw.estimators,
                    raw.mcSamples == null ? DEFAULT_MC_SAMPLES : raw.mcSamples, real, raw.realGiven,
                    raw.bootstrap == null ? BootstrapSettings.DEFAULT_RESAMPLES : raw.bootstrap,
                    raw.threads == null ? 0 : raw.threads, raw.fitDevice);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage(), e);
        }
    }

    /** A copy writing into another directory. */
    public RunConfig withOutput(Path dir) {
        return new RunConfig(file, dir, simulate, model, estimators, mcSamples, real, realGiven, bootstrap, threads, fitDevice);
    }

    /** A copy with another simulation. */
    public RunConfig withSimulate(SimulationConfig s) {
        return new RunConfig(file, output, s, model, estimators, mcSamples, real, realGiven, bootstrap, threads, fitDevice);
    }

    /** A copy comparing other estimators (names from {@link #ESTIMATORS}). */
    public RunConfig withEstimators(List<String> names) {
        return new RunConfig(file, output, simulate, model, names, mcSamples, real, realGiven, bootstrap, threads, fitDevice);
    }

    /** A copy with other real galaxies: a manifest, or null for none (as if written in the file). */
    public RunConfig withReal(Path manifest) {
        return new RunConfig(file, output, simulate, model, estimators, mcSamples, manifest, true, bootstrap, threads, fitDevice);
    }

    /** A copy with another network: a model file, or null for the shipped one. */
    public RunConfig withModel(Path modelFile) {
        return new RunConfig(file, output, simulate, modelFile, estimators, mcSamples, real, realGiven, bootstrap, threads, fitDevice);
    }

    /** A copy with another number of bootstrap resamples. */
    public RunConfig withBootstrap(int resamples) {
        return new RunConfig(file, output, simulate, model, estimators, mcSamples, real, realGiven, resamples, threads, fitDevice);
    }

    /** This configuration as YAML with every default filled in: what a run used, for provenance. */
    public String toYaml() {
        StringBuilder sb = new StringBuilder();
        sb.append("output: ").append(slashes(output)).append('\n');
        sb.append("simulate:\n");
        for (String line : simulate.toYaml().split("\n")) {
            if (!line.isEmpty()) sb.append("  ").append(line).append('\n');
        }
        if (model == null) sb.append("# model: not set, the network shipped with sersic4j\n");
        else sb.append("model: ").append(slashes(model)).append('\n');
        sb.append("estimators: [").append(String.join(", ", estimators)).append("]\n");
        sb.append("mcSamples: ").append(mcSamples).append('\n');
        sb.append("real: ").append(real == null ? NONE : slashes(real)).append('\n');
        sb.append("bootstrap: ").append(bootstrap).append('\n');
        sb.append("threads: ").append(threads).append('\n');
        sb.append("fitDevice: ").append(fitDevice).append('\n');
        return sb.toString();
    }

    private static List<String> checkEstimators(List<String> names) {
        if (names.isEmpty()) throw new IllegalArgumentException("estimators: name at least one of " + String.join(", ", ESTIMATORS));
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String k = n == null ? "" : n.trim().toLowerCase(Locale.ROOT);
            if (!ESTIMATORS.contains(k))
                throw new IllegalArgumentException("estimators: unknown estimator '" + n + "' (allowed: " + String.join(", ", ESTIMATORS) + ")");
            if (out.contains(k)) throw new IllegalArgumentException("estimators: '" + k + "' is named twice");
            out.add(k);
        }
        return List.copyOf(out);
    }

    private static Path path(Path file, String key, String value) {
        try {
            return Path.of(value.trim());
        } catch (RuntimeException e) {
            throw new InvalidInputException(file, key + ": '" + value + "' is not a usable path", e);
        }
    }

    private static String slashes(Path p) {
        return p.toString().replace('\\', '/');
    }

    private static String stem(Path file) {
        String name = file.getFileName() == null ? "run" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String s = dot > 0 ? name.substring(0, dot) : name;
        return s.isEmpty() ? "run" : s;
    }
}
