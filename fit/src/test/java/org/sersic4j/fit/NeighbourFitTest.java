package org.sersic4j.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.Image;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.model.Component;
import org.sersic4j.render.model.Model;
import org.sersic4j.render.model.ModelStamp;

/**
 * A target with a bright neighbour two r_e away, noiseless: fitted together (the neighbour's segment unmasked, a
 * Sérsic started from its own moments), both are recovered; masked, the neighbour's wings left in the target's
 * pixels bias the target's flux upwards. Segments beyond the reach stay masked.
 */
class NeighbourFitTest {
    static final int SIDE = 64;
    static final SersicParams TARGET = new SersicParams(32.3, 32.6, 10000, 4.0, 1.5, 0.7, 20);
    static final SersicParams NEIGHBOUR = new SersicParams(42.3, 33.6, 15000, 3.0, 2.5, 0.8, 120);

    private static Image segmentation(double[] target, double[] neighbour) {
        double[] seg = new double[target.length];
        for (int i = 0; i < seg.length; i++) {
            double t = target[i], n = neighbour[i];
            if (Math.max(t, n) > 5) seg[i] = t >= n ? 1 : 2;
        }
        return new Image(SIDE, SIDE, seg);
    }

    private static FitResult fit(NeighbourPolicy policy, double reach) {
        ModelStamp ms = FitSettings.stamp(SIDE, SIDE, MultiComponentFitTest.PSF, FitSettings.RENDER);
        double[] t = ms.model(Model.of(TARGET, null)), n = ms.model(Model.of(NEIGHBOUR, null));
        double[] sum = new double[t.length];
        for (int i = 0; i < sum.length; i++) sum[i] = t[i] + n[i];
        FitProblem p = FitProblem.builder("pair", new Image(SIDE, SIDE, sum)).psf(MultiComponentFitTest.PSF)
                .noise(MultiComponentFitTest.NOISE).likelihood(Likelihood.CHI2).segmentation(segmentation(t, n))
                .neighbourPolicy(policy == null ? new NeighbourPolicy(2, reach) : policy).build();
        return new LevenbergMarquardtFitter().fit(p);
    }

    @Test
    void neighboursFittedTogetherAreRecoveredAndMaskingBiasesTheTarget() {
        FitResult together = fit(NeighbourPolicy.FIT, 0);
        assertTrue(together.converged(), FitFlags.names(together.flags()).toString());
        FittedModel f = together.fitted();
        assertEquals(1, f.neighbours(), "one neighbour fitted");
        Component nb = f.model().components().get(1);
        assertEquals("neighbour1", nb.name());
        assertEquals(15000, nb.get("flux"), 0.01 * 15000, "neighbour flux");
        assertEquals(42.3, nb.get("x0"), 0.02);
        assertEquals(10000, together.params().flux(), 0.01 * 10000, "target flux fitted together");
        assertEquals(4.0, together.params().re(), 0.02 * 4.0, "target r_e fitted together");
        FitResult masked = fit(NeighbourPolicy.MASK, 0);
        double biasTogether = Math.abs(together.params().flux() / 10000 - 1);
        double biasMasked = Math.abs(masked.params().flux() / 10000 - 1);
        assertTrue(biasMasked > 3 * biasTogether, "masked flux bias " + biasMasked + " vs together " + biasTogether);
        assertEquals(0, masked.fitted().neighbours());
    }

    @Test
    void segmentsBeyondTheReachStayMasked() {
        // Reach 1 r_e of the target's guess: the neighbour, 10 px away, is not taken.
        FitResult r = fit(null, 1.0);
        assertEquals(0, r.fitted().neighbours());
        assertTrue((r.flags() & FitFlags.MASKED_PIXELS) != 0, "the neighbour's segment is masked");
    }
}
