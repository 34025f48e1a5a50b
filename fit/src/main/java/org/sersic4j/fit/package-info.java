/**
 * Classical fitting of galaxy stamps; {@link org.sersic4j.fit.GaussianBaselineFitter} fits the scaled bivariate
 * Gaussian baseline.
 */
package org.sersic4j.fit;
