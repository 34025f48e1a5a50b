package org.sersic4j.learn;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON sidecar of a saved network: what it expects, what it was trained on, and how to read its outputs.
 *
 * @param format          sidecar format version
 * @param kind            the model's kind ({@value #SERSIC_CNN} or {@value #GALAXY_VAE})
 * @param stampSize       galaxy stamp side the network takes [px]
 * @param psfSize         PSF stamp side [px]
 * @param pixelScale      [arcsec/px] of the training stamps
 * @param zeropoint       zero-point of the training stamps (mag = ZP − 2.5 log10 flux)
 * @param targets         the target standardisation (the CNN's; null for the VAE)
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
                        TargetScaling targets, Map<String, double[]> ranges, List<String> psfTypes,
                        double dropout, int mcSamples, Map<String, Double> errorScale,
                        Map<String, Map<String, Double>> coverage, Map<String, Object> training) {
    /** Current sidecar format. */
    public static final int FORMAT = 1;
    /** The kind of the GaLNet-style estimator. */
    public static final String SERSIC_CNN = "sersic-cnn";
    /** The kind of the generative galaxy model ({@link org.sersic4j.learn.vae.GalaxyVae}). */
    public static final String GALAXY_VAE = "galaxy-vae";
    /** The kind of the conditional autoencoder ({@link org.sersic4j.learn.cae.ConditionalAutoencoder}). */
    public static final String CONDITIONAL_AUTOENCODER = "conditional-autoencoder";

    /** The training galaxies' ranges as cards record them: flux [ADU], rePx, n, q, centreOffset [px], each [min, max]. */
    public static Map<String, double[]> galaxyRanges(TrainingConfig.Data d) {
        Map<String, double[]> ranges = new LinkedHashMap<>();
        ranges.put("flux", new double[]{d.ranges().flux().min(), d.ranges().flux().max()});
        ranges.put("rePx", new double[]{d.rePx().min(), d.rePx().max()});
        ranges.put("n", new double[]{d.ranges().n().min(), d.ranges().n().max()});
        ranges.put("q", new double[]{1 - d.ranges().ell().max(), 1 - d.ranges().ell().min()});
        ranges.put("centreOffset", new double[]{0, d.ranges().centreOffset()});
        return ranges;
    }

    /**
     * A training run's provenance as cards record it: configuration YAML, seed, epochs, samples, best validation loss,
     * minutes, the per-epoch history, the ND4J backend, the sersic4j version and the date.
     */
    public static Map<String, Object> provenance(String configYaml, long seed, int epochs, long samples, double bestLoss,
                                                 double minutes, List<double[]> history) {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("config", configYaml);
        training.put("seed", seed);
        training.put("epochs", epochs);
        training.put("samples", samples);
        training.put("bestValidationLoss", bestLoss);
        training.put("minutes", minutes);
        training.put("history", history);
        training.put("backend", Backend.describe());
        String v = ModelCard.class.getPackage() == null ? null : ModelCard.class.getPackage().getImplementationVersion();
        training.put("version", v == null ? "development build" : v);
        training.put("date", Instant.now().toString());
        return training;
    }

    /** This card with another training record. */
    public ModelCard withTraining(Map<String, Object> newTraining) {
        return new ModelCard(format, kind, stampSize, psfSize, pixelScale, zeropoint, targets, ranges, psfTypes, dropout, mcSamples,
                errorScale, coverage, newTraining);
    }

    /** The [min, max] training range of {@code key}, or null. */
    public double[] range(String key) {
        return ranges == null ? null : ranges.get(key);
    }
}
