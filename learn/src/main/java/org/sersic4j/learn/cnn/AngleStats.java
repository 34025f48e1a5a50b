package org.sersic4j.learn.cnn;

/** Spread of axial angles (period 180°), such as position angles. */
public final class AngleStats {
    private AngleStats() {}

    /** Circular standard deviation [deg] of angles with period 180°: √(−2 ln R) on the doubled angles, halved. */
    public static double axialStd(double[] deg) {
        double c = 0, s = 0;
        for (double d : deg) {
            double a = Math.toRadians(2 * d);
            c += Math.cos(a);
            s += Math.sin(a);
        }
        double r = Math.hypot(c, s) / deg.length;
        if (r <= 1e-12) return 90;
        return Math.toDegrees(Math.sqrt(-2 * Math.log(Math.min(1, r)))) / 2;
    }
}
