/**
 * What a comparison produced, as plain immutable records: the truth, each estimator's answers and their scores
 * against the data, the metrics, and the stamps to show. {@code ComparisonRun} fills them; the report and
 * {@code summary.json} read them.
 */
package org.sersic4j.compare.result;
