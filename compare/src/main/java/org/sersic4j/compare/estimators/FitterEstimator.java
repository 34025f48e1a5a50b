package org.sersic4j.compare.estimators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.sersic4j.compare.Estimator;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.fit.BatchFitter;
import org.sersic4j.fit.FitDevices;
import org.sersic4j.fit.BatchItem;
import org.sersic4j.fit.FitProblem;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.Fitter;
import org.sersic4j.render.SersicParams;

/**
 * A classical {@link Fitter} as an estimator: each stamp becomes the fit problem {@code sersic4j fit} would make of it
 * by default ({@link StampInput#problem()}: automatic starting point, default bounds, Poisson likelihood where the
 * noise model is known and χ² with the σ map otherwise, the fitters' render settings), and the stamps are fitted in
 * parallel by {@link BatchFitter}. An estimate's seconds are the fit's own wall time.
 */
public class FitterEstimator implements Estimator {
    private final Fitter fitter;
    private final String description;
    private final int threads;
    private final Consumer<String> problems;
    private final String device;

    /**
     * @param fitter      the method
     * @param description one line on what it does, for the report
     * @param threads     fits at once (≤ 0: every core)
     * @param problems    receives one line per stamp that could not be fitted (the estimate comes back failed)
     */
    public FitterEstimator(Fitter fitter, String description, int threads, Consumer<String> problems) {
        this(fitter, description, threads, problems, "java");
    }

    /** As above, fitting on a device ({@link FitDevices} names it; {@code java}: one galaxy per thread on the CPU). */
    public FitterEstimator(Fitter fitter, String description, int threads, Consumer<String> problems, String device) {
        this.fitter = Objects.requireNonNull(fitter, "fitter");
        this.description = Objects.requireNonNull(description, "description");
        this.threads = threads;
        this.problems = Objects.requireNonNull(problems, "problems");
        this.device = Objects.requireNonNull(device, "device");
    }

    @Override
    public String name() {
        return fitter.name();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<Estimate> estimate(List<StampInput> stamps, IntConsumer progress) {
        List<Estimate> out = new ArrayList<>(stamps.size());
        for (FitResult r : fitResults(stamps, null, progress)) out.add(FitEstimates.of(r, 0));
        return out;
    }

    /**
     * Fits every stamp, stamp i from {@code guesses.get(i)} when that is non-null (moved inside the bounds, and
     * flagged, where it lies outside them) and from the automatic guess otherwise; {@code guesses} null means the
     * automatic guess everywhere. Results come back as fit results, in the stamps' order.
     */
    List<FitResult> fitResults(List<StampInput> stamps, List<SersicParams> guesses, IntConsumer progress) {
        if (guesses != null && guesses.size() != stamps.size())
            throw new IllegalArgumentException(stamps.size() + " stamps but " + guesses.size() + " guesses");
        Set<String> ids = new HashSet<>();
        List<BatchItem> items = new ArrayList<>(stamps.size());
        for (int i = 0; i < stamps.size(); i++) {
            StampInput s = stamps.get(i);
            if (!ids.add(s.id())) throw new IllegalArgumentException("duplicate stamp id '" + s.id() + "'");
            SersicParams g = guesses == null ? null : guesses.get(i);
            items.add(new BatchItem(s.id(), () -> problem(s, g)));
        }
        Map<String, FitResult> byId = new HashMap<>();
        FitDevices.runner(device, fitter, threads, false, null).run(items, Set.of(), (r, p) -> {
            byId.put(r.id(), r.withoutModel());
            progress.accept(1);
        }, problems);
        List<FitResult> out = new ArrayList<>(stamps.size());
        for (StampInput s : stamps) out.add(byId.get(s.id()));
        return out;
    }

    private static FitProblem problem(StampInput s, SersicParams guess) {
        FitProblem p = s.problem().build();
        return guess == null ? p : p.withGuess(guess);
    }
}
