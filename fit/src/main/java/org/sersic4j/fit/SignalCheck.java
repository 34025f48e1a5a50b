package org.sersic4j.fit;

import java.util.Locale;
import java.util.function.Supplier;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.NoiseModel;

/**
 * Whether a fitted stamp held any signal, the same rule on the Java path ({@link OptimumSummary}) and on a device
 * ({@link DeviceFitSummary}). A stamp has no signal when its fitted pixels are all equal (an all-zero image), or when
 * the fitted flux is not above its own 1σ error <em>and</em> the fitted galaxy does not beat an empty stamp: Δχ² =
 * Σ[d² − (d − m)²]/σ² over the fitted pixels is below 1. (A galaxy fitted into a degenerate corner — r_e far beyond the
 * stamp, its flux unconstrained — still beats an empty stamp by about its S/N², and is not flagged.) Such a fit gets
 * {@link FitFlags#NO_SIGNAL}, {@link FitFlags#AT_BOUND} when the flux sits at its lower bound (within 1e-4 of its
 * error of zero), and a message that says so.
 */
final class SignalCheck {
    private SignalCheck() {}

    /** The flags to add (0 when the stamp holds signal) and the message (null then). */
    record Verdict(int flags, String message) {
        static final Verdict SIGNAL = new Verdict(0, null);
    }

    /**
     * @param fluxError the flux's 1σ error (NaN when unavailable)
     * @param model     the best-fit model image (sky offset included), asked for only when the flux is not above its
     *                  error
     */
    static Verdict check(FitProblem p, SersicParams params, double fluxError, Supplier<double[]> model) {
        boolean flat = flatData(p);
        double flux = params.flux();
        double gain = Double.NaN;
        if (!flat) {
            if (flux > fluxError || Double.isNaN(fluxError)) return Verdict.SIGNAL;
            gain = improvement(p, model.get());
            if (gain >= 1) return Verdict.SIGNAL;
        }
        int flags = FitFlags.NO_SIGNAL;
        double scale = Double.isFinite(fluxError) && fluxError > 0 ? fluxError : dataScale(p);
        boolean atBound = !(flux > 1e-4 * scale);
        if (atBound) flags |= FitFlags.AT_BOUND;
        String why = flat ? "its fitted pixels are all equal"
                : String.format(Locale.ROOT, "the fitted galaxy beats an empty stamp by only Δχ² = %.2g", gain);
        String msg = String.format(Locale.ROOT, "no signal: %s (flux %.3g ± %.3g); flagged no_signal%s, the values mean "
                + "nothing", why, flux, fluxError, atBound ? " and at_bound" : "");
        return new Verdict(flags, msg);
    }

    /** Δχ² of the model against an empty stamp, Σ[d² − (d − m)²]/σ², σ² the likelihood's variance (NaN if unknown). */
    static double improvement(FitProblem p, double[] model) {
        double[] d = p.image().pixels(), sigma = p.sigma();
        boolean[] bad = p.excluded();
        NoiseModel noise = p.noise();
        double sum = 0;
        for (int i = 0; i < d.length; i++) {
            if (bad[i]) continue;
            double var;
            if (sigma != null && p.likelihood() == Likelihood.CHI2) var = sigma[i] * sigma[i];
            else if (noise != null) var = noise.variance(p.likelihood() == Likelihood.CHI2 ? d[i] : model[i]);
            else return Double.NaN;
            if (!(var > 0)) continue;
            double r = d[i] - model[i];
            sum += (d[i] * d[i] - r * r) / var;
        }
        return sum;
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

    /** The largest |pixel| of the fitted pixels (at least 1): the scale a flux is compared with without an error. */
    private static double dataScale(FitProblem p) {
        double[] d = p.image().pixels();
        boolean[] bad = p.excluded();
        double m = 0;
        for (int i = 0; i < d.length; i++) if (!bad[i]) m = Math.max(m, Math.abs(d[i]));
        return Math.max(m, 1);
    }
}
