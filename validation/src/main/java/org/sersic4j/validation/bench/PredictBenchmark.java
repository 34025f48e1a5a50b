package org.sersic4j.validation.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.sersic4j.learn.Backend;
import org.sersic4j.learn.BatchRenderer;
import org.sersic4j.learn.TrainingBatch;
import org.sersic4j.learn.TrainingConfig;
import org.sersic4j.learn.cnn.CnnPredictor;
import org.sersic4j.render.Image;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.render.io.FitsImageFile;
import org.sersic4j.render.io.FitsImageWriter;
import org.sersic4j.validation.compare.Network;

/**
 * The inference benchmark of the CNN: galaxies per second on stamps rendered in memory, for each batch size and ND4J
 * workspace mode, then with MC-dropout errors at the best of them; and, apart, the time to read the same stamps from
 * FITS files.
 */
public final class PredictBenchmark {

    /**
     * What to run.
     *
     * @param model     the model file, or null for the shipped one
     * @param count     stamps
     * @param batches   batch sizes
     * @param mcSamples dropout passes of the timed run with errors (0: no such run)
     * @param seed      seed of the stamps
     */
    public record Settings(Path model, int count, List<Integer> batches, int mcSamples, long seed) {}

    /** The fastest setting found. */
    public record Best(double galaxiesPerSecond, int batch, String workspaces) {}

    /** The document's {@code best} entry: {@code batch}, {@code workspace}, {@code galaxies_per_s}. */
    record BestRun(int batch, String workspace, @com.fasterxml.jackson.annotation.JsonProperty("galaxies_per_s") double galaxiesPerS) {}

    private final Settings s;

    /** A benchmark of these settings. */
    public PredictBenchmark(Settings settings) {
        this.s = settings;
    }

    /** Runs the benchmark, writing the JSON to {@code out} and logging to {@code err}; returns the fastest setting. */
    public Best run(Path out, String version, PrintWriter err) throws IOException {
        int count = s.count(), mcSamples = s.mcSamples();
        List<Integer> batches = s.batches();
        CnnPredictor p = new Network(s.model(), 0, "--model M.zip", line -> { err.println("sersic4j: " + line); err.flush(); }).predictor();
        int side = p.card().stampSize(), k = p.card().psfSize();
        TrainingConfig.Data data = TrainingConfig.defaults().data();
        data = new TrainingConfig.Data(side, k, p.card().pixelScale(), p.card().zeropoint(), data.ranges(), data.psf(), data.noise(), 1, "auto");
        List<float[]> stamps = new ArrayList<>(count), psfs = new ArrayList<>(count);
        try (Renderer r = Renderers.create("auto")) {
            BatchRenderer br = new BatchRenderer(data, r);
            for (int from = 0; from < count; from += 512) {
                TrainingBatch b = br.render(s.seed(), from, Math.min(512, count - from));
                for (int i = 0; i < b.size(); i++) {
                    stamps.add(Arrays.copyOfRange(b.stamps(), i * side * side, (i + 1) * side * side));
                    psfs.add(Arrays.copyOfRange(b.psfs(), i * k * k, (i + 1) * k * k));
                }
            }
        }
        err.println("sersic4j: rendered " + count + " stamps; timing the network");
        ObjectNode root = BenchJson.start("predict", "sersic4j", version);
        root.put("backend", Backend.describe());
        root.put("native_build", Backend.nativeBuild());
        root.put("model", p.source());
        root.put("parameters", p.parameterCount());
        root.put("stamps", count);
        ArrayNode runs = root.putArray("runs");
        String original = p.workspaceMode();
        double best = 0;
        int bestBatch = batches.get(0);
        String bestMode = original;
        for (String mode : CnnPredictor.WORKSPACE_MODES) {
            p.workspaceMode(mode);
            for (int b : batches) {
                double rate = rate(p, stamps, psfs, b, 0);
                ObjectNode o = runs.addObject();
                o.put("batch", b);
                o.put("workspace", mode);
                o.put("mc_samples", 0);
                o.put("galaxies_per_s", rate);
                err.printf("sersic4j: batch %d, workspaces %s: %.0f galaxies/s%n", b, mode, rate);
                if (rate > best) {
                    best = rate;
                    bestBatch = b;
                    bestMode = mode;
                }
            }
        }
        p.workspaceMode(bestMode);
        if (mcSamples > 0) {
            int n = Math.min(count, 1024);
            double rate = rate(p, stamps.subList(0, n), psfs.subList(0, n), bestBatch, mcSamples);
            ObjectNode o = runs.addObject();
            o.put("batch", bestBatch);
            o.put("workspace", bestMode);
            o.put("mc_samples", mcSamples);
            o.put("galaxies_per_s", rate);
            err.printf("sersic4j: with %d MC-dropout passes: %.0f galaxies/s%n", mcSamples, rate);
        }
        p.workspaceMode(original);
        root.set("best", BenchJson.JSON.valueToTree(new BestRun(bestBatch, bestMode, best)));
        root.set("file_reading", fileReading(stamps, side));
        BenchJson.write(out, root);
        return new Best(best, bestBatch, bestMode);
    }

    /** Galaxies per second predicting all stamps in batches of {@code b} (after one warm-up batch). */
    private static double rate(CnnPredictor p, List<float[]> stamps, List<float[]> psfs, int b, int mc) {
        int warm = Math.min(b, stamps.size());
        p.predict(stamps.subList(0, warm), psfs.subList(0, warm), mc);
        long t0 = System.nanoTime();
        for (int from = 0; from < stamps.size(); from += b) {
            int to = Math.min(stamps.size(), from + b);
            p.predict(stamps.subList(from, to), psfs.subList(from, to), mc);
        }
        return stamps.size() / ((System.nanoTime() - t0) / 1e9);
    }

    /** Seconds to read the stamps back from FITS files (one file per stamp), written to a temporary directory. */
    private static ObjectNode fileReading(List<float[]> stamps, int side) throws IOException {
        Path dir = Files.createTempDirectory("sersic4j-bench-predict");
        try {
            int n = Math.min(stamps.size(), 1024);
            List<Path> files = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Path f = dir.resolve(String.format("s%05d.fits", i));
                FitsImageWriter.write(f, Image.ofFloats(side, side, stamps.get(i)), Map.of());
                files.add(f);
            }
            long t0 = System.nanoTime();
            double sum = 0;
            for (Path f : files) sum += FitsImageFile.read(f).image().sum();
            double sec = (System.nanoTime() - t0) / 1e9;
            ObjectNode o = BenchJson.JSON.createObjectNode();
            o.put("files", n);
            o.put("seconds", sec);
            o.put("stamps_per_s", n / sec);
            o.put("checksum", sum);
            return o;
        } finally {
            try (var st = Files.walk(dir)) {
                st.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
            }
        }
    }
}
