package org.sersic4j.fit.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.sersic4j.fit.FitSettings;
import org.sersic4j.fit.Likelihood;
import org.sersic4j.fit.ModelSpec;
import org.sersic4j.fit.NeighbourPolicy;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.SersicParams;

/**
 * How stamps are turned into fit problems: the command line's choices, immutable. A null value means "not given":
 * the stamp's own files decide, as below.
 *
 * <ul>
 *   <li>{@code psf}: one PSF for every stamp; when null a stamp's PSF is found as {@link StampInputs} describes.
 *   {@code psfHasPixel} (default true) says the PSF images already contain the pixel response.</li>
 *   <li>{@code sigmaDir}, {@code maskDir}: directories holding each image's σ map and mask under the image's own file
 *   name (used by {@link StampInputs#fromImages}; a manifest names its files itself).</li>
 *   <li>{@code gain} [e⁻/ADU], {@code rdnoise} [e⁻], {@code sky} [ADU]: each overrides the image header's GAIN, RDNOISE
 *   or SKY. A stamp has a noise model when GAIN and SKY are both known (RDNOISE defaults to 0), none otherwise.</li>
 *   <li>{@code likelihood}: null = FitProblem's default (Poisson with a noise model, χ² with a σ map otherwise).</li>
 *   <li>{@code fitSky}: fit an additive sky offset starting at 0; {@code fixed}: parameter names held at the guess.</li>
 *   <li>{@code zeropoint}: when null, the header's MAGZP, else ZP, else 0 (magnitudes are then instrumental,
 *   −2.5 log10 flux, and a zeropoint counts as unknown for converting guess magnitudes).</li>
 *   <li>{@code pixelScale} [arcsec/pixel]: when null, the header's PIXSCALE, else unknown (NaN).</li>
 *   <li>{@code settings}: how the fitters render; {@code guesses}: an optional guess catalogue (stamps it lacks start
 *   from the automatic guess).</li>
 *   <li>{@code model}: the model fitted to each target (null = one Sérsic); {@code neighbours}: whether the other
 *   objects of a segmentation map are masked (the default) or fitted with the target.</li>
 * </ul>
 */
