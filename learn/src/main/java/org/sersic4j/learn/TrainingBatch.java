package org.sersic4j.learn;

import java.util.List;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.PsfSpec;

/**
 * One rendered batch: noisy stamps scaled for the network, their PSF stamps, the truth and each stamp's scale.
 *
 * @param size     stamps in the batch
 * @param stamps   size × stampSize² scaled pixels, row-major per stamp
 * @param psfs     size × psfSize² PSF pixels divided by their maximum
 * @param truth    the galaxies, FITS 1-based centres
 * @param scales   each stamp's {@link StampScaling.Scale}
 * @param psfSpecs each stamp's PSF
 * @param snr      each stamp's matched-filter S/N (the definition in docs/conventions.md)
 */
public record TrainingBatch(int size, float[] stamps, float[] psfs, List<SersicParams> truth, List<StampScaling.Scale> scales,
                            List<PsfSpec> psfSpecs, double[] snr) {}
