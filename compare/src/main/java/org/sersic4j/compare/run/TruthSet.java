package org.sersic4j.compare.run;

import java.nio.file.Path;
import java.util.List;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.result.TruthRow;

/**
 * A simulated set read from disk: the stamps and their truth, row i of one belonging to row i of the other.
 *
 * @param directory where it was read from
 * @param stamps    the stamps, in the truth catalogue's order
 * @param truth     the truth rows, in the same order
 */
public record TruthSet(Path directory, List<StampInput> stamps, List<TruthRow> truth) {

    /** Checks that stamps and truth pair up by id. */
    public TruthSet {
        stamps = List.copyOf(stamps);
        truth = List.copyOf(truth);
        if (stamps.size() != truth.size())
            throw new IllegalArgumentException(stamps.size() + " stamps but " + truth.size() + " truth rows");
        for (int i = 0; i < stamps.size(); i++)
            if (!stamps.get(i).id().equals(truth.get(i).id()))
                throw new IllegalArgumentException("stamp " + (i + 1) + " is '" + stamps.get(i).id() + "' but its truth row is '"
                        + truth.get(i).id() + "'");
    }

    /** Number of stamps. */
    public int size() {
        return stamps.size();
    }
}
