package org.sersic4j.render.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.FastRenderer;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.MoffatPsf;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.SersicMath;
import org.sersic4j.render.SersicParams;

/**
 * Drawing many models: a bulge+disc stamp holds the sum of the components' analytic total fluxes (less only the light
 * the profiles' own analytic curves of growth put beyond the stamp); the batched path (profiles through the fast CPU
 * renderer, point sources and sky planes from ModelStamp) agrees with the exact sum to the fast renderer's documented
 * accuracy (max |Δ| ≤ 1e-2 of the peak per stamp, median over stamps ≤ 1e-3), and through the Aparapi kernel on
 * OpenCL to its (1e-4 of the peak per profile); the Java reference renderer means the exact path.
 */
class ModelRendererTest {
    private static final RenderSettings S = RenderSettings.DEFAULT;
    private static final PixelPsf MOFFAT = MoffatPsf.round(4, 3.5).toPixelPsf(25);

    private static Model bulgeDisc(double x0, double y0, double fb, double reb, double nb, double fd, double red, double q) {
        return new Model(List.of(Component.sersic("bulge", new SersicParams(x0, y0, fb, reb, nb, 0.9, 20)),
                Component.fixedIndex(ComponentType.EXPONENTIAL, "disc", new SersicParams(x0, y0, fd, red, 1, q, 70))));
    }

    @Test
    void aBulgeDiscStampHoldsTheSumOfTheComponentFluxes() {
        int size = 121;
        double half = (size - 1) / 2.0;   // the largest elliptical radius wholly on the stamp, from its centre
        double fb = 3000, fd = 7000, reb = 1.5, nb = 4, red = 4;
        Model m = bulgeDisc(61, 61, fb, reb, nb, fd, red, 0.6);
        double lower = fb * SersicMath.enclosedFraction(half, reb, nb) + fd * SersicMath.enclosedFraction(half, red, 1);
        for (PixelPsf psf : Arrays.asList(null, MOFFAT)) {
            double sum = Arrays.stream(new ModelStamp(size, size, psf, S).model(m)).sum();
            // the PSF may move a little light across the edge either way: allow its size in the upper bound
            assertTrue(sum >= lower * (1 - 1e-6) && sum <= (fb + fd) * (1 + 1e-6),
                    "stamp flux " + sum + " outside [" + lower + ", " + (fb + fd) + "] with psf " + psf);
            assertTrue(Math.abs(sum - (fb + fd)) <= 2e-3 * (fb + fd), "stamp flux " + sum + " vs " + (fb + fd));
        }
    }

    /** Eight bulge+disc+point+neighbour+sky-plane models on 64×64 stamps. */
    private static List<Model> mixed() {
        Random rnd = new Random(5);
        List<Model> models = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            double x0 = 30 + 5 * rnd.nextDouble(), y0 = 30 + 5 * rnd.nextDouble(), f = 2000 + 40000 * rnd.nextDouble();
            double bt = 0.1 + 0.8 * rnd.nextDouble(), red = 2 + 10 * rnd.nextDouble();
            List<Component> c = new ArrayList<>(bulgeDisc(x0, y0, bt * f, (0.2 + 0.6 * rnd.nextDouble()) * red,
                    2 + 4 * rnd.nextDouble(), (1 - bt) * f, red, 0.4 + 0.6 * rnd.nextDouble()).components());
            c.add(Component.pointSource("point", x0 + 0.3, y0 - 0.2, 0.1 * f));
            c.add(Component.sersic("neighbour1", new SersicParams(x0 + 12, y0 - 9, 0.5 * f, 3, 1.5, 0.7, 10)));
            c.add(new Component(ComponentType.SKYPLANE, "sky", new double[] {0, 0.02, -0.01}));
            models.add(new Model(c));
        }
        return models;
    }

    /** Per model, max |batched − exact| / exact peak, sorted. */
    private static double[] errors(Renderer r, String label) {
        List<Model> models = mixed();
        double[][] exact = ModelRenderer.exact().render(models, 64, 64, List.of(MOFFAT), S);
        double[][] batched = ModelRenderer.of(r).render(models, 64, 64, List.of(MOFFAT), S);
        double[] err = new double[models.size()];
        for (int i = 0; i < err.length; i++) {
            double peak = Arrays.stream(exact[i]).max().orElseThrow(), worst = 0;
            for (int p = 0; p < exact[i].length; p++) worst = Math.max(worst, Math.abs(batched[i][p] - exact[i][p]));
            err[i] = worst / peak;
            System.out.printf("%s vs exact, model %d: max|Δ|/peak = %.2e%n", label, i, err[i]);
        }
        Arrays.sort(err);
        return err;
    }

    @Test
    void theBatchedPathAgreesWithTheExactSum() {
        double[] err = errors(new FastRenderer(), "fast");
        assertTrue(err[err.length - 1] <= 1e-2, "max " + err[err.length - 1]);
        assertTrue(err[err.length / 2] <= 1e-3, "median " + err[err.length / 2]);
    }

    /** The kernel (float) is 1e-4 of the peak from the reference per profile; three profiles a model: 3e-4. */
    @Test
    void theKernelPathAgreesWithTheExactSum() {
        List<String> devices = Renderers.availableDevices().stream().filter(d -> d.startsWith("opencl:")).toList();
        Assumptions.assumeFalse(devices.isEmpty(), "no OpenCL device");
        try (Renderer r = Renderers.create(devices.get(0))) {
            double[] err = errors(r, devices.get(0));
            assertTrue(err[err.length - 1] <= 3e-4, "max " + err[err.length - 1]);
        }
    }

    @Test
    void theReferenceRendererMeansTheExactPath() {
        assertTrue(ModelRenderer.of(new JavaReferenceRenderer()).isExact());
        assertTrue(!ModelRenderer.of(new FastRenderer()).isExact());
        Model m = bulgeDisc(20.3, 19.8, 1000, 1.2, 4, 3000, 4, 0.5);
        double[] direct = new ModelStamp(40, 40, MOFFAT, S).model(m);
        assertArrayEquals(direct, ModelRenderer.of(new JavaReferenceRenderer()).render(List.of(m), 40, 40,
                List.of(MOFFAT), S)[0]);
    }
}
