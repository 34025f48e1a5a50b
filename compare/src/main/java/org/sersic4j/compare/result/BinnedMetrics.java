package org.sersic4j.compare.result;

import java.util.List;

/** Metrics of each estimator in one bin [lo, hi) of a truth quantity ({@code by} = "snr" or "n"). */
public record BinnedMetrics(String by, double lo, double hi, int count, List<EstimatorMetrics> estimators) {}
