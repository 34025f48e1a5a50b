package org.sersic4j.compare.result;

import java.util.List;

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
 */
public record ComparisonResult(String title, List<TruthRow> truth, List<EstimatorRun> runs, List<EstimatorMetrics> metrics,
                               List<BinnedMetrics> bins, List<GalleryEntry> gallery, List<RealGalaxyRow> real,
                               List<GalleryEntry> realGallery, List<String> notes) {}
