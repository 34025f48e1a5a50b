package org.sersic4j.render.sim;

import org.hipparchus.random.RandomGenerator;
import org.hipparchus.random.Well19937c;

/**
 * Derives independent, reproducible random streams from one run seed. Every stamp owns its own streams, keyed by
 * (run seed, stamp index, purpose), so stamp {@code i} gets the same numbers whatever the batch size, the thread
 * count or the order in which stamps are processed.
 *
 * <p>The key is hashed with SplitMix64's finaliser (a bijective 64-bit mixer) and seeds a {@link Well19937c}.
 */
public final class Seeds {

    /** Stream of the galaxy parameters of a stamp. */
    public static final int PARAMS = 1;
    /** Stream of the companion galaxy (blend mode). */
    public static final int COMPANION = 2;
    /** Stream of the PSF parameters of a stamp (drawn PSF mode). */
    public static final int PSF = 3;
    /** Stream of the pixel noise of a stamp. */
    public static final int NOISE = 4;
    /** Stream of a multi-component target's own draws (B/T, bulge shape, point source, sky gradient). */
    public static final int MODEL = 5;
    /** Stream of the neighbours of a stamp (multi-component runs). */
    public static final int NEIGHBOURS = 6;

    private Seeds() {}

    /** A 64-bit seed for (run seed, stamp index, stream purpose). */
    public static long derive(long seed, long index, int stream) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h + index * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L);
        h = mix(h + stream * 0x94D049BB133111EBL);
        return h;
    }

    /** A fresh generator for (run seed, stamp index, stream purpose). */
    public static RandomGenerator generator(long seed, long index, int stream) {
        return new Well19937c(derive(seed, index, stream));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
