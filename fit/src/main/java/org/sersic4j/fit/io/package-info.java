/**
 * The fitter's input side: from images, directories, a manifest, a GALFIT feedme file and a guess catalogue to
 * {@link org.sersic4j.fit.io.StampTask}s that each load one {@link org.sersic4j.fit.FitProblem} when asked.
 */
package org.sersic4j.fit.io;
