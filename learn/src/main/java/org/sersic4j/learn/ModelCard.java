package org.sersic4j.learn;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.io.JsonOutput;

/**
 * The JSON sidecar of a saved network: what it expects, what it was trained on, and how to read its outputs. Written by
 * {@link JsonOutput}, so its keys are snake_case ({@code stamp_size}, {@code mc_samples}, {@code error_scale}); cards
 * written before December 2026 have camelCase keys ({@code stampSize}, …), which still read: the components take them
 * as aliases, and the keys of {@link #ranges} and {@link #training} are brought to snake_case when a card is made
 * ({@code rePx} → {@code re_px}, {@code bestValidationLoss} → {@code best_validation_loss}). The training
 * configuration the card embeds ({@code training.config}) is the YAML text of the run's configuration and keeps that
 * file's own (camelCase) keys.
 *
 * @param format          sidecar format version
 * @param kind            the model's kind ({@value #SERSIC_CNN} or {@value #GALAXY_VAE})
 * @param stampSize       galaxy stamp side the network takes [px]
 * @param psfSize         PSF stamp side [px]
 * @param pixelScale      [arcsec/px] of the training stamps
 * @param zeropoint       zero-point of the training stamps (mag = ZP − 2.5 log10 flux)
 * @param targets         the target standardisation (the CNN's; null for the VAE)
 * @param ranges          training ranges: flux [ADU], re_px, n, q, centre_offset [px], psf_fwhm_px, peak_snr (input S/N
 *                        range seen in training, 0.5th–99.5th percentile), each [min, max]
 * @param psfTypes        PSF types seen in training
 * @param dropout         dropout probability (MC-dropout uncertainties)
 * @param mcSamples       default dropout passes per galaxy
 * @param errorScale      per parameter (x0, y0, flux, re, n, q, pa): factor applied to the MC-dropout spread so that
 *                        68.3% of validation truths fall within ±1σ
 * @param coverage        per parameter: fraction of validation truths within ±1σ, raw and after scaling
 * @param training        provenance: configuration YAML, seed, epochs, samples, losses, minutes, backend, version, date
 */
public record ModelCard(int format, String kind, @JsonAlias("stampSize") int stampSize, @JsonAlias("psfSize") int psfSize,
                        @JsonAlias("pixelScale") double pixelScale, double zeropoint,
                        TargetScaling targets, Map<String, double[]> ranges, @JsonAlias("psfTypes") List<String> psfTypes,
                        double dropout, @JsonAlias("mcSamples") int mcSamples, @JsonAlias("errorScale") Map<String, Double> errorScale,
                        Map<String, Map<String, Double>> coverage, Map<String, Object> training) {
    /** Current sidecar format. */
    public static final int FORMAT = 1;
    /** The kind of the GaLNet-style estimator. */
    public static final String SERSIC_CNN = "sersic-cnn";
    /** The kind of the generative galaxy model ({@link org.sersic4j.learn.vae.GalaxyVae}). */
    public static final String GALAXY_VAE = "galaxy-vae";
    /** The kind of the conditional autoencoder ({@link org.sersic4j.learn.cae.ConditionalAutoencoder}). */
    public static final String CONDITIONAL_AUTOENCODER = "conditional-autoencoder";

    public ModelCard {
        ranges = snakeKeys(ranges);
        training = snakeKeys(training);
    }

    /** {@code key} in snake_case: an underscore before each capital, which becomes lower case ({@code rePx} → {@code re_px}). */
    public static String snake(String key) {
        StringBuilder s = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) s.append('_');
                s.append(Character.toLowerCase(c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    /** The map with its keys in snake_case, in the same order (null stays null). */
    private static <V> Map<String, V> snakeKeys(Map<String, V> m) {
        if (m == null) return null;
        boolean camel = false;
        for (String k : m.keySet()) camel |= !k.equals(snake(k));
        if (!camel) return m;
        Map<String, V> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(snake(k), v));
        return out;
    }

    /** The training galaxies' ranges as cards record them: flux [ADU], re_px, n, q, centre_offset [px], each [min, max]. */
    public static Map<String, double[]> galaxyRanges(TrainingConfig.Data d) {
        Map<String, double[]> ranges = new LinkedHashMap<>();
        ranges.put("flux", new double[]{d.ranges().flux().min(), d.ranges().flux().max()});
        ranges.put("re_px", new double[]{d.rePx().min(), d.rePx().max()});
        ranges.put("n", new double[]{d.ranges().n().min(), d.ranges().n().max()});
        ranges.put("q", new double[]{1 - d.ranges().ell().max(), 1 - d.ranges().ell().min()});
        ranges.put("centre_offset", new double[]{0, d.ranges().centreOffset()});
        return ranges;
    }

    /**
     * A training run's provenance as cards record it: configuration YAML, seed, epochs, samples, best validation loss,
     * minutes, the per-epoch history, the ND4J backend, the sersic4j version and the date.
     */
    public static Map<String, Object> provenance(String configYaml, long seed, int epochs, long samples, double bestLoss,
                                                 double minutes, List<double[]> history) {
        String v = ModelCard.class.getPackage() == null ? null : ModelCard.class.getPackage().getImplementationVersion();
        return asMap(new Provenance(configYaml, seed, epochs, samples, bestLoss, minutes, history, Backend.describe(),
                v == null ? "development build" : v, Instant.now().toString()));
    }

    /**
     * A training run's provenance, the opening entries of a card's {@link #training} record.
     *
     * @param config             the run's configuration, as YAML text (its own keys, camelCase, as in the file)
     * @param epochs             epochs of the kept model
     * @param samples            stamps seen by the kept model
     * @param bestValidationLoss the kept model's validation loss
     * @param minutes            minutes of training of the kept model
     * @param history            per epoch: {epoch, training loss, validation columns…, minutes}
     * @param backend            the ND4J backend
     * @param version            the sersic4j version
     * @param date               when the card was written (ISO-8601)
     */
    public record Provenance(String config, long seed, int epochs, long samples, double bestValidationLoss, double minutes,
                             List<double[]> history, String backend, String version, String date) {}

    /** A record's components as a card's training entries: snake_case keys in component order, values as the JSON has them. */
    public static Map<String, Object> asMap(Record r) {
        Map<String, Object> m = JsonOutput.MAPPER.convertValue(r, new TypeReference<LinkedHashMap<String, Object>>() {});
        return m;
    }

    /** This card with another training record. */
    public ModelCard withTraining(Map<String, Object> newTraining) {
        return new ModelCard(format, kind, stampSize, psfSize, pixelScale, zeropoint, targets, ranges, psfTypes, dropout, mcSamples,
                errorScale, coverage, newTraining);
    }

    /** The [min, max] training range of {@code key} (snake_case; a camelCase key is converted), or null. */
    public double[] range(String key) {
        return ranges == null ? null : ranges.get(snake(key));
    }
}
