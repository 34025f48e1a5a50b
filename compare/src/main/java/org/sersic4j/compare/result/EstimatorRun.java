package org.sersic4j.compare.result;

import java.util.List;

/** One estimator's answers and data scores, in the same order as the truth rows. */
public record EstimatorRun(String estimator, List<Estimate> estimates, List<DataScore> scores) {}
