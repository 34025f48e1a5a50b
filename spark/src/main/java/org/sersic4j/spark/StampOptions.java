package org.sersic4j.spark;

import java.io.Serializable;
import java.util.List;
import org.sersic4j.fit.FitInputException;
import org.sersic4j.fit.FitProblem;
import org.sersic4j.fit.FitSettings;
import org.sersic4j.fit.Likelihood;
import org.sersic4j.render.Image;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.sim.NoiseModel;

/**
 * How a store's stamps become fit problems: the options of {@code sersic4j fit} that act on one stamp, each overriding
 * the value the stamp carries (its GAIN, RDNOISE, SKY, zero-point and pixel scale), as on the command line. Travels
 * with the tasks.
 *
 * @param psfHasPixel the PSF images contain the pixel response
 * @param gain        GAIN [e-/ADU], or null: the stamp's
 * @param rdnoise     RDNOISE [e-], or null: the stamp's
 * @param sky         subtracted SKY [ADU], or null: the stamp's
 * @param likelihood  poisson, gaussian or chi2, or null: the default of {@link FitProblem}
 * @param fitSky      also fit an additive sky offset
 * @param fixed       parameters held at the guess
 * @param zeropoint   magnitude zero-point, or null: the stamp's, else 0
 * @param pixelScale  arcsec per pixel, or null: the stamp's, else unknown
 * @param oversample  cells per pixel under the PSF while fitting, or 0: the path's default ({@link FitSettings#of})
 */
public record StampOptions(boolean psfHasPixel, Double gain, Double rdnoise, Double sky, String likelihood, boolean fitSky,
                           List<String> fixed, Double zeropoint, Double pixelScale, int oversample) implements Serializable {

    public StampOptions {
        fixed = fixed == null ? List.of() : List.copyOf(fixed);
        if (likelihood != null) Likelihood.parse(likelihood);
        if (oversample < 0 || oversample > 8) throw new IllegalArgumentException("--oversample must be 1..8 (got " + oversample + ")");
    }

    /** The defaults of {@code sersic4j fit}. */
    public static StampOptions defaults() {
        return new StampOptions(true, null, null, null, null, false, List.of(), null, null, 0);
    }

    /** The likelihood asked for, or null. */
    public Likelihood parsedLikelihood() {
        return likelihood == null ? null : Likelihood.parse(likelihood);
    }

    /**
     * The stamp's fit problem, built as {@code fit} builds it from the stamp's files. A stamp that was unreadable when
     * the store was made, or whose pieces do not fit together, is a {@link FitInputException} naming it.
     */
    public FitProblem problem(StoreStamp s, PsfTable psfs) {
        return problem(s, psfs, false);
    }

    /** {@link #problem(StoreStamp, PsfTable)} for the Java path or, {@code onDevice}, the batched device fitter. */
    public FitProblem problem(StoreStamp s, PsfTable psfs, boolean onDevice) {
        if (s.error() != null) throw new FitInputException(s.error());
        String name = s.name();
        Image image = Image.ofFloats(s.width(), s.height(), s.image());
        PixelPsf psf = s.psfKey() == null ? null : psfs.get(s.psfKey(), psfHasPixel, name);
        FitProblem.Builder b = FitProblem.builder(s.id(), image)
                .sigma(companion(s, s.sigma(), "sigma map")).mask(companion(s, s.mask(), "mask"))
                .segmentation(companion(s, s.seg(), "segmentation map")).psf(psf).noise(noise(s))
                .likelihood(parsedLikelihood()).fitSky(fitSky, 0)
                .settings(FitSettings.of(oversample == 0 ? null : oversample, onDevice)).pixelScale(pixelScale(s));
        Double zp = value(s, zeropoint, s.zeropoint(), "MAGZP/ZP");
        b.zeropoint(zp == null ? 0 : zp);
        if (!fixed.isEmpty()) b.fix(fixed.toArray(new String[0]));
        try {
            return b.build();
        } catch (FitInputException e) {
            String m = e.getMessage(), prefix = s.id() + ": ";
            throw new FitInputException(name + ": " + (m.startsWith(prefix) ? m.substring(prefix.length()) : m));
        }
    }

    private static Image companion(StoreStamp s, float[] px, String what) {
        if (px == null) return null;
        if (px.length != s.width() * s.height())
            throw new FitInputException(s.name() + ": the " + what + " has " + px.length + " pixels but the image is "
                    + s.width() + "x" + s.height());
        return Image.ofFloats(s.width(), s.height(), px);
    }

    /** GAIN and SKY (options first, then the stamp's) make a noise model, with RDNOISE or 0; null when either is unknown. */
    private NoiseModel noise(StoreStamp s) {
        Double g = value(s, gain, s.gain(), "GAIN");
        Double k = value(s, sky, s.sky(), "SKY");
        Double rd = value(s, rdnoise, s.rdnoise(), "RDNOISE");
        if (g == null || k == null) return null;
        try {
            return new NoiseModel(k, g, rd == null ? 0 : rd);
        } catch (IllegalArgumentException e) {
            throw new FitInputException(s.name() + ": unusable noise keywords (GAIN=" + g + ", RDNOISE=" + rd
                    + ", SKY=" + k + "): " + e.getMessage());
        }
    }

    /**
     * The option when given, else the stamp's value; a stamp's value that was not a finite number in its header (NaN
     * in the store) is an error naming the stamp and the keyword.
     */
    private static Double value(StoreStamp s, Double option, Double stamp, String keyword) {
        if (option != null) return option;
        if (stamp != null && stamp.isNaN())
            throw new FitInputException(s.name() + ": header keyword " + keyword + " is not a finite number");
        return stamp;
    }

    private double pixelScale(StoreStamp s) {
        Double v = value(s, pixelScale, s.pixelScale(), "PIXSCALE");
        if (pixelScale != null) return pixelScale;
        if (v != null && !(v > 0))
            throw new FitInputException(s.name() + ": header PIXSCALE = " + v + " is not a positive pixel scale");
        return v == null ? Double.NaN : v;
    }
}
