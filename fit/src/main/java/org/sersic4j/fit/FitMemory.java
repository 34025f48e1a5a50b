package org.sersic4j.fit;

import java.util.Locale;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;

/**
 * The memory a stamp's fit needs, checked before its arrays are allocated, so that a stamp too large for the Java
 * heap fails alone, with a line naming its size and the memory it would need, instead of taking the whole run down
 * with an {@link OutOfMemoryError}.
 *
 * <p>The estimate follows the arrays of one fit: per fitted pixel (about {@value #BYTES_PER_PIXEL} bytes) the data,
 * the residuals and ∂r/∂model, the model's derivative images (kept as the residuals' Jacobian, whose rows are computed
 * when read: {@link LazyJacobian}), and the optimiser's own copies (Hipparchus factorises a row-major copy of the
 * Jacobian, 80 bytes a pixel, and keeps a few residual vectors); per sub-pixel cell under a PSF the model's work arrays:
 * about {@value #FAST_BYTES_PER_CELL} bytes for the fast model (its FFT grids, one per channel, on pixel cells), about
 * {@value #BYTES_PER_CELL} for the reference's (cell integrals, their derivatives and their spectra).
 *
 * <p>Measured (2026-12-05, 2-core AMD EPYC, Java 17, {@code fit --threads 1}, 25×25 PSF): see the README, "fit and
 * memory". The figures here are an upper bound of those measurements: a fit whose estimate is within the limit fits
 * in a heap of estimate / 0.8 ({@code LargeStampMemoryTest}).
 */
public final class FitMemory {
    /** Heap bytes per fitted pixel, whatever draws the model. */
    static final long BYTES_PER_PIXEL = 260;
    /** Heap bytes per sub-pixel cell under a PSF, for the reference's model ({@code --oversample 1} on the Java path). */
    static final long BYTES_PER_CELL = 300;
    /** Heap bytes per cell under a PSF for the fast model (the default: its cells are the pixel cells). */
    static final long FAST_BYTES_PER_CELL = 80;
    /**
     * System property: the most heap one stamp's fit may take, in bytes (default: 80% of the Java heap). Lets tests and
     * users sharing a heap between many fits lower the bound.
     */
    public static final String LIMIT_PROPERTY = "sersic4j.fit.maxStampBytes";

    private FitMemory() {}

    /** Heap bytes per fitted pixel and model parameter beyond one Sérsic's eight (Jacobian columns and their copies). */
    static final long BYTES_PER_PIXEL_PARAMETER = 24;

    /** Bytes a fit of a {@code width × height} stamp needs, with a PSF of side {@code psfSize} (0: none). */
    public static long estimate(int width, int height, int psfSize, int oversample) {
        return estimate(width, height, psfSize, oversample, 8);
    }

    /**
     * As {@link #estimate(int, int, int, int)}, for a model of {@code parameters} values (one Sérsic and a sky: 8),
     * drawn by the reference's model (the larger bound).
     */
    public static long estimate(int width, int height, int psfSize, int oversample, int parameters) {
        return estimate(width, height, psfSize, oversample, parameters, false);
    }

    /** As {@link #estimate(int, int, int, int, int)}, with {@code fast} true where the fast model draws the stamp. */
    public static long estimate(int width, int height, int psfSize, int oversample, int parameters, boolean fast) {
        long pixels = (long) width * height;
        long need = pixels * (BYTES_PER_PIXEL + BYTES_PER_PIXEL_PARAMETER * Math.max(0, parameters - 8));
        if (psfSize > 0) {
            int k = Math.max(1, oversample);
            long cells = ((long) (width - 1) * k + psfSize * k) * ((long) (height - 1) * k + psfSize * k);
            need += cells * (fast ? FAST_BYTES_PER_CELL : BYTES_PER_CELL);
        }
        return need;
    }

    /** Bytes the Java path's fit of a {@code width × height} stamp needs, under {@code psf} (or none) at {@code settings}. */
    public static long estimate(int width, int height, PixelPsf psf,
                                RenderSettings settings, int parameters) {
        return estimate(width, height, psf == null ? 0 : psf.size(), cellFactor(psf, settings), parameters,
                FitSettings.fast(psf, settings));
    }

    /**
     * The sub-pixel cells per pixel along each axis that a Java fit's model allocates: the settings' oversample, or 1
     * where the fast model draws it (pixel cells, and a few hundred fine ones at the centre).
     */
    static int cellFactor(PixelPsf psf, RenderSettings settings) {
        return FitSettings.fast(psf, settings) ? 1 : settings.oversample();
    }

    /** The most memory one stamp's fit may take. */
    public static long limit() {
        String p = System.getProperty(LIMIT_PROPERTY);
        if (p != null) {
            try {
                return Long.parseLong(p.trim());
            } catch (NumberFormatException e) {
                // fall through to the default
            }
        }
        return (long) (Runtime.getRuntime().maxMemory() * 0.8);
    }

    /** Null when the stamp fits in memory, else the problem in words (without the stamp's name). */
    public static String problem(int width, int height, int psfSize, int oversample) {
        return problem(width, height, psfSize, oversample, 8);
    }

    /** As {@link #problem(int, int, int, int)}, for a model of {@code parameters} values. */
    public static String problem(int width, int height, int psfSize, int oversample, int parameters) {
        return problem(width, height, estimate(width, height, psfSize, oversample, parameters));
    }

    /** As {@link #problem(int, int, int, int, int)}, for the Java path's fit under {@code psf} at {@code settings}. */
    static String problem(int width, int height, PixelPsf psf, RenderSettings settings,
                          int parameters) {
        return problem(width, height, estimate(width, height, psf, settings, parameters));
    }

    private static String problem(int width, int height, long need) {
        long limit = limit();
        if (need <= limit) return null;
        return String.format(Locale.ROOT, "a %dx%d stamp needs about %s of memory to fit, more than the %s this run "
                        + "allows (raise the Java heap with SERSIC4J_JAVA_OPTS=-Xmx..., or fit a cut-out)",
                width, height, bytes(need), bytes(limit));
    }

    static String bytes(long b) {
        if (b >= 1L << 30) return String.format(Locale.ROOT, "%.1f GB", b / 1e9);
        return String.format(Locale.ROOT, "%.0f MB", Math.max(1, b / 1e6));
    }
}
