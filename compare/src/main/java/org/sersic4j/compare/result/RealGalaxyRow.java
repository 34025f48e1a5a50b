package org.sersic4j.compare.result;

import org.sersic4j.render.SersicParams;

/** One estimator's answer for one real galaxy (no truth): parameters, reduced χ² against its σ map, and flags. */
public record RealGalaxyRow(String id, String estimator, SersicParams params, double chi2nu, int flags) {}
