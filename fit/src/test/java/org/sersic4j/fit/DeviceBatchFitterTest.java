package org.sersic4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hipparchus.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sersic4j.render.AparapiRenderer;
import org.sersic4j.render.Image;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.MoffatPsf;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.NoiseModel;

/**
 * The batched device fitter gives the CPU Levenberg–Marquardt's answers: on noisy stamps, for every galaxy both
 * converge on, each free parameter agrees within 0.1 of its error bar (PA modulo 180°), with each likelihood, a σ map
 * with a mask, a fitted sky and a fixed parameter; on the Java thread pool and every OpenCL device present. And it
 * behaves as a batch: each stamp once, done ids skipped, unreadable stamps failed alone, stamps of several sizes (and
 * without a PSF) in one run, more stamps than slots.
 */
class DeviceBatchFitterTest {
    static final NoiseModel NOISE = new NoiseModel(100, 1, 5);
    static final PixelPsf PSF = MoffatPsf.round(3, 3.5).toPixelPsf(13);
    static final int N = 14, SIZE = 40;
    static final List<SersicParams> TRUTH = new ArrayList<>();
    static final List<Image> DATA = new ArrayList<>();

    static {
        Random r = new Random(11);
        JavaReferenceRenderer ref = new JavaReferenceRenderer();
        for (int i = 0; i < N; i++) {
            SersicParams t = new SersicParams(20.5 + 3 * (r.nextDouble() - 0.5), 20.5 + 3 * (r.nextDouble() - 0.5),
                    2000 + 30000 * r.nextDouble(), 1.2 + 5 * r.nextDouble(), 0.6 + 3.4 * r.nextDouble(),
                    0.3 + 0.7 * r.nextDouble(), 180 * r.nextDouble());
            TRUTH.add(t);
            DATA.add(NOISE.addNoise(ref.render(t, SIZE, SIZE, PSF, RenderSettings.DEFAULT), new Well19937c(100 + i)));
        }
    }

