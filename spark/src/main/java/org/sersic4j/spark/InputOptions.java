package org.sersic4j.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where the stamps come from: a store, or stamp files put into one first. */
public final class InputOptions {

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Stamps (one of):%n")
    Source source;

    static final class Source {
        @Option(names = "--store", paramLabel = "DIR", description = "A stamp store written by 'sersic4j ingest' (any path Spark reads: file:, hdfs://, s3a://).")
        String store;

        @Option(names = "--images", arity = "1..*", paramLabel = "DIR|FILE",
                description = "Stamp images: FITS files or directories of them, as for 'fit' (put into a store first).")
        List<Path> images;

        @Option(names = "--manifest", paramLabel = "M.csv", description = "Per-stamp files: columns id,image,sigma,mask,seg,psf, as for 'fit'.")
        Path manifest;
    }

    @Option(names = "--psf", paramLabel = "PSF.fits", description = "One PSF for every stamp file (else each stamp's PSFFILE keyword).")
    Path psf;

    @Option(names = "--sigma", paramLabel = "DIR", description = "σ maps, paired with the images by file name.")
    Path sigmaDir;

    @Option(names = "--mask", paramLabel = "DIR", description = "Masks (non-zero = bad), paired with the images by file name.")
    Path maskDir;

    @Option(names = "--shard-size", paramLabel = "N",
            description = "Stamps per shard of a store written here (default: ${DEFAULT-VALUE}; at least four shards per core).")
    int shardSize = StampStore.DEFAULT_SHARD_SIZE;

    /** The stamp files named by --images or --manifest. */
    List<StampFilesRef> files() {
        if (source.manifest != null) return StampFilesRef.fromManifest(source.manifest, psf);
        return StampFilesRef.fromImages(source.images, sigmaDir, maskDir, psf);
    }

    /** The store named by --store, or the one written (once) under {@code out}/store from the stamp files. */
    StampStore store(SparkSession spark, String out, Consumer<String> log) {
        if (source.store != null) {
            if (psf != null || sigmaDir != null || maskDir != null)
                throw new IllegalArgumentException("--psf, --sigma and --mask go with --images or --manifest (a store holds its PSFs and maps)");
            return new StampStore(source.store);
        }
        StampStore s = new StampStore(new org.apache.hadoop.fs.Path(out, "store").toString());
        if (s.complete(spark.sparkContext().hadoopConfiguration())) {
            log.accept("reusing the stamp store " + s.dir() + " (written by an earlier run)");
            return s;
        }
        StampStore.Summary sum = s.write(spark, files(), shardSize);
        log.accept(describe(sum, s));
        return s;
    }

    static String describe(StampStore.Summary s, StampStore store) {
        return String.format(Locale.ROOT, "stored %d stamps (%d unreadable) in %d shards with %d PSF%s in %.1f s: %s",
                s.stamps(), s.unreadable(), s.shards(), s.psfs(), s.psfs() == 1 ? "" : "s", s.seconds(), store.dir());
    }
}