public record FitOptions(Path psf, boolean psfHasPixel, Path sigmaDir, Path maskDir, Double gain, Double rdnoise,
                         Double sky, Likelihood likelihood, boolean fitSky, List<String> fixed, Double zeropoint,
                         Double pixelScale, RenderSettings settings, GuessCatalog guesses, ModelSpec model,
                         NeighbourPolicy neighbours) {

    /** Checks the values; {@link IllegalArgumentException} names the first bad one. */
    public FitOptions {
        fixed = fixed == null ? List.of() : fixed.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
        for (String name : fixed)
            if (!Arrays.asList(SersicParams.NAMES).contains(name))
                throw new IllegalArgumentException("--fix: cannot fix unknown parameter '" + name + "' (expected one of "
                        + String.join(", ", SersicParams.NAMES) + ")");
        if (gain != null && !(Double.isFinite(gain) && gain > 0))
            throw new IllegalArgumentException("--gain: gain must be a finite number > 0 e-/ADU (got " + gain + ")");
        if (rdnoise != null && !(Double.isFinite(rdnoise) && rdnoise >= 0))
            throw new IllegalArgumentException("--read-noise: read noise must be a finite number >= 0 e- (got " + rdnoise + ")");
        if (sky != null && !(Double.isFinite(sky) && sky >= 0))
            throw new IllegalArgumentException("--sky: sky must be a finite number >= 0 ADU (got " + sky + ")");
        if (zeropoint != null && !Double.isFinite(zeropoint))
            throw new IllegalArgumentException("--zeropoint: zero-point must be a finite number (got " + zeropoint + ")");
        if (pixelScale != null && !(Double.isFinite(pixelScale) && pixelScale > 0))
            throw new IllegalArgumentException("--pixel-scale: pixel scale must be a finite number > 0 arcsec/pixel (got " + pixelScale + ")");
        settings = Objects.requireNonNullElse(settings, FitSettings.RENDER);
        model = Objects.requireNonNullElse(model, ModelSpec.SERSIC);
        neighbours = Objects.requireNonNullElse(neighbours, NeighbourPolicy.MASK);
    }

    /** The defaults: nothing given, every choice left to the stamps' files. */
    public static FitOptions defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.psf = psf;
        b.psfHasPixel = psfHasPixel;
        b.sigmaDir = sigmaDir;
        b.maskDir = maskDir;
        b.gain = gain;
        b.rdnoise = rdnoise;
        b.sky = sky;
        b.likelihood = likelihood;
        b.fitSky = fitSky;
        b.fixed = fixed;
        b.zeropoint = zeropoint;
        b.pixelScale = pixelScale;
        b.settings = settings;
        b.guesses = guesses;
        b.model = model;
        b.neighbours = neighbours;
        return b;
    }

    /** Collects {@link FitOptions}; every setter accepts null for "not given". */
    public static final class Builder {
        private Path psf, sigmaDir, maskDir;
        private boolean psfHasPixel = true, fitSky;
        private Double gain, rdnoise, sky, zeropoint, pixelScale;
        private Likelihood likelihood;
        private List<String> fixed = List.of();
        private RenderSettings settings = FitSettings.RENDER;
        private GuessCatalog guesses;
        private ModelSpec model;
        private NeighbourPolicy neighbours;

        private Builder() {}

        /** The model fitted to each target (null: one Sérsic). */
        public Builder model(ModelSpec m) { this.model = m; return this; }
        /** Masks or fits the other objects of the segmentation map (null: mask them). */
        public Builder neighbours(NeighbourPolicy n) { this.neighbours = n; return this; }

        /** One PSF file for every stamp. */
        public Builder psf(Path p) { this.psf = p; return this; }
        /** Whether the PSF images already contain the pixel response (default true). */
        public Builder psfHasPixel(boolean on) { this.psfHasPixel = on; return this; }
        /** Directory of σ maps named like their images. */
        public Builder sigmaDir(Path d) { this.sigmaDir = d; return this; }
        /** Directory of masks named like their images. */
        public Builder maskDir(Path d) { this.maskDir = d; return this; }
        /** GAIN [e⁻/ADU], overriding the header. */
        public Builder gain(Double g) { this.gain = g; return this; }
        /** RDNOISE [e⁻], overriding the header. */
        public Builder rdnoise(Double r) { this.rdnoise = r; return this; }
        /** SKY [ADU], overriding the header. */
        public Builder sky(Double s) { this.sky = s; return this; }
        /** The likelihood; null = FitProblem's default. */
        public Builder likelihood(Likelihood l) { this.likelihood = l; return this; }
        /** Fit an additive sky offset. */
        public Builder fitSky(boolean on) { this.fitSky = on; return this; }
        /** Parameter names (x0, y0, flux, re, n, q, pa) held at the guess. */
        public Builder fixed(List<String> names) { this.fixed = names == null ? List.of() : List.copyOf(names); return this; }
        /** Magnitude zeropoint, overriding the header. */
        public Builder zeropoint(Double zp) { this.zeropoint = zp; return this; }
        /** Arcsec per pixel, overriding the header. */
        public Builder pixelScale(Double arcsecPerPixel) { this.pixelScale = arcsecPerPixel; return this; }
        /** Render settings of the fitters (null = {@link FitSettings#RENDER}). */
        public Builder settings(RenderSettings s) { this.settings = s; return this; }
        /** Starting points by stamp id. */
        public Builder guesses(GuessCatalog g) { this.guesses = g; return this; }

        /** The options; {@link IllegalArgumentException} names the first bad value. */
        public FitOptions build() {
            return new FitOptions(psf, psfHasPixel, sigmaDir, maskDir, gain, rdnoise, sky, likelihood, fitSky, fixed,
                    zeropoint, pixelScale, settings, guesses, model, neighbours);
        }
    }
}
