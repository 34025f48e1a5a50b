package org.sersic4j.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The library entry point, for Spark jobs of one's own: a Dataset of stamps (the columns of {@link StoreSchema#STAMP},
 * e.g. a store's {@code stamps/} read with {@code spark.read().parquet(...)}, filtered or joined as one likes) and the
 * PSF table they refer to become a Dataset of catalogue rows ({@link StoreSchema#CATALOGUE}: the columns of
 * {@code sersic4j fit}), one per stamp, with the partitioning of the input. Each partition runs the existing fitter or
 * network; nothing is written.
 *
 * <pre>{@code
 * Dataset<Row> stamps = spark.read().parquet("hdfs:///survey/store/stamps").filter("gain > 0");
 * Dataset<Row> psfs = spark.read().parquet("hdfs:///survey/store/psfs");
 * Dataset<Row> cat = SersicSpark.fit(stamps, psfs, "lm", StampOptions.defaults());
 * cat.write().parquet("hdfs:///survey/sersic");
 * }</pre>
 */
public final class SersicSpark {
    private SersicSpark() {}

    /**
     * Fits every stamp (Levenberg–Marquardt {@code lm} or {@code bfgs}, the double-precision Java path of
     * {@code fit --device java}). The PSF table is collected to the driver and travels with the tasks.
     */
    public static Dataset<Row> fit(Dataset<Row> stamps, Dataset<Row> psfs, String method, StampOptions options) {
        return stamps.mapPartitions(new FitPartition(method, options, PsfTable.of(psfs)), Encoders.row(StoreSchema.CATALOGUE));
    }

    /**
     * The network's answers for every stamp, as {@code sersic4j predict} gives them.
     *
     * @param model     a model file (its card beside it), or null for the shipped model; every executor must read it
     * @param mcSamples MC-dropout passes for errors (0: none), seeded by stamp id
     * @param batch     stamps per forward pass
     */
    public static Dataset<Row> predict(Dataset<Row> stamps, Dataset<Row> psfs, String model, int mcSamples, int batch,
                                       StampOptions options) {
        return stamps.mapPartitions(new PredictPartition(model, mcSamples, batch, options, PsfTable.of(psfs)),
                Encoders.row(StoreSchema.CATALOGUE));
    }
}
