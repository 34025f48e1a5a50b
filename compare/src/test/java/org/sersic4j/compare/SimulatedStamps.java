package org.sersic4j.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.random.Well19937c;
import org.sersic4j.render.Image;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.MoffatPsf;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.NoiseModel;

/**
 * Small simulated stamps for the tests, rendered here: Moffat PSF of FWHM 3 px (β 3.5, 15×15), sky 100 ADU, gain 1,
 * read noise 5 e⁻, centre within 1 px of the stamp's, r_e 2–4 px, n 0.7–3, q 0.5–0.95, zero-point 30.
 */
public final class SimulatedStamps {
    /** The PSF of every stamp. */
    public static final PixelPsf PSF = MoffatPsf.round(3, 3.5).toPixelPsf(15);
    /** The noise of every stamp. */
    public static final NoiseModel NOISE = new NoiseModel(100, 1, 5);
    /** The zero-point of every stamp. */
    public static final double ZP = 30;

    /** Stamps and the truth they were rendered from, pairwise. */
    public record Set(List<StampInput> stamps, List<SersicParams> truth) {}

    private SimulatedStamps() {}

    /** {@code count} noisy size × size stamps with flux drawn uniformly in [fluxLo, fluxHi], rendered at {@code settings}. */
    public static Set make(int count, int size, double fluxLo, double fluxHi, long seed, RenderSettings settings) {
        Random r = new Random(seed);
        JavaReferenceRenderer renderer = new JavaReferenceRenderer();
        List<StampInput> stamps = new ArrayList<>();
        List<SersicParams> truth = new ArrayList<>();
        double c = 0.5 * (size + 1);
        for (int i = 0; i < count; i++) {
            SersicParams t = new SersicParams(c + 2 * (r.nextDouble() - 0.5), c + 2 * (r.nextDouble() - 0.5),
                    fluxLo + (fluxHi - fluxLo) * r.nextDouble(), 2 + 2 * r.nextDouble(), 0.7 + 2.3 * r.nextDouble(),
                    0.5 + 0.45 * r.nextDouble(), 180 * r.nextDouble());
            Image model = renderer.render(t, size, size, PSF, settings);
            Image data = NOISE.addNoise(model, new Well19937c(seed * 1000 + i));
            stamps.add(new StampInput(String.format("s%03d", i), data, null, null, PSF, NOISE, ZP, 0.2));
            truth.add(t);
        }
        return new Set(List.copyOf(stamps), List.copyOf(truth));
    }
}
