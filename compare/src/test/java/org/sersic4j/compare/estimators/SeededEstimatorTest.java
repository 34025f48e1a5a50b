package org.sersic4j.compare.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.sersic4j.compare.Estimator;
import org.sersic4j.compare.SimulatedStamps;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.SersicParams;

/**
 * A fit seeded by another estimator: started at the truth it needs fewer iterations than from the automatic guess,
 * its time includes the seed's, seeds outside the bounds are clamped and flagged, and a failed seed falls back to the
 * automatic guess.
 */
class SeededEstimatorTest {
    private static final double SEED_SECONDS = 1000;

    /** An estimator answering {@code answer(i)} for stamp i, claiming {@link #SEED_SECONDS} per stamp. */
    private record Fixed(List<SersicParams> answers, int flags) implements Estimator {
        @Override
        public String name() {
            return "oracle";
        }

        @Override
        public List<Estimate> estimate(List<StampInput> stamps, IntConsumer progress) {
            List<Estimate> out = new ArrayList<>();
            for (int i = 0; i < stamps.size(); i++)
                out.add(new Estimate(stamps.get(i).id(), answers.get(i), FitEstimates.nan(), flags, SEED_SECONDS, 0, 0));
            progress.accept(stamps.size());
            return out;
        }
    }

    private static Fixed oracle(List<SersicParams> truth, Function<SersicParams, SersicParams> change, int flags) {
        List<SersicParams> a = new ArrayList<>();
        for (SersicParams t : truth) a.add(change.apply(t));
        return new Fixed(a, flags);
    }

    @Test
    void startingAtTheTruthTakesFewerIterationsAndTheTimeIncludesTheSeeds() {
        SimulatedStamps.Set set = SimulatedStamps.make(12, 32, 10000, 40000, 31, RenderSettings.DEFAULT);
        LmEstimator lm = new LmEstimator(2, line -> { });
        List<Estimate> cold = lm.estimate(set.stamps());
        SeededEstimator seeded = new SeededEstimator(oracle(set.truth(), t -> t, FitFlags.OUT_OF_TRAINING_RANGE), lm);
        assertEquals("oracle+lm", seeded.name());
        List<Estimate> warm = seeded.estimate(set.stamps());
        int coldIterations = 0, warmIterations = 0;
        for (int i = 0; i < cold.size(); i++) {
            Estimate c = cold.get(i), w = warm.get(i);
            assertEquals(c.id(), w.id());
            assertTrue((w.flags() & FitFlags.CONVERGED) != 0, w.id());
            assertTrue((w.flags() & FitFlags.OUT_OF_TRAINING_RANGE) != 0, "the seed's training-range bit is kept");
            assertTrue(w.seconds() > SEED_SECONDS && w.seconds() < SEED_SECONDS + 30, "seed + fit seconds: " + w.seconds());
            assertEquals(c.params().flux(), w.params().flux(), 0.01 * c.params().flux(), "both reach the same optimum");
            coldIterations += c.iterations();
            warmIterations += w.iterations();
        }
        assertTrue(warmIterations < coldIterations, "seeded " + warmIterations + " vs cold " + coldIterations + " iterations");
    }

    @Test
    void seedsOutsideTheBoundsAreClampedAndFailedSeedsFallBackToTheAutomaticGuess() {
        SimulatedStamps.Set set = SimulatedStamps.make(2, 32, 20000, 20000, 41, RenderSettings.DEFAULT);
        LmEstimator lm = new LmEstimator(1, line -> { });
        List<SersicParams> answers = new ArrayList<>();
        SersicParams t = set.truth().get(0);
        answers.add(new SersicParams(t.x0(), t.y0(), t.flux(), t.re(), t.n(), 1.3, t.pa()));
        answers.add(null);
        List<Estimate> est = new SeededEstimator(new Fixed(answers, 0), lm).estimate(set.stamps());
        assertTrue((est.get(0).flags() & FitFlags.GUESS_CLAMPED) != 0, FitFlags.names(est.get(0).flags()).toString());
        assertTrue((est.get(0).flags() & FitFlags.CONVERGED) != 0);
        assertTrue((est.get(1).flags() & FitFlags.GUESS_CLAMPED) == 0);
        assertTrue((est.get(1).flags() & FitFlags.CONVERGED) != 0, "fitted from the automatic guess");
        assertEquals(set.truth().get(1).flux(), est.get(1).params().flux(), 0.1 * set.truth().get(1).flux());
    }
}
