package org.sersic4j.fit.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.io.Table;

/**
 * Starting points by stamp id, read from a CSV with the columns {@code id, x0, y0, flux, re, n, q, pa} (other columns
 * ignored, so a result catalogue can seed a new fit). A {@code mag} column may stand in for {@code flux}, row by row
 * where {@code flux} is absent or empty, when a zeropoint is known: flux = 10^(−0.4 (mag − ZP)).
 *
 * <p>A row that cannot be a starting point (a blank id, a value that is not a number, NaN, flux ≤ 0, r_e ≤ 0, n out of
 * range, q outside (0, 1]) is left out and reported in {@link #warnings()}: its stamp falls back to the automatic
 * guess. A missing column or a duplicate id is an {@link InvalidInputException}. PA is reduced to [0, 180).
 */
public final class GuessCatalog {
    private static final String[] REQUIRED = {"id", "x0", "y0", "re", "n", "q", "pa"};

    private final Path source;
    private final Map<String, SersicParams> guesses;
    private final List<String> warnings;

    private GuessCatalog(Path source, Map<String, SersicParams> guesses, List<String> warnings) {
        this.source = source;
        this.guesses = Collections.unmodifiableMap(guesses);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Reads {@code csv}; {@code zeropoint} (null when unknown) converts a {@code mag} column to flux, and without it a
     * row that only has a magnitude is an error naming the file.
     */
    public static GuessCatalog read(Path csv, Double zeropoint) {
        Table t = CatalogIO.readCsv(csv);
        for (String c : REQUIRED)
            if (!t.hasColumn(c)) throw new InvalidInputException(csv, "guess catalogue has no column '" + c
                    + "' (needs id, x0, y0, flux or mag, re, n, q, pa; found " + t.columns() + ")");
        boolean hasFlux = t.hasColumn("flux"), hasMag = t.hasColumn("mag");
        if (!hasFlux && !hasMag)
            throw new InvalidInputException(csv, "guess catalogue has neither a 'flux' nor a 'mag' column (found "
                    + t.columns() + ")");
        Map<String, SersicParams> out = new LinkedHashMap<>();
        Map<String, Integer> rowOf = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            String where = csv + ": data row " + (r + 1);
            String id = t.getString(r, "id");
            id = id == null ? "" : id.trim();
            if (id.isEmpty()) {
                warnings.add(where + ": blank id; row ignored");
                continue;
            }
            Integer first = rowOf.putIfAbsent(id, r + 1);
            if (first != null)
                throw new InvalidInputException(csv, "data row " + (r + 1) + ": duplicate id '" + id + "' (also data row "
                        + first + ")");
            try {
                double flux = hasFlux ? t.getDouble(r, "flux") : Double.NaN;
                boolean fromMag = hasMag && !nonBlank(t, r, "flux");
                if (fromMag) {
                    double mag = t.getDouble(r, "mag");
                    if (zeropoint == null && Double.isFinite(mag))
                        throw new InvalidInputException(csv, "data row " + (r + 1) + " (id " + id + ") gives 'mag' but"
                                + " no flux, and no zeropoint is known to convert it (give the zeropoint option)");
                    flux = zeropoint == null ? Double.NaN : Math.pow(10, -0.4 * (mag - zeropoint));
                }
                SersicParams p = new SersicParams(t.getDouble(r, "x0"), t.getDouble(r, "y0"), flux, t.getDouble(r, "re"),
                        t.getDouble(r, "n"), t.getDouble(r, "q"), t.getDouble(r, "pa"));
                String problem = p.problem();
                if (problem == null && !(flux > 0)) problem = "flux must be > 0 (got " + flux + ")";
                if (problem != null) {
                    warnings.add(where + " (id " + id + "): " + problem + "; the stamp starts from the automatic guess");
                    continue;
                }
                out.put(id, normalisePa(p));
            } catch (IllegalArgumentException e) {
                warnings.add(where + " (id " + id + "): " + e.getMessage() + "; the stamp starts from the automatic guess");
            }
        }
        return new GuessCatalog(csv, out, warnings);
    }

    /** A catalogue of the given starting points (already in the project's conventions). */
    public static GuessCatalog of(Map<String, SersicParams> guesses) {
        return new GuessCatalog(null, new LinkedHashMap<>(guesses), List.of());
    }

    private static SersicParams normalisePa(SersicParams p) {
        return new SersicParams(p.x0(), p.y0(), p.flux(), p.re(), p.n(), p.q(), SersicParams.normalisePa(p.pa()));
    }

    private static boolean nonBlank(Table t, int r, String column) {
        if (!t.hasColumn(column)) return false;
        String s = t.getString(r, column);
        return s != null && !s.isBlank();
    }

    /** The starting point of stamp {@code id}, or null when the catalogue has none (or its row was unusable). */
    public SersicParams get(String id) {
        return guesses.get(id);
    }

    /** Every usable starting point, by id, in file order. */
    public Map<String, SersicParams> guesses() {
        return guesses;
    }

    /** One line per row left out, naming the file, the row and the problem. */
    public List<String> warnings() {
        return warnings;
    }

    /** The file read, or null for a catalogue built in memory. */
    public Path source() {
        return source;
    }
}
