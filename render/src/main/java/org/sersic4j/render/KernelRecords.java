package org.sersic4j.render;

import org.sersic4j.render.kernel.SersicStampKernel;

/** Writes one profile's constants into the kernel's per-stamp record ({@link SersicStampKernel#GAL_STRIDE} floats). */
final class KernelRecords {
    private KernelRecords() {}

    /** The record of a profile given by its geometry, at the layout's cell origin and tap offset. */
    static void fill(float[] gal, int o, ProfileGeometry g, StampLayout l, double floorSb) {
        fill(gal, o, g.flux, g.re, g.n, g.q, g.cos, g.sin, g.b, g.ie, g.lnGamma2n, l, floorSb);
    }

    /** The record of a profile given by its constants (so that neighbours of a profile need no new b_n). */
    static void fill(float[] gal, int o, double flux, double re, double n, double q, double cos, double sin, double b,
                     double ie, double lnGamma2n, StampLayout l, double floorSb) {
        gal[o] = (float) l.originDx();
        gal[o + 1] = (float) l.originDy();
        gal[o + 2] = (float) cos;
        gal[o + 3] = (float) sin;
        gal[o + 4] = (float) q;
        gal[o + 5] = (float) re;
        gal[o + 6] = (float) n;
        gal[o + 7] = (float) (1 / n);
        gal[o + 8] = (float) b;
        gal[o + 9] = (float) ie;
        gal[o + 10] = (float) lnGamma2n;
        gal[o + 11] = (float) floorSb;
        gal[o + 12] = (float) flux;
        gal[o + 13] = (float) (2 * n);
        gal[o + 14] = (float) (1 / (re * re));
        gal[o + 15] = (float) (0.5 / n);
        gal[o + 16] = (float) l.t0x();
        gal[o + 17] = (float) l.t0y();
    }
}
