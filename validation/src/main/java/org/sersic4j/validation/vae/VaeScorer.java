package org.sersic4j.validation.vae;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.sersic4j.compare.ParallelStamps;
import org.sersic4j.fit.BivariateGaussianFit;
import org.sersic4j.fit.GaussianBaselineFitter;
import org.sersic4j.learn.BatchRenderer;
import org.sersic4j.learn.StampScaling;
import org.sersic4j.learn.TrainingBatch;
import org.sersic4j.learn.vae.GaussianPixels;
import org.sersic4j.learn.vae.VaeModel;
import org.sersic4j.render.Image;

/**
 * Scores held-out stamps the paper's two ways: the VAE's mean reconstruction f_μ(g_μ(x)) against the best scaled
 * bivariate Gaussian ({@link GaussianBaselineFitter}, BFGS on the squared error) in squared error, and the VAE's
 * Gaussian log-likelihood with its per-pixel variance at z = g_μ(x) against the Gaussian fit's at its best common
 * variance. Both models see the same scaled stamp; stamp i of the stream of {@code seed} is always the same stamp.
 */
public final class VaeScorer {
    /** Stamps rendered and passed through the VAE at once. */
    static final int CHUNK = 100;

    private final VaeModel vae;
    private final BatchRenderer renderer;
    private final long seed;
    private final int threads;

    /** A scorer of the stream of {@code seed}; the Gaussian fits run on {@code threads} threads (0: every core). */
    public VaeScorer(VaeModel vae, BatchRenderer renderer, long seed, int threads) {
        int side = renderer.data().stampSize();
        if (vae.inputSize() != side * side)
            throw new IllegalArgumentException("the VAE takes " + vae.inputSize() + " pixels, the stamps have " + side + "×" + side);
        this.vae = vae;
        this.renderer = renderer;
        this.seed = seed;
        this.threads = threads;
    }

    /** Stamps 0 … count − 1, in order; {@code progress} is told 1 after each stamp. */
    public List<VaeStampScore> score(int count, IntConsumer progress) {
        List<VaeStampScore> out = new ArrayList<>(count);
        for (int first = 0; first < count; first += CHUNK) {
            int n = Math.min(CHUNK, count - first);
            Chunk c = chunk(first, n);
            List<BivariateGaussianFit> fits = ParallelStamps.map(n, threads, i -> new GaussianBaselineFitter().fit(c.image(i)), progress);
            for (int i = 0; i < n; i++) out.add(c.score(i, fits.get(i)));
        }
        return out;
    }

    /** The pictures of stamp {@code index}. */
    public VaeGalleryEntry detail(int index) {
        Chunk c = chunk(index, 1);
        BivariateGaussianFit fit = new GaussianBaselineFitter().fit(c.image(0));
        int s = c.side;
        double[] sigma = new double[c.pixels];
        for (int k = 0; k < c.pixels; k++) sigma[k] = Math.exp(0.5 * c.logVar[k]);
        float[] data = c.batch.stamps();
        return new VaeGalleryEntry(c.score(0, fit), Image.ofFloats(s, s, data), Image.ofFloats(s, s, c.mean), new Image(s, s, sigma),
                fit.model(), StampScaling.borderNoise(data, s, s));
    }

    private Chunk chunk(int first, int n) {
        TrainingBatch b = renderer.render(seed, first, n);
        VaeModel.Rows rec = vae.reconstructAtMean(b.stamps(), b.size());
        return new Chunk(first, b, renderer.data().stampSize(), rec.mean(), rec.logVariance());
    }

    /** A rendered chunk with the VAE's reconstructions. */
    private record Chunk(int first, TrainingBatch batch, int side, int pixels, float[] mean, float[] logVar) {
        Chunk(int first, TrainingBatch batch, int side, float[] mean, float[] logVar) {
            this(first, batch, side, side * side, mean, logVar);
        }

        Image image(int i) {
            float[] px = new float[pixels];
            System.arraycopy(batch.stamps(), i * pixels, px, 0, pixels);
            return Image.ofFloats(side, side, px);
        }

        VaeStampScore score(int i, BivariateGaussianFit fit) {
            float[] x = batch.stamps();
            int off = i * pixels;
            double mseVae = GaussianPixels.meanSquaredError(x, off, mean, off, pixels);
            double llVae = GaussianPixels.logLikelihood(x, off, mean, logVar, off, pixels);
            return new VaeStampScore(first + i, batch.snr()[i], batch.scales().get(i).scale(), mseVae, fit.mse(), llVae,
                    fit.logLikelihood(), fit.converged(), pixels);
        }
    }
}
