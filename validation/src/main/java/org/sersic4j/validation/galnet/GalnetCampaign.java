package org.sersic4j.validation.galnet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.sersic4j.compare.StampInput;
import org.sersic4j.learn.Backend;
import org.sersic4j.render.Renderer;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.validation.Claim;
import org.sersic4j.validation.ClaimsTable;
import org.sersic4j.validation.InputPaths;
import org.sersic4j.validation.RunConfig;
import org.sersic4j.validation.RunJob;
import org.sersic4j.validation.compare.Network;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sersic4j.io.JsonOutput;

/**
 * The GaLNet paper's campaign: the comparison of the network with classical fits that {@code sersic4j run} makes (a
 * simulated truth set and real galaxies; {@code configs/galnet.yaml}), then the paper's claims checked on it
 * ({@link GalnetClaims}), with the network's single-pass throughput timed on the truth set's stamps. The output
 * directory is the run's ({@link RunJob}), with the claims added first to {@code report.html} and to
 * {@code summary.json} (a {@code campaign} object and a {@code claims} array).
 */
public final class GalnetCampaign {
    /** Stamps per batch of the throughput measurement (the bench's best batch size is larger; 256 is the floor). */
    public static final int THROUGHPUT_BATCH = 256;

    private final RunConfig cfg;
    private final RunJob job;
    private final InputPaths inputs;
    private final Consumer<String> log;

    /** A campaign of this run configuration (which must compare {@value GalnetClaims#CNN} with {@value GalnetClaims#LM}). */
    public GalnetCampaign(RunConfig cfg, Renderer renderer, String version, InputPaths inputs, boolean progress, Consumer<String> log) {
        for (String needed : List.of(GalnetClaims.CNN, GalnetClaims.LM))
            if (!cfg.estimators().contains(needed))
                throw new InvalidInputException(cfg.file() == null ? cfg.output() : cfg.file(), "estimators: the GaLNet campaign "
                        + "compares '" + GalnetClaims.CNN + "' with '" + GalnetClaims.LM + "', but '" + needed + "' is not listed");
        this.cfg = cfg;
        this.job = new RunJob(cfg, renderer, version, inputs, progress, log);
        this.inputs = inputs;
        this.log = log == null ? s -> { } : log;
    }

    /** What the campaign wrote and found. */
    public record Result(Path summary, Path report, List<Claim> claims, RunJob.Result run, double singlePassPerSecond) {}

    /** Runs the comparison, times the network, decides the claims and puts them first in the report and summary. */
    public Result run() {
        Found found = new Found();
        String machine = Runtime.getRuntime().availableProcessors() + " CPU cores (" + Backend.describe() + ")";
        RunJob.Result run = job.withPreface((comparison, truth) -> {
            found.perSecond = singlePassThroughput(truth.stamps());
            found.claims = GalnetClaims.of(comparison, found.perSecond, Math.max(cfg.bootstrap(), 200), cfg.simulate().seed(), machine);
            return page -> ClaimsTable.add(page, "Claims of the GaLNet paper", found.claims,
                    "GaLNet's claims beside ours: the network ('" + GalnetClaims.CNN + "') against Levenberg–Marquardt from the "
                            + "automatic guess ('" + GalnetClaims.LM + "', our GALFIT). Ratios are the network's over the fit's.");
        }).run();
        log.accept("writing the claims into " + run.summaryJson());
        addClaims(run.summaryJson(), found.claims, found.perSecond, machine);
        return new Result(run.summaryJson(), run.report(), found.claims, run, found.perSecond);
    }

    /** What the report's preface decided, for the summary. */
    private static final class Found {
        List<Claim> claims = List.of();
        double perSecond = Double.NaN;
    }

    /** The network's throughput without MC-dropout passes over the truth set's stamps, after one warm-up batch. */
    private double singlePassThroughput(List<StampInput> stamps) {
        Path model = cfg.model() == null ? null : inputs.find(cfg.model());
        var estimator = new Network(model, 0, "'model:' in the run configuration", s -> { }).seed();
        estimator.estimate(stamps.subList(0, Math.min(THROUGHPUT_BATCH, stamps.size())));
        long t0 = System.nanoTime();
        estimator.estimate(stamps);
        double perSecond = stamps.size() / ((System.nanoTime() - t0) * 1e-9);
        log.accept(String.format(Locale.ROOT, "network, one pass: %.0f galaxies/s over %d stamps", perSecond, stamps.size()));
        return perSecond;
    }

    private static void addClaims(Path json, List<Claim> claims, double perSecond, String machine) {
        ObjectMapper mapper = JsonOutput.MAPPER;
        try {
            ObjectNode old = (ObjectNode) mapper.readTree(json.toFile());
            ObjectNode root = mapper.createObjectNode();
            ObjectNode c = root.putObject("campaign");
            c.put("name", "galnet");
            c.put("paper", "GaLNet: a CNN reading Sérsic parameters from a galaxy stamp and its PSF");
            c.put("network_single_pass_galaxies_per_second", perSecond);
            c.put("machine", machine);
            List<Object> list = new ArrayList<>(claims);
            root.set("claims", mapper.valueToTree(list));
            root.setAll(old);
            JsonOutput.write(json, root);
        } catch (IOException | ClassCastException e) {
            throw new InvalidInputException(json, "cannot add the claims to the summary (" + e.getMessage() + ")", e);
        }
    }
}
