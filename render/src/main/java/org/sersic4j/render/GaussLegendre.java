package org.sersic4j.render;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/** Gauss–Legendre nodes and weights on [−1, 1] for 1 … {@link #MAX} points, packed for the renderer's loops. */
public final class GaussLegendre {
    private GaussLegendre() {}

    /** Largest rule tabulated. */
    public static final int MAX = 16;

    /** Points of the rule used along polygon edges. */
    public static final int EDGE_POINTS = 8;

    private static final double[] NODES = new double[MAX * (MAX + 1) / 2];
    private static final double[] WEIGHTS = new double[NODES.length];

    static {
        GaussIntegratorFactory f = new GaussIntegratorFactory();
        for (int m = 1; m <= MAX; m++) {
            GaussIntegrator g = f.legendre(m, -1, 1);
            for (int i = 0; i < m; i++) {
                NODES[offset(m) + i] = g.getPoint(i);
                WEIGHTS[offset(m) + i] = g.getWeight(i);
            }
        }
    }

    /** Index of the first node of the m-point rule in the packed arrays. */
    public static int offset(int m) {
        return (m - 1) * m / 2;
    }

    /** Packed nodes: the m-point rule occupies [offset(m), offset(m) + m). */
    public static double[] nodes() {
        return NODES.clone();
    }

    /** Packed weights, laid out like {@link #nodes()}. */
    public static double[] weights() {
        return WEIGHTS.clone();
    }

    static double node(int m, int i) {
        return NODES[offset(m) + i];
    }

    static double weight(int m, int i) {
        return WEIGHTS[offset(m) + i];
    }

    /** log of the m-point rule's error constant (m!)^4 / ((2m+1) ((2m)!)^3). */
    static double logErrorConstant(int m) {
        double lf = 0, l2f = 0;
        for (int i = 2; i <= m; i++) lf += Math.log(i);
        for (int i = 2; i <= 2 * m; i++) l2f += Math.log(i);
        return 4 * lf - Math.log(2 * m + 1) - 3 * l2f;
    }
}
