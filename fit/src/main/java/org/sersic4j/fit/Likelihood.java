package org.sersic4j.fit;

import java.util.Locale;

/** The fit statistic: what "best" means for a fit. */
public enum Likelihood {
    /** χ² with a fixed σ map (GALFIT's habit); biased at low S/N when σ is built from the noisy data. */
    CHI2,
    /** Poisson maximum likelihood (Cash) on GAIN·(model + sky) + RDNOISE² electrons: unbiased, needs GAIN and SKY. */
    POISSON,
    /** Gaussian likelihood with the model's own variance, log-determinant term included: unbiased, needs GAIN and SKY. */
    GAUSSIAN;

    /** Parses {@code chi2}, {@code poisson} or {@code gaussian} (any case). */
    public static Likelihood parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown likelihood '" + s + "' (expected chi2, poisson or gaussian)");
        }
    }

    /** The lower-case name used on the command line and in catalogue headers. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
