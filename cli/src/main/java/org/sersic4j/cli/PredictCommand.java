package org.sersic4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.estimators.CnnEstimator;
import org.sersic4j.compare.result.DataScore;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.compare.run.CatalogueOutput;
import org.sersic4j.compare.run.DataScorer;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.io.FitOptions;
import org.sersic4j.fit.io.StampInputs;
import org.sersic4j.fit.io.StampTask;
import org.sersic4j.learn.cnn.CnnPredictor;
import org.sersic4j.validation.compare.Network;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sersic4j predict}: the network's Sérsic parameters for every stamp, as a catalogue like {@code fit}'s. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Estimate the seven Sérsic parameters of every stamp with the CNN in one forward pass per batch "
                + "(the shipped model unless --model). Writes a catalogue with the columns of `sersic4j fit` (CSV and FITS "
                + "table beside it); chi2nu and logl score the rendered answer against the data like a fit's. Answers or "
                + "inputs outside the network's training range are flagged (bit 32), never silently returned.",
                "Stamps larger than the network's input are read through a centred cut-out of its size."})
public final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    static final class Source {
        @Option(names = "--images", arity = "1..*", paramLabel = "DIR|FILE", description = "Stamps: FITS files or directories of them.")
        List<Path> images;

        @Option(names = "--manifest", paramLabel = "M.csv", description = "Per-stamp files: id,image,sigma,mask,seg,psf.")
        Path manifest;
    }

    @ArgGroup(multiplicity = "1")
    Source source;

    @Option(names = "--out", required = true, paramLabel = "CAT.csv", description = "Output catalogue (CSV; the FITS table goes beside it).")
    Path out;

    @Option(names = "--model", paramLabel = "M.zip", description = "A model saved by `sersic4j train` (default: the shipped model).")
    Path model;

    @Option(names = "--psf", paramLabel = "PSF.fits", description = "One PSF for every stamp (else each stamp's PSFFILE header keyword).")
    Path psf;

    @Option(names = "--sigma", paramLabel = "DIR", description = "σ maps, paired with the images by file name (for chi2nu).")
    Path sigmaDir;

    @Option(names = "--mask", paramLabel = "DIR", description = "Masks (non-zero = bad): masked pixels enter the network as 0 and are flagged.")
    Path maskDir;

    @Option(names = "--gain", paramLabel = "G", description = "GAIN [e-/ADU] (default: the image's GAIN keyword).")
    Double gain;

    @Option(names = "--read-noise", paramLabel = "R", description = "RDNOISE [e-] (default: the image's RDNOISE keyword).")
    Double readNoise;

    @Option(names = "--sky", paramLabel = "S", description = "Subtracted sky level [ADU] (default: the image's SKY keyword).")
    Double sky;

    @Option(names = "--zeropoint", paramLabel = "ZP", description = "Magnitude zero-point (default: header MAGZP/ZP, else 0).")
    Double zeropoint;

    @Option(names = "--pixel-scale", paramLabel = "ARCSEC", description = "Arcsec per pixel (default: header PIXSCALE).")
    Double pixelScale;

    @Option(names = "--mc-samples", paramLabel = "N", description = "MC-dropout passes for the errors (default: ${DEFAULT-VALUE}; 0 = no errors, fastest).")
    int mcSamples = 16;

    @Option(names = "--batch", paramLabel = "N", description = "Stamps per forward pass (default: ${DEFAULT-VALUE}).")
    int batch = CnnEstimator.DEFAULT_BATCH;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (mcSamples < 0) throw new IllegalArgumentException("--mc-samples must be 0 (no errors) or more (got " + mcSamples + ")");
        if (batch < 1) throw new IllegalArgumentException("--batch must be 1 or more (got " + batch + ")");
        FitOptions options = FitOptions.builder().psf(psf).sigmaDir(sigmaDir).maskDir(maskDir).gain(gain).rdnoise(readNoise)
                .sky(sky).zeropoint(zeropoint).pixelScale(pixelScale).build();
        List<StampTask> tasks = source.manifest != null ? StampInputs.fromManifest(source.manifest, options)
                : StampInputs.fromImages(source.images, options);
        long t0 = System.nanoTime();
        List<StampInput> stamps = new ArrayList<>(tasks.size());
        int bad = 0;
        List<FitResult> unreadable = new ArrayList<>();
        for (StampTask t : tasks) {
            try {
                stamps.add(StampInput.of(t.load()));
            } catch (RuntimeException e) {
                bad++;
                String msg = Main.describe(e);
                if (!msg.contains(t.image().getFileName().toString())) msg = t.image() + ": " + msg;
                err.println("sersic4j: " + msg);
                // As fit does: the stamp keeps its row, flagged failed, with NaN values.
                unreadable.add(FitResult.failed(t.id(), "cnn", msg, 0));
            }
        }
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        if (stamps.isEmpty()) {
            err.println("sersic4j: no readable stamps");
            return Main.FAILED;
        }
        CnnPredictor predictor = new Network(model, 0, "--model M.zip", line -> { err.println("sersic4j: " + line); err.flush(); }).predictor();
        CnnEstimator cnn = new CnnEstimator(predictor, mcSamples, batch, "cnn");
        long t1 = System.nanoTime();
        List<Estimate> est = cnn.estimate(stamps);
        // A stamp the network cannot take (smaller than its input, or without a PSF) has a failed row: say why.
        java.util.Map<String, Path> files = new java.util.HashMap<>();
        for (StampTask t : tasks) files.put(t.id(), t.image());
        int s = predictor.card().stampSize();
        for (int i = 0; i < stamps.size(); i++) {
            if (est.get(i).params() != null) continue;
            StampInput in = stamps.get(i);
            bad++;
            err.println("sersic4j: " + files.get(in.id()) + ": " + (in.psf() == null ? "no PSF (give --psf or the PSFFILE keyword)"
                    : in.image().width() + "x" + in.image().height() + " is smaller than the network's input (" + s + "x" + s + ")"));
        }
        double predictSeconds = (System.nanoTime() - t1) / 1e9;
        DataScorer scorer = new DataScorer();
        List<DataScore> scores = new ArrayList<>(stamps.size());
        for (int i = 0; i < stamps.size(); i++) scores.add(est.get(i).params() == null ? new DataScore(Double.NaN, Double.NaN)
                : scorer.score(stamps.get(i), est.get(i).params()));
        if (Files.isDirectory(out))
            throw new org.sersic4j.io.InvalidInputException(out, "is a directory; --out names the catalogue file (CAT.csv)");
        Path dir = out.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String name = out.getFileName().toString();
        String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        CatalogueOutput.write(dir, stem, "cnn", stamps, est, scores, Main.version(), 0, unreadable);
        long flagged = est.stream().filter(e -> (e.flags() & CnnPredictor.OUT_OF_TRAINING_RANGE) != 0).count();
        stdout.printf(Locale.ROOT, "predicted %d stamps (%d flagged out of the training range) in %.2f s (%.0f galaxies/s; "
                        + "reading the files took %.2f s more); wrote %s%n", stamps.size(), flagged, predictSeconds,
                stamps.size() / predictSeconds, readSeconds, dir.resolve(stem + ".csv"));
        if (bad > 0) stdout.printf("%d stamp(s) could not be predicted (see above; their rows are flagged failed)%n", bad);
        stdout.flush();
        return bad == 0 ? Main.OK : bad >= tasks.size() ? Main.FAILED : Main.PARTIAL;
    }
}
