package org.sersic4j.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J {@link MultiDataSetIterator} that renders every training batch on the fly: new galaxies every batch (stream
 * stamp indices keep counting across epochs), inputs {@code [stamp (B,1,S,S), psf (B,1,P,P)]}, labels the
 * standardised targets (B, 8). A background thread renders ahead (a few batches), so training does not wait on the
 * renderer. An epoch is {@code batchesPerEpoch} batches; {@link #reset()} starts the next epoch with new galaxies.
 * Seeded: the sequence of batches is a pure function of the seed.
 */
public final class TrainingStream implements MultiDataSetIterator, AutoCloseable {
    /** Seed offset of the held-out validation streams (the seed of a run plus this). */
    public static final long VALIDATION_SEED_OFFSET = 1_000_003L;

    private static final int PREFETCH = 3;

    private final BatchRenderer renderer;
    private final TargetScaling scaling;
    private final long seed;
    private final int batchSize;
    private final int batchesPerEpoch;
    private final long startBatch;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(PREFETCH);
    private final Thread producer;
    private int servedThisEpoch;
    private volatile boolean closed;
    private MultiDataSetPreProcessor preProcessor;

    /**
     * A stream of {@code batchesPerEpoch} batches per epoch, rendered ahead in a daemon thread; {@code scaling} may be
     * null for a caller that only takes {@link #nextBatch()} (a model without parameter targets).
     */
    public TrainingStream(BatchRenderer renderer, TargetScaling scaling, long seed, int batchSize, int batchesPerEpoch) {
        this(renderer, scaling, seed, batchSize, batchesPerEpoch, 0);
    }

    /** A stream that starts at batch {@code startBatch} of the sequence (to resume a run where it stopped). */
    public TrainingStream(BatchRenderer renderer, TargetScaling scaling, long seed, int batchSize, int batchesPerEpoch, long startBatch) {
        this.startBatch = startBatch;
        this.renderer = renderer;
        this.scaling = scaling;
        this.seed = seed;
        this.batchSize = batchSize;
        this.batchesPerEpoch = batchesPerEpoch;
        this.producer = new Thread(this::produce, "training-stream");
        producer.setDaemon(true);
        producer.start();
    }

    private void produce() {
        long batch = startBatch;
        try {
            while (!closed) {
                TrainingBatch b = renderer.render(seed, batch * batchSize, batchSize);
                queue.put(b);
                batch++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            try {
                queue.put(e);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The next rendered batch with its truth (for callers that need more than the MultiDataSet). */
    public TrainingBatch nextBatch() {
        if (!hasNext()) throw new NoSuchElementException("epoch finished: call reset()");
        try {
            Object o = queue.take();
            if (o instanceof RuntimeException e) throw new IllegalStateException("rendering a training batch failed: " + e.getMessage(), e);
            servedThisEpoch++;
            return (TrainingBatch) o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a training batch", e);
        }
    }

    /** The network's inputs and labels for a batch. */
    public static MultiDataSet toMultiDataSet(TrainingBatch b, TargetScaling scaling, int stampSize, int psfSize, double centre) {
        INDArray stamps = Nd4j.create(b.stamps(), new long[]{b.size(), 1, stampSize, stampSize}, 'c');
        INDArray psfs = Nd4j.create(b.psfs(), new long[]{b.size(), 1, psfSize, psfSize}, 'c');
        float[] labels = new float[b.size() * TargetScaling.COUNT];
        for (int i = 0; i < b.size(); i++) {
            float[] z = scaling.encode(b.truth().get(i), b.scales().get(i).scale(), centre);
            System.arraycopy(z, 0, labels, i * TargetScaling.COUNT, TargetScaling.COUNT);
        }
        INDArray y = Nd4j.create(labels, new long[]{b.size(), TargetScaling.COUNT}, 'c');
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[]{stamps, psfs}, new INDArray[]{y});
    }

    /** A fixed, held-out set of {@code batches} batches from another seed (rendered now, kept in memory). */
    public static List<MultiDataSet> heldOut(BatchRenderer renderer, TargetScaling scaling, long seed, int batchSize, int batches) {
        List<MultiDataSet> out = new ArrayList<>(batches);
        var d = renderer.data();
        for (int k = 0; k < batches; k++) {
            out.add(toMultiDataSet(renderer.render(seed, (long) k * batchSize, batchSize), scaling, d.stampSize(), d.psfSize(), d.centre()));
        }
        return out;
    }

    @Override
    public MultiDataSet next() {
        var d = renderer.data();
        MultiDataSet m = toMultiDataSet(nextBatch(), scaling, d.stampSize(), d.psfSize(), d.centre());
        if (preProcessor != null) preProcessor.preProcess(m);
        return m;
    }

    @Override
    public MultiDataSet next(int num) {
        return next();
    }

    @Override
    public boolean hasNext() {
        return servedThisEpoch < batchesPerEpoch && !closed;
    }

    @Override
    public void reset() {
        servedThisEpoch = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public void close() {
        closed = true;
        producer.interrupt();
    }
}
