package org.sersic4j.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.sersic4j.fit.FitInputException;
import org.sersic4j.render.Image;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.io.PsfFiles;

/**
 * The PSF images of a store ({@link StoreSchema#PSF}), small enough to travel with every task: keyed by
 * {@code psf_key}, each turned into a {@link PixelPsf} once per JVM with the checks {@code fit} applies to a PSF file
 * (those of {@link PixelPsf#of} and the truncation check of {@link PsfFiles#read}).
 */
public final class PsfTable implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One PSF: its side and pixels, or why it could not be read. */
    public record Entry(int size, double[] pixels, String source, String error) implements Serializable {}

    private final Map<String, Entry> entries;
    private transient Map<String, Object> built;

    /** A table of the given entries. */
    public PsfTable(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    /** Reads a PSF table (rows of {@link StoreSchema#PSF}); collects it to the driver. */
    public static PsfTable of(Dataset<Row> psfs) {
        Map<String, Entry> m = new HashMap<>();
        for (Row r : psfs.collectAsList()) m.put(r.getString(r.fieldIndex("psf_key")), entry(r));
        return new PsfTable(m);
    }

    /** The entry as a row of {@link StoreSchema#PSF}. */
    public static Row row(String key, Entry e) {
        return RowFactory.create(key, e.size(), e.pixels(), e.source(), e.error());
    }

    private static Entry entry(Row r) {
        int pi = r.fieldIndex("pixels");
        double[] px = null;
        if (!r.isNullAt(pi)) {
            List<Object> l = r.getList(pi);
            px = new double[l.size()];
            for (int i = 0; i < px.length; i++) px[i] = ((Number) l.get(i)).doubleValue();
        }
        int si = r.fieldIndex("source"), ei = r.fieldIndex("error");
        return new Entry(r.getInt(r.fieldIndex("size")), px, r.isNullAt(si) ? null : r.getString(si),
                r.isNullAt(ei) ? null : r.getString(ei));
    }

    /** The keys. */
    public java.util.Set<String> keys() {
        return entries.keySet();
    }

    /**
     * The PSF under {@code key}, normalised; a missing key, an unreadable or unusable PSF is a
     * {@link FitInputException} naming the PSF and the stamp.
     */
    public PixelPsf get(String key, boolean pixelIncluded, String stamp) {
        Object o = cache().computeIfAbsent(key + (pixelIncluded ? "\u0000p" : "\u0000n"), k -> build(key, pixelIncluded));
        if (o instanceof String problem) throw new FitInputException(problem + " (the PSF of " + stamp + ")");
        return (PixelPsf) o;
    }

    private synchronized Map<String, Object> cache() {
        if (built == null) built = new ConcurrentHashMap<>();
        return built;
    }

    private Object build(String key, boolean pixelIncluded) {
        Entry e = entries.get(key);
        if (e == null) return key + ": not in the store's PSF table";
        String source = e.source() != null ? e.source() : key;
        if (e.error() != null || e.pixels() == null) return source + ": " + (e.error() != null ? e.error() : "no pixels");
        try {
            PixelPsf psf = PixelPsf.of(new Image(e.size(), e.size(), e.pixels().clone()), pixelIncluded, source);
            double edge = psf.edgeFraction();
            if (psf.size() > 1 && edge > PsfFiles.MAX_EDGE_FRACTION)
                return String.format(Locale.ROOT, "%s: PSF looks truncated: its outer ring of pixels holds %.1f%% of the"
                        + " light (at most %.0f%% allowed); use a larger PSF stamp", source, 100 * edge,
                        100 * PsfFiles.MAX_EDGE_FRACTION);
            return psf;
        } catch (IllegalArgumentException ex) {
            String m = ex.getMessage() == null ? "invalid PSF" : ex.getMessage();
            return m.startsWith(source + ": ") ? m : source + ": " + m;
        }
    }
}
