package org.sersic4j.fit;

import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.model.ModelStamp;

/**
 * How the fitters render by default. On the Java path: oversample 4 drawn by the fast CPU renderer's model ({@link
 * org.sersic4j.render.FastStampModel}: quarter-pixel cells within 3.5 px of the centre, pixel cells beyond, with its
 * analytic Jacobian) and an integration tolerance of 1e-4 of each cell's light. Noiseless compact, cuspy galaxies
 * drawn by the reference at oversample 6 are recovered to 0.2% in n and r_e ({@code NoiselessCompactFitTest}); pixel
 * cells ({@code --oversample 1}, the reference's {@link org.sersic4j.render.StampModel}, the former default) leave n
 * low by 4–11% and r_e high by up to 9% on the same stamps, and half-pixel cells (oversample 2, either model) n low by
 * 0.5–0.75% on two of them. On the fit benchmark's stamps a fit at the default takes less CPU time than one on pixel
 * cells (README, "How fitting works"). The batched device fitter keeps pixel cells by default ({@link
 * #DEVICE_RENDER}): its kernel draws the reference's uniform cells, about sixteen times as many at oversample 4.
 */
public final class FitSettings {
    /** The Java path's rendering settings: oversample 4, drawn by the fast model where there is a PSF. */
    public static final RenderSettings RENDER = new RenderSettings(4, 1e-4);

    /** The batched device fitter's rendering settings: pixel cells. */
    public static final RenderSettings DEVICE_RENDER = new RenderSettings(1, 1e-4);

    private FitSettings() {}

    /** The settings for an oversampling asked for, or for the path's default when {@code oversample} is null. */
    public static RenderSettings of(Integer oversample, boolean onDevice) {
        RenderSettings base = onDevice ? DEVICE_RENDER : RENDER;
        return oversample == null ? base : base.withOversample(oversample);
    }

    /**
     * Whether the Java path draws a problem's profiles with the fast model: with a PSF at oversample 2 or more; at
     * oversample 1, or without a PSF, the reference's {@link org.sersic4j.render.StampModel} draws them.
     */
    public static boolean fast(PixelPsf psf, RenderSettings settings) {
        return psf != null && settings.oversample() >= 2;
    }

    /** The model of a width × height stamp as the Java path draws it at these settings ({@link #fast}). */
    public static ModelStamp stamp(int width, int height, PixelPsf psf, RenderSettings settings) {
        return new ModelStamp(width, height, psf, settings, fast(psf, settings));
    }

    /** How the Java path draws profiles under a PSF at these settings, in words (for logs and reports). */
    public static String describe(RenderSettings settings) {
        if (settings.oversample() >= 2)
            return "fast model: 1/" + settings.oversample() + "-px cells within 3.5 px of the centre, pixel cells beyond";
        return "reference model: pixel cells";
    }
}
