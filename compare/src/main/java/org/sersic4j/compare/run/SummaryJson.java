package org.sersic4j.compare.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.compare.ParameterMetrics;
import org.sersic4j.compare.result.BinnedMetrics;
import org.sersic4j.compare.result.ComparisonResult;
import org.sersic4j.compare.result.EstimatorMetrics;
import org.sersic4j.compare.result.GalleryEntry;
import org.sersic4j.compare.result.RealGalaxyRow;
import org.sersic4j.compare.result.Timing;
import org.sersic4j.render.SersicParams;
import org.sersic4j.io.AtomicWrite;
import org.sersic4j.io.JsonOutput;

/**
 * The machine-readable {@code summary.json} of a comparison. JSON has no NaN or infinity: such a value is written as
 * {@code null} (so is the open upper edge of the last bin). Keys, in order:
 *
 * <ul>
 *   <li>{@code title}, {@code stamps}, {@code notes};</li>
 *   <li>{@code estimators}: one object per estimator — {@code estimator}, what the caller adds about it (description,
 *   catalogue files, wall time), then its metrics: {@code flagged}, {@code median_chi2nu}, {@code median_logl},
 *   {@code timing} ({@code median_s}, {@code p95_s}, {@code galaxies_per_s}) and {@code parameters}, one object per
 *   parameter as {@link ParameterMetrics#toMap()} writes it (values with their 95% bootstrap intervals);</li>
 *   <li>{@code bins}: {@code by} ({@code snr} or {@code n}), {@code lo}, {@code hi}, {@code count} and
 *   {@code estimators}, the metrics of each estimator in that bin as above;</li>
 *   <li>{@code real}: one row per real galaxy and estimator ({@code id}, {@code estimator}, the seven parameters,
 *   {@code chi2nu}, {@code flags});</li>
 *   <li>{@code gallery} and {@code real_gallery}: the stamps shown ({@code id}, {@code estimator}, {@code caption};
 *   the pixels are in the report).</li>
 * </ul>
 */
public final class SummaryJson {
    /** The file name beside the report. */
    public static final String FILE = "summary.json";

    private static final ObjectMapper JSON = JsonOutput.MAPPER;

    private SummaryJson() {}

    /**
     * The summary as ordered maps and lists.
     *
     * @param about per estimator name, extra keys written after {@code estimator} (may be empty)
     */
    public static Map<String, Object> toMap(ComparisonResult r, Map<String, Map<String, Object>> about) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", r.title());
        m.put("stamps", r.truth().size());
        m.put("notes", r.notes());
        List<Object> estimators = new ArrayList<>();
        for (EstimatorMetrics e : r.metrics()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("estimator", e.estimator());
            row.putAll(about.getOrDefault(e.estimator(), Map.of()));
            row.putAll(metrics(e));
            estimators.add(row);
        }
        m.put("estimators", estimators);
        List<Object> bins = new ArrayList<>();
        for (BinnedMetrics b : r.bins()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("by", b.by());
            row.put("lo", num(b.lo()));
            row.put("hi", num(b.hi()));
            row.put("count", b.count());
            List<Object> es = new ArrayList<>();
            for (EstimatorMetrics e : b.estimators()) es.add(metrics(e));
            row.put("estimators", es);
            bins.add(row);
        }
        m.put("bins", bins);
        List<Object> real = new ArrayList<>();
        for (RealGalaxyRow g : r.real()) real.add(real(g));
        m.put("real", real);
        m.put("gallery", gallery(r.gallery()));
        m.put("real_gallery", gallery(r.realGallery()));
        if (r.components() != null) m.put("components", r.components());
        return m;
    }

    /** Writes the summary to {@code file} (through a temporary file, so a crash leaves no half file). */
    public static void write(Path file, ComparisonResult r, Map<String, Map<String, Object>> about) {
        Map<String, Object> summary = toMap(r, about);
        AtomicWrite.write(file, out -> JSON.writeValue(out, summary));
    }

    /** One estimator's metrics: estimator, flagged, median χ²ν and log L, timing, parameters. */
    static Map<String, Object> metrics(EstimatorMetrics e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("estimator", e.estimator());
        m.put("flagged", e.flagged());
        m.put("median_chi2nu", num(e.medianChi2nu()));
        m.put("median_logl", num(e.medianLogl()));
        Timing t = e.timing();
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("median_s", num(t.medianSeconds()));
        timing.put("p95_s", num(t.p95Seconds()));
        timing.put("galaxies_per_s", num(t.galaxiesPerSecond()));
        m.put("timing", timing);
        List<Object> ps = new ArrayList<>();
        for (ParameterMetrics p : e.parameters()) ps.add(p.toMap());
        m.put("parameters", ps);
        return m;
    }

    private static Map<String, Object> real(RealGalaxyRow g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id());
        m.put("estimator", g.estimator());
        double[] p = g.params() == null ? null : g.params().toArray();
        for (int k = 0; k < SersicParams.COUNT; k++) m.put(SersicParams.NAMES[k], p == null ? null : num(p[k]));
        m.put("chi2nu", num(g.chi2nu()));
        m.put("flags", g.flags());
        return m;
    }

    private static List<Object> gallery(List<GalleryEntry> entries) {
        List<Object> out = new ArrayList<>();
        for (GalleryEntry g : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", g.id());
            m.put("estimator", g.estimator());
            m.put("caption", g.caption());
            out.add(m);
        }
        return out;
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
