package org.sersic4j.compare;

import java.util.List;
import java.util.function.IntConsumer;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.render.io.Table;

/**
 * Anything that turns stamps into Sérsic parameters — a classical fit, a fit seeded by another estimator, a baseline,
 * a neural network, or a catalogue made elsewhere — behind one call, so that all are judged the same way.
 *
 * <p>The contract of {@link #estimate(List, IntConsumer)}:
 * <ul>
 *   <li>one {@link Estimate} per stamp, in the stamps' order, carrying the stamp's id;</li>
 *   <li>a stamp that cannot be estimated does not stop the batch: its estimate has {@code params} null (or NaN
 *   values) and {@link org.sersic4j.fit.FitFlags#FAILED} set;</li>
 *   <li>{@link Estimate#seconds()} is the wall time spent on that galaxy (for a batched network, its share of the
 *   batch's time), so that estimators can be compared per galaxy;</li>
 *   <li>parameters follow the project's conventions (FITS 1-based centre, flux in ADU, r_e in pixels along the major
 *   axis, q ≤ 1, PA in degrees counter-clockwise from +y).</li>
 * </ul>
 * Implementations may work in parallel over the stamps. A network only needs an adapter implementing this interface
 * around its prediction call.
 */
public interface Estimator {

    /** A short name, used for catalogue file names, the {@code estimator} column and the report ({@code lm}, {@code cnn}). */
    String name();

    /**
     * Estimates every stamp.
     *
     * @param stamps   the stamps
     * @param progress told how many more stamps are done each time some finish (for a progress bar); may be called
     *                 from several threads at once, so it must be thread-safe
     * @return one estimate per stamp, in order
     */
    List<Estimate> estimate(List<StampInput> stamps, IntConsumer progress);

    /** {@link #estimate(List, IntConsumer)} without progress reports. */
    default List<Estimate> estimate(List<StampInput> stamps) {
        return estimate(stamps, done -> { });
    }

    /** One line on what this estimator does, for the report's notes (by default its name). */
    default String description() {
        return name();
    }

    /**
     * Whether {@link Estimate#seconds()} was measured by this call (true) or recorded elsewhere, as in a catalogue read
     * from disk (false): only in the first case does the wall time of the call say anything about throughput.
     */
    default boolean timedHere() {
        return true;
    }

    /**
     * The table this estimator's answers were read from, with every column it had (the multi-component view scores
     * its per-component columns); null for estimators that compute their answers.
     */
    default Table catalogue() {
        return null;
    }
}
