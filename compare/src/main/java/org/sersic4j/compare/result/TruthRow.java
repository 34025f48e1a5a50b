package org.sersic4j.compare.result;

import org.sersic4j.render.SersicParams;

/** The truth of one simulated galaxy: its parameters (FITS 1-based centre), its S/N and the zero-point of its stamp. */
public record TruthRow(String id, SersicParams truth, double snr, double zeropoint) {}
