package org.sersic4j.fit;

/** A stamp that cannot be fitted as given: the message names the stamp and the problem. */
public final class FitInputException extends RuntimeException {
    public FitInputException(String message) {
        super(message);
    }
}
