package org.sersic4j.fit;

/**
 * What to do with the other objects of a segmentation map: mask them (the default) or fit them with the target, as
 * GALFIT does. When fitting, a segment is a neighbour when its light-weighted centre lies within {@code reach} times
 * the target's automatic r_e guess of the target's centre (segments farther out stay masked); the brightest (by the
 * sum of their pixels) come first, at most {@code max} of them (the rest stay masked). Each neighbour is a Sérsic
 * started from the moments of its own segment ({@link MomentGuess}).
 *
 * @param max   most neighbours fitted (0 = mask every other segment)
 * @param reach how far a neighbour may lie, in units of the target's r_e guess
 */
public record NeighbourPolicy(int max, double reach) {
    /** Mask every other segment. */
    public static final NeighbourPolicy MASK = new NeighbourPolicy(0, 0);

    /** Fitting defaults: at most 4 neighbours, within 6 r_e. */
    public static final NeighbourPolicy FIT = new NeighbourPolicy(4, 6);

    public NeighbourPolicy {
        if (max < 0 || max > 20) throw new IllegalArgumentException("neighbours: at most 0..20 may be fitted (got " + max + ")");
        if (max > 0 && !(Double.isFinite(reach) && reach > 0))
            throw new IllegalArgumentException("neighbours: reach must be a finite number > 0 (got " + reach + ")");
    }

    /** True when neighbours are fitted. */
    public boolean fits() {
        return max > 0;
    }
}
