package org.sersic4j.fit.io;

import java.nio.file.Path;
import org.sersic4j.fit.FitInputException;
import org.sersic4j.fit.FitProblem;
import org.sersic4j.render.io.FitsImageFile;
import org.sersic4j.render.sim.NoiseModel;

/**
 * Starts a {@link FitProblem.Builder} from a stamp's pixels, its header and the {@link FitOptions}: σ map, mask,
 * segmentation map, PSF, noise model, likelihood, sky, fixed parameters, zeropoint, pixel scale and render settings.
 * The caller adds the guess and anything else it knows, then builds.
 */
final class StampSetup {
    private StampSetup() {}

    /** A builder holding everything but the guess, from the stamp, its header and the options. */
    static FitProblem.Builder builder(String id, StampImages s, FitOptions o) {
        FitsImageFile img = s.image();
        FitProblem.Builder b = FitProblem.builder(id, img.image())
                .sigma(s.sigma()).mask(s.mask()).segmentation(s.segmentation()).psf(s.psf())
                .noise(noise(img, o)).likelihood(o.likelihood()).fitSky(o.fitSky(), 0)
                .settings(o.settings()).pixelScale(pixelScale(img, o));
        Double zp = zeropoint(img, o);
        b.zeropoint(zp == null ? 0 : zp);
        if (!o.fixed().isEmpty()) b.fix(o.fixed().toArray(new String[0]));
        b.model(o.model()).neighbourPolicy(o.neighbours());
        return b;
    }

    /** Builds the problem; FitProblem's own complaints (which name the stamp id) are reworded to name the image file. */
    static FitProblem build(FitProblem.Builder b, String id, Path image) {
        try {
            return b.build();
        } catch (FitInputException e) {
            String m = e.getMessage(), prefix = id + ": ";
            throw new FitInputException(image + ": " + (m.startsWith(prefix) ? m.substring(prefix.length()) : m));
        }
    }

    /** GAIN and SKY (options first, then header) make a noise model, with RDNOISE or 0; null when either is unknown. */
    static NoiseModel noise(FitsImageFile img, FitOptions o) {
        Double gain = o.gain() != null ? o.gain() : header(img, "GAIN");
        Double sky = o.sky() != null ? o.sky() : header(img, "SKY");
        Double rd = o.rdnoise() != null ? o.rdnoise() : header(img, "RDNOISE");
        if (gain == null || sky == null) return null;
        try {
            return new NoiseModel(sky, gain, rd == null ? 0 : rd);
        } catch (IllegalArgumentException e) {
            throw new FitInputException(img.path() + ": unusable noise keywords (GAIN=" + gain + ", RDNOISE=" + rd
                    + ", SKY=" + sky + "): " + e.getMessage());
        }
    }

    /** The zeropoint given in the options, else the header's MAGZP, else ZP; null when none is known. */
    static Double zeropoint(FitsImageFile img, FitOptions o) {
        if (o.zeropoint() != null) return o.zeropoint();
        Double zp = header(img, "MAGZP");
        return zp != null ? zp : header(img, "ZP");
    }

    /** The pixel scale given in the options, else the header's PIXSCALE, else NaN. */
    static double pixelScale(FitsImageFile img, FitOptions o) {
        if (o.pixelScale() != null) return o.pixelScale();
        Double s = header(img, "PIXSCALE");
        if (s != null && !(s > 0))
            throw new FitInputException(img.path() + ": header PIXSCALE = " + s + " is not a positive pixel scale");
        return s == null ? Double.NaN : s;
    }

    /** A numeric header keyword, or null when absent; a value that is not a finite number is an error naming the file. */
    static Double header(FitsImageFile img, String key) {
        String raw = img.headerString(key);
        if (raw == null) return null;
        double v = img.headerDouble(key, Double.NaN);
        if (!Double.isFinite(v))
            throw new FitInputException(img.path() + ": header keyword " + key + " = '" + raw + "' is not a finite number");
        return v;
    }
}
