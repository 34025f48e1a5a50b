package org.sersic4j.learn.deblend;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomGenerator;
import org.sersic4j.learn.BatchRenderer;
import org.sersic4j.learn.StampScaling;
import org.sersic4j.render.Image;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.NoiseModel;
import org.sersic4j.render.sim.Seeds;

/**
 * Renders batches of blends for the deblenders: stamp {@code i} of the stream is a pure function of (seed, i). Its
 * central galaxy, PSF and noise model are those of {@link BatchRenderer}'s stamp i; the companion takes its shape and
 * flux from the galaxy stream of another seed and sits at a distance drawn from {@link DeblendConfig.Blend#separation}
 * at a uniform angle from the central galaxy, convolved with the same PSF. The two noiseless images are combined
 * ({@code sum} or {@code max}), then the noise model adds noise: the input. The target is the central galaxy alone,
 * noiseless (so the deblenders also denoise, and scores are against the truth rather than another noise realisation).
 */
public final class BlendBatchRenderer {
    /** The normalisation of inputs and targets, in words. */
    public static final String NORMALISATION = "each blend (noisy, sky-subtracted, ADU) is divided by its scale s = its brightest "
            + "pixel, so the input is at most 1 (the paper's images lie in [0, 1]; our sky-subtracted noise may dip below 0); the "
            + "target, the noiseless central galaxy alone, is divided by the same s and clipped to [0, 1]; outputs (sigmoid, in "
            + "(0, 1)) times s are back in ADU. MSE, PSNR and SSIM are computed on these [0, 1] images, data range L = 1";
    /** Random-stream purpose of the companion's position (not used by {@link Seeds}' own purposes). */
    static final int COMPANION_PLACE = 11;
    /** Offset of the seed whose galaxy stream gives the companions' shapes. */
    static final long COMPANION_SEED_OFFSET = 0x5EB1E9DL;

    private final BatchRenderer singles;
    private final DeblendConfig.Blend blend;
    private final Renderer renderer;
    private final RenderSettings settings;

    /** A renderer of {@code cfg}'s blends; the caller owns {@code renderer}. */
    public BlendBatchRenderer(DeblendConfig cfg, Renderer renderer) {
        this.singles = new BatchRenderer(cfg.data(), renderer);
        this.blend = cfg.blend();
        this.renderer = renderer;
        this.settings = new RenderSettings(cfg.data().oversample(), 1e-4);
    }

    /** The single-galaxy renderer underneath (the central galaxies, PSF bank and noise models). */
    public BatchRenderer singles() {
        return singles;
    }

    /** The companion of stream stamp {@code index}, placed relative to {@code central}. */
    public SersicParams companion(long seed, long index, SersicParams central) {
        SersicParams shape = singles.galaxy(seed + COMPANION_SEED_OFFSET, index);
        RandomGenerator r = Seeds.generator(seed, index, COMPANION_PLACE);
        double d = blend.separation().draw(r), theta = 2 * Math.PI * r.nextDouble();
        return new SersicParams(central.x0() + d * Math.cos(theta), central.y0() + d * Math.sin(theta), shape.flux(), shape.re(),
                shape.n(), shape.q(), shape.pa());
    }

    /** Renders blends {@code first} … {@code first + size − 1} of the stream of {@code seed}; {@code withIsolated} adds the isolated noisy centrals. */
    public BlendBatch render(long seed, long first, int size, boolean withIsolated) {
        int s = singles.data().stampSize(), px = s * s;
        List<SersicParams> central = new ArrayList<>(size), companion = new ArrayList<>(size), both = new ArrayList<>(2 * size);
        List<PixelPsf> psfs = new ArrayList<>(2 * size);
        List<NoiseModel> noise = new ArrayList<>(size);
        int[] psfIndex = new int[size];
        for (int i = 0; i < size; i++) {
            long index = first + i;
            SersicParams c = singles.galaxy(seed, index);
            central.add(c);
            companion.add(companion(seed, index, c));
            psfIndex[i] = singles.psfIndex(seed, index);
            noise.add(singles.noise(seed, index));
        }
        both.addAll(central);
        both.addAll(companion);
        for (int k = 0; k < 2; k++) for (int i = 0; i < size; i++) psfs.add(singles.psf(psfIndex[i]));
        float[][] models = renderer.renderBatch(both, s, s, psfs, settings);
        float[] inputs = new float[size * px], targets = new float[size * px], isolated = withIsolated ? new float[size * px] : null;
        double[] scales = new double[size];
        for (int i = 0; i < size; i++) {
            long index = first + i;
            Image one = Image.ofFloats(s, s, models[i]), two = Image.ofFloats(s, s, models[size + i]);
            Image blended = new Image(s, s, blend.combine().into(one.pixels().clone(), two.pixels()));
            float[] noisy = noise.get(i).addNoise(blended, Seeds.generator(seed, index, Seeds.NOISE)).toFloats();
            double scale = 0;
            for (float v : noisy) scale = Math.max(scale, v);
            if (!(scale > 0)) scale = 1;
            scales[i] = scale;
            StampScaling.scaleInto(noisy, scale, inputs, i * px);
            for (int j = 0; j < px; j++) targets[i * px + j] = (float) Math.min(1, Math.max(0, models[i][j] / scale));
            if (withIsolated) {
                float[] alone = noise.get(i).addNoise(one, Seeds.generator(seed + COMPANION_SEED_OFFSET, index, Seeds.NOISE)).toFloats();
                System.arraycopy(alone, 0, isolated, i * px, px);
            }
        }
        return new BlendBatch(size, s, inputs, targets, scales, central, companion, noise, psfIndex, isolated);
    }
}
