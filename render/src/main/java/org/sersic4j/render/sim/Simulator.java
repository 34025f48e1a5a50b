package org.sersic4j.render.sim;

import java.io.IOException;
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
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.FitsImageWriter;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.io.PsfFiles;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.model.Model;
import org.sersic4j.render.model.ModelColumns;
import org.sersic4j.render.model.ModelRenderer;
import org.sersic4j.render.sim.SimulationConfig.PsfMode;
import org.sersic4j.io.AtomicWrite;

/**
 * Writes a simulated truth set: noisy sky-subtracted stamps with their PSFs and a truth catalogue.
 *
 * <p>Into the output directory go {@code gal_000001.fits} … (float32, header: GAIN, RDNOISE, SKY, PIXSCALE, MAGZP,
 * PSFFILE, SEED, BUNIT, OBJECT and the truth X0, Y0, FLUX, MAG, RE, N, Q, PA, SNR, plus X0_2 … SNR_2 for a blend),
 * the PSF(s) ({@code psf.fits}, or {@code psf_000001.fits} … when drawn), {@code truth.csv} and {@code truth.fits}
 * (columns in {@link TruthCatalog}) and {@code simulation.yaml} (the configuration used, all defaults filled in). In
 * blend mode each stamp also gets its two noiseless components {@code gal_000001_gal1.fits} and
 * {@code gal_000001_gal2.fits}, whose sum (or pixel-wise maximum, with {@code blend.combine: max}) is the noiseless blend.
 * A multi-component run (a {@code model} section, {@link SceneSampler}) adds MODEL, BT and NCOMP to each stamp's
 * header, the model's columns to the catalogue ({@link TruthCatalog}) and, with neighbours, a segmentation map per
 * stamp, {@code seg/gal_000001.fits} ({@link #segmentation}), listed with the stamps in {@code manifest.csv} (for
 * {@code fit --manifest}).
 *
 * <p>Stamps are drawn ({@link ParameterSampler}), rendered {@link #batchSize()} at a time with one
 * {@link Renderer#renderBatch} call, and given noise from a per-stamp generator ({@link Seeds}), so the output is a
 * function of the seed alone, whatever the batch size or thread count (given a deterministic renderer). The truth
 * rows are appended to {@code truth.csv} after each batch's files are written, so an interrupted run keeps its
 * finished stamps. {@link #simulate} gives any range of a run's stamps in memory, exactly as {@link #run()} writes them,
 * for writers of other formats. The S/N columns are the matched-filter S/N of each galaxy's own noiseless image.
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

    /**
     * A simulator whose stamps are taken in memory with {@link #simulate} and {@link #psfs} (for writing them elsewhere
     * than to FITS files); it has no output directory, so {@link #run()} is not for it.
     */
    public Simulator(SimulationConfig cfg, Renderer renderer) {
        this(cfg, renderer, null, DEFAULT_BATCH_SIZE, false);
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

    /** A PSF image of a truth set: its file name ({@code psf.fits}, {@code psf_000001.fits} …), the PSF, its header. */
    public record PsfImage(String file, PixelPsf psf, Map<String, Object> header) {}

    /** An image of a truth set beside a stamp: its file name relative to the output directory, pixels and header. */
    public record FitsFile(String file, Image image, Map<String, Object> header) {}

    /**
     * One simulated stamp as a truth set holds it: the noisy image and its header ({@code id.fits}), its PSF's file
     * name, its segmentation map (runs with neighbours, else null), its noiseless components (blend mode, else empty)
     * and its row of the truth catalogue ({@link #truthColumns()}).
     */
    public record Stamp(long index, String id, Image image, Map<String, Object> header, String psfFile,
                        FitsFile segmentation, List<FitsFile> components, Object[] truth) {}

    /** The stamps of a range and the PSFs drawn for them (none with a fixed PSF: {@link #fixedPsf()}). */
    public record Batch(List<PsfImage> psfs, List<Stamp> stamps) {}

    /** What every stamp of a run shares, made once. */
    private record Plan(ParameterSampler sampler, SceneSampler scenes, NoiseModel noise, PsfImage fixedPsf,
                        ModelRenderer models) {}

    private Plan plan;

    private synchronized Plan plan() {
        if (plan == null) {
            ParameterSampler sampler = new ParameterSampler(cfg);
            PsfImage fixed = null;
            if (cfg.psf().mode() != PsfMode.DRAWN) {
                PsfSpec spec = sampler.fixedPsf();
                fixed = new PsfImage("psf.fits", spec.toPixelPsf(cfg.psf().size()), psfHeader(spec));
            }
            plan = new Plan(sampler, cfg.model() == null ? null : new SceneSampler(cfg), cfg.noise().model(), fixed,
                    ModelRenderer.of(renderer));
        }
        return plan;
    }

    /** The run's one PSF ({@code psf.fits}), or null when each stamp's PSF is drawn. */
    public PsfImage fixedPsf() {
        return plan().fixedPsf();
    }

    /** The columns of the truth catalogue, in the order of each {@link Stamp#truth()} row. */
    public List<String> truthColumns() {
        Plan p = plan();
        return p.scenes() == null ? TruthCatalog.columns(cfg.blend().enabled()) : sceneColumns(p.scenes().draw(0));
    }

    /** The renderer that draws the stamps, in words. */
    public String deviceDescription() {
        Plan p = plan();
        return p.scenes() == null ? renderer.deviceDescription() : p.models().description();
    }

    /** Runs the simulation. Failures to write are {@link InvalidInputException}s naming the file. */
    public Summary run() {
        if (dir == null) throw new IllegalStateException("this simulator has no output directory");
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException(dir, "cannot create the output directory (" + e.getMessage() + ")", e);
        }
        AtomicWrite.writeString(dir.resolve("simulation.yaml"), cfg.toYaml());
        Plan p = plan();
        if (p.fixedPsf() != null) write(p.fixedPsf());
        int n = cfg.count();
        if (p.scenes() != null && cfg.model().neighbours().count() > 0) {
            try {
                Files.createDirectories(dir.resolve(SEGMENTATION_DIR));
            } catch (IOException e) {
                throw new InvalidInputException(dir.resolve(SEGMENTATION_DIR), "cannot create (" + e.getMessage() + ")", e);
            }
        }
        try (TruthCatalog truth = new TruthCatalog(dir, truthColumns(), catalogueHeader());
             ProgressBar bar = progress ? progressBar(n) : null) {
            for (int start = 0; start < n; start += batchSize) {
                int m = Math.min(batchSize, n - start);
                Batch b = simulate(start, m);
                b.psfs().parallelStream().forEach(this::write);
                b.stamps().parallelStream().forEach(this::write);
                List<Object[]> rows = new ArrayList<>(m);
                for (Stamp s : b.stamps()) rows.add(s.truth());
                truth.append(rows);
                if (bar != null) bar.stepBy(m);
            }
            truth.finish();
            if (truth.table().hasColumn(TruthCatalog.SEGMENTATION_COLUMN)) writeManifest(truth.table());
        }
        return new Summary(n, (System.nanoTime() - t0) * 1e-9, deviceDescription(), dir);
    }

    /**
     * Simulates stamps {@code start} … {@code start + m - 1} (0-based) in one {@link Renderer#renderBatch} call, writing
     * nothing: what {@link #run()} writes for them. Each stamp is a function of the seed and its index alone.
     */
    public Batch simulate(int start, int m) {
        if (start < 0 || m < 0 || (long) start + m > cfg.count())
            throw new IllegalArgumentException("stamps " + start + " to " + ((long) start + m - 1) + " are not among the "
                    + cfg.count() + " of the run");
        Plan p = plan();
        return p.scenes() == null ? batch(start, m, p) : sceneBatch(start, m, p);
    }

    /** The PSFs drawn for stamps {@code start} … {@code start + m - 1}, without the stamps (none with a fixed PSF). */
    public List<PsfImage> psfs(int start, int m) {
        Plan p = plan();
        if (p.fixedPsf() != null) return List.of();
        PsfSpec[] specs = new PsfSpec[m];
        for (int k = 0; k < m; k++) specs[k] = p.sampler().psf(start + k);
        return drawnPsfs(start, specs);
    }

    private void write(PsfImage psf) {
        PsfFiles.write(dir.resolve(psf.file()), psf.psf(), psf.header());
    }

    private void write(Stamp s) {
        FitsImageWriter.write(dir.resolve(s.id() + ".fits"), s.image(), s.header());
        if (s.segmentation() != null) write(s.segmentation());
        for (FitsFile c : s.components()) write(c);
    }

    private void write(FitsFile f) {
        FitsImageWriter.write(dir.resolve(f.file()), f.image(), f.header());
    }

    /** Each stamp's own PSF, made in parallel. */
    private List<PsfImage> drawnPsfs(int start, PsfSpec[] specs) {
        PsfImage[] own = new PsfImage[specs.length];
        IntStream.range(0, specs.length).parallel().forEach(k ->
                own[k] = new PsfImage(psfFileName(start + k), specs[k].toPixelPsf(cfg.psf().size()), psfHeader(specs[k])));
        return List.of(own);
    }

    /** The PSFs the renderer draws a batch with: the run's one PSF (a list of one), or each stamp's own. */
    private static List<PixelPsf> pixelPsfs(List<PsfImage> drawn, PsfImage fixed) {
        if (fixed != null) return List.of(fixed.psf());
        List<PixelPsf> out = new ArrayList<>(drawn.size());
        for (PsfImage p : drawn) out.add(p.psf());
        return out;
    }

    private Batch batch(int start, int m, Plan plan) {
        boolean blend = cfg.blend().enabled();
        int size = cfg.size();
        ParameterSampler sampler = plan.sampler();
        NoiseModel noise = plan.noise();
        PsfImage fixedPsf = plan.fixedPsf();
        ParameterSampler.Draw[] draws = new ParameterSampler.Draw[m];
        IntStream.range(0, m).parallel().forEach(k -> draws[k] = sampler.draw(start + k));

        PsfSpec[] specs = new PsfSpec[m];
        for (int k = 0; k < m; k++) specs[k] = draws[k].psf();
        List<PsfImage> drawn = fixedPsf != null ? List.of() : drawnPsfs(start, specs);
        List<PixelPsf> psfs = new ArrayList<>(pixelPsfs(drawn, fixedPsf));
        if (blend && fixedPsf == null) psfs.addAll(List.copyOf(psfs));
        List<SersicParams> params = new ArrayList<>(blend ? 2 * m : m);
        for (ParameterSampler.Draw d : draws) params.add(d.galaxy());
        if (blend) for (ParameterSampler.Draw d : draws) params.add(d.companion());
        float[][] images = renderer.renderBatch(params, size, size, psfs, cfg.renderSettings());

        Stamp[] stamps = new Stamp[m];
        IntStream.range(0, m).parallel().forEach(k -> {
            long index = start + k;
            ParameterSampler.Draw d = draws[k];
            String id = stampId(index);
            String psfFile = fixedPsf != null ? fixedPsf.file() : psfFileName(index);
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
            List<FitsFile> components = blend
                    ? List.of(component(id + "_gal1.fits", g1, common, d.galaxy(), snr1, 1),
                            component(id + "_gal2.fits", g2, common, d.companion(), snr2, 2))
                    : List.of();
            stamps[k] = new Stamp(index, id, data, h, psfFile, null, components, row(id, psfFile, d, snr1, snr2));
        });
        return new Batch(drawn, List.of(stamps));
    }

    /**
     * {@code manifest.csv} of a run with segmentation maps: {@code id, image, sigma, mask, seg, psf} per stamp (σ and
     * mask empty: the stamps' noise keywords give σ), so that {@code fit --manifest} finds each stamp's map.
     */
    private void writeManifest(Table truth) {
        Table m = new Table(MANIFEST_COLUMNS);
        for (int r = 0; r < truth.rowCount(); r++)
            m.addRow(truth.getString(r, "id"), truth.getString(r, "file"), "", "", truth.getString(r, "seg"),
                    truth.getString(r, "psf"));
        CatalogIO.writeCsv(dir.resolve(MANIFEST), m);
    }

    /** The manifest of a run with segmentation maps, and its columns (those {@code fit --manifest} reads). */
    public static final String MANIFEST = "manifest.csv";
    private static final List<String> MANIFEST_COLUMNS = List.of("id", "image", "sigma", "mask", "seg", "psf");

    /** The truth columns of a multi-component run whose stamps look like {@code first}. */
    private List<String> sceneColumns(SceneSampler.Scene first) {
        List<String> c = new ArrayList<>(TruthCatalog.COLUMNS);
        c.addAll(TruthCatalog.MODEL_COLUMNS);
        if (first.objects() > 1) c.add(TruthCatalog.SEGMENTATION_COLUMN);
        c.addAll(ModelColumns.columns(ModelColumns.layout(first.model()), false));
        return c;
    }

    /**
     * A batch of a multi-component run: every object (the target, each neighbour) and the sky plane of every stamp
     * drawn as its own model ({@link ModelRenderer}), summed into the stamp, noise added; with neighbours, each
     * stamp's segmentation map.
     */
    private Batch sceneBatch(int start, int m, Plan plan) {
        int size = cfg.size();
        SceneSampler sampler = plan.scenes();
        ModelRenderer models = plan.models();
        NoiseModel noise = plan.noise();
        PsfImage fixedPsf = plan.fixedPsf();
        SceneSampler.Scene[] scenes = new SceneSampler.Scene[m];
        IntStream.range(0, m).parallel().forEach(k -> scenes[k] = sampler.draw(start + k));
        PsfSpec[] specs = new PsfSpec[m];
        for (int k = 0; k < m; k++) specs[k] = scenes[k].psf();
        List<PsfImage> drawn = fixedPsf != null ? List.of() : drawnPsfs(start, specs);
        List<PixelPsf> psfs = pixelPsfs(drawn, fixedPsf);

        List<Model> parts = new ArrayList<>();
        List<PixelPsf> partPsfs = fixedPsf != null ? psfs : new ArrayList<>();
        int[] first = new int[m];
        for (int k = 0; k < m; k++) {
            first[k] = parts.size();
            SceneSampler.Scene sc = scenes[k];
            for (int label = 1; label <= sc.objects(); label++) parts.add(sc.part(label));
            Model sky = sc.part(0);
            if (sky != null) parts.add(sky);
            if (fixedPsf == null) while (partPsfs.size() < parts.size()) partPsfs.add(psfs.get(k));
        }
        double[][] images = models.render(parts, size, size, partPsfs, cfg.renderSettings());

        double threshold = Math.sqrt(noise.variance(0));
        Stamp[] stamps = new Stamp[m];
        IntStream.range(0, m).parallel().forEach(k -> {
            SceneSampler.Scene sc = scenes[k];
            long index = start + k;
            String id = stampId(index);
            String psfFile = fixedPsf != null ? fixedPsf.file() : psfFileName(index);
            int objects = sc.objects();
            boolean sky = sc.part(0) != null;
            double[] total = new double[size * size];
            for (int j = 0; j < objects + (sky ? 1 : 0); j++) {
                double[] img = images[first[k] + j];
                for (int p = 0; p < total.length; p++) total[p] += img[p];
            }
            Image data = noise.addNoise(new Image(size, size, total), Seeds.generator(cfg.seed(), index, Seeds.NOISE));
            double snr = noise.snr(new Image(size, size, images[first[k]]));
            Map<String, Object> h = new LinkedHashMap<>(commonHeader(id, psfFile));
            putTruth(h, "", sc.target(), snr);
            h.put("MODEL", cfg.model().type().label());
            h.put("BT", sc.bt());
            h.put("NCOMP", sc.model().components().size());
            String segFile = null;
            FitsFile segMap = null;
            if (objects > 1) {
                double[][] own = new double[objects][];
                for (int j = 0; j < objects; j++) own[j] = images[first[k] + j];
                segFile = segmentationFileName(index);
                Map<String, Object> sh = new LinkedHashMap<>();
                sh.put("OBJECT", id);
                sh.put("SEGTHRES", threshold);
                sh.put("NOBJ", objects);
                sh.put("COMMENT", "segmentation: 0 sky, 1 the target, k+1 neighbour k; a pixel belongs to the brightest"
                        + " object whose noiseless model there exceeds SEGTHRES (the sky's noise sigma, ADU)");
                segMap = new FitsFile(segFile, segmentation(size, own, threshold), sh);
            }
            List<Object> r = new ArrayList<>();
            singleColumns(r, id, psfFile, sc.target(), snr);
            r.add(cfg.model().type().label());
            r.add(sc.bt());
            if (segFile != null) r.add(segFile);
            r.addAll(ModelColumns.values(sc.model(), null, cfg.zeropoint()));
            stamps[k] = new Stamp(index, id, data, h, psfFile, segMap, List.of(), r.toArray());
        });
        return new Batch(drawn, List.of(stamps));
    }

    /**
     * The segmentation map of stamp {@code index} (runs with neighbours), relative to the output directory:
     * {@code seg/gal_000001.fits}, in a subdirectory so that {@code fit --images DIR} does not take it for a stamp.
     */
    public static String segmentationFileName(long index) {
        return SEGMENTATION_DIR + "/" + stampId(index) + ".fits";
    }

    /** The subdirectory of the segmentation maps. */
    public static final String SEGMENTATION_DIR = "seg";

    /**
     * A segmentation map from each object's noiseless image: a pixel is labelled k + 1 (k = 0 the target) for the
     * brightest object there whose value exceeds {@code threshold}, 0 where none does.
     */
    public static Image segmentation(int size, double[][] objects, double threshold) {
        double[] seg = new double[size * size];
        for (int p = 0; p < seg.length; p++) {
            double best = threshold;
            for (int j = 0; j < objects.length; j++) {
                if (objects[j][p] > best) {
                    best = objects[j][p];
                    seg[p] = j + 1;
                }
            }
        }
        return new Image(size, size, seg);
    }

    private FitsFile component(String name, Image img, Map<String, Object> common, SersicParams p, double snr, int which) {
        Map<String, Object> h = new LinkedHashMap<>(common);
        h.put("GALAXY", which);
        h.put("NOISE", false);
        putTruth(h, "", p, snr);
        return new FitsFile(name, img, h);
    }

    private Object[] row(String id, String psfFile, ParameterSampler.Draw d, double snr1, double snr2) {
        List<Object> r = new ArrayList<>(24);
        singleColumns(r, id, psfFile, d.galaxy(), snr1);
        if (d.companion() != null) {
            profileColumns(r, d.companion());
            r.add(snr2);
        }
        return r.toArray();
    }

    /** x0, y0, flux, mag, re, n, q, pa of one profile. */
    private void profileColumns(List<Object> r, SersicParams p) {
        r.add(p.x0());
        r.add(p.y0());
        r.add(p.flux());
        r.add(p.mag(cfg.zeropoint()));
        r.add(p.re());
        r.add(p.n());
        r.add(p.q());
        r.add(p.pa());
    }

    /** The values of {@link TruthCatalog#COLUMNS}. */
    private void singleColumns(List<Object> r, String id, String psfFile, SersicParams g, double snr) {
        NoiseModel nm = cfg.noise().model();
        r.add(id);
        r.add(id + ".fits");
        r.add(psfFile);
        profileColumns(r, g);
        r.add(nm.sky());
        r.add(nm.gain());
        r.add(nm.rdnoise());
        r.add(snr);
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
        if (cfg.model() != null) h.put("MODEL", cfg.model().type().label());
        return h;
    }

    private static ProgressBar progressBar(int n) {
        return new ProgressBarBuilder().setTaskName("simulate").setInitialMax(n).setUnit(" stamps", 1)
                .setUpdateIntervalMillis(500).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }
}
