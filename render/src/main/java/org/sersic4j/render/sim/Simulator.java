package org.sersic4j.render.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.sersic4j.render.Image;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.io.FitsImageWriter;
import org.sersic4j.render.io.InvalidInputException;
import org.sersic4j.render.io.PsfFiles;
import org.sersic4j.render.sim.SimulationConfig.PsfMode;

/**
 * Writes a simulated truth set: noisy sky-subtracted stamps with their PSFs and a truth catalogue.
 *
 * <p>Into the output directory go {@code gal_000001.fits} … (float32, header: GAIN, RDNOISE, SKY, PIXSCALE, MAGZP,
 * PSFFILE, SEED, BUNIT, OBJECT and the truth X0, Y0, FLUX, MAG, RE, N, Q, PA, SNR, plus X0_2 … SNR_2 for a blend),
 * the PSF(s) ({@code psf.fits}, or {@code psf_000001.fits} … when drawn), {@code truth.csv} and {@code truth.fits}
 * (columns in {@link TruthCatalog}) and {@code simulation.yaml} (the configuration used, all defaults filled in). In
 * blend mode each stamp also gets its two noiseless components {@code gal_000001_gal1.fits} and
 * {@code gal_000001_gal2.fits}, whose sum (or pixel-wise maximum, with {@code blend.combine: max}) is the noiseless blend.
 *
 * <p>Stamps are drawn ({@link ParameterSampler}), rendered {@link #batchSize()} at a time with one
 * {@link Renderer#renderBatch} call, and given noise from a per-stamp generator ({@link Seeds}), so the output is a
 * function of the seed alone, whatever the batch size or thread count (given a deterministic renderer). The truth
 * rows are appended to {@code truth.csv} after each batch's files are written, so an interrupted run keeps its
 * finished stamps. The S/N columns are the matched-filter S/N of each galaxy's own noiseless image.
 */
public final class Simulator {

    /** Stamps per renderBatch call unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    private final SimulationConfig cfg;
    private final Renderer renderer;
    private final Path dir;
    private final int batchSize;
    private final boolean progress;

    /** What a run did. */
    public record Summary(int count, double seconds, String device, Path directory) {}

    /** A simulator writing into {@code outDir} (created if missing) with a progress bar on stderr. */
    public Simulator(SimulationConfig cfg, Renderer renderer, Path outDir) {
        this(cfg, renderer, outDir, DEFAULT_BATCH_SIZE, true);
    }

