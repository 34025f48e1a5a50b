package org.sersic4j.validation.vae;

import org.sersic4j.render.Image;

/**
 * The pictures of one held-out stamp for the report, in scaled units.
 *
 * @param score    its scores
 * @param data     the noisy stamp x
 * @param vaeMean  the VAE's mean reconstruction f_μ(g_μ(x))
 * @param vaeSigma the decoder's per-pixel standard deviation at z = g_μ(x)
 * @param gaussian the best scaled bivariate Gaussian
 * @param noise    the stamp's noise σ from its border, for showing residuals on one scale
 */
public record VaeGalleryEntry(VaeStampScore score, Image data, Image vaeMean, Image vaeSigma, Image gaussian, double noise) {}
