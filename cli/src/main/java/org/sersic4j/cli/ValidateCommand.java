package org.sersic4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sersic4j.learn.cae.CaeConfig;
import org.sersic4j.learn.deblend.DeblendConfig;
import org.sersic4j.learn.deblend.Deblender;
import org.sersic4j.learn.vae.VaeConfig;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.validation.Claim;
import org.sersic4j.validation.InputPaths;
import org.sersic4j.validation.RunConfig;
import org.sersic4j.validation.cae.CaeCampaign;
import org.sersic4j.validation.components.ComponentsCampaign;
import org.sersic4j.validation.components.ComponentsReport;
import org.sersic4j.validation.deblend.DeblendCampaign;
import org.sersic4j.validation.galnet.GalnetCampaign;
import org.sersic4j.validation.vae.VaeCampaign;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sersic4j validate CAMPAIGN}: runs one paper's campaign and reports its claims beside ours. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a paper's campaign and write DIR/report.html and DIR/summary.json (every claim: the paper's "
                + "number, ours, and whether it held).",
                "Campaigns: vae (the VAE with per-pixel variance against a scaled bivariate Gaussian fit; configs/vae.yaml); "
                        + "galnet (the network against Levenberg-Marquardt on a simulated truth set and the KiDS galaxies, "
                        + "with GaLNet's claims; configs/galnet.yaml, the default); cae (the conditional autoencoder with "
                        + "physically supervised latents against PCA; configs/cae.yaml); deblend (the conv, VAE and VAE-GAN "
                        + "deblenders on simulated blends, then Levenberg-Marquardt fits of their output; configs/deblend.yaml); "
                        + "components (bulge+disc against one Sérsic on simulated sets, model selection by BIC, neighbours "
                        + "fitted together or masked, the KiDS galaxies; configs/bulge-disc.yaml and configs/pairs.yaml).",
                "A claim that does not hold is reported, not an error: the exit code is non-zero only when the campaign could not run."})