    private Simulator(SimulationConfig cfg, Renderer renderer, Path outDir, int batchSize, boolean progress) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1 (got " + batchSize + ")");
        this.cfg = cfg;
        this.renderer = renderer;
        this.dir = outDir;
        this.batchSize = batchSize;
        this.progress = progress;
    }

    /** A copy rendering {@code n} stamps per renderBatch call. */
    public Simulator withBatchSize(int n) {
        return new Simulator(cfg, renderer, dir, n, progress);
    }

    /** A copy with the stderr progress bar on or off. */
    public Simulator withProgress(boolean on) {
        return new Simulator(cfg, renderer, dir, batchSize, on);
    }

    /** Stamps per renderBatch call. */
    public int batchSize() {
        return batchSize;
    }

    /** The id (file name without .fits) of stamp {@code index} (0-based): {@code gal_000001} for index 0. */
    public static String stampId(long index) {
        return String.format(Locale.ROOT, "gal_%06d", index + 1);
    }

    /** The per-stamp PSF file name of stamp {@code index} (drawn mode). */
    public static String psfFileName(long index) {
        return String.format(Locale.ROOT, "psf_%06d.fits", index + 1);
    }

    /** Runs the simulation. Failures to write are {@link InvalidInputException}s naming the file. */
    public Summary run() {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("simulation.yaml"), cfg.toYaml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(dir, "cannot create the output directory (" + e.getMessage() + ")", e);
        }
        ParameterSampler sampler = new ParameterSampler(cfg);
        NoiseModel noise = cfg.noise().model();
        boolean blend = cfg.blend().enabled();
        boolean drawnPsf = cfg.psf().mode() == PsfMode.DRAWN;
        PixelPsf fixedPsf = null;
        if (!drawnPsf) {
            PsfSpec spec = sampler.fixedPsf();
            fixedPsf = spec.toPixelPsf(cfg.psf().size());
            PsfFiles.write(dir.resolve("psf.fits"), fixedPsf, psfHeader(spec));
        }
        int n = cfg.count();
        try (TruthCatalog truth = new TruthCatalog(dir, blend, catalogueHeader());
             ProgressBar bar = progress ? progressBar(n) : null) {
            for (int start = 0; start < n; start += batchSize) {
                int m = Math.min(batchSize, n - start);
                List<Object[]> rows = batch(start, m, sampler, noise, fixedPsf);
                truth.append(rows);
                if (bar != null) bar.stepBy(m);
            }
            truth.finish();
        }
        return new Summary(n, (System.nanoTime() - t0) * 1e-9, renderer.deviceDescription(), dir);
    }

    private List<Object[]> batch(int start, int m, ParameterSampler sampler, NoiseModel noise, PixelPsf fixedPsf) {
        boolean blend = cfg.blend().enabled();
        int size = cfg.size();
        ParameterSampler.Draw[] draws = new ParameterSampler.Draw[m];
        IntStream.range(0, m).parallel().forEach(k -> draws[k] = sampler.draw(start + k));

        List<PixelPsf> psfs;
        if (fixedPsf != null) {
            psfs = List.of(fixedPsf);
        } else {
            PixelPsf[] own = new PixelPsf[m];
            IntStream.range(0, m).parallel().forEach(k -> {
                own[k] = draws[k].psf().toPixelPsf(cfg.psf().size());
                PsfFiles.write(dir.resolve(psfFileName(start + k)), own[k], psfHeader(draws[k].psf()));
            });
            psfs = new ArrayList<>(List.of(own));
            if (blend) psfs.addAll(List.of(own));
        }
        List<SersicParams> params = new ArrayList<>(blend ? 2 * m : m);
        for (ParameterSampler.Draw d : draws) params.add(d.galaxy());
        if (blend) for (ParameterSampler.Draw d : draws) params.add(d.companion());
        float[][] images = renderer.renderBatch(params, size, size, psfs, cfg.renderSettings());

        Object[][] rows = new Object[m][];
        IntStream.range(0, m).parallel().forEach(k -> {
            long index = start + k;
            ParameterSampler.Draw d = draws[k];
            String id = stampId(index);
            String psfFile = fixedPsf != null ? "psf.fits" : psfFileName(index);
            Image g1 = Image.ofFloats(size, size, images[k]);
            Image g2 = blend ? Image.ofFloats(size, size, images[m + k]) : null;
            Image model = g1;
            if (blend) {
                model = new Image(size, size, cfg.blend().combine().into(g1.pixels().clone(), g2.pixels()));
            }
            Image data = noise.addNoise(model, Seeds.generator(cfg.seed(), index, Seeds.NOISE));
            double snr1 = noise.snr(g1);
            double snr2 = blend ? noise.snr(g2) : Double.NaN;

            Map<String, Object> common = commonHeader(id, psfFile);
            Map<String, Object> h = new LinkedHashMap<>(common);
            putTruth(h, "", d.galaxy(), snr1);
            if (blend) putTruth(h, "_2", d.companion(), snr2);
            FitsImageWriter.write(dir.resolve(id + ".fits"), data, h);
            if (blend) {
                writeComponent(id + "_gal1.fits", g1, common, d.galaxy(), snr1, 1);
                writeComponent(id + "_gal2.fits", g2, common, d.companion(), snr2, 2);
            }
            rows[k] = row(id, psfFile, d, snr1, snr2);
        });
        return List.of(rows);
    }

    private void writeComponent(String name, Image img, Map<String, Object> common, SersicParams p, double snr, int which) {
        Map<String, Object> h = new LinkedHashMap<>(common);
        h.put("GALAXY", which);
        h.put("NOISE", false);
        putTruth(h, "", p, snr);
        FitsImageWriter.write(dir.resolve(name), img, h);
    }

    private Object[] row(String id, String psfFile, ParameterSampler.Draw d, double snr1, double snr2) {
        NoiseModel nm = cfg.noise().model();
        List<Object> r = new ArrayList<>(24);
        SersicParams g = d.galaxy();
        r.add(id);
        r.add(id + ".fits");
        r.add(psfFile);
        r.add(g.x0());
        r.add(g.y0());
        r.add(g.flux());
        r.add(g.mag(cfg.zeropoint()));
        r.add(g.re());
        r.add(g.n());
        r.add(g.q());
        r.add(g.pa());
        r.add(nm.sky());
        r.add(nm.gain());
        r.add(nm.rdnoise());
        r.add(snr1);
        if (d.companion() != null) {
            SersicParams c = d.companion();
            r.add(c.x0());
            r.add(c.y0());
            r.add(c.flux());
            r.add(c.mag(cfg.zeropoint()));
            r.add(c.re());
            r.add(c.n());
            r.add(c.q());
            r.add(c.pa());
            r.add(snr2);
        }
        return r.toArray();
    }

    private Map<String, Object> commonHeader(String id, String psfFile) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("OBJECT", id);
        h.put("BUNIT", "ADU");
        h.put("GAIN", cfg.noise().gain());
        h.put("RDNOISE", cfg.noise().rdnoise());
        h.put("SKY", cfg.noise().sky());
        h.put("PIXSCALE", cfg.pixelScale());
        h.put("MAGZP", cfg.zeropoint());
        h.put("PSFFILE", psfFile);
        h.put("SEED", cfg.seed());
        return h;
    }

    private void putTruth(Map<String, Object> h, String suffix, SersicParams p, double snr) {
        h.put("X0" + suffix, p.x0());
        h.put("Y0" + suffix, p.y0());
        h.put("FLUX" + suffix, p.flux());
        h.put("MAG" + suffix, p.mag(cfg.zeropoint()));
        h.put("RE" + suffix, p.re());
        h.put("N" + suffix, p.n());
        h.put("Q" + suffix, p.q());
        h.put("PA" + suffix, p.pa());
        h.put("SNR" + suffix, snr);
    }

    private Map<String, Object> psfHeader(PsfSpec s) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("PSFTYPE", s.type().name().toLowerCase(Locale.ROOT));
        h.put("FWHM", s.fwhmPx());
        h.put("FWHMARC", s.fwhmPx() * cfg.pixelScale());
        if (s.type() == SimulationConfig.PsfType.MOFFAT) h.put("BETA", s.beta());
        h.put("Q", s.q());
        h.put("PA", s.pa());
        h.put("PIXSCALE", cfg.pixelScale());
        h.put("SEED", cfg.seed());
        return h;
    }

    private Map<String, Object> catalogueHeader() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("SEED", cfg.seed());
        h.put("COUNT", cfg.count());
        h.put("STAMPSZ", cfg.size());
        h.put("PIXSCALE", cfg.pixelScale());
        h.put("MAGZP", cfg.zeropoint());
        h.put("GAIN", cfg.noise().gain());
        h.put("RDNOISE", cfg.noise().rdnoise());
        h.put("SKY", cfg.noise().sky());
        h.put("BLEND", cfg.blend().enabled());
        h.put("PSFMODE", cfg.psf().mode().name().toLowerCase(Locale.ROOT));
        return h;
    }

    private static ProgressBar progressBar(int n) {
        return new ProgressBarBuilder().setTaskName("simulate").setInitialMax(n).setUnit(" stamps", 1)
                .setUpdateIntervalMillis(500).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }
}
