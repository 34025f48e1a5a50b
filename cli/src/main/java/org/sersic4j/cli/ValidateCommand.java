package org.sersic4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sersic4j.learn.VaeConfig;
import org.sersic4j.validation.Claim;
import org.sersic4j.validation.vae.VaeCampaign;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sersic4j validate CAMPAIGN}: runs one paper's campaign and reports its claims beside ours. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a paper's campaign on galaxies rendered on the fly and write DIR/report.html and DIR/summary.json "
                + "(every claim: the paper's number, ours, and whether it held).",
                "Campaigns: vae (the VAE with per-pixel variance against a scaled bivariate Gaussian fit; configs/vae.yaml). "
                        + "cae, deblend and galnet are not implemented yet and exit with code 2.",
                "A claim that does not hold is reported, not an error: the exit code is non-zero only when the campaign could not run."})
public final class ValidateCommand implements Callable<Integer> {
    /** The campaigns the issue names; only {@code vae} runs so far. */
    static final List<String> PLANNED = List.of("cae", "deblend", "galnet");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "vae (cae, deblend, galnet: not implemented yet).")
    String campaign;

    @Option(names = "--config", paramLabel = "FILE.yaml", description = "Campaign configuration (default: the built-in defaults, as in configs/vae.yaml).")
    Path config;

    @Option(names = "--model", paramLabel = "M.zip", description = "Evaluate this trained VAE instead of training one.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--max-minutes", paramLabel = "M", description = "Training budget (overrides training.maxMinutes).")
    Double maxMinutes;

    @Option(names = "--held-out", paramLabel = "N", description = "Held-out stamps to score (overrides evaluation.heldOut).")
    Integer heldOut;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        if (PLANNED.contains(campaign)) {
            err.println("sersic4j: validate " + campaign + ": not implemented yet (only 'vae' is)");
            return Main.FAILED;
        }
        if (!"vae".equals(campaign)) {
            err.println("sersic4j: validate: unknown campaign '" + campaign + "' (known: vae; not implemented yet: "
                    + String.join(", ", PLANNED) + ")");
            return Main.FAILED;
        }
        VaeConfig cfg = config == null ? VaeConfig.defaults() : VaeConfig.load(config);
        if (maxMinutes != null) cfg = cfg.withMaxMinutes(maxMinutes);
        if (heldOut != null) cfg = cfg.withHeldOut(heldOut);
        VaeCampaign.Result r = new VaeCampaign(cfg, out, model, new PrintStream(System.out, true), !noProgress).run();
        var log = spec.commandLine().getOut();
        for (Claim c : r.claims()) log.println(c.line());
        log.printf("report: %s%nsummary: %s%n", r.report(), r.summary());
        log.flush();
        return Main.OK;
    }
}
