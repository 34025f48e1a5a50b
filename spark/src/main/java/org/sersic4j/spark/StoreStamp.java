package org.sersic4j.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of a stamp store ({@link StoreSchema#STAMP}) as plain Java values. A stamp that could not be read when the
 * store was made keeps its row with no pixels (width and height 0) and the reason in {@code error}, so that a fit or
 * prediction gives it a {@code failed} catalogue row, as {@code fit} does for an unreadable file.
 *
 * @param truth the seven true parameters of a simulated stamp (x0, y0, flux, re, n, q, pa), or null
 */
public record StoreStamp(String id, int width, int height, float[] image, float[] sigma, float[] mask, float[] seg,
                         String psfKey, Double gain, Double rdnoise, Double sky, Double zeropoint, Double pixelScale,
                         String source, String error, double[] truth) implements Serializable {

    /** A stamp that could not be read: no pixels, and why. */
    public static StoreStamp unreadable(String id, String source, String error) {
        return new StoreStamp(id, 0, 0, new float[0], null, null, null, null, null, null, null, null, null, source,
                error, null);
    }

    /** The row of {@link StoreSchema#STAMP}. */
    public Row toRow() {
        Object[] v = new Object[StoreSchema.STAMP.size()];
        int i = 0;
        v[i++] = id;
        v[i++] = width;
        v[i++] = height;
        v[i++] = image;
        v[i++] = sigma;
        v[i++] = mask;
        v[i++] = seg;
        v[i++] = psfKey;
        v[i++] = gain;
        v[i++] = rdnoise;
        v[i++] = sky;
        v[i++] = zeropoint;
        v[i++] = pixelScale;
        v[i++] = source;
        v[i++] = error;
        for (int k = 0; k < StoreSchema.TRUTH.size(); k++) v[i++] = truth == null ? null : truth[k];
        return RowFactory.create(v);
    }

    /** Reads a row that has (at least) the columns of {@link StoreSchema#STAMP}, by name. */
    public static StoreStamp of(Row r) {
        double[] truth = null;
        if (!r.isNullAt(r.fieldIndex(StoreSchema.TRUTH.get(0)))) {
            truth = new double[StoreSchema.TRUTH.size()];
            for (int k = 0; k < truth.length; k++) truth[k] = orNaN(number(r, StoreSchema.TRUTH.get(k)));
        }
        return new StoreStamp(r.getString(r.fieldIndex("id")), r.getInt(r.fieldIndex("width")),
                r.getInt(r.fieldIndex("height")), floats(r, "image"), floats(r, "sigma"), floats(r, "mask"),
                floats(r, "seg"), text(r, "psf_key"), number(r, "gain"), number(r, "rdnoise"), number(r, "sky"),
                number(r, "zeropoint"), number(r, "pixel_scale"), text(r, "source"), text(r, "error"), truth);
    }

    /** Where the stamp came from, for messages: its source file, else its id. */
    public String name() {
        return source != null ? source : id;
    }

    private static float[] floats(Row r, String column) {
        int i = r.fieldIndex(column);
        if (r.isNullAt(i)) return null;
        List<Object> list = r.getList(i);
        float[] out = new float[list.size()];
        for (int k = 0; k < out.length; k++) out[k] = ((Number) list.get(k)).floatValue();
        return out;
    }

    private static String text(Row r, String column) {
        int i = r.fieldIndex(column);
        return r.isNullAt(i) ? null : r.getString(i);
    }

    private static Double number(Row r, String column) {
        int i = r.fieldIndex(column);
        return r.isNullAt(i) ? null : r.getDouble(i);
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }
}
