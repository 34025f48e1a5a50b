package org.sersic4j.learn.deblend;

import java.util.List;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.NoiseModel;

/**
 * One rendered batch of blends, normalised as {@link BlendBatchRenderer#NORMALISATION} says.
 *
 * @param size       blends in the batch
 * @param side       stamp side S [px]
 * @param inputs     size × S² values: the noisy blend divided by its scale, row-major per stamp (FITS row 1 first)
 * @param targets    size × S² values: the noiseless central galaxy alone divided by the same scale, clipped to [0, 1]
 * @param scales     each blend's scale s [ADU]: its brightest pixel
 * @param central    the central galaxy of each blend (FITS 1-based centres)
 * @param companion  the companion of each blend
 * @param noise      each blend's noise model
 * @param psfIndex   each blend's PSF, an entry of the renderer's bank
 * @param isolated   size × S² values in ADU: the central galaxy alone with noise of the same model (another
 *                   realisation), for the reference fit; null unless asked for
 */
public record BlendBatch(int size, int side, float[] inputs, float[] targets, double[] scales, List<SersicParams> central,
                        List<SersicParams> companion, List<NoiseModel> noise, int[] psfIndex, float[] isolated) {

    /** Stamp {@code i}'s pixels out of a size × S² array, as a copy. */
    public float[] stamp(float[] all, int i) {
        float[] out = new float[side * side];
        System.arraycopy(all, i * side * side, out, 0, out.length);
        return out;
    }
}
