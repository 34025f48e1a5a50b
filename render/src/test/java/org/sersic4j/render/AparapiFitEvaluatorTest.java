package org.sersic4j.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The device's step sums (JᵀJ, Jᵀr, Σr² of a χ² fit) agree with the same sums built from the double-precision
 * {@link StampModel} and its analytic Jacobian, with and without a PSF, for compact cusped and extended profiles, with
 * masked pixels and an idle slot, on the Java thread pool and every OpenCL device present.
 */
class AparapiFitEvaluatorTest {
    private static final int W = 30, H = 26;
    private static final RenderSettings FIT = new RenderSettings(1, 1e-4);

    static Stream<Arguments> devices() {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("jtp"));
        for (String d : Renderers.availableDevices()) if (d.startsWith("opencl:")) out.add(Arguments.of(d));
        return out.stream();
    }

    private static Device device(String name) {
        if (name.equals("jtp")) return JavaDevice.THREAD_POOL;
        return AparapiRenderer.openClDevices().get(Integer.parseInt(name.substring(7)));
    }

    @ParameterizedTest
    @MethodSource("devices")
    void stepSumsMatchTheReferenceModelAndJacobian(String name) {
        PixelPsf psf = MoffatPsf.round(3, 3.5).toPixelPsf(11);
        SersicParams[] truth = {
                new SersicParams(15.3, 13.1, 8000, 1.4, 4.0, 0.7, 30),
                new SersicParams(14.8, 12.6, 20000, 6.0, 1.0, 0.4, 120),
                new SersicParams(16.0, 14.0, 3000, 3.0, 2.5, 0.9, 75)};
        SersicParams[] at = {
                new SersicParams(15.1, 13.3, 7000, 1.6, 3.5, 0.75, 36),
                new SersicParams(14.9, 12.4, 21000, 5.5, 1.2, 0.45, 115),
                new SersicParams(16.2, 13.8, 3300, 2.8, 2.0, 0.85, 70)};
        // With the PSF at the fitting default (pixel cells) and at half-pixel cells; without a PSF.
        Object[][] cases = {{psf, FIT}, {psf, FIT.withOversample(2)}, {null, FIT}};
        for (Object[] c : cases) {
            PixelPsf p = (PixelPsf) c[0];
            RenderSettings settings = (RenderSettings) c[1];
            StampModel model = new StampModel(W, H, p, settings);
            try (AparapiFitEvaluator ev = new AparapiFitEvaluator(device(name), 4, W, H, p == null ? -1 : p.radius(), settings)) {
                double[][] sigma = new double[3][];
                float[][] use = new float[3][];
                double[][][] data = new double[3][][];
                for (int s = 0; s < 3; s++) {
                    double[] d = model.model(truth[s]);
                    float[] fd = new float[W * H], inv = new float[W * H], u = new float[W * H];
                    sigma[s] = new double[W * H];
                    for (int i = 0; i < W * H; i++) {
                        d[i] += 3 * Math.sin(i * 0.7 + s);
                        sigma[s][i] = 2 + Math.sqrt(Math.abs(d[i])) / 4;
                        fd[i] = (float) d[i];
                        inv[i] = (float) (1 / sigma[s][i]);
                        u[i] = (i % 17 == 3) ? 0 : 1;
                    }
                    use[s] = u;
                    data[s] = new double[][] {d};
                    ev.fill(s == 2 ? 3 : s, new AparapiFitEvaluator.SlotData(fd, inv, new float[W * H], u,
                            AparapiFitEvaluator.CHI2, 0, 0, p));
                }
                double[][] params = new double[4][];
                for (int s = 0; s < 3; s++) {
                    double[] v = new double[8];
                    System.arraycopy(at[s].toArray(), 0, v, 0, 7);
                    v[7] = 1.5;
                    params[s == 2 ? 3 : s] = v;
                }
                double[][] sums = ev.evaluate(params);
                assertNull(sums[2], "an idle slot returns nothing");
                for (int s = 0; s < 3; s++) {
                    double[] got = sums[s == 2 ? 3 : s];
                    double[] want = referenceSums(model.modelAndJacobian(at[s]), data[s][0], sigma[s], use[s], 1.5);
                    compare(name + " psf=" + (p != null) + " oversample " + settings.oversample() + " stamp " + s, want, got);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("devices")
    void eachStampUsesItsOwnPsf(String name) {
        PixelPsf[] psfs = {MoffatPsf.round(2.5, 3).toPixelPsf(11), MoffatPsf.round(4.5, 2.5).toPixelPsf(11),
                MoffatPsf.round(2.5, 3).toPixelPsf(11)};
        SersicParams truth = new SersicParams(15.2, 13.4, 9000, 2.2, 2.0, 0.6, 50);
        SersicParams at = new SersicParams(15.0, 13.5, 8500, 2.5, 1.8, 0.65, 55);
        try (AparapiFitEvaluator ev = new AparapiFitEvaluator(device(name), 3, W, H, 5, FIT)) {
            double[][] sigma = new double[3][], data = new double[3][];
            float[] use = new float[W * H];
            java.util.Arrays.fill(use, 1f);
            double[][] params = new double[3][];
            for (int s = 0; s < 3; s++) {
                data[s] = new StampModel(W, H, psfs[s], FIT).model(truth);
                float[] fd = new float[W * H], inv = new float[W * H];
                sigma[s] = new double[W * H];
                for (int i = 0; i < W * H; i++) {
                    sigma[s][i] = 3 + Math.sqrt(Math.abs(data[s][i])) / 3;
                    fd[i] = (float) data[s][i];
                    inv[i] = (float) (1 / sigma[s][i]);
                }
                ev.fill(s, new AparapiFitEvaluator.SlotData(fd, inv, new float[W * H], use, AparapiFitEvaluator.CHI2, 0, 0,
                        psfs[s]));
                params[s] = java.util.Arrays.copyOf(at.toArray(), 8);
            }
            double[][] sums = ev.evaluate(params);
            for (int s = 0; s < 3; s++) {
                double[] want = referenceSums(new StampModel(W, H, psfs[s], FIT).modelAndJacobian(at), data[s], sigma[s], use, 0);
                compare(name + " stamp " + s + " with PSF " + s, want, sums[s]);
            }
            // The two stamps with equal PSFs (two objects) agree; the other PSF gives another fit statistic.
            assertEquals(sums[0][SUMS_CHI2], sums[2][SUMS_CHI2], 1e-6 * sums[0][SUMS_CHI2]);
            assertTrue(Math.abs(sums[0][SUMS_CHI2] - sums[1][SUMS_CHI2]) > 1e-3 * sums[0][SUMS_CHI2]);
        }
    }

    private static final int SUMS_CHI2 = AparapiFitEvaluator.PARAMS * (AparapiFitEvaluator.PARAMS + 1) / 2
            + AparapiFitEvaluator.PARAMS;

    /** The sums from the double-precision model: r = (m + sky − d)/σ, J = ∂m/∂θ / σ (sky column 1/σ). */
    private static double[] referenceSums(ModelAndJacobian mj, double[] d, double[] sigma, float[] use, double sky) {
        int np = AparapiFitEvaluator.PARAMS;
        double[] out = new double[AparapiFitEvaluator.SUMS];
        double[] m = mj.model().pixels();
        double[][] jac = mj.jacobian();
        int packed = np * (np + 1) / 2;
        for (int i = 0; i < m.length; i++) {
            if (use[i] == 0) continue;
            double r = (m[i] + sky - d[i]) / sigma[i];
            double[] row = new double[np];
            for (int c = 0; c < 7; c++) row[c] = jac[c][i] / sigma[i];
            row[7] = 1 / sigma[i];
            for (int a = 0, e = 0; a < np; a++) for (int b = 0; b <= a; b++, e++) out[e] += row[a] * row[b];
            for (int a = 0; a < np; a++) out[packed + a] += row[a] * r;
            out[packed + np] += r * r;
            out[packed + np + 1] += r * r;
            out[packed + np + 2] += Math.log(2 * Math.PI * sigma[i] * sigma[i]);
        }
        return out;
    }

    private static void compare(String what, double[] want, double[] got) {
        int np = AparapiFitEvaluator.PARAMS, packed = np * (np + 1) / 2;
        double[] diag = new double[np];
        for (int a = 0; a < np; a++) diag[a] = want[a * (a + 1) / 2 + a];
        double chi2 = want[packed + np];
        assertEquals(chi2, got[packed + np], 1e-4 * chi2, what + ": sum of r^2");
        assertEquals(want[packed + np + 1], got[packed + np + 1], 1e-4 * chi2, what + ": chi2 term");
        assertEquals(want[packed + np + 2], got[packed + np + 2], 1e-4 * Math.abs(want[packed + np + 2]), what + ": log term");
        for (int a = 0, e = 0; a < np; a++) {
            for (int b = 0; b <= a; b++, e++) {
                double scale = Math.sqrt(diag[a] * diag[b]);
                assertTrue(Math.abs(got[e] - want[e]) <= 2e-3 * scale,
                        what + ": JtJ[" + a + "][" + b + "] " + got[e] + " vs " + want[e] + " (scale " + scale + ")");
            }
            double scale = Math.sqrt(diag[a] * chi2);
            assertTrue(Math.abs(got[packed + a] - want[packed + a]) <= 2e-3 * scale,
                    what + ": Jtr[" + a + "] " + got[packed + a] + " vs " + want[packed + a] + " (scale " + scale + ")");
        }
    }
}
