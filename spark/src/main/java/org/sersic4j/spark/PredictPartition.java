package org.sersic4j.spark;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.factory.Nd4j;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.estimators.CnnEstimator;
import org.sersic4j.compare.result.DataScore;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.compare.run.CatalogueOutput;
import org.sersic4j.compare.run.DataScorer;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.io.FitCatalog;
import org.sersic4j.learn.cnn.CnnPredictor;
import org.sersic4j.validation.compare.Network;

/**
 * Runs the network on a partition's stamps as {@code sersic4j predict} does (the same stamps read the same way, the
 * same estimator, the same catalogue row with {@code chi2nu} and {@code logl} from the common data scorer). The network
 * is loaded once per executor JVM and shared by its tasks, one forward pass at a time. MC-dropout passes are seeded by
 * the stamp's id ({@link #seed}), one stamp per pass, so a stamp's errors do not depend on how the stamps were
 * partitioned or batched.
 */
public final class PredictPartition extends StampPartition {
    private static final long serialVersionUID = 1L;

    /** The estimator's name in the catalogue. */
    public static final String ESTIMATOR = "cnn";

    private static final Map<String, CnnPredictor> NETWORKS = new ConcurrentHashMap<>();

    private final String model;
    private final int mcSamples;
    private final int batch;
    private final StampOptions options;
    private final PsfTable psfs;

    /**
     * @param model     the model file (its JSON card beside it), or null for the shipped model
     * @param mcSamples MC-dropout passes for errors (0: none)
     * @param batch     stamps per forward pass
     */
    public PredictPartition(String model, int mcSamples, int batch, StampOptions options, PsfTable psfs) {
        super(batch);
        if (mcSamples < 0) throw new IllegalArgumentException("--mc-samples must be 0 (no errors) or more (got " + mcSamples + ")");
        this.model = model;
        this.mcSamples = mcSamples;
        this.batch = batch;
        this.options = options;
        this.psfs = psfs;
    }

    /** The network of this JVM for a model file (null: the shipped one), loaded on first use. */
    static CnnPredictor network(String model) {
        return NETWORKS.computeIfAbsent(model == null ? "" : model, k -> new Network(model == null ? null : Path.of(model), 0,
                "--model M.zip", StampPartition::report).predictor());
    }

    /** The dropout seed of a stamp: the first 8 bytes of the SHA-256 of its id (UTF-8). */
    public static long seed(String id) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(h, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected List<Object[]> process(List<StoreStamp> stamps) {
        CnnPredictor predictor = network(model);
        List<Object[]> out = new ArrayList<>(stamps.size());
        List<StampInput> inputs = new ArrayList<>(stamps.size());
        for (StoreStamp s : stamps) {
            try {
                inputs.add(StampInput.of(options.problem(s, psfs)));
            } catch (RuntimeException e) {
                String msg = e.getMessage() == null ? e.toString() : e.getMessage();
                if (!msg.contains(s.name())) msg = s.name() + ": " + msg;
                report(msg);
                out.add(FitCatalog.row(FitResult.failed(s.id(), ESTIMATOR, msg, 0), zeropoint(s), pixelScale(s)));
            }
        }
        List<Estimate> est = estimate(predictor, inputs);
        DataScorer scorer = new DataScorer();
        int size = predictor.card().stampSize();
        for (int i = 0; i < inputs.size(); i++) {
            StampInput in = inputs.get(i);
            Estimate e = est.get(i);
            DataScore score = e.params() == null ? new DataScore(Double.NaN, Double.NaN) : scorer.score(in, e.params());
            if (e.params() == null) report(in.id() + ": " + (in.psf() == null ? "no PSF (give --psf or the PSFFILE keyword)"
                    : in.image().width() + "x" + in.image().height() + " is smaller than the network's input (" + size
                    + "x" + size + ")"));
            out.add(FitCatalog.row(CatalogueOutput.result(ESTIMATOR, e, score), in.zeropoint(), in.pixelScale()));
        }
        return out;
    }

    private List<Estimate> estimate(CnnPredictor predictor, List<StampInput> inputs) {
        if (inputs.isEmpty()) return List.of();
        CnnEstimator cnn = new CnnEstimator(predictor, mcSamples, batch, ESTIMATOR);
        // one forward pass at a time per network: DL4J's graphs are not safe for concurrent use
        synchronized (predictor) {
            if (mcSamples == 0) return cnn.estimate(inputs);
            List<Estimate> out = new ArrayList<>(inputs.size());
            for (StampInput in : inputs) {
                Nd4j.getRandom().setSeed(seed(in.id()));
                out.add(cnn.estimate(List.of(in)).get(0));
            }
            return out;
        }
    }

    private double zeropoint(StoreStamp s) {
        Double zp = options.zeropoint() != null ? options.zeropoint() : s.zeropoint();
        return zp == null ? 0 : zp;
    }

    private double pixelScale(StoreStamp s) {
        Double p = options.pixelScale() != null ? options.pixelScale() : s.pixelScale();
        return p == null ? Double.NaN : p;
    }
}
