package org.sersic4j.compare.result;

/** Time per galaxy of one estimator: median and 95th percentile seconds, and galaxies per second over the run. */
public record Timing(double medianSeconds, double p95Seconds, double galaxiesPerSecond) {}
