/**
 * Classical fitting of galaxy stamps: a {@link org.sersic4j.fit.FitProblem} (image, noise, mask, PSF, guess, bounds,
 * likelihood) is solved by {@link org.sersic4j.fit.LevenbergMarquardtFitter} or {@link org.sersic4j.fit.BfgsFitter}
 * into a {@link org.sersic4j.fit.FitResult}; {@link org.sersic4j.fit.BatchFitter} runs many in parallel;
 * {@link org.sersic4j.fit.GaussianBaselineFitter} fits the scaled bivariate-Gaussian baseline. Files in and out live
 * in {@code org.sersic4j.fit.io}.
 */
package org.sersic4j.fit;
