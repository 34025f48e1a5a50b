package org.sersic4j.learn;

import java.util.Map;

/**
 * The JSON sidecar of a saved network: what it expects, what it was trained on, and how to read its outputs.
 *
 * @param format          sidecar format version
 * @param kind            the model's kind (e.g. "sersic-cnn")
 * @param stampSize       galaxy stamp side the network takes [px]
 * @param psfSize         PSF stamp side [px]
 * @param pixelScale      [arcsec/px] of the training stamps
 * @param zeropoint       zero-point of the training stamps (mag = ZP − 2.5 log10 flux)
 * @param targets         the target standardisation
 * @param ranges          training ranges: flux [ADU], rePx, n, q, centreOffset [px], psfFwhmPx, peakSnr (input S/N
 *                        range seen in training, 0.5th–99.5th percentile), each [min, max]
 * @param psfTypes        PSF types seen in training
 * @param dropout         dropout probability (MC-dropout uncertainties)
 * @param mcSamples       default dropout passes per galaxy
 * @param errorScale      per parameter (x0, y0, flux, re, n, q, pa): factor applied to the MC-dropout spread so that
 *                        68.3% of validation truths fall within ±1σ
 * @param coverage        per parameter: fraction of validation truths within ±1σ, raw and after scaling
 * @param training        provenance: configuration YAML, seed, epochs, samples, losses, minutes, backend, version, date
 */
public record ModelCard(int format, String kind, int stampSize, int psfSize, double pixelScale, double zeropoint,
                        TargetScaling targets, Map<String, double[]> ranges, java.util.List<String> psfTypes,
                        double dropout, int mcSamples, Map<String, Double> errorScale,
                        Map<String, Map<String, Double>> coverage, Map<String, Object> training) {
    /** Current sidecar format. */
    public static final int FORMAT = 1;
    /** The kind of the GaLNet-style estimator. */
    public static final String SERSIC_CNN = "sersic-cnn";

    /** The [min, max] training range of {@code key}, or null. */
    public double[] range(String key) {
        return ranges == null ? null : ranges.get(key);
    }
}
