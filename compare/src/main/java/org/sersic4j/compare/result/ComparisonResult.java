package org.sersic4j.compare.result;

import java.util.List;
import java.util.Map;

/**
 * Everything one comparison produced.
 *
 * @param title     a heading for the report
 * @param truth     the truth rows, in stamp order
 * @param runs      each estimator's answers, in the truth rows' order
 * @param metrics   each estimator's metrics over the whole set
 * @param bins      metrics by S/N and by n
 * @param gallery   stamps to show (typical and worst cases per estimator)
 * @param real      rows of real galaxies fitted without truth (may be empty)
 * @param realGallery stamps of the real galaxies (may be empty)
 * @param notes     free-text lines for the report (configuration, machine, backend)
 * @param components the multi-component view (per-component metrics, model selection; JSON-ready), or null where the
 *                   truth set is not multi-component
 */
public record ComparisonResult(String title, List<TruthRow> truth, List<EstimatorRun> runs, List<EstimatorMetrics> metrics,
                               List<BinnedMetrics> bins, List<GalleryEntry> gallery, List<RealGalaxyRow> real,
                               List<GalleryEntry> realGallery, List<String> notes,
                               Map<String, Object> components) {

    /** A result without a multi-component view. */
    public ComparisonResult(String title, List<TruthRow> truth, List<EstimatorRun> runs, List<EstimatorMetrics> metrics,
                            List<BinnedMetrics> bins, List<GalleryEntry> gallery, List<RealGalaxyRow> real,
                            List<GalleryEntry> realGallery, List<String> notes) {
        this(title, truth, runs, metrics, bins, gallery, real, realGallery, notes, null);
    }
}
