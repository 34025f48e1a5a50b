package org.sersic4j.render.io;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.util.Cursor;
import org.sersic4j.io.ErrorLine;
import org.sersic4j.io.InvalidInputException;

/**
 * Conversion between FITS headers and plain maps, shared by the readers and writers.
 *
 * <p>Keys are upper-cased. A key of at most 8 characters from {@code A-Z 0-9 _ -} is written as a standard keyword;
 * any other key (longer, or with other characters) is written with the ESO {@code HIERARCH} convention
 * ({@code HIERARCH FIT_CHI2_REDUCED = ...}) and read back under the same name. Keys are never truncated.
 * Structural keywords (SIMPLE, BITPIX, NAXISn, BSCALE, TFORMn, ...) are ignored on writing: the data define them.
 * A COMMENT or HISTORY value that is a collection is written as one card per element, in order.
 */
final class FitsHeaders {

    /** nom-tam logs warnings with stack traces on stderr for every damaged file; the errors we throw say it all. */
    private static final Logger NOM_TAM_LOG = Logger.getLogger("nom.tam");

    static {
        NOM_TAM_LOG.setLevel(Level.OFF);
    }

    private static final String HIERARCH = "HIERARCH.";
    private static final Pattern STANDARD_KEY = Pattern.compile("[A-Z0-9_-]{1,8}");
    private static final Set<String> STRUCTURAL = Set.of("SIMPLE", "BITPIX", "NAXIS", "EXTEND", "XTENSION", "PCOUNT",
            "GCOUNT", "GROUPS", "END", "BSCALE", "BZERO", "BLANK", "TFIELDS", "THEAP", "CHECKSUM", "DATASUM");
    private static final Pattern STRUCTURAL_INDEXED =
            Pattern.compile("(NAXIS|TFORM|TTYPE|TUNIT|TNULL|TSCAL|TZERO|TDIM|TDISP|TBCOL)[0-9]+");

    private FitsHeaders() {
    }

    /** Makes sure nom-tam's logging is silenced; call before using nom-tam. */
    static void init() {
        // the static initialiser does the work
    }

    /** The key/value cards of a header, in order; HIERARCH keys lose their prefix; comment cards are skipped. */
    static Map<String, Object> toMap(Header h) {
        Map<String, Object> m = new LinkedHashMap<>();
        Cursor<String, HeaderCard> it = h.iterator();
        while (it.hasNext()) {
            HeaderCard c = it.next();
            if (!c.isKeyValuePair() || c.getKey() == null) continue;
            String key = c.getKey();
            if (key.startsWith(HIERARCH)) key = key.substring(HIERARCH.length());
            m.put(key, valueOf(c));
        }
        return m;
    }

    private static Object valueOf(HeaderCard c) {
        String raw = c.getValue();
        if (raw == null) return null;
        try {
            if (c.valueType() == Boolean.class) return c.getValue(Boolean.class, null);
            if (c.isIntegerType()) {
                BigInteger b = new BigInteger(raw.trim());
                return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
            }
            if (c.isDecimalType()) return Double.parseDouble(raw.trim().replace('D', 'E').replace('d', 'e'));
        } catch (RuntimeException e) {
            return raw;
        }
        return raw;
    }

    /** Adds the map's keywords to a header (see the class comment for naming and skipped keywords). */
    static void apply(Path file, Header h, Map<String, Object> values) {
        fixSimpleComment(h);
        if (values == null) return;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) continue;
            String key = e.getKey().trim().toUpperCase(Locale.ROOT);
            if (key.startsWith(HIERARCH)) key = key.substring(HIERARCH.length());
            if (key.isEmpty() || STRUCTURAL.contains(key) || STRUCTURAL_INDEXED.matcher(key).matches()) continue;
            Object v = e.getValue();
            try {
                if (key.equals("COMMENT") || key.equals("HISTORY")) {
                    for (Object line : v instanceof Collection<?> lines ? lines : List.of(v)) {
                        if (key.equals("COMMENT")) h.insertComment(String.valueOf(line));
                        else h.insertHistory(String.valueOf(line));
                    }
                } else put(h, STANDARD_KEY.matcher(key).matches() ? key : HIERARCH + key, v);
            } catch (Exception ex) {
                throw new InvalidInputException(file, "cannot write header keyword " + e.getKey() + " = " + v
                        + " (" + ErrorLine.reason(ex) + ")", ex);
            }
        }
    }

    /**
     * nom-tam writes the date into the comment of the first card ({@code SIMPLE = T / Java FITS: <date>}); a fixed
     * comment keeps files written from the same seed byte-identical.
     */
    private static void fixSimpleComment(Header h) {
        nom.tam.fits.HeaderCard c = h.findCard("SIMPLE");
        if (c != null) c.setComment("conforms to FITS standard");
    }

    /** Sets one keyword, replacing an earlier card with the same key. Non-finite numbers are written as strings. */
    static void put(Header h, String key, Object v) throws Exception {
        if (v instanceof Boolean b) h.addValue(key, b, null);
        else if ((v instanceof Double || v instanceof Float) && !Double.isFinite(((Number) v).doubleValue())) h.addValue(key, v.toString(), null);
        else if (v instanceof Number n) h.addValue(key, n, null);
        else h.addValue(key, String.valueOf(v), null);
    }
}
