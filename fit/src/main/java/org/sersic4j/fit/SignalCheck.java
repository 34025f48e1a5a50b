package org.sersic4j.fit;

import java.util.Locale;
import org.sersic4j.render.SersicParams;

/**
 * Whether a fitted stamp held any signal, the same rule on the Java path ({@link OptimumSummary}) and on a device
 * ({@link DeviceFitSummary}). A stamp has no signal when its fitted pixels are all equal (an all-zero image), or when
 * the fitted flux is not above its own 1σ error. Such a fit gets {@link FitFlags#NO_SIGNAL}, and
 * {@link FitFlags#AT_BOUND} when the flux sits at its lower bound (within 1e-4 of its error of zero), and a message
 * that says so.
 */
final class SignalCheck {
    private SignalCheck() {}

    /** The flags to add (0 when the stamp holds signal) and the message (null then). */
    record Verdict(int flags, String message) {
        static final Verdict SIGNAL = new Verdict(0, null);
    }

    static Verdict check(FitProblem p, SersicParams params, double fluxError) {
        boolean flat = flatData(p);
        double flux = params.flux();
        boolean undetected = !(flux > fluxError) && !(Double.isNaN(fluxError) && !flat);
        if (!flat && !undetected) return Verdict.SIGNAL;
        int flags = FitFlags.NO_SIGNAL;
        double scale = Double.isFinite(fluxError) && fluxError > 0 ? fluxError : Math.max(Math.abs(flux), 1e-300);
        boolean atBound = !(flux > 1e-4 * scale) || (flat && !(flux > 1e-4 * dataScale(p)));
        if (atBound) flags |= FitFlags.AT_BOUND;
        String why = flat ? "its fitted pixels are all equal" : "the fitted flux is not above its error";
        String msg = String.format(Locale.ROOT, "no signal: %s (flux %.3g ± %.3g); flagged no_signal%s, the values mean "
                + "nothing", why, flux, fluxError, atBound ? " and at_bound" : "");
        return new Verdict(flags, msg);
    }

    /** True when every fitted pixel holds the same value. */
    private static boolean flatData(FitProblem p) {
        double[] d = p.image().pixels();
        boolean[] bad = p.excluded();
        double first = Double.NaN;
        for (int i = 0; i < d.length; i++) {
            if (bad[i]) continue;
            if (Double.isNaN(first)) first = d[i];
            else if (d[i] != first) return false;
        }
        return true;
    }

    /** The largest |pixel| of the fitted pixels (at least 1e-300): the scale a flux is compared with on flat data. */
    private static double dataScale(FitProblem p) {
        double[] d = p.image().pixels();
        boolean[] bad = p.excluded();
        double m = 0;
        for (int i = 0; i < d.length; i++) if (!bad[i]) m = Math.max(m, Math.abs(d[i]));
        return Math.max(m, 1);
    }
}