public final class ValidateCommand implements Callable<Integer> {
    /** The campaigns that run. */
    static final List<String> CAMPAIGNS = List.of("vae", "cae", "deblend", "galnet", "components");
    /** The components campaign's configurations when none are given. */
    static final Path BULGE_DISC_CONFIG = Path.of("configs", "bulge-disc.yaml"), PAIRS_CONFIG = Path.of("configs", "pairs.yaml");
    /** The galnet campaign's configuration when none is given, looked up like a run configuration's inputs. */
    static final Path GALNET_CONFIG = Path.of("configs", "galnet.yaml");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "vae, cae, deblend, galnet or components.")
    String campaign;

    @Option(names = "--config", paramLabel = "FILE.yaml", description = "Campaign configuration (vae, cae: default the built-in "
            + "defaults, as in configs/<campaign>.yaml; galnet: a run configuration, default configs/galnet.yaml; components: "
            + "the bulge+disc simulation, default configs/bulge-disc.yaml).")
    Path config;

    @Option(names = "--model", paramLabel = "M.zip", description = "vae, cae: evaluate this trained model instead of training one; "
            + "galnet: this network instead of the configuration's (or the shipped one).")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--deblender", paramLabel = "KIND=M.sd", description = "deblend: evaluate this trained deblender (KIND: conv, "
            + "vaegan or vae) instead of training it; repeatable.")
    Map<String, Path> deblenders;

    @Option(names = "--models", split = ",", paramLabel = "KIND", description = "deblend: the deblenders to run (default: "
            + "the configuration's models, conv,vaegan,vae).")
    List<String> deblenderKinds;

    @Option(names = "--max-minutes", paramLabel = "M", description = "vae, cae: training budget (overrides training.maxMinutes); "
            + "deblend: per model.")
    Double maxMinutes;

    @Option(names = "--held-out", paramLabel = "N", description = "vae: held-out stamps to score; cae: stamps of the PCA comparison, half fit and half scored, at least 132; "
            + "deblend: held-out blends (overrides evaluation.heldOut).")
    Integer heldOut;

    @Option(names = "--pairs", paramLabel = "FILE.yaml", description = "components: the pairs' simulation configuration "
            + "(default configs/pairs.yaml; --config is the bulge+disc one, default configs/bulge-disc.yaml).")
    Path pairsConfig;

    @Option(names = "--count", paramLabel = "N", description = "components: stamps per simulated set (default: as the "
            + "configurations say).")
    int count;

    @Option(names = "--threads", paramLabel = "N", description = "components: fits at once (default: every core).")
    int threads;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        if (!CAMPAIGNS.contains(campaign)) {
            err.println("sersic4j: validate: unknown campaign '" + campaign + "' (known: " + String.join(", ", CAMPAIGNS) + ")");
            return Main.FAILED;
        }
        List<Claim> claims;
        Path report, summary;
        if ("components".equals(campaign)) return components(err);
        if ("vae".equals(campaign)) {
            VaeConfig cfg = config == null ? VaeConfig.defaults() : VaeConfig.load(config);
            if (maxMinutes != null) cfg = cfg.withMaxMinutes(maxMinutes);
            if (heldOut != null) cfg = cfg.withHeldOut(heldOut);
            VaeCampaign.Result r = new VaeCampaign(cfg, out, model, new PrintStream(System.out, true), !noProgress).run();
            claims = r.claims();
            report = r.report();
            summary = r.summary();
        } else if ("cae".equals(campaign)) {
            CaeConfig cfg = config == null ? CaeConfig.defaults() : CaeConfig.load(config);
            if (maxMinutes != null) cfg = cfg.withMaxMinutes(maxMinutes);
            if (heldOut != null) cfg = cfg.withHeldOut(heldOut);
            CaeCampaign.Result r = new CaeCampaign(cfg, out, model, new PrintStream(System.out, true), !noProgress).run();
            claims = r.claims();
            report = r.report();
            summary = r.summary();
        } else if ("deblend".equals(campaign)) {
            DeblendConfig cfg = config == null ? DeblendConfig.defaults() : DeblendConfig.load(config);
            if (maxMinutes != null) cfg = cfg.withMaxMinutes(maxMinutes);
            if (heldOut != null) cfg = cfg.withHeldOut(heldOut);
            if (deblenderKinds != null) cfg = cfg.withModels(deblenderKinds);
            Map<Deblender.Kind, Path> given = new EnumMap<>(Deblender.Kind.class);
            if (deblenders != null) deblenders.forEach((kind, file) -> given.put(Deblender.Kind.of(kind), file));
            DeblendCampaign.Result r = new DeblendCampaign(cfg, out, given, new PrintStream(System.out, true), !noProgress).run();
            claims = r.claims();
            report = r.report();
            summary = r.summary();
        } else {
            if (maxMinutes != null || heldOut != null) {
                err.println("sersic4j: validate galnet: --max-minutes and --held-out apply to trained campaigns only "
                        + "(galnet uses the shipped or given network; set the truth set's size with simulate.count)");
                return Main.FAILED;
            }
            GalnetCampaign.Result r = galnet(err);
            claims = r.claims();
            report = r.report();
            summary = r.summary();
        }
        var log = spec.commandLine().getOut();
        for (Claim c : claims) log.println(c.line());
        log.printf("report: %s%nsummary: %s%n", report, summary);
        log.flush();
        return Main.OK;
    }

    private int components(PrintWriter err) throws java.io.IOException {
        if (count < 0 || threads < 0) throw new IllegalArgumentException("--count and --threads must be >= 0");
        InputPaths inputs = InputPaths.fromSystem();
        Path bd = config != null ? config : required(inputs, BULGE_DISC_CONFIG);
        Path pairs = pairsConfig != null ? pairsConfig : required(inputs, PAIRS_CONFIG);
        Path kids = inputs.find(RunConfig.DEFAULT_REAL);
        ComponentsCampaign c = new ComponentsCampaign(bd, pairs, count, kids, 4, threads, 42, out);
        ComponentsCampaign.Outcome o = c.run(line -> {
            err.println("sersic4j validate components: " + line);
            err.flush();
        });
        Path report = ComponentsReport.write(c, o);
        var log = spec.commandLine().getOut();
        log.printf("report: %s%nsummary: %s%n", report, out.resolve("summary.json"));
        log.flush();
        return Main.OK;
    }

    private static Path required(InputPaths inputs, Path p) {
        Path f = inputs.find(p);
        if (f == null) throw new IllegalArgumentException("validate components: " + inputs.describe(p) + " does not exist");
        return f;
    }

    private GalnetCampaign.Result galnet(PrintWriter err) {
        InputPaths inputs = InputPaths.fromSystem();
        Path file = config;
        if (file == null) {
            file = inputs.find(GALNET_CONFIG);
            if (file == null)
                throw new IllegalArgumentException("validate galnet: no --config given and the default " + inputs.describe(GALNET_CONFIG)
                        + " does not exist");
        }
        RunConfig cfg = RunConfig.load(file).withOutput(out);
        if (model != null) cfg = cfg.withModel(model);
        try (Renderer renderer = Renderers.create(cfg.simulate().device().rendererName())) {
            return new GalnetCampaign(cfg, renderer, Main.version(), inputs, !noProgress && System.console() != null, line -> {
                err.println("sersic4j validate galnet: " + line);
                err.flush();
            }).run();
        }
    }
}
