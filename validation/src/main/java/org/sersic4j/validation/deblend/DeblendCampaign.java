package org.sersic4j.validation.deblend;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sersic4j.learn.deblend.BlendBatch;
import org.sersic4j.learn.deblend.BlendBatchRenderer;
import org.sersic4j.learn.deblend.DeblendConfig;
import org.sersic4j.learn.deblend.DeblendTrainer;
import org.sersic4j.learn.deblend.Deblender;
import org.sersic4j.learn.deblend.Deblender.Kind;
import org.sersic4j.render.Image;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.render.SersicParams;
import org.sersic4j.io.AtomicWrite;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.sim.NoiseModel;
import org.sersic4j.validation.Claim;

/**
 * The campaign of "An Evaluation of Autoencoder Based Models for Galaxy Deblending": trains the CAE, the VAE-GAN and
 * the VAE on blends rendered on the fly (or loads them), renders held-out blends from another seed, scores each
 * model's deblended central galaxy against the truth with MSE, PSNR and SSIM on [0, 1] images, checks the paper's
 * values and ranking, and goes a step past the paper by fitting the central galaxy with Levenberg–Marquardt on the
 * isolated galaxy, the raw blend and each deblended output ({@link DeblendFits}). Writes, into the output directory:
 * <pre>
 * deblender-conv.sd, …   each model trained here, with its .json card, and deblend-config.yaml
 * blends.csv             one row per held-out blend: scale, separation, each model's MSE, PSNR and SSIM
 * summary.json           every claim (paper, ours, held), the training runs, the metrics, the fits ({@link DeblendSummary})
 * report.html            claims, metrics, gallery, fits, training curves ({@link DeblendReport})
 * </pre>
 * A claim that does not hold is reported, not raised: {@link #run} fails only when the campaign cannot run.
 */
public final class DeblendCampaign {
    /** Seed offset of the held-out blends (training uses the seed, validation the seed + 1,000,003). */
    public static final long HELD_OUT_SEED_OFFSET = 5_000_011L;
    private static final int CHUNK = 50;
    /** Wall-clock minutes each fit route may take before it starts no more fits. */
    public static final double ROUTE_MINUTES = 1.2;

    private final DeblendConfig cfg;
    private final Path out;
    private final Map<Kind, Path> models;
    private final PrintStream log;
    private final boolean progress;

    /**
     * A campaign writing into {@code out}.
     *
     * @param models trained models to evaluate instead of training them here, by kind (any subset; may be empty)
     */
    public DeblendCampaign(DeblendConfig cfg, Path out, Map<Kind, Path> models, PrintStream log, boolean progress) {
        this.cfg = cfg;
        this.out = out;
        this.models = models == null ? Map.of() : Map.copyOf(models);
        this.log = log;
        this.progress = progress;
    }

    /** Where the campaign wrote its summary and report, and what it found. */
    public record Result(Path summary, Path report, List<Claim> claims, List<DeblendOutcome.ModelRun> training) {}

    /** Runs the campaign. */
    public Result run() throws IOException {
        Files.createDirectories(out);
        try (Renderer renderer = Renderers.create(cfg.data().device())) {
            log.println("renderer: " + renderer.deviceDescription());
            BlendBatchRenderer blends = new BlendBatchRenderer(cfg, renderer);
            Map<Kind, Deblender> nets = new EnumMap<>(Kind.class);
            List<DeblendOutcome.ModelRun> runs = new ArrayList<>();
            for (Kind k : kinds()) {
                if (models.containsKey(k)) {
                    Deblender.Loaded l = Deblender.load(models.get(k));
                    if (l.deblender().kind() != k)
                        throw new InvalidInputException(models.get(k), "a " + l.deblender().kind().label() + " model, given as the " + k.label());
                    if (l.card().stampSize() != cfg.data().stampSize())
                        throw new InvalidInputException(models.get(k), "the model takes " + l.card().stampSize() + " px stamps but the "
                                + "configuration renders " + cfg.data().stampSize() + " px (pass the configuration it was trained with)");
                    nets.put(k, l.deblender());
                    runs.add(DeblendOutcome.ModelRun.of(l));
                    log.println(k.label() + ": loaded " + l.source());
                } else {
                    DeblendTrainer.Result r = new DeblendTrainer(cfg, out, log, progress).train(k, blends);
                    nets.put(k, Deblender.load(r.model()).deblender());
                    runs.add(DeblendOutcome.ModelRun.of(r));
                }
            }
            return evaluate(blends, nets, runs, renderer.deviceDescription());
        }
    }

