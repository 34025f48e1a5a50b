package org.sersic4j.validation.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.sersic4j.compare.Estimator;
import org.sersic4j.compare.estimators.CnnEstimator;
import org.sersic4j.compare.estimators.Estimators;
import org.sersic4j.compare.estimators.LmEstimator;
import org.sersic4j.compare.estimators.SeededEstimator;

/**
 * The estimators of a comparison, added by the names {@code sersic4j compare} and {@code sersic4j run} use, in order:
 * <ul>
 *   <li>{@code cnn}: the network, with its MC-dropout errors ({@link Network#estimator()});</li>
 *   <li>{@code lm}, {@code bfgs}, {@code gaussian}: the estimators of {@link Estimators#byName};</li>
 *   <li>{@code SEED+lm}: Levenberg–Marquardt started from the answers of {@code SEED} — an estimator added before
 *   (a catalogue, say) or one of the names above. A network seed is its point estimate alone, so the seeded fit's
 *   time holds no dropout passes.</li>
 * </ul>
 * Estimators made elsewhere (catalogues) are added as they are. Names must differ.
 */
public final class EstimatorSet {
    /** The suffix of a fit seeded by another estimator. */
    public static final String SEEDED = "+lm";

    private final Map<String, Estimator> byName = new LinkedHashMap<>();
    private final Network network;
    private final int threads;
    private final Consumer<String> problems;
    private final String fitDevice;

    /**
     * An empty set.
     *
     * @param network  the network for {@code cnn} (loaded only if asked for)
     * @param threads  stamps at once for the fitters (≤ 0: every core)
     * @param problems receives one line per stamp a fitter could not fit
     */
    public EstimatorSet(Network network, int threads, Consumer<String> problems) {
        this(network, threads, problems, "java");
    }

    /** As above, {@code lm} and {@code SEED+lm} fitting on {@code fitDevice} (as {@code fit --device} names it). */
    public EstimatorSet(Network network, int threads, Consumer<String> problems, String fitDevice) {
        this.network = Objects.requireNonNull(network, "network");
        this.threads = threads;
        this.problems = Objects.requireNonNull(problems, "problems");
        this.fitDevice = Objects.requireNonNull(fitDevice, "fitDevice");
    }

    /** Adds an estimator made elsewhere. */
    public EstimatorSet add(Estimator e) {
        if (byName.putIfAbsent(e.name(), e) != null)
            throw new IllegalArgumentException("two estimators are named '" + e.name() + "'; names must differ");
        return this;
    }

    /** Adds the estimator of this name (see the class comment); an unknown name is an IllegalArgumentException. */
    public EstimatorSet add(String name) {
        String k = name.trim();
        if (k.toLowerCase(Locale.ROOT).endsWith(SEEDED) && k.length() > SEEDED.length())
            return add(new SeededEstimator(seed(k.substring(0, k.length() - SEEDED.length())), new LmEstimator(threads, problems, fitDevice)));
        return add(runnable(k.toLowerCase(Locale.ROOT)));
    }

    /** Adds Levenberg–Marquardt seeded by {@code seedName}: the same as {@code add(seedName + "+lm")}. */
    public EstimatorSet seeded(String seedName) {
        return add(seedName + SEEDED);
    }

    /** The estimators, in the order added. */
    public List<Estimator> list() {
        return List.copyOf(byName.values());
    }

    /** Whether none has been added. */
    public boolean isEmpty() {
        return byName.isEmpty();
    }

    private Estimator runnable(String name) {
        return name.equals("cnn") ? network.estimator() : Estimators.byName(name, threads, problems, fitDevice);
    }

    private Estimator seed(String name) {
        Estimator added = byName.get(name);
        if (added == null) added = byName.get(name.toLowerCase(Locale.ROOT));
        if (added instanceof CnnEstimator || (added == null && name.equalsIgnoreCase("cnn"))) return network.seed();
        if (added != null) return added;
        List<String> known = new ArrayList<>(byName.keySet());
        known.add("cnn");
        known.addAll(Estimators.NAMES);
        if (!Estimators.NAMES.contains(name.toLowerCase(Locale.ROOT)))
            throw new IllegalArgumentException("no estimator named '" + name + "' to start the fits from (have "
                    + String.join(", ", known.stream().distinct().toList()) + ")");
        return runnable(name.toLowerCase(Locale.ROOT));
    }
}
