package org.sersic4j.fit;

import org.sersic4j.render.Image;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.StampModel;

/**
 * Turns a finished {@link NormalEquationsLm} into a {@link FitResult}, as {@link OptimumSummary} does for the CPU fit but
 * from the device's sums at the end point: errors from the inverse of JᵀJ in the user's parameters, χ²ν and the
 * Gaussian log-likelihood from the sums of the χ² and ln 2πσ² terms. The model image is drawn on the host, by the
 * double-precision reference, only when asked for.
 */
final class DeviceFitSummary {
    private DeviceFitSummary() {}

    static FitResult summarise(FitProblem p, ParameterMap map, NormalEquationsLm lm, String estimator, String device,
                               double seconds, boolean withModel) {
        double[] sums = lm.sums();
        if (sums == null)
            return withDevice(FitResult.failed(p.id(), estimator, p.id() + ": the model at the starting point is not finite",
                    seconds), device);
        int count = map.count(), packed = count * (count + 1) / 2;
        double[][] h = NormalEquationsLm.thetaNormal(sums, count);
        int[] free = map.free();
        int nf = free.length;
        double[][] info = new double[nf][nf];
        for (int a = 0; a < nf; a++) for (int b = 0; b < nf; b++) info[a][b] = h[free[a]][free[b]];
        double[] variances = OptimumSummary.covarianceDiagonal(info);
        double[] errors = new double[SersicParams.COUNT];
        double skyError = 0;
        int flags = lm.stopFlag();
        for (int c = 0; c < nf; c++) {
            double e = Math.sqrt(variances[c]);
            if (free[c] == ParameterMap.SKY) skyError = e;
            else errors[free[c]] = e;
            if (!Double.isFinite(e)) flags |= FitFlags.ERRORS_UNAVAILABLE;
        }
        double chi2 = sums[packed + count + 1], logTerm = sums[packed + count + 2];
        int n = p.fittedPixels();
        if (!Double.isFinite(chi2) || !Double.isFinite(sums[packed + count])) flags |= FitFlags.NON_FINITE;
        if (map.atBound(lm.u())) flags |= FitFlags.AT_BOUND;
        if (p.maskedPixels() > 0) flags |= FitFlags.MASKED_PIXELS;
        if (p.badSigmaPixels() > 0) flags |= FitFlags.BAD_SIGMA;
        if (p.guessClamped()) flags |= FitFlags.GUESS_CLAMPED;
        ParameterMap.Mapped m = lm.at();
        SersicParams params = m.params();
        // The model is drawn on the host only for the rare stamp whose flux is not above its error.
        SignalCheck.Verdict signal = SignalCheck.check(p, params, errors[2], () -> {
            double[] px = new StampModel(p.image().width(), p.image().height(), p.psf(), p.settings()).model(params);
            for (int i = 0; i < px.length; i++) px[i] += m.sky();
            return px;
        });
        flags |= signal.flags();
        Image model = null;
        if (withModel) {
            double[] px = new StampModel(p.image().width(), p.image().height(), p.psf(), p.settings()).model(params);
            for (int i = 0; i < px.length; i++) px[i] += m.sky();
            model = new Image(p.image().width(), p.image().height(), px);
        }
        return new FitResult(p.id(), estimator, p.likelihood(), params, errors, m.sky(), skyError,
                chi2 / Math.max(1, n - nf), -0.5 * (chi2 + logTerm), n, nf, lm.iterations(), lm.evaluations(), seconds,
                flags, model, signal.message(), device, singleSersic(params, errors, m.sky(), skyError));
    }

    /** The component list of a one-Sérsic-plus-sky fit. */
    static FittedModel singleSersic(SersicParams params, double[] errors, double sky, double skyError) {
        double[] all = java.util.Arrays.copyOf(errors, SersicParams.COUNT + 1);
        all[SersicParams.COUNT] = skyError;
        return new FittedModel("sersic", org.sersic4j.render.model.Model.of(params, sky), all, 1);
    }

    static FitResult withDevice(FitResult r, String device) {
        return new FitResult(r.id(), r.estimator(), r.likelihood(), r.params(), r.errors(), r.sky(), r.skyError(),
                r.chi2nu(), r.logL(), r.fittedPixels(), r.freeParameters(), r.iterations(), r.evaluations(), r.seconds(),
                r.flags(), r.model(), r.message(), device, r.fitted());
    }
}
