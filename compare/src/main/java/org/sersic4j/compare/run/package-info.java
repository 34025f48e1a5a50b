/**
 * A comparison from start to end: reading a simulated truth set ({@link org.sersic4j.compare.run.TruthSetReader}),
 * scoring estimates against the data ({@link org.sersic4j.compare.run.DataScorer}), running and judging the
 * estimators ({@link org.sersic4j.compare.run.ComparisonRun}) and writing the machine-readable summary
 * ({@link org.sersic4j.compare.run.SummaryJson}).
 */
package org.sersic4j.compare.run;
