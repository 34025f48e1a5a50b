package org.sersic4j.fit;

/** A classical estimator of one stamp's Sérsic parameters. Implementations are thread-safe: one fitter, many threads. */
public interface Fitter {
    /** Fits one problem. Never throws for a bad fit: failures come back flagged. */
    FitResult fit(FitProblem problem);

    /** Short name for catalogues ({@code lm}, {@code bfgs}). */
    String name();
}
