package org.sersic4j.compare.estimators;

import java.util.Arrays;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitResult;
import org.sersic4j.render.SersicParams;

/** Turns fit results into estimates. */
final class FitEstimates {
    private FitEstimates() {}

    /** The estimate of a fit: a failed fit has no parameters and NaN errors; {@code extraSeconds} is added to its time. */
    static Estimate of(FitResult r, double extraSeconds) {
        boolean failed = (r.flags() & FitFlags.FAILED) != 0 || r.params() == null;
        return new Estimate(r.id(), failed ? null : r.params(), failed ? nan() : r.errors(), r.flags(),
                r.seconds() + extraSeconds, r.iterations(), r.evaluations());
    }

    /** The estimate of a stamp nothing could be said about: no parameters, NaN errors, {@link FitFlags#FAILED}. */
    static Estimate failed(String id, double seconds) {
        return new Estimate(id, null, nan(), FitFlags.FAILED, seconds, 0, 0);
    }

    /** Seven NaN errors. */
    static double[] nan() {
        double[] e = new double[SersicParams.COUNT];
        Arrays.fill(e, Double.NaN);
        return e;
    }
}
