package org.sersic4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sersic4j.fit.DeviceBatchFitter;
import org.sersic4j.fit.FitDevices;
import org.sersic4j.fit.FitRunner;
import org.sersic4j.fit.FitSettings;
import org.sersic4j.fit.Fitter;
import org.sersic4j.fit.Likelihood;
import org.sersic4j.fit.io.Feedme;
import org.sersic4j.fit.io.FeedmeReader;
import org.sersic4j.fit.io.FitOptions;
import org.sersic4j.fit.io.ModelFiles;
import org.sersic4j.fit.io.FitCatalog;
import org.sersic4j.fit.ModelSpec;
import org.sersic4j.render.model.ComponentType;
import org.sersic4j.fit.NeighbourPolicy;
import org.sersic4j.fit.io.GuessCatalog;
import org.sersic4j.fit.io.StampInputs;
import org.sersic4j.fit.io.StampTask;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.validation.fit.CatalogueLock;
import org.sersic4j.validation.fit.FitBenchmark;
import org.sersic4j.validation.fit.FitJob;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sersic4j fit}: classical fits of many stamps, one catalogue row per stamp. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit one Sérsic profile per stamp (Levenberg–Marquardt or BFGS), in parallel, writing a catalogue "
                + "(CSV row by row, FITS table at the end) and optionally GALFIT-style blocks.",
                "Stamps come from --images (files or directories of *.fits), a --manifest CSV (id,image,sigma,mask,seg,psf) "
                        + "or a GALFIT --feedme file."})
