package org.sersic4j.compare;

/**
 * How bootstrap intervals are drawn: the number of resamples (0 skips intervals) and the seed of the generator,
 * so that the same inputs and settings always give the same intervals.
 *
 * @param resamples number of bootstrap resamples; 0 computes no intervals
 * @param seed      seed of the random generator that draws the resamples
 */
public record BootstrapSettings(int resamples, long seed) {

    /** Resamples used by {@link #seeded(long)}. */
    public static final int DEFAULT_RESAMPLES = 1000;

    /** No bootstrap: intervals are {@link Interval#NONE}. */
    public static final BootstrapSettings NONE = new BootstrapSettings(0, 0L);

    public BootstrapSettings {
        if (resamples < 0) throw new IllegalArgumentException("bootstrap resamples must be >= 0 (got " + resamples + ")");
    }

    /** The default number of resamples ({@value #DEFAULT_RESAMPLES}) with this seed. */
    public static BootstrapSettings seeded(long seed) {
        return new BootstrapSettings(DEFAULT_RESAMPLES, seed);
    }

    /** Whether intervals are computed at all. */
    public boolean enabled() {
        return resamples > 0;
    }
}
