package org.sersic4j.fit.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.Likelihood;
import org.sersic4j.io.InvalidInputException;

/**
 * Where a catalogue came from, written into its FITS header: software version, estimator, likelihood, zero-point, pixel
 * scale, and optionally the model file (with its SHA-256) and the random seed.
 *
 * @param version    the sersic4j version that wrote the catalogue (the command line passes its own)
 * @param estimator  the estimator's name ({@code lm}, {@code cnn}, …)
 * @param likelihood the fit statistic, or null for estimators without one
 * @param zeropoint  magnitude zero-point: mag = ZP − 2.5 log10(flux)
 * @param pixelScale arcsec per pixel, or NaN when unknown (then {@code re_arcsec} and {@code mu_e} are NaN)
 * @param modelFile  the model file an estimator loaded (a network), or null
 * @param seed       the random seed of the run, or null
 */
public record CatalogProvenance(String version, String estimator, Likelihood likelihood, double zeropoint,
                                double pixelScale, Path modelFile, Long seed) {

    public CatalogProvenance {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(estimator, "estimator");
    }

    /** Provenance with the version of the jar on the class path ({@code unknown} when run from classes). */
    public static CatalogProvenance of(String estimator, Likelihood likelihood, double zeropoint, double pixelScale) {
        return new CatalogProvenance(packageVersion(), estimator, likelihood, zeropoint, pixelScale, null, null);
    }

    /** The Implementation-Version of this package's jar, or {@code unknown}. */
    public static String packageVersion() {
        Package p = CatalogProvenance.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v != null ? v : "unknown";
    }

    /** A copy with another software version. */
    public CatalogProvenance withVersion(String v) {
        return new CatalogProvenance(v, estimator, likelihood, zeropoint, pixelScale, modelFile, seed);
    }

    /** A copy naming the model file the estimator loaded. */
    public CatalogProvenance withModel(Path file) {
        return new CatalogProvenance(version, estimator, likelihood, zeropoint, pixelScale, file, seed);
    }

    /** A copy with the run's random seed. */
    public CatalogProvenance withSeed(long s) {
        return new CatalogProvenance(version, estimator, likelihood, zeropoint, pixelScale, modelFile, s);
    }

    /** True when the pixel scale is a positive finite number. */
    public boolean hasPixelScale() {
        return hasPixelScale(pixelScale);
    }

    static boolean hasPixelScale(double pixelScale) {
        return pixelScale > 0 && Double.isFinite(pixelScale);
    }

    /**
     * The FITS header keywords, in order: SERSIC4J, ESTIMATR, LIKELIHD (when known), ZEROPT, PIXSCALE (when known),
     * MODEL and MODELSHA (when a model file is named; the hash is computed now), SEED (when set), and a COMMENT with the
     * flags legend (split over several COMMENT cards when long).
     */
    public Map<String, Object> header() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("SERSIC4J", version);
        h.put("ESTIMATR", estimator);
        if (likelihood != null) h.put("LIKELIHD", likelihood.label());
        h.put("ZEROPT", zeropoint);
        if (hasPixelScale()) h.put("PIXSCALE", pixelScale);
        if (modelFile != null) {
            h.put("MODEL", modelFile.toString());
            h.put("MODELSHA", sha256(modelFile));
        }
        if (seed != null) h.put("SEED", seed);
        h.put("COMMENT", CatalogComments.wrap("flags bits: " + FitFlags.legend()));
        return h;
    }

    /** The SHA-256 of a file, as 64 lower-case hex digits. */
    public static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read the model file to hash it (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
