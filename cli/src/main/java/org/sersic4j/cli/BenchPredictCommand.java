package org.sersic4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.sersic4j.learn.Backend;
import org.sersic4j.learn.BatchRenderer;
import org.sersic4j.learn.CnnPredictor;
import org.sersic4j.validation.compare.Network;
import org.sersic4j.learn.TrainingBatch;
import org.sersic4j.learn.TrainingConfig;
import org.sersic4j.render.Image;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.render.io.FitsImageFile;
import org.sersic4j.render.io.FitsImageWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sersic4j bench predict}: the network's throughput by batch size and workspace mode, file reading apart. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the CNN's inference throughput (galaxies/s) on stamps rendered in memory, for each batch size "
                + "and ND4J workspace mode, without and with MC-dropout errors; and, separately, the time to read the same "
                + "stamps from FITS files. Writes JSON."})
public final class BenchPredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "Where the JSON goes.")
    Path out;

    @Option(names = "--model", paramLabel = "M.zip", description = "A model (default: the shipped one).")
    Path model;

    @Option(names = "--count", paramLabel = "N", description = "Stamps (default: ${DEFAULT-VALUE}).")
    int count = 4096;

    @Option(names = "--batches", split = ",", paramLabel = "B", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batches = new ArrayList<>(List.of(64, 256, 1024));

    @Option(names = "--mc-samples", paramLabel = "N", description = "Dropout passes for the timed run with errors (default: ${DEFAULT-VALUE}).")
    int mcSamples = 16;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the stamps (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Override
    public Integer call() throws IOException {
        if (count < 1) throw new IllegalArgumentException("--count must be positive (got " + count + ")");
        if (mcSamples < 0) throw new IllegalArgumentException("--mc-samples must be 0 (no errors) or more (got " + mcSamples + ")");
        PrintWriter err = spec.commandLine().getErr();
        CnnPredictor p = new Network(model, 0, "--model M.zip", line -> { err.println("sersic4j: " + line); err.flush(); }).predictor();
        int s = p.card().stampSize(), k = p.card().psfSize();
        TrainingConfig.Data data = TrainingConfig.defaults().data();
        data = new TrainingConfig.Data(s, k, p.card().pixelScale(), p.card().zeropoint(), data.ranges(), data.psf(), data.noise(), 1, "auto");
        List<float[]> stamps = new ArrayList<>(count), psfs = new ArrayList<>(count);
        try (Renderer r = Renderers.create("auto")) {
            BatchRenderer br = new BatchRenderer(data, r);
            for (int from = 0; from < count; from += 512) {
                TrainingBatch b = br.render(seed, from, Math.min(512, count - from));
                for (int i = 0; i < b.size(); i++) {
                    stamps.add(Arrays.copyOfRange(b.stamps(), i * s * s, (i + 1) * s * s));
                    psfs.add(Arrays.copyOfRange(b.psfs(), i * k * k, (i + 1) * k * k));
                }
            }
        }
        err.println("sersic4j: rendered " + count + " stamps; timing the network");
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("benchmark", "predict");
        root.put("sersic4j", Main.version());
        root.put("date", Instant.now().toString());
        root.set("machine", BenchRenderCommand.machine());
        root.put("backend", Backend.describe());
        root.put("native_build", Backend.nativeBuild());
        root.put("model", p.source());
        root.put("parameters", p.graph().numParams());
        root.put("stamps", count);
        ArrayNode runs = root.putArray("runs");
        var conf = p.graph().getConfiguration();
        WorkspaceMode original = conf.getInferenceWorkspaceMode();
        double best = 0;
        int bestBatch = batches.get(0);
        WorkspaceMode bestMode = original;
        for (WorkspaceMode mode : List.of(WorkspaceMode.ENABLED, WorkspaceMode.NONE)) {
            conf.setInferenceWorkspaceMode(mode);
            for (int b : batches) {
                double rate = rate(p, stamps, psfs, b, 0);
                ObjectNode o = runs.addObject();
                o.put("batch", b);
                o.put("workspace", mode.name());
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
        conf.setInferenceWorkspaceMode(bestMode);
        if (mcSamples > 0) {
            int n = Math.min(count, 1024);
            double rate = rate(p, stamps.subList(0, n), psfs.subList(0, n), bestBatch, mcSamples);
            ObjectNode o = runs.addObject();
            o.put("batch", bestBatch);
            o.put("workspace", bestMode.name());
            o.put("mc_samples", mcSamples);
            o.put("galaxies_per_s", rate);
            err.printf("sersic4j: with %d MC-dropout passes: %.0f galaxies/s%n", mcSamples, rate);
        }
        conf.setInferenceWorkspaceMode(original);
        root.set("best", json.valueToTree(Map.of("batch", bestBatch, "workspace", bestMode.name(), "galaxies_per_s", best)));
        root.set("file_reading", fileReading(stamps, s, json));
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        json.writeValue(out.toFile(), root);
        spec.commandLine().getOut().printf("best: %.0f galaxies/s (batch %d, workspaces %s); wrote %s%n", best, bestBatch, bestMode, out);
        return Main.OK;
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
    private static ObjectNode fileReading(List<float[]> stamps, int s, ObjectMapper json) throws IOException {
        Path dir = Files.createTempDirectory("sersic4j-bench-predict");
        try {
            int n = Math.min(stamps.size(), 1024);
            List<Path> files = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Path f = dir.resolve(String.format("s%05d.fits", i));
                FitsImageWriter.write(f, Image.ofFloats(s, s, stamps.get(i)), Map.of());
                files.add(f);
            }
            long t0 = System.nanoTime();
            double sum = 0;
            for (Path f : files) sum += FitsImageFile.read(f).image().sum();
            double sec = (System.nanoTime() - t0) / 1e9;
            ObjectNode o = json.createObjectNode();
            o.put("files", n);
            o.put("seconds", sec);
            o.put("stamps_per_s", n / sec);
            o.put("checksum", sum);
            return o;
        } finally {
            try (var st = Files.walk(dir)) {
                st.sorted(java.util.Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
            }
        }
    }
}