public final class FitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--images", arity = "1..*", paramLabel = "DIR|FILE",
                description = "Stamp images: FITS files or directories of them (psf.fits and *_psf.fits are skipped).")
        List<Path> images;

        @Option(names = "--manifest", paramLabel = "M.csv",
                description = "Per-stamp files: columns id,image,sigma,mask,seg,psf (empty cells allowed; paths relative to the manifest).")
        Path manifest;

        @Option(names = "--feedme", paramLabel = "FILE", description = "A GALFIT feedme file (one sersic component, optional sky).")
        Path feedme;
    }

    @Option(names = "--out", paramLabel = "CAT.csv",
            description = "Catalogue (CSV; the FITS table is written beside it as CAT.fits). Default with --feedme: its B) output with .csv.")
    Path out;

    @Option(names = "--psf", paramLabel = "PSF.fits", description = "One PSF for every stamp (else each stamp's PSFFILE header keyword).")
    Path psf;

    @Option(names = "--psf-has-pixel", paramLabel = "true|false", arity = "1",
            description = "The PSF image already contains the pixel response (default: ${DEFAULT-VALUE}).")
    boolean psfHasPixel = true;

    @Option(names = "--sigma", paramLabel = "DIR", description = "σ maps, paired with the images by file name.")
    Path sigmaDir;

    @Option(names = "--mask", paramLabel = "DIR", description = "Masks (non-zero = bad), paired with the images by file name.")
    Path maskDir;

    @Option(names = "--gain", paramLabel = "G", description = "GAIN [e-/ADU] (default: the image's GAIN keyword).")
    Double gain;

    @Option(names = "--read-noise", paramLabel = "R", description = "RDNOISE [e-] (default: the image's RDNOISE keyword).")
    Double readNoise;

    @Option(names = "--sky", paramLabel = "S", description = "Subtracted sky level [ADU] (default: the image's SKY keyword).")
    Double sky;

    @Option(names = "--likelihood", paramLabel = "L",
            description = "poisson, gaussian (model variance, log term included) or chi2 (σ map, else σ from the data). "
                    + "Default: poisson when GAIN and SKY are known, chi2 with the σ map otherwise.")
    String likelihood;

    @Option(names = "--method", paramLabel = "lm|bfgs", description = "Optimiser (default: ${DEFAULT-VALUE}).")
    String method = "lm";

    @Option(names = "--guess", paramLabel = "CAT.csv",
            description = "Starting points by id (columns id,x0,y0,flux or mag,re,n,q,pa); stamps without a row start from image moments.")
    Path guess;

    @Option(names = "--fit-sky", description = "Also fit an additive sky offset.")
    boolean fitSky;

    @Option(names = "--fix", split = ",", paramLabel = "P", description = "Hold parameters at the guess (x0,y0,flux,re,n,q,pa).")
    List<String> fix = new ArrayList<>();

    @Option(names = "--zeropoint", paramLabel = "ZP", description = "Magnitude zero-point (default: header MAGZP/ZP, else 0).")
    Double zeropoint;

    @Option(names = "--pixel-scale", paramLabel = "ARCSEC", description = "Arcsec per pixel, for re_arcsec and mu_e (default: header PIXSCALE).")
    Double pixelScale;

    @Option(names = "--oversample", paramLabel = "N",
            description = "Cells per pixel under the PSF while fitting. Default: 4 on the Java path, drawn by the fast"
                    + " renderer's model (quarter-pixel cells within 3.5 px of the centre, pixel cells beyond); 1 on a"
                    + " device. 1 on the Java path: the reference's pixel cells (the former default, biased for compact,"
                    + " cuspy galaxies).")
    Integer oversample;

    @Option(names = "--model", paramLabel = "NAME|FILE.yaml",
            description = "The model fitted to each target: sersic (default), exponential, devauc, bulge+disc, bulge+disc4,"
                    + " sersic+psf, or a model YAML file (see docs/multi-component.md).")
    String model = "sersic";

    @Option(names = "--neighbours", paramLabel = "N",
            description = "With segmentation maps: fit up to N neighbouring segments with the target instead of masking them"
                    + " (0, the default, masks them).")
    int neighbours = 0;

    @Option(names = "--neighbour-reach", paramLabel = "K",
            description = "Neighbours are segments within K times the target's r_e guess (default: ${DEFAULT-VALUE}).")
    double neighbourReach = NeighbourPolicy.FIT.reach();

    @Option(names = "--blocks", paramLabel = "DIR", description = "Write a GALFIT-style block (input, model, residual) per stamp.")
    Path blocks;

    @Option(names = "--resume", description = "Keep the rows already in the catalogue and fit only the other stamps.")
    boolean resume;

    @Option(names = "--threads", paramLabel = "N", description = "Fits at once on the Java path; stamp readers on a device (default: all cores).")
    int threads = 0;

    @Option(names = "--device", paramLabel = "D",
            description = "Where the fits run: auto (a GPU if there is one, else java), java (one galaxy per thread, in "
                    + "double precision: the fast path on CPUs), gpu, cpu, opencl, opencl:N or jtp (the batched "
                    + "Levenberg-Marquardt on that OpenCL device or on Aparapi's Java thread pool). Default: ${DEFAULT-VALUE}.")
    String device = "auto";

    @Option(names = "--batch", paramLabel = "N",
            description = "Galaxies on the device at once (default: " + DeviceBatchFitter.GPU_BATCH + " on a GPU, "
                    + DeviceBatchFitter.CPU_BATCH + " on a CPU device, fewer if the memory budget says so).")
    int batch = 0;

    @Option(names = "--device-memory", paramLabel = "MB",
            description = "The most memory the device batch may take, on the device and in the Java heap (default: a quarter of the heap).")
    long deviceMemoryMb = 0;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (oversample != null && (oversample < 1 || oversample > 8))
            throw new IllegalArgumentException("--oversample must be 1..8 (got " + oversample + ")");
        if (threads < 0) throw new IllegalArgumentException("--threads must be 0 (all cores) or more (got " + threads + ")");
        if (batch < 0) throw new IllegalArgumentException("--batch must be 0 (automatic) or more (got " + batch + ")");
        if (deviceMemoryMb < 0) throw new IllegalArgumentException("--device-memory must be 0 (automatic) or more (got " + deviceMemoryMb + ")");
        Likelihood lik = likelihood == null ? null : Likelihood.parse(likelihood);
        ModelSpec modelSpec = ModelFiles.resolve(model);
        RenderSettings settings = FitSettings.of(oversample, oversample == null && FitDevices.device(device) != null);
        FitOptions.Builder ob = FitOptions.builder().psf(psf).psfHasPixel(psfHasPixel).sigmaDir(sigmaDir).maskDir(maskDir)
                .gain(gain).rdnoise(readNoise).sky(sky).likelihood(lik).fitSky(fitSky).fixed(fix).zeropoint(zeropoint)
                .pixelScale(pixelScale).settings(settings).model(modelSpec)
                .neighbours(neighbours == 0 ? NeighbourPolicy.MASK : new NeighbourPolicy(neighbours, neighbourReach));
        if (guess != null) {
            GuessCatalog g = GuessCatalog.read(guess, zeropoint);
            for (String w : g.warnings()) err.println("sersic4j: " + w);
            ob.guesses(g);
        }
        FitOptions options = ob.build();
        List<StampTask> tasks;
        Path catalogue = out;
        if (source.feedme != null) {
            Feedme f = FeedmeReader.read(source.feedme);
            tasks = List.of(f.task(options));
            if (catalogue == null) catalogue = f.output().resolveSibling(
                    f.output().getFileName().toString().replaceAll("(?i)\\.fits$", "") + ".csv");
        } else if (source.manifest != null) {
            tasks = StampInputs.fromManifest(source.manifest, options);
        } else {
            tasks = StampInputs.fromImages(source.images, options);
        }
        if (catalogue == null) throw new IllegalArgumentException("--out CAT.csv is required");
        if (tasks.isEmpty()) throw new IllegalArgumentException("no stamps to fit (no *.fits files found)");
        if (java.nio.file.Files.isDirectory(catalogue))
            throw new InvalidInputException(catalogue, "is a directory; --out names the catalogue file (CAT.csv)");
        // Two runs on one catalogue would write into each other's rows: the second stops here, naming the first.
        try (CatalogueLock lock = CatalogueLock.acquire(catalogue)) {
            return fit(tasks, catalogue, lik, FitCatalog.layout(modelSpec), stdout, err);
        }
    }

    private int fit(List<StampTask> tasks, Path catalogue, Likelihood lik, List<ComponentType> layout, PrintWriter stdout,
                    PrintWriter err) {
        boolean progress = System.console() != null || Boolean.getBoolean("sersic4j.progress");
        Fitter fitter = FitBenchmark.fitter(method.toLowerCase(Locale.ROOT));
        FitRunner runner = FitDevices.runner(device, fitter, threads, progress,
                new DeviceBatchFitter.Settings(batch, deviceMemoryMb << 20, threads, progress, blocks != null, 200));
        err.println("sersic4j: fitting with " + runner.describe());
        FitJob job = new FitJob(tasks, runner, fitter.name(), catalogue, blocks, resume,
                zeropoint == null ? 0 : zeropoint, pixelScale == null ? Double.NaN : pixelScale, lik, Main.version(),
                layout);
        FitJob.Outcome o = job.runHoldingLock(line -> err.println("sersic4j: " + line));
        stdout.printf(Locale.ROOT, "fitted %d stamps (%d failed, %d already done) with %s in %.1f s: %s, %s%n",
                o.fitted(), o.failed(), o.skipped(), method, o.seconds(), o.csv(), o.fits());
        stdout.flush();
        err.flush();
        if (o.failed() > 0) return o.fitted() > 0 || o.skipped() > 0 ? Main.PARTIAL : Main.FAILED;
        return Main.OK;
    }
}
