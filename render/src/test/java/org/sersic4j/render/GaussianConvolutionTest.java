package org.sersic4j.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hipparchus.special.Erf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An n = 0.5 Sérsic is a Gaussian, σ² = r_e²/(2 ln 2) along the major axis and (q σ)² along the minor; convolved
 * with a round Gaussian PSF of σ_p it is the Gaussian with the summed covariance, whose integral over an
 * axis-aligned pixel is a product of two erf differences. The renderer must reproduce that image with the PSF given
 * both as an effective (pixel-integrated) PSF and as an optical PSF sampled at pixel centres.
 */
class GaussianConvolutionTest {
    private static final int PSF_SIZE = 41;
    private static final double X0 = 21.3, Y0 = 20.8, FLUX = 1e4;
    private static final JavaReferenceRenderer R = new JavaReferenceRenderer();

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (double re : new double[] {1.5, 4}) for (double q : new double[] {1, 0.5}) for (double fwhm : new double[] {2.5, 4}) {
            out.add(Arguments.of(re, q, fwhm, q == 1 ? 0.0 : 90.0, 41, 41));
        }
        out.add(Arguments.of(1.5, 0.5, 2.5, 0.0, 41, 41));
        // Non-square stamps: a transposed axis would show.
        out.add(Arguments.of(4.0, 0.5, 2.5, 90.0, 45, 31));
        out.add(Arguments.of(1.5, 0.5, 4.0, 0.0, 29, 41));
        return out.stream();
    }

    /** The exact pixel integrals of the convolved Gaussian (pa 0: major axis along y; pa 90: along x). */
    static Image analytic(double re, double q, double pa, double fwhm, int width, int height) {
        double s2 = re * re / (2 * Math.log(2));
        double sp = fwhm / (2 * Math.sqrt(2 * Math.log(2)));
        double major = Math.sqrt(s2 + sp * sp), minor = Math.sqrt(q * q * s2 + sp * sp);
        double sx = pa == 0 ? minor : major, sy = pa == 0 ? major : minor;
        if (pa != 0 && pa != 90) throw new IllegalArgumentException("axis-aligned only");
        double[] fx = new double[width], fy = new double[height];
        for (int i = 0; i < width; i++) {
            double c = i + 1; // FITS centre of pixel i
            fx[i] = 0.5 * Erf.erf((c - 0.5 - X0) / (Math.sqrt(2) * sx), (c + 0.5 - X0) / (Math.sqrt(2) * sx));
        }
        for (int i = 0; i < height; i++) {
            double c = i + 1;
            fy[i] = 0.5 * Erf.erf((c - 0.5 - Y0) / (Math.sqrt(2) * sy), (c + 0.5 - Y0) / (Math.sqrt(2) * sy));
        }
        double[] px = new double[width * height];
        for (int iy = 0; iy < height; iy++) for (int ix = 0; ix < width; ix++) px[iy * width + ix] = FLUX * fx[ix] * fy[iy];
        return new Image(width, height, px);
    }

    /** The optical PSF exp(−r²/2σ_p²) sampled at integer offsets (no pixel response inside). */
    static Image sampledGaussian(double fwhm) {
        double sp = fwhm / (2 * Math.sqrt(2 * Math.log(2)));
        int r = PSF_SIZE / 2;
        double[] px = new double[PSF_SIZE * PSF_SIZE];
        for (int y = -r; y <= r; y++) for (int x = -r; x <= r; x++) {
            px[(y + r) * PSF_SIZE + x + r] = Math.exp(-(x * x + y * y) / (2 * sp * sp));
        }
        return new Image(PSF_SIZE, PSF_SIZE, px);
    }

    @ParameterizedTest(name = "re={0} q={1} fwhm={2} pa={3} {4}x{5}")
    @MethodSource("cases")
    void convolvedGaussianMatchesTheAnalyticImage(double re, double q, double fwhm, double pa, int w, int h) {
        SersicParams p = new SersicParams(X0, Y0, FLUX, re, 0.5, q, pa);
        Image truth = analytic(re, q, pa, fwhm, w, h);

        PixelPsf effective = GaussianPsf.round(fwhm).toPixelPsf(PSF_SIZE);
        double eEffective = ExactReferences.maxRelToPeak(R.render(p, w, h, effective, RenderSettings.DEFAULT), truth);

        PixelPsf optical = PixelPsf.of(sampledGaussian(fwhm), false, "sampled Gaussian");
        double eOptical = ExactReferences.maxRelToPeak(R.render(p, w, h, optical, RenderSettings.DEFAULT), truth);

        // The effective PSF declared as optical: the renderer integrates over the pixel twice.
        PixelPsf mislabelled = PixelPsf.of(effective.toImage(), false, "effective PSF mislabelled as optical");
        double eWrong = ExactReferences.maxRelToPeak(R.render(p, w, h, mislabelled, RenderSettings.DEFAULT), truth);

        System.out.printf("gaussian re=%.1f q=%.1f fwhm=%.1f pa=%.0f %dx%d: effective %.2e, optical %.2e, mislabelled %.2e%n",
                re, q, fwhm, pa, w, h, eEffective, eOptical, eWrong);
        assertTrue(eEffective <= 1e-3, "effective PSF: max|Δ|/peak = " + eEffective);
        assertTrue(eOptical <= 1e-3, "optical (sampled) PSF: max|Δ|/peak = " + eOptical);
        assertTrue(eWrong > 3 * eEffective, "mislabelled PSF error " + eWrong + " should exceed 3 × " + eEffective);
    }
}
