package org.sersic4j.compare.estimators;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.sersic4j.compare.Estimator;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.result.Estimate;
import org.sersic4j.fit.io.FitCatalog;
import org.sersic4j.render.SersicParams;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.io.Table;

/**
 * The answers of a catalogue made elsewhere (by {@code sersic4j fit}, {@code sersic4j predict}, or any tool writing
 * the same columns), matched to the stamps by id. The file is read once, when the estimator is made.
 *
 * <p>Columns ({@link FitCatalog#COLUMNS}; others are ignored): {@code id}, {@code x0}, {@code y0}, {@code re}, {@code n},
 * {@code q}, {@code pa} and {@code flux} or {@code mag} are required; where a row's flux is blank or NaN its {@code mag}
 * is converted with the stamp's zero-point. The errors {@code x0_err} … {@code pa_err}, {@code flags},
 * {@code iterations}, {@code nfev} and {@code time_s} are used where present (NaN errors, flags 0, zero counts and NaN
 * seconds where not). A row whose parameters are all NaN (a failed fit) gives no parameters.
 *
 * <p>A stamp without a row gets an estimate with no parameters, flagged
 * {@link org.sersic4j.fit.FitFlags#FAILED}, NaN seconds. A missing column, a value that is not a number or a
 * duplicate id is an {@link InvalidInputException} naming the file.
 */
public final class CatalogEstimator implements Estimator {
    private static final String[] REQUIRED = {"id", "x0", "y0", "re", "n", "q", "pa"};
    private static final String[] ERRORS = {"x0_err", "y0_err", "flux_err", "re_err", "n_err", "q_err", "pa_err"};

    private final Path csv;
    private final String name;
    private final Map<String, Row> rows;
    private final Table table;

    /** One catalogue row: the seven parameters (flux may be NaN), mag, errors, flags, counts and seconds. */
    private record Row(double[] params, double mag, double[] errors, int flags, int iterations, int nfev, double seconds) {}

    /** Reads {@code csv}; the name is its {@code estimator} column (first non-blank cell), else the file name without {@code .csv}. */
    public CatalogEstimator(Path csv) {
        this(csv, null);
    }

    /** Reads {@code csv} under the given name (null: as {@link #CatalogEstimator(Path)}). */
    public CatalogEstimator(Path csv, String name) {
        this.csv = Objects.requireNonNull(csv, "csv");
        Table t = FitCatalog.readCsv(csv);
        for (String c : REQUIRED)
            if (!t.hasColumn(c)) throw new InvalidInputException(csv, "catalogue has no column '" + c + "' (found " + t.columns() + ")");
        if (!t.hasColumn("flux") && !t.hasColumn("mag"))
            throw new InvalidInputException(csv, "catalogue has neither a 'flux' nor a 'mag' column (found " + t.columns() + ")");
        this.rows = read(csv, t);
        this.table = t;
        this.name = name != null ? name : defaultName(csv, t);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "answers read from " + csv.getFileName();
    }

    @Override
    public boolean timedHere() {
        return false;
    }

    @Override
    public Table catalogue() {
        return table;
    }

    /** The catalogue file. */
    public Path file() {
        return csv;
    }

    /** Number of rows read. */
    public int size() {
        return rows.size();
    }

    @Override
    public List<Estimate> estimate(List<StampInput> stamps, IntConsumer progress) {
        List<Estimate> out = new ArrayList<>(stamps.size());
        for (StampInput s : stamps) {
            Row r = rows.get(s.id());
            out.add(r == null ? FitEstimates.failed(s.id(), Double.NaN) : estimate(s, r));
        }
        progress.accept(stamps.size());
        return out;
    }

    private static Estimate estimate(StampInput s, Row r) {
        double[] p = r.params().clone();
        if (!Double.isFinite(p[2]) && Double.isFinite(r.mag())) p[2] = Math.pow(10, -0.4 * (r.mag() - s.zeropoint()));
        boolean any = false;
        for (double v : p) any |= !Double.isNaN(v);
        return new Estimate(s.id(), any ? SersicParams.of(p) : null, r.errors(), r.flags(), r.seconds(), r.iterations(),
                r.nfev());
    }

    private static Map<String, Row> read(Path csv, Table t) {
        Map<String, Row> out = new HashMap<>();
        Map<String, Integer> firstRow = new HashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            String id = t.getString(r, "id");
            id = id == null ? "" : id.trim();
            if (id.isEmpty()) throw new InvalidInputException(csv, "data row " + (r + 1) + " has a blank id");
            Integer first = firstRow.putIfAbsent(id, r + 1);
            if (first != null)
                throw new InvalidInputException(csv, "data row " + (r + 1) + ": duplicate id '" + id + "' (also data row " + first + ")");
            try {
                double[] p = new double[SersicParams.COUNT], e = new double[SersicParams.COUNT];
                for (int k = 0; k < SersicParams.COUNT; k++) {
                    p[k] = number(t, r, SersicParams.NAMES[k]);
                    e[k] = number(t, r, ERRORS[k]);
                }
                out.put(id, new Row(p, number(t, r, "mag"), e, (int) count(t, r, "flags"), (int) count(t, r, "iterations"),
                        (int) count(t, r, "nfev"), number(t, r, "time_s")));
            } catch (IllegalArgumentException ex) {
                throw new InvalidInputException(csv, "data row " + (r + 1) + " (id " + id + "): " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    /** The cell as a number; NaN when the column is absent or the cell blank. */
    private static double number(Table t, int r, String column) {
        return t.hasColumn(column) ? t.getDouble(r, column) : Double.NaN;
    }

    /** The cell as a whole number; 0 when the column is absent or the cell blank. */
    private static long count(Table t, int r, String column) {
        if (!t.hasColumn(column)) return 0;
        double v = t.getDouble(r, column);
        return Double.isFinite(v) ? (long) v : 0;
    }

    private static String defaultName(Path csv, Table t) {
        if (t.hasColumn("estimator")) {
            for (int r = 0; r < t.rowCount(); r++) {
                String s = t.getString(r, "estimator");
                if (s != null && !s.isBlank()) return s.trim();
            }
        }
        String file = csv.getFileName().toString();
        return file.toLowerCase(Locale.ROOT).endsWith(".csv") ? file.substring(0, file.length() - 4) : file;
    }
}
