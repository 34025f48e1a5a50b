/**
 * Comparisons as the commands run them: the estimators built by name with one network loaded once
 * ({@link org.sersic4j.validation.compare.EstimatorSet}, {@link org.sersic4j.validation.compare.Network}), real
 * galaxies read as {@code sersic4j fit} reads them ({@link org.sersic4j.validation.compare.RealStamps}), and the run
 * from estimators to report ({@link org.sersic4j.validation.compare.ComparisonJob}). Shared by {@code sersic4j compare}
 * and {@code sersic4j run}.
 */
package org.sersic4j.validation.compare;