    static Stream<Arguments> devices() {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("jtp"));
        List<com.aparapi.device.OpenCLDevice> cl = AparapiRenderer.openClDevices();
        for (int i = 0; i < cl.size(); i++) out.add(Arguments.of("opencl:" + i));
        return out.stream();
    }

    static Device device(String name) {
        return name.equals("jtp") ? JavaDevice.THREAD_POOL : AparapiRenderer.openClDevices().get(Integer.parseInt(name.substring(7)));
    }

    static Image sigmaMap(Image data) {
        double[] s = new double[data.pixels().length];
        for (int i = 0; i < s.length; i++) s[i] = Math.sqrt(NOISE.variance(Math.max(0, data.pixels()[i])));
        return new Image(data.width(), data.height(), s);
    }

    static Image mask(int i) {
        double[] m = new double[SIZE * SIZE];
        for (int y = 0; y < 6; y++) for (int x = 0; x < 8; x++) m[(2 + y) * SIZE + 3 + x + i] = 1;
        return new Image(SIZE, SIZE, m);
    }

    /** The problems of one configuration. */
    static List<FitProblem> problems(String config) {
        List<FitProblem> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            // At the device's rendering settings, where the Java path draws the same model as the kernel.
            FitProblem.Builder b = FitProblem.builder("g" + i, DATA.get(i)).psf(PSF).noise(NOISE)
                    .settings(FitSettings.DEVICE_RENDER);
            switch (config) {
                case "chi2-sigma-mask-sky-fixed" -> {
                    b.likelihood(Likelihood.CHI2).sigma(sigmaMap(DATA.get(i))).mask(mask(i % 5)).fitSky(true, 0);
                    if (i % 3 == 0) b.fix("n");
                }
                case "gaussian" -> b.likelihood(Likelihood.GAUSSIAN);
                default -> { }
            }
            out.add(b.build());
        }
        return out;
    }

    static Map<String, FitResult> runDevice(String device, List<FitProblem> ps, int batch) {
        List<BatchItem> items = new ArrayList<>();
        for (FitProblem p : ps) items.add(new BatchItem(p.id(), () -> p));
        Map<String, FitResult> out = new ConcurrentHashMap<>();
        new DeviceBatchFitter(device(device), new DeviceBatchFitter.Settings(batch, 0, 2, false, false, 200))
                .run(items, Set.of(), (r, p) -> assertNull(out.put(r.id(), r), "twice: " + r.id()), m -> { });
        return out;
    }

    @ParameterizedTest
    @MethodSource("devices")
    void agreesWithTheCpuFitWithinATenthOfEachErrorBar(String device) {
        LevenbergMarquardtFitter cpu = new LevenbergMarquardtFitter();
        for (String config : List.of("poisson", "chi2-sigma-mask-sky-fixed", "gaussian")) {
            List<FitProblem> ps = problems(config);
            Map<String, FitResult> dev = runDevice(device, ps, 5);
            assertEquals(N, dev.size());
            int compared = 0;
            for (FitProblem p : ps) {
                FitResult c = cpu.fit(p), d = dev.get(p.id());
                assertTrue(d.converged(), config + " " + p.id() + ": " + FitFlags.names(d.flags()));
                assertTrue(d.device().startsWith(device.equals("jtp") ? "Aparapi Java thread pool" : "OpenCL"), d.device());
                if (!c.converged()) continue;
                compared++;
                double[] a = c.params().toArray(), b = d.params().toArray(), e = c.errors();
                for (int k = 0; k < 7; k++) {
                    if (!(e[k] > 0) || !Double.isFinite(e[k])) continue;
                    double diff = a[k] - b[k];
                    if (k == 6) diff = ((diff % 180) + 270) % 180 - 90;
                    assertTrue(Math.abs(diff) <= 0.1 * e[k], config + " " + p.id() + " " + SersicParams.NAMES[k]
                            + ": cpu " + a[k] + " device " + b[k] + " error " + e[k]);
                    assertEquals(e[k], d.errors()[k], 0.05 * e[k], config + " " + p.id() + " error of " + SersicParams.NAMES[k]);
                }
                if ((p.fitSky())) assertTrue(Math.abs(c.sky() - d.sky()) <= 0.1 * c.skyError(), config + " sky");
                assertEquals(c.chi2nu(), d.chi2nu(), 1e-3 * c.chi2nu(), config + " chi2nu");
                assertEquals(c.logL(), d.logL(), 1e-5 * Math.abs(c.logL()) + 0.05, config + " logL");
                assertTrue(d.iterations() >= 1 && d.evaluations() > d.iterations());
            }
            assertTrue(compared >= N - 1, config + ": only " + compared + " CPU fits converged");
        }
    }

    @Test
    void actsAsABatchOnMixedInputs() {
        JavaReferenceRenderer ref = new JavaReferenceRenderer();
        List<BatchItem> items = new ArrayList<>();
        Function<Integer, FitProblem> small = i -> FitProblem.builder("small" + i,
                NOISE.addNoise(ref.render(new SersicParams(12.5, 13, 5000, 2, 1, 0.7, 30 * i), 24, 26, null,
                        RenderSettings.DEFAULT), new Well19937c(i))).noise(NOISE).build();
        for (int i = 0; i < 5; i++) {
            int k = i;
            items.add(new BatchItem("g" + i, () -> problems("poisson").get(k)));
            items.add(new BatchItem("small" + i, () -> small.apply(k)));
        }
        items.add(new BatchItem("broken", () -> {
            throw new FitInputException("broken.fits: truncated file");
        }));
        Map<String, FitResult> out = new ConcurrentHashMap<>();
        List<String> problems = new ArrayList<>();
        BatchFitter.Summary s = new DeviceBatchFitter(JavaDevice.THREAD_POOL,
                new DeviceBatchFitter.Settings(3, 0, 2, false, true, 200))
                .run(items, Set.of("g0"), (r, p) -> assertNull(out.put(r.id(), r), "twice: " + r.id()), problems::add);
        assertEquals(10, out.size());
        assertEquals(1, s.skipped());
        assertEquals(1, s.failed());
        assertEquals(List.of("broken.fits: truncated file"), problems);
        assertTrue((out.get("broken").flags() & FitFlags.FAILED) != 0);
        for (int i = 0; i < 5; i++) {
            FitResult r = out.get("small" + i);
            assertTrue(r.converged(), r.toString());
            assertEquals(5000, r.params().flux(), 0.1 * 5000);
            assertEquals(24 * 26, r.model().pixels().length, "model images drawn when asked");
        }
    }

    @Test
    void stampsTheMemoryBudgetCannotHoldAreFlaggedAloneWithTheMemoryTheyNeed() {
        List<BatchItem> items = new ArrayList<>();
        for (FitProblem p : problems("poisson").subList(0, 4)) items.add(new BatchItem(p.id(), () -> p));
        Map<String, FitResult> out = new ConcurrentHashMap<>();
        List<String> problems = new ArrayList<>();
        BatchFitter.Summary s = new DeviceBatchFitter(JavaDevice.THREAD_POOL,
                new DeviceBatchFitter.Settings(16, 100_000, 1, false, false, 200))
                .run(items, Set.of(), (r, p) -> out.put(r.id(), r), problems::add);
        assertEquals(4, s.failed());
        assertEquals(4, out.size());
        for (FitResult r : out.values()) assertTrue((r.flags() & FitFlags.FAILED) != 0);
        assertEquals(4, problems.size());
        assertTrue(problems.get(0).matches("g\\d+: stamps of 40x40 px need [0-9.]+ MiB each.*"), problems.get(0));
    }

    @Test
    void aFitStartedAtItsOwnOptimumStopsWithinTwoIterationsWhereItWas() {
        List<FitProblem> ps = problems("poisson");
        Map<String, FitResult> first = runDevice("jtp", ps, 8);
        List<FitProblem> seeded = new ArrayList<>();
        for (FitProblem p : ps) seeded.add(p.withGuess(first.get(p.id()).params()));
        Map<String, FitResult> again = runDevice("jtp", seeded, 8);
        for (FitProblem p : ps) {
            FitResult a = first.get(p.id()), b = again.get(p.id());
            assertTrue(b.converged() && b.iterations() <= 2, p.id() + ": " + b.iterations() + " iterations");
            for (int k = 0; k < 6; k++) {
                double e = a.errors()[k];
                if (e > 0 && Double.isFinite(e))
                    assertEquals(a.params().toArray()[k], b.params().toArray()[k], 0.05 * e, p.id() + " " + SersicParams.NAMES[k]);
            }
        }
    }
}
