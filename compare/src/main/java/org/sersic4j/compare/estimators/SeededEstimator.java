package org.sersic4j.compare.estimators;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.sersic4j.compare.Estimator;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitResult;
import org.sersic4j.render.SersicParams;

/**
 * A fit started from another estimator's answer (a network's, typically): the seed estimator runs first, then the
 * fitter starts each stamp from the seed's parameters instead of the automatic guess.
 *
 * <ul>
 *   <li>A seed outside the fit's bounds (q &gt; 1, n out of range, a centre off the stamp, …) is moved inside them,
 *   as the fitter does with any guess, and the estimate is flagged {@link FitFlags#GUESS_CLAMPED}.</li>
 *   <li>A stamp the seed failed on (no parameters, or a value that is not finite) starts from the automatic guess, so
 *   that it is still fitted; the seed's own estimate shows its failure.</li>
 *   <li>The estimate's seconds are the seed's seconds for that galaxy plus the fit's (NaN when the seed's time is
 *   unknown), its iterations and evaluations the fit's; the seed's
 *   {@link FitFlags#OUT_OF_TRAINING_RANGE} bit is carried over.</li>
 * </ul>
 * Named {@code <seed>+<fitter>}, e.g. {@code cnn+lm}. The progress reported is the fit's.
 */
public final class SeededEstimator implements Estimator {
    private final Estimator seed;
    private final FitterEstimator fitter;

    /** Levenberg–Marquardt ({@link LmEstimator}, every core) from the answers of {@code seed}. */
    public SeededEstimator(Estimator seed) {
        this(seed, new LmEstimator());
    }

    /** {@code fitter} from the answers of {@code seed}. */
    public SeededEstimator(Estimator seed, FitterEstimator fitter) {
        this.seed = Objects.requireNonNull(seed, "seed");
        this.fitter = Objects.requireNonNull(fitter, "fitter");
    }

    @Override
    public String name() {
        return seed.name() + "+" + fitter.name();
    }

    @Override
    public String description() {
        return fitter.name() + " started from the answers of " + seed.name() + " (time includes " + seed.name() + "'s)";
    }

    @Override
    public boolean timedHere() {
        return seed.timedHere();
    }

    @Override
    public List<Estimate> estimate(List<StampInput> stamps, IntConsumer progress) {
        List<Estimate> seeds = seed.estimate(stamps, done -> { });
        if (seeds.size() != stamps.size())
            throw new IllegalStateException("seed estimator " + seed.name() + " returned " + seeds.size()
                    + " estimates for " + stamps.size() + " stamps");
        List<SersicParams> guesses = new ArrayList<>(stamps.size());
        for (Estimate e : seeds) guesses.add(usable(e.params()) ? e.params() : null);
        List<FitResult> fits = fitter.fitResults(stamps, guesses, progress);
        List<Estimate> out = new ArrayList<>(stamps.size());
        for (int i = 0; i < fits.size(); i++) {
            Estimate s = seeds.get(i);
            if (!stamps.get(i).id().equals(s.id()))
                throw new IllegalStateException("seed estimator " + seed.name() + " answered '" + s.id()
                        + "' for stamp '" + stamps.get(i).id() + "'");
            Estimate f = FitEstimates.of(fits.get(i), s.seconds());
            int flags = f.flags() | (s.flags() & FitFlags.OUT_OF_TRAINING_RANGE);
            out.add(new Estimate(f.id(), f.params(), f.errors(), flags, f.seconds(), f.iterations(), f.nfev()));
        }
        return out;
    }

    private static boolean usable(SersicParams p) {
        if (p == null) return false;
        for (double v : p.toArray()) if (!Double.isFinite(v)) return false;
        return true;
    }
}
