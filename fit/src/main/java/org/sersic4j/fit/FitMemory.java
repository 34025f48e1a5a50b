package org.sersic4j.fit;

import java.util.Locale;

/**
 * The memory a stamp's fit needs, checked before its arrays are allocated, so that a stamp too large for the Java
 * heap fails alone, with a line naming its size and the memory it would need, instead of taking the whole run down
 * with an {@link OutOfMemoryError}.
 *
 * <p>The estimate follows the arrays of one fit: per fitted pixel the data, model, residuals, the model's Jacobian
 * and the optimiser's copies of the residuals' Jacobian (about {@value #BYTES_PER_PIXEL} bytes); per sub-pixel cell
 * under a PSF the cell integrals, their derivatives and the FFT grids (about {@value #BYTES_PER_CELL} bytes).
 */
public final class FitMemory {
    /** Heap bytes per fitted pixel (measured: a 4000×4000 stamp took 6.4 GB). */
    static final long BYTES_PER_PIXEL = 400;
    /** Heap bytes per sub-pixel cell under a PSF. */
    static final long BYTES_PER_CELL = 300;
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

    /** As {@link #estimate(int, int, int, int)}, for a model of {@code parameters} values (one Sérsic and a sky: 8). */
    public static long estimate(int width, int height, int psfSize, int oversample, int parameters) {
        long pixels = (long) width * height;
        long need = pixels * (BYTES_PER_PIXEL + BYTES_PER_PIXEL_PARAMETER * Math.max(0, parameters - 8));
        if (psfSize > 0) {
            int k = Math.max(1, oversample);
            long cells = ((long) (width - 1) * k + psfSize * k) * ((long) (height - 1) * k + psfSize * k);
            need += cells * BYTES_PER_CELL;
        }
        return need;
    }

    /**
     * The sub-pixel cells per pixel along each axis that a Java fit's model allocates: the settings' oversample, or 1
     * where the fast model draws it (pixel cells, and a few hundred fine ones at the centre).
     */
    static int cellFactor(org.sersic4j.render.PixelPsf psf, org.sersic4j.render.RenderSettings settings) {
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
        long need = estimate(width, height, psfSize, oversample, parameters), limit = limit();
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
