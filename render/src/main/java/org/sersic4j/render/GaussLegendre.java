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

    /**
     * The 1-point error constant C_1 at index 0, then the ratios C_(m+1)/C_m at index m = 1 … MAX − 1, so that an
     * error estimate C_m x^(2m) can be stepped from m to m + 1 by multiplication alone (the kernel has no log table).
     */
    public static double[] errorConstantRatios() {
        double[] r = new double[MAX];
        r[0] = Math.exp(logErrorConstant(1));
        for (int m = 1; m < MAX; m++) r[m] = Math.exp(logErrorConstant(m + 1) - logErrorConstant(m));
        return r;
    }

    /** log of the m-point rule's error constant (m!)^4 / ((2m+1) ((2m)!)^3). */
    private static double logErrorConstant(int m) {
        double lf = 0, l2f = 0;
        for (int i = 2; i <= m; i++) lf += Math.log(i);
        for (int i = 2; i <= 2 * m; i++) l2f += Math.log(i);
        return 4 * lf - Math.log(2 * m + 1) - 3 * l2f;
    }
}
