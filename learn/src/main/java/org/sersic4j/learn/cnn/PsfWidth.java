package org.sersic4j.learn.cnn;

/**
 * A PSF stamp's width as a Gaussian-equivalent FWHM from its noise-equivalent area A = (Σp)²/Σp²:
 * FWHM = 2.3548 √(A/4π), exact for a well-sampled Gaussian, smooth in the width for any profile (training ranges are
 * measured the same way, so the comparison is like with like).
 */
public final class PsfWidth {
    private PsfWidth() {}

    /** Gaussian-equivalent FWHM [px] of a PSF stamp (any normalisation); NaN for an empty one. */
    public static double fwhm(float[] psf, int size) {
        double s = 0, s2 = 0;
        for (float v : psf) {
            s += v;
            s2 += (double) v * v;
        }
        if (!(s2 > 0)) return Double.NaN;
        double area = s * s / s2;
        return 2.3548 * Math.sqrt(area / (4 * Math.PI));
    }
}
