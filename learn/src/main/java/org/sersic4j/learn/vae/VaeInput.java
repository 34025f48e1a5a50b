package org.sersic4j.learn.vae;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sersic4j.learn.StampScaling;
import org.sersic4j.learn.TrainingBatch;

/**
 * What the galaxy VAE sees: each noisy, sky-subtracted stamp divided by its {@link StampScaling} scale s = max(mean of
 * the brightest 3×3 pixels, 3σ of the border noise), so that its centre is about 1 whatever the flux, and flattened
 * row-major (FITS row y = 1 first, x = 1 first within a row) into one row of S² values. The scaling is linear: a
 * least-squares fit to the scaled stamp is the fit to the stamp in ADU divided by s, and a log-likelihood in scaled
 * units becomes one in ADU by subtracting N ln s ({@link #logLikelihoodInAdu}), the same for every model of that stamp,
 * so comparisons of two models of one stamp do not depend on the units.
 */
public final class VaeInput {
    private VaeInput() {}

    /** The batch's stamps (already scaled by the renderer) as a (B, S²) float matrix. */
    public static INDArray of(TrainingBatch batch) {
        int pixels = batch.stamps().length / batch.size();
        return Nd4j.create(batch.stamps(), new long[] {batch.size(), pixels}, 'c');
    }

    /** A log-likelihood of N pixels computed in scaled units, expressed for the stamp in ADU: logL − N ln s. */
    public static double logLikelihoodInAdu(double scaledLogLikelihood, int pixels, double scale) {
        return scaledLogLikelihood - pixels * Math.log(scale);
    }
}
