package org.sersic4j.fit.io;

import java.nio.file.Path;
import java.util.Objects;

import org.sersic4j.fit.FitProblem;
import org.sersic4j.fit.ModelSpec;
import org.sersic4j.render.Image;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.model.ComponentType;

/**
 * What a GALFIT-style block needs besides the {@link org.sersic4j.fit.FitResult}: the fitted image, optional σ map and
 * mask to store beside it, which parameters were held fixed, whether a sky offset was fitted, the zero-point, and the
 * input file names for the header.
 *
 * @param image      the image that was fitted
 * @param sigma      the σ map, or null (no SIGMA HDU)
 * @param mask       the mask (non-zero = left out of the fit), or null (no MASK HDU)
 * @param fixed      which of x0, y0, flux, re, n, q, pa were held fixed ({@link SersicParams#COUNT} values)
 * @param skyFitted  true when a sky offset was fitted (the header then has a GALFIT {@code sky} component)
 * @param zeropoint  magnitude zero-point
 * @param imageFile  the input image file (header DATAIN), or null
 * @param psfFile    the PSF file (header PSF), or null
 * @param model      the model that was fitted (null: one Sérsic), for the fixed parameters of its components;
 *                   {@code fixed} applies to its first component, {@code skyFitted} to the flat sky added to a model
 *                   that has none of its own
 */
public record GalfitBlockInput(Image image, Image sigma, Image mask, boolean[] fixed, boolean skyFitted,
                               double zeropoint, Path imageFile, Path psfFile, ModelSpec model) {

    public GalfitBlockInput {
        Objects.requireNonNull(image, "image");
        model = Objects.requireNonNullElse(model, ModelSpec.SERSIC);
        Objects.requireNonNull(fixed, "fixed");
        if (fixed.length != SersicParams.COUNT)
            throw new IllegalArgumentException("fixed has " + fixed.length + " flags, expected " + SersicParams.COUNT);
        fixed = fixed.clone();
        checkSize("sigma map", image, sigma);
        checkSize("mask", image, mask);
    }

    /** Just the image: nothing fixed, no sky, no σ map or mask, no file names. */
    public static GalfitBlockInput of(Image image, double zeropoint) {
        return new GalfitBlockInput(image, null, null, new boolean[SersicParams.COUNT], false, zeropoint, null, null, null);
    }

    /**
     * Everything from the problem that was fitted: image, σ map (when one was given), the pixels left out of the fit as
     * the mask (1 = left out; only when some were), fixed parameters, sky, zero-point; plus the file names (or null).
     */
    public static GalfitBlockInput from(FitProblem p, Path imageFile, Path psfFile) {
        Image img = p.image();
        double[] s = p.sigma();
        Image mask = null;
        if (p.maskedPixels() > 0) {
            boolean[] out = p.excluded();
            double[] m = new double[out.length];
            for (int i = 0; i < m.length; i++) m[i] = out[i] ? 1 : 0;
            mask = new Image(img.width(), img.height(), m);
        }
        return new GalfitBlockInput(img, s == null ? null : new Image(img.width(), img.height(), s), mask, p.fixed(),
                p.fitSky(), p.zeropoint(), imageFile, psfFile, p.model());
    }

    @Override
    public boolean[] fixed() {
        return fixed.clone();
    }

    /** A copy with a σ map. */
    public GalfitBlockInput withSigma(Image s) {
        return new GalfitBlockInput(image, s, mask, fixed, skyFitted, zeropoint, imageFile, psfFile, model);
    }

    /** A copy with a mask. */
    public GalfitBlockInput withMask(Image m) {
        return new GalfitBlockInput(image, sigma, m, fixed, skyFitted, zeropoint, imageFile, psfFile, model);
    }

    /** A copy with these fixed flags. */
    public GalfitBlockInput withFixed(boolean[] f) {
        return new GalfitBlockInput(image, sigma, mask, f, skyFitted, zeropoint, imageFile, psfFile, model);
    }

    /** A copy saying whether a sky offset was fitted. */
    public GalfitBlockInput withSkyFitted(boolean on) {
        return new GalfitBlockInput(image, sigma, mask, fixed, on, zeropoint, imageFile, psfFile, model);
    }

    /** A copy with the input file names. */
    public GalfitBlockInput withFiles(Path image, Path psf) {
        return new GalfitBlockInput(this.image, sigma, mask, fixed, skyFitted, zeropoint, image, psf, model);
    }

    /** A copy with the model that was fitted. */
    public GalfitBlockInput withModel(ModelSpec m) {
        return new GalfitBlockInput(image, sigma, mask, fixed, skyFitted, zeropoint, imageFile, psfFile, m);
    }

    /**
     * Whether parameter {@code parameter} of component {@code k} of the fitted model was held fixed: by the model's
     * settings, by {@link #fixed()} for the first component's profile parameters, or, for the flat sky added to a
     * model without one, when no sky was fitted. Neighbours' parameters are free.
     */
    public boolean isFixed(int k, ComponentType type, String parameter) {
        if (k < model.parts().size()) {
            if (model.parts().get(k).setting(parameter).fixed()) return true;
            int i = java.util.Arrays.asList(SersicParams.NAMES).indexOf(parameter);
            return k == 0 && type.isProfile() && i >= 0 && fixed[i];
        }
        return type.isSky() && !model.hasSky() && !skyFitted;
    }

    private static void checkSize(String what, Image image, Image other) {
        if (other != null && (other.width() != image.width() || other.height() != image.height()))
            throw new IllegalArgumentException(what + " is " + other.width() + "x" + other.height() + " but the image is "
                    + image.width() + "x" + image.height());
    }
}
