package org.sersic4j.compare.result;

/**
 * How well one estimate's rendered model explains the data, scored the same way for every estimator.
 *
 * @param chi2nu reduced χ² = Σ((data − model)/σ)² / (N_pix − N_free) over unmasked pixels
 * @param logl   Gaussian log-likelihood of the data given the model and σ
 */
public record DataScore(double chi2nu, double logl) {}