    /** The models to run, in the paper's ranking order. */
    private List<Kind> kinds() {
        List<Kind> ks = new ArrayList<>();
        for (Kind k : Kind.values()) if (cfg.models().contains(k.id()) || models.containsKey(k)) ks.add(k);
        return ks;
    }

    private Result evaluate(BlendBatchRenderer blends, Map<Kind, Deblender> nets, List<DeblendOutcome.ModelRun> runs, String renderer)
            throws IOException {
        long t0 = System.nanoTime();
        long seed = cfg.seed() + HELD_OUT_SEED_OFFSET;
        int n = cfg.evaluation().heldOut(), s = cfg.data().stampSize(), px = s * s;
        log.printf("rendering and deblending %d held-out blends (seed %d)%n", n, seed);
        float[] inputs = new float[n * px], targets = new float[n * px], isolated = new float[n * px];
        double[] scales = new double[n];
        List<SersicParams> central = new ArrayList<>(n), companion = new ArrayList<>(n);
        List<NoiseModel> noise = new ArrayList<>(n);
        int[] psfIndex = new int[n];
        Map<Kind, float[]> outputs = new EnumMap<>(Kind.class);
        for (Kind k : nets.keySet()) outputs.put(k, new float[n * px]);
        for (int first = 0; first < n; first += CHUNK) {
            int m = Math.min(CHUNK, n - first);
            BlendBatch b = blends.render(seed, first, m, true);
            System.arraycopy(b.inputs(), 0, inputs, first * px, m * px);
            System.arraycopy(b.targets(), 0, targets, first * px, m * px);
            System.arraycopy(b.isolated(), 0, isolated, first * px, m * px);
            System.arraycopy(b.scales(), 0, scales, first, m);
            System.arraycopy(b.psfIndex(), 0, psfIndex, first, m);
            central.addAll(b.central());
            companion.addAll(b.companion());
            noise.addAll(b.noise());
            for (Map.Entry<Kind, Deblender> e : nets.entrySet()) {
                float[] y = e.getValue().deblend(b.inputs(), m, s);
                System.arraycopy(y, 0, outputs.get(e.getKey()), first * px, m * px);
            }
        }
        Map<Kind, ImageScores> scores = new LinkedHashMap<>();
        for (Kind k : nets.keySet()) scores.put(k, ImageScores.of(k.label(), outputs.get(k), targets, n, s));
        ImageScores reference = ImageScores.of("raw blend", inputs, targets, n, s);
        for (ImageScores sc : scores.values())
            log.printf("  %s: MSE %.3e, PSNR %.2f dB, SSIM %.4f%n", sc.name(), sc.mean(ImageScores.Metric.MSE),
                    sc.mean(ImageScores.Metric.PSNR), sc.mean(ImageScores.Metric.SSIM));

        List<Claim> claims = new ArrayList<>(DeblendClaims.rankings(scores));
        claims.addAll(DeblendClaims.values(scores));

        int f = cfg.evaluation().fits();
        List<DeblendFits.Route> fits = List.of();
        List<String> fitNotes = new ArrayList<>();
        List<SersicParams> fitTruth = central.subList(0, f);
        if (f > 0) {
            log.printf("fitting the central galaxy of %d blends (Levenberg-Marquardt: Poisson likelihood of the noise model on the "
                    + "noisy images, chi2 with the noise model's sigma on the deblended ones)%n", f);
            List<PixelPsf> psfs = new ArrayList<>();
            List<Image> blendAdu = new ArrayList<>(), alone = new ArrayList<>();
            for (int i = 0; i < f; i++) {
                psfs.add(blends.singles().psf(psfIndex[i]));
                blendAdu.add(scaled(inputs, i, s, scales[i]));
                alone.add(ImageScores.image(isolated, i, s));
            }
            List<NoiseModel> noiseModels = noise.subList(0, f);
            List<DeblendFits.Images> routes = new ArrayList<>();
            routes.add(new DeblendFits.Images("isolated galaxy", "the central galaxy alone, with noise of the same model (the ceiling)",
                    alone, noiseModels, null, false));
            routes.add(new DeblendFits.Images("raw blend", "the noisy blend itself: a single Sérsic fit pulled by the companion",
                    blendAdu, noiseModels, null, false));
            for (Kind k : nets.keySet()) {
                double mse = scores.get(k).mean(ImageScores.Metric.MSE), raw = reference.mean(ImageScores.Metric.MSE);
                if (!(mse < raw)) {
                    fitNotes.add(String.format(Locale.ROOT, "The %s output is not fitted: it lies further from the target than the raw "
                            + "blend does (MSE %.3e against %.3e), so the network has not learnt to deblend.", k.label(), mse, raw));
                    log.println("  " + fitNotes.get(fitNotes.size() - 1));
                    continue;
                }
                List<Image> deb = new ArrayList<>(), debSigma = new ArrayList<>();
                for (int i = 0; i < f; i++) {
                    deb.add(scaled(outputs.get(k), i, s, scales[i]));
                    debSigma.add(noise.get(i).sigmaMap(deb.get(i)));
                }
                routes.add(new DeblendFits.Images(k.label() + " output", "the " + k.label() + "'s deblended galaxy times the blend's "
                        + "scale (ADU), chi2 with the noise model's sigma on that output and a free constant background (the "
                        + "sigmoid output's pedestal)", deb, null, debSigma, true));
            }
            fits = DeblendFits.run(fitTruth, psfs, routes, cfg.data().zeropoint(), cfg.data().pixelScale(), cfg.evaluation().threads(),
                    ROUTE_MINUTES, log::println);
            for (DeblendFits.Route r : fits)
                if (r.attempted() < f) fitNotes.add(String.format(Locale.ROOT, "The %s: only the first %d of %d blends were fitted within "
                        + "the %.1f minutes each route may take.", r.name(), r.attempted(), f, ROUTE_MINUTES));
            Kind best = nets.containsKey(Kind.CONV) ? Kind.CONV : nets.keySet().iterator().next();
            DeblendFits.Route blendRoute = fits.get(1);
            int[] c = fits.stream().filter(r -> r.name().equals(best.label() + " output")).findFirst()
                    .map(r -> DeblendFits.closerThanBlend(fitTruth, r, blendRoute)).orElse(new int[] {0, fitTruth.size()});
            claims.add(DeblendClaims.fit(best, c[0], c[1]));
        }

        List<DeblendOutcome.GalleryRow> gallery = new ArrayList<>();
        for (int i = 0; i < Math.min(cfg.evaluation().gallery(), n); i++) {
            Map<Kind, Image> o = new EnumMap<>(Kind.class);
            Map<Kind, Double> ssim = new EnumMap<>(Kind.class);
            for (Kind k : nets.keySet()) {
                o.put(k, ImageScores.image(outputs.get(k), i, s));
                ssim.put(k, scores.get(k).ssim()[i]);
            }
            gallery.add(new DeblendOutcome.GalleryRow(i, separation(central.get(i), companion.get(i)), ImageScores.image(inputs, i, s),
                    ImageScores.image(targets, i, s), o, ssim));
        }
        DeblendOutcome o = new DeblendOutcome(cfg, runs, seed, scores, reference, claims, gallery, fitTruth, fits, fitNotes,
                (System.nanoTime() - t0) / 6e10, renderer);
        AtomicWrite.writeString(out.resolve("blends.csv"), csv(scores, scales, central, companion));
        Path summary = out.resolve("summary.json"), report = out.resolve("report.html");
        DeblendSummary.write(summary, o);
        DeblendReport.write(report, o);
        for (Claim c : claims) log.println("  " + c.line());
        return new Result(summary, report, claims, runs);
    }

    private static Image scaled(float[] all, int i, int side, double scale) {
        Image a = ImageScores.image(all, i, side);
        double[] p = a.pixels();
        for (int j = 0; j < p.length; j++) p[j] *= scale;
        return a;
    }

    static double separation(SersicParams a, SersicParams b) {
        return Math.hypot(a.x0() - b.x0(), a.y0() - b.y0());
    }

    private static String csv(Map<Kind, ImageScores> scores, double[] scales, List<SersicParams> central, List<SersicParams> companion) {
        StringBuilder b = new StringBuilder("index,scale,separation,flux,flux_2");
        for (Kind k : scores.keySet()) b.append(',').append("mse_").append(k.id()).append(",psnr_").append(k.id()).append(",ssim_").append(k.id());
        b.append('\n');
        for (int i = 0; i < scales.length; i++) {
            b.append(i).append(',').append(scales[i]).append(',').append(separation(central.get(i), companion.get(i))).append(',')
                    .append(central.get(i).flux()).append(',').append(companion.get(i).flux());
            for (ImageScores sc : scores.values()) b.append(',').append(sc.mse()[i]).append(',').append(sc.psnr()[i]).append(',').append(sc.ssim()[i]);
            b.append('\n');
        }
        return b.toString();
    }
}
