package org.sersic4j.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float Aparapi kernel agrees with the double Java reference to 1e-4 of the peak, on the Java thread pool and on
 * every OpenCL device present. With SERSIC4J_REQUIRE_OPENCL=1 (set by CI) an OpenCL device must exist and must really
 * run the kernel, so the OpenCL path is tested rather than Aparapi's silent fallback.
 */
class AparapiAgreementTest {
    private static final double LIMIT = 1e-4;

    static Stream<Arguments> devices() {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("jtp"));
        for (String d : Renderers.availableDevices()) if (d.startsWith("opencl:")) out.add(Arguments.of(d));
        return out.stream();
    }

    static List<SersicParams> spread() throws Exception {
        List<SersicParams> ps = new ArrayList<>();
        for (ExactReferences.Case c : ExactReferences.cases()) ps.add(c.params());
        Random rnd = new Random(7);
        for (int i = 0; i < 40; i++) {
            ps.add(new SersicParams(32.5 + 6 * rnd.nextDouble() - 3, 32.5 + 6 * rnd.nextDouble() - 3,
                    500 + 49500 * rnd.nextDouble(), 0.3 + 15 * rnd.nextDouble(), 0.3 + 7.7 * rnd.nextDouble(),
                    0.1 + 0.9 * rnd.nextDouble(), 180 * rnd.nextDouble()));
        }
        return ps;
    }

    @ParameterizedTest
    @MethodSource("devices")
    void kernelMatchesTheJavaReference(String device) throws Exception {
        List<SersicParams> ps = spread();
        PixelPsf psf = MoffatPsf.round(4, 3.5).toPixelPsf(25);
        JavaReferenceRenderer ref = new JavaReferenceRenderer();
        try (Renderer r = Renderers.create(device)) {
            for (PixelPsf p : new PixelPsf[] {null, psf}) {
                for (RenderSettings s : new RenderSettings[] {RenderSettings.DEFAULT, RenderSettings.DEFAULT.withOversample(1)}) {
                    float[][] out = r.renderBatch(ps, 64, 64, p == null ? null : List.of(p), s);
                    double worst = 0;
                    for (int i = 0; i < ps.size(); i++) {
                        Image expected = ref.render(ps.get(i), 64, 64, p, s);
                        worst = Math.max(worst, ExactReferences.maxRelToPeak(Image.ofFloats(64, 64, out[i]), expected));
                    }
                    System.out.printf("%s (%s) psf=%s oversample=%d: max |Δ|/peak = %.2e%n", device,
                            r.deviceDescription(), p != null, s.oversample(), worst);
                    assertTrue(worst <= LIMIT, device + ": max |Δ|/peak " + worst + " > " + LIMIT);
                }
            }
            boolean wantCl = device.startsWith("opencl");
            assertEquals(wantCl, r.deviceDescription().startsWith("OpenCL"), "ran on " + r.deviceDescription());
        }
    }

    @org.junit.jupiter.api.Test
    void openClIsPresentWhereRequired() {
        Assumptions.assumeTrue("1".equals(System.getenv("SERSIC4J_REQUIRE_OPENCL")), "OpenCL not required here");
        assertFalse(Renderers.openClDescriptions().isEmpty(), "SERSIC4J_REQUIRE_OPENCL=1 but no OpenCL device is visible");
    }

    @org.junit.jupiter.api.Test
    void perStampPsfsAreHonoured() throws Exception {
        List<SersicParams> ps = spread().subList(0, 6);
        List<PixelPsf> psfs = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) psfs.add(MoffatPsf.round(1.5 + i, 3).toPixelPsf(25));
        JavaReferenceRenderer ref = new JavaReferenceRenderer();
        try (Renderer r = Renderers.create("jtp")) {
            float[][] out = r.renderBatch(ps, 48, 40, psfs, RenderSettings.DEFAULT);
            for (int i = 0; i < ps.size(); i++) {
                Image expected = ref.render(ps.get(i), 48, 40, psfs.get(i), RenderSettings.DEFAULT);
                double d = ExactReferences.maxRelToPeak(Image.ofFloats(48, 40, out[i]), expected);
                assertTrue(d <= LIMIT, "stamp " + i + ": max |Δ|/peak " + d);
            }
        }
    }
}
