package org.sersic4j.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A function from a partition of stamp rows ({@link StoreSchema#STAMP} columns, found by name) to catalogue rows
 * ({@link StoreSchema#CATALOGUE}), one per stamp, whatever befalls it. The partition is worked through in chunks, so a
 * task holds one chunk of stamps at a time, and each result row is handed on as soon as its chunk is done.
 */
public abstract class StampPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    /** Stamps per chunk. */
    private final int chunk;

    protected StampPartition(int chunk) {
        if (chunk < 1) throw new IllegalArgumentException("chunk must be >= 1");
        this.chunk = chunk;
    }

    /** The catalogue rows of one chunk of stamps (as {@link org.sersic4j.fit.io.FitCatalog#row} values), one per stamp. */
    protected abstract List<Object[]> process(List<StoreStamp> stamps);

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        return new Iterator<>() {
            private Iterator<Object[]> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && input.hasNext()) {
                    List<StoreStamp> stamps = new ArrayList<>(chunk);
                    while (stamps.size() < chunk && input.hasNext()) stamps.add(StoreStamp.of(input.next()));
                    current = process(stamps).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return RowFactory.create(current.next());
            }
        };
    }

    /** Reports a stamp's problem on the task's standard error, as {@code fit} reports it on its own. */
    protected static void report(String line) {
        System.err.println("sersic4j: " + line);
    }
}
