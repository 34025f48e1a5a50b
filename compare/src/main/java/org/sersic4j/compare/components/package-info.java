/**
 * Scores of multi-component answers: per-component parameters and B/T against a multi-component truth set
 * ({@link org.sersic4j.compare.components.ComponentMetrics}), and model selection by BIC between catalogues of
 * different models fitted to the same stamps ({@link org.sersic4j.compare.components.ModelSelection}).
 */
package org.sersic4j.compare.components;
