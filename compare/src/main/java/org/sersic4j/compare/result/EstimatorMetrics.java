package org.sersic4j.compare.result;

import java.util.List;
import org.sersic4j.compare.ParameterMetrics;

/**
 * The metrics of one estimator over a truth set (or one bin of it).
 *
 * @param estimator    the estimator's name
 * @param parameters   one entry per parameter judged
 * @param timing       time per galaxy
 * @param medianChi2nu median reduced χ² against the data
 * @param medianLogl   median log-likelihood against the data
 * @param flagged      rows with any flag other than "converged"
 */
public record EstimatorMetrics(String estimator, List<ParameterMetrics> parameters, Timing timing,
                               double medianChi2nu, double medianLogl, int flagged) {}
