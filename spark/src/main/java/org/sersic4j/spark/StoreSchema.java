package org.sersic4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.io.FitCatalog;
import org.sersic4j.render.SersicParams;

/**
 * The tables of a stamp store and of a catalogue, as Spark schemas.
 *
 * <p>A store is a directory holding {@code stamps/} (Parquet shards, one row per stamp) and {@code psfs/} (Parquet,
 * one row per PSF image, referred to by the stamps' {@code psf_key}). Stamp columns: {@code id}; {@code width},
 * {@code height} and {@code image} (float32 pixels, row-major, width × height of them); {@code sigma} (the σ map, same
 * shape, or null); {@code mask} (non-zero = left out, or null); {@code seg} (a segmentation map, or null);
 * {@code psf_key} (null: no PSF); {@code gain}, {@code rdnoise}, {@code sky} (the image's GAIN, RDNOISE, SKY, null
 * when unknown); {@code zeropoint} and {@code pixel_scale} (MAGZP or ZP, PIXSCALE); {@code source} (where the stamp
 * was read from); {@code error} (why it could not be read: then it has no pixels); and for simulated sets the truth {@code true_x0 … true_pa} (null for real data).
 *
 * <p>The catalogue has {@link FitCatalog#COLUMNS}, typed as {@link FitCatalog#row} types them ({@code id},
 * {@code estimator}, {@code device} strings; {@code flags}, {@code iterations}, {@code nfev} 64-bit integers; the
 * rest doubles).
 */
public final class StoreSchema {
    private StoreSchema() {}

    /** The stamps' directory inside a store. */
    public static final String STAMPS = "stamps";
    /** The PSF table's directory inside a store. */
    public static final String PSFS = "psfs";

    /** The truth columns: {@code true_} + each parameter name. */
    public static final List<String> TRUTH = truthColumns();

    /** One row per stamp. */
    public static final StructType STAMP = stampSchema();

    /**
     * One row per PSF image: its key (the file's absolute path), side, pixels as read (row-major, doubles, so that no
     * PSF loses precision), where it was read from, and why it could not be read (pixels null) where it could not.
     */
    public static final StructType PSF = new StructType(new StructField[] {
            field("psf_key", DataTypes.StringType, false),
            field("size", DataTypes.IntegerType, false),
            field("pixels", DataTypes.createArrayType(DataTypes.DoubleType, false), true),
            field("source", DataTypes.StringType, true),
            field("error", DataTypes.StringType, true)});

    /** The catalogue's rows: the columns of {@code sersic4j fit}, in its order. */
    public static final StructType CATALOGUE = catalogueSchema();

    private static List<String> truthColumns() {
        List<String> out = new ArrayList<>();
        for (String n : SersicParams.NAMES) out.add("true_" + n);
        return List.copyOf(out);
    }

    private static StructType stampSchema() {
        DataType floats = DataTypes.createArrayType(DataTypes.FloatType, false);
        List<StructField> f = new ArrayList<>(List.of(
                field("id", DataTypes.StringType, false),
                field("width", DataTypes.IntegerType, false),
                field("height", DataTypes.IntegerType, false),
                field("image", floats, false),
                field("sigma", floats, true),
                field("mask", floats, true),
                field("seg", floats, true),
                field("psf_key", DataTypes.StringType, true),
                field("gain", DataTypes.DoubleType, true),
                field("rdnoise", DataTypes.DoubleType, true),
                field("sky", DataTypes.DoubleType, true),
                field("zeropoint", DataTypes.DoubleType, true),
                field("pixel_scale", DataTypes.DoubleType, true),
                field("source", DataTypes.StringType, true),
                field("error", DataTypes.StringType, true)));
        for (String t : TRUTH) f.add(field(t, DataTypes.DoubleType, true));
        return new StructType(f.toArray(new StructField[0]));
    }

    /** The catalogue's columns typed as {@link FitCatalog#row} types them: strings, 64-bit integers, doubles. */
    private static StructType catalogueSchema() {
        Object[] sample = FitCatalog.row(FitResult.failed("id", "lm", "", 0), 0, Double.NaN);
        List<StructField> f = new ArrayList<>();
        for (int i = 0; i < sample.length; i++) {
            Object v = sample[i];
            DataType t = v instanceof Long || v instanceof Integer ? DataTypes.LongType
                    : v instanceof Number ? DataTypes.DoubleType : DataTypes.StringType;
            f.add(field(FitCatalog.COLUMNS.get(i), t, i != 0));
        }
        return new StructType(f.toArray(new StructField[0]));
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
