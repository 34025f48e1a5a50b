package org.sersic4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.Image;
import org.sersic4j.render.MoffatPsf;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.model.Model;
import org.sersic4j.render.sim.NoiseModel;

/**
 * {@link FitMemory}'s estimate is honest, and small: a {@value #SIDE}×{@value #SIDE} stamp (with a 25×25 PSF, the
 * default fast model) is fitted by Levenberg–Marquardt in a separate Java process whose heap is the smallest one the
 * check lets such a stamp through (the estimate / 0.8) and which exits at its first {@link OutOfMemoryError}. If the
 * fit allocates more than the estimate says, this test fails; and the estimate is tight enough that the fit path
 * before the Jacobian was kept as the model's own derivatives (then about 475 bytes a pixel of heap) would fail here too.
 */
class LargeStampMemoryTest {
    static final int SIDE = 1024;
    static final PixelPsf PSF = MoffatPsf.round(4, 3.5).toPixelPsf(25);
    static final NoiseModel NOISE = new NoiseModel(100, 1, 5);
    static final SersicParams TRUTH = new SersicParams(512.3, 511.6, 150000, 30, 1.5, 0.7, 40);

    @Test
    void aLargeStampFitsInTheHeapItsEstimateAsksFor() throws Exception {
        long estimate = FitMemory.estimate(SIDE, SIDE, PSF, FitSettings.RENDER, 8);
        long heapMb = (long) Math.ceil(estimate / 0.8 / (1 << 20));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx" + heapMb + "m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), LargeStampMemoryTest.class.getName()));
        pb.redirectErrorStream(true);
        Process child = pb.start();
        byte[] out = child.getInputStream().readAllBytes();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the fit ended");
        String text = new String(out, StandardCharsets.UTF_8);
        System.out.printf("%dx%d stamp, estimate %s, heap %d MB: %s", SIDE, SIDE, FitMemory.bytes(estimate), heapMb, text);
        assertEquals(0, child.exitValue(), "the fit ran out of a " + heapMb + " MB heap (estimate "
                + FitMemory.bytes(estimate) + "): " + text);
        assertTrue(text.contains("converged"), text);
    }

    /** The forked fit: draws the stamp, fits it from a guess a little off, prints the result. */
    public static void main(String[] args) {
        Image data = FitSettings.stamp(SIDE, SIDE, PSF, FitSettings.RENDER).image(Model.of(TRUTH, null));
        SersicParams guess = new SersicParams(TRUTH.x0() + 0.4, TRUTH.y0() - 0.3, TRUTH.flux() * 1.1, TRUTH.re() * 0.9,
                TRUTH.n() * 1.1, TRUTH.q() * 0.95, TRUTH.pa() + 5);
        FitProblem p = FitProblem.builder("large", data).psf(PSF).noise(NOISE).likelihood(Likelihood.POISSON)
                .guess(guess).build();
        FitResult r = new LevenbergMarquardtFitter().fit(p);
        if (r.message() != null && (r.flags() & FitFlags.FAILED) != 0) {
            System.out.println("failed: " + r.message());
            System.exit(2);
        }
        System.out.printf("%s iterations=%d nfev=%d %.1fs %s%n", r.converged() ? "converged" : "not converged",
                r.iterations(), r.evaluations(), r.seconds(), r.params());
    }
}
