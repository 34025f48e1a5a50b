package org.sersic4j.validation.vae;

/**
 * One held-out stamp scored two ways, in the scaled units the VAE sees ({@link org.sersic4j.learn.vae.VaeInput}).
 *
 * @param index                 the stamp's index in the held-out stream
 * @param snr                   matched-filter S/N of the stamp
 * @param scale                 the stamp's scale s [ADU]: a log-likelihood here minus N ln s is the one in ADU
 * @param mseVae                mean squared error of the VAE's mean reconstruction f_μ(g_μ(x))
 * @param mseGaussian           mean squared error of the best scaled bivariate Gaussian
 * @param logLikelihoodVae      ln p(x | z = g_μ(x)) with the decoder's per-pixel variance [nats]
 * @param logLikelihoodGaussian the Gaussian fit's log-likelihood at its best common pixel variance [nats]
 * @param gaussianConverged     whether the Gaussian fit's optimiser converged
 * @param pixels                N, pixels per stamp
 */
public record VaeStampScore(int index, double snr, double scale, double mseVae, double mseGaussian, double logLikelihoodVae,
                            double logLikelihoodGaussian, boolean gaussianConverged, int pixels) {

    /** The paper's first comparison: the VAE's mean reconstruction fits the stamp more closely in squared error. */
    public boolean vaeFitsCloser() {
        return mseVae < mseGaussian;
    }

    /** The paper's second comparison: the VAE, with its per-pixel variance, gives the stamp the higher likelihood. */
    public boolean vaeMoreLikely() {
        return logLikelihoodVae > logLikelihoodGaussian;
    }

    /** log10(MSE_Gaussian / MSE_VAE): positive where the VAE fits more closely. */
    public double logMseRatio() {
        return Math.log10(mseGaussian / mseVae);
    }

    /** (ln L_VAE − ln L_Gaussian) / N [nats per pixel]: positive where the VAE is more likely. */
    public double logLikelihoodGainPerPixel() {
        return (logLikelihoodVae - logLikelihoodGaussian) / pixels;
    }
}
