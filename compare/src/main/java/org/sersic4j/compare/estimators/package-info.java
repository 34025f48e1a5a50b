/**
 * The estimators a comparison runs: classical fits ({@link org.sersic4j.compare.estimators.LmEstimator},
 * {@link org.sersic4j.compare.estimators.BfgsEstimator}), fits started from another estimator's answers
 * ({@link org.sersic4j.compare.estimators.SeededEstimator}), the Gaussian baseline
 * ({@link org.sersic4j.compare.estimators.GaussianBaselineEstimator}) and catalogues made elsewhere
 * ({@link org.sersic4j.compare.estimators.CatalogEstimator}). A network joins through an adapter implementing
 * {@link org.sersic4j.compare.Estimator}.
 */
package org.sersic4j.compare.estimators;
