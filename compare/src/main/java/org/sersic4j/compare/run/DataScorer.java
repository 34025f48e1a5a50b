package org.sersic4j.compare.run;

import java.util.Objects;
import org.sersic4j.compare.ImageMetrics;
import org.sersic4j.compare.StampInput;
import org.sersic4j.compare.result.DataScore;
import org.sersic4j.fit.FitSettings;
import org.sersic4j.render.FastRenderer;
import org.sersic4j.render.Image;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.NoiseModel;

/**
 * Scores an estimate against its stamp's data, the same way for every estimator: the estimate is rendered with the
 * stamp's PSF in double precision by the model the Java fits use (at {@link FitSettings#RENDER} unless told otherwise:
 * the fast renderer's at oversample 2 or more, see {@link FitSettings#fast}; the reference's otherwise), and
 *
 * <ul>
 *   <li>χ²ν = Σ((d − m)/σ)² / (N_pix − 7) and</li>
 *   <li>log L = −½ Σ [((d − m)/σ)² + ln(2πσ²)], the Gaussian log-likelihood,</li>
 * </ul>
 * are summed over the pixels that are unmasked, hold a finite value and have a finite σ &gt; 0 (N_pix of them).
 *
 * <p>σ is a property of the stamp, never of the estimate, so every estimator of a stamp is judged with the same σ:
 * the stamp's σ map where it has one; otherwise the noise model evaluated at the data,
 * σ² = max(0, d + SKY)/GAIN + (RDNOISE/GAIN)² (the counts clipped at zero, as {@link NoiseModel#variance} does; the
 * data itself is not clipped, which would bias σ up on the sky). With the true model χ²ν is then about 1.02 rather
 * than 1: σ from noisy data is smaller where the data fluctuate low (measured on sky-dominated pixels, sky 100 ADU,
 * gain 1, read noise 5 e⁻).
 *
 * <p>An estimate without parameters, or with parameters that cannot be rendered (not finite, q &gt; 1, n out of the
 * renderer's range, …), scores {@code DataScore(NaN, NaN)}. Thread-safe.
 */
public final class DataScorer {
    /** The free parameters of a Sérsic profile, the N_free of χ²ν. */
    public static final int FREE_PARAMETERS = 7;

    private static final DataScore NONE = new DataScore(Double.NaN, Double.NaN);

    private final JavaReferenceRenderer reference = new JavaReferenceRenderer();
    private final FastRenderer fast = new FastRenderer();
    private final RenderSettings settings;

    /** Renders at the fitters' settings, {@link FitSettings#RENDER}. */
    public DataScorer() {
        this(FitSettings.RENDER);
    }

    /** Renders at the given settings. */
    public DataScorer(RenderSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The σ every estimate of this stamp is judged with (see the class comment). */
    public static Image sigma(StampInput s) {
        if (s.sigma() != null) return s.sigma();
        double[] d = s.image().pixels(), out = new double[d.length];
        for (int i = 0; i < d.length; i++) out[i] = Double.isFinite(d[i]) ? Math.sqrt(s.noise().variance(d[i])) : Double.NaN;
        return new Image(s.image().width(), s.image().height(), out);
    }

    /** True for each pixel left out of the score: masked, not finite, or without a finite σ &gt; 0. */
    public static boolean[] excluded(StampInput s, Image sigma) {
        boolean[] out = s.excluded();
        double[] sg = sigma.pixels();
        for (int i = 0; i < out.length; i++) out[i] |= !(sg[i] > 0 && Double.isFinite(sg[i]));
        return out;
    }

    /** The model of an estimate on the stamp's grid, with its PSF; {@link IllegalArgumentException} when it cannot be rendered. */
    public Image model(StampInput s, SersicParams p) {
        int w = s.image().width(), h = s.image().height();
        if (FitSettings.fast(s.psf(), settings)) return fast.render(p.validated(), w, h, s.psf(), settings);
        return reference.render(p.validated(), w, h, s.psf(), settings);
    }

    /** The score of {@code p} (null: no estimate) on stamp {@code s}. */
    public DataScore score(StampInput s, SersicParams p) {
        if (p == null || p.problem() != null) return NONE;
        return score(s, sigma(s), model(s, p));
    }

    /** The score of a model image against the stamp's data with σ {@code sigma}; NaN when no degrees of freedom are left. */
    public static DataScore score(StampInput s, Image sigma, Image model) {
        boolean[] out = excluded(s, sigma);
        try {
            return new DataScore(ImageMetrics.reducedChi2(s.image(), model, sigma, out, FREE_PARAMETERS),
                    ImageMetrics.gaussianLogLikelihood(s.image(), model, sigma, out));
        } catch (IllegalArgumentException e) {
            // a model with non-finite pixels, or too few pixels for the free parameters
            return NONE;
        }
    }
}
