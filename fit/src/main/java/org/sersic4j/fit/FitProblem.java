package org.sersic4j.fit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.sersic4j.render.Image;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.model.Component;
import org.sersic4j.render.sim.NoiseModel;

/**
 * Everything one fit needs, checked once: the image (any size), which pixels count, the noise (a σ map and/or the
 * CCD noise model), the PSF, the starting point, bounds, fixed parameters, an optional free sky level and the
 * likelihood. Built with {@link #builder}; immutable.
 *
 * <p>Pixels left out of the fit: non-zero mask pixels, NaN or infinite image pixels (counted), pixels of other
 * segments when a segmentation map is given (the target is the segment under the starting centre, or under the
 * image centre when there is no guess; segment 0 is sky and kept), and pixels whose σ is not positive and finite
 * (counted, flagged). The default likelihood is χ² with the σ map when one is given, else Poisson when GAIN and SKY are known.
 */
public final class FitProblem {
    private final String id;
    private final Image image;
    private final double[] sigma;
    private final NoiseModel noise;
    private final boolean[] bad;
    private final int nanPixels, badSigmaPixels, maskedPixels;
    private final PixelPsf psf;
    private final RenderSettings settings;
    private final SersicParams guess;
    private final boolean guessClamped;
    private final Bounds bounds;
    private final boolean[] fixed;
    private final boolean fitSky;
    private final double skyStart;
    private final Likelihood likelihood;
    private final double zeropoint;
    private final double pixelScale;
    private final ModelSpec model;
    private final List<Component> neighbours;
    private final boolean[] neighbourPixels;

    private FitProblem(Builder b, boolean[] bad, int nan, int badSigma, int masked, SersicParams guess, boolean clamped,
                       Likelihood likelihood) {
        this.id = b.id;
        this.image = b.image;
        this.sigma = b.sigma == null ? null : b.sigma.pixels();
        this.noise = b.noise;
        this.bad = bad;
        this.nanPixels = nan;
        this.badSigmaPixels = badSigma;
        this.maskedPixels = masked;
        this.psf = b.psf;
        this.settings = b.settings;
        this.guess = guess;
        this.guessClamped = clamped;
        this.bounds = b.bounds;
        this.fixed = b.fixed.clone();
        this.fitSky = b.fitSky;
        this.skyStart = b.skyStart;
        this.likelihood = likelihood;
        this.zeropoint = b.zeropoint;
        this.pixelScale = b.pixelScale;
        this.model = b.model;
        this.neighbours = List.copyOf(b.neighbours);
        this.neighbourPixels = b.neighbourPixels;
    }

    /** Starts a problem for the stamp {@code id} (used in messages and catalogues) holding {@code image}. */
    public static Builder builder(String id, Image image) {
        return new Builder(id, image);
    }

    public String id() { return id; }
    public Image image() { return image; }
    /** The σ map's pixels, or null when none was given. */
    public double[] sigma() { return sigma == null ? null : sigma.clone(); }
    /** The CCD noise model, or null when GAIN and SKY are unknown. */
    public NoiseModel noise() { return noise; }
    /** True for each pixel left out of the fit. */
    public boolean[] excluded() { return bad.clone(); }
    /** Image pixels that were NaN or infinite (left out). */
    public int nanPixels() { return nanPixels; }
    /** Pixels whose σ was not positive and finite (left out). */
    public int badSigmaPixels() { return badSigmaPixels; }
    /** All pixels left out of the fit, for whatever reason. */
    public int maskedPixels() { return maskedPixels; }
    /** Pixels that take part in the fit. */
    public int fittedPixels() { return bad.length - maskedPixels; }
    public PixelPsf psf() { return psf; }
    public RenderSettings settings() { return settings; }
    /** The starting point, inside the bounds; null means "find one from the image" ({@link MomentGuess}). */
    public SersicParams guess() { return guess; }
    /** True when the given guess lay outside the bounds and was moved inside. */
    public boolean guessClamped() { return guessClamped; }
    public Bounds bounds() { return bounds; }
    /** Which of x0, y0, flux, re, n, q, pa are held at the guess. */
    public boolean[] fixed() { return fixed.clone(); }
    public boolean fitSky() { return fitSky; }
    /** Starting value of the fitted sky offset [ADU], added to the model. */
    public double skyStart() { return skyStart; }
    public Likelihood likelihood() { return likelihood; }
    public double zeropoint() { return zeropoint; }
    /** Arcsec per pixel, or NaN when unknown. */
    public double pixelScale() { return pixelScale; }
    /** The model fitted to the target ({@link ModelSpec#SERSIC} by default). */
    public ModelSpec model() { return model; }
    /** Other objects fitted at the same time as the target (their starting values), empty by default. */
    public List<Component> neighbours() { return neighbours; }
    /** The pixels the target's own guess ignores: those left out of the fit and those of fitted neighbours' segments. */
    public boolean[] targetExcluded() {
        boolean[] out = bad.clone();
        if (neighbourPixels != null) for (int i = 0; i < out.length; i++) out[i] |= neighbourPixels[i];
        return out;
    }

    /** The same problem started from another guess (it must be inside the bounds or is clamped and flagged). */
    public FitProblem withGuess(SersicParams g) {
        SersicParams inside = bounds.contains(g) ? g : bounds.clamp(g);
        FitProblem p = new FitProblem(rebuildFrom(this), bad, nanPixels, badSigmaPixels, maskedPixels, inside,
                guessClamped || inside != g, likelihood);
        return p;
    }

    private static Builder rebuildFrom(FitProblem p) {
        Builder b = new Builder(p.id, p.image);
        b.sigma = p.sigma == null ? null : new Image(p.image.width(), p.image.height(), p.sigma);
        b.noise = p.noise;
        b.psf = p.psf;
        b.settings = p.settings;
        b.bounds = p.bounds;
        b.fixed = p.fixed.clone();
        b.fitSky = p.fitSky;
        b.skyStart = p.skyStart;
        b.zeropoint = p.zeropoint;
        b.pixelScale = p.pixelScale;
        b.model = p.model;
        b.neighbours = p.neighbours;
        b.neighbourPixels = p.neighbourPixels;
        return b;
    }

    /** Collects a problem's pieces; {@link #build} checks them and names the first problem it finds. */
    public static final class Builder {
        private final String id;
        private final Image image;
        private Image sigma, mask, segmentation;
        private NoiseModel noise;
        private PixelPsf psf;
        private RenderSettings settings = FitSettings.RENDER;
        private SersicParams guess;
        private Bounds bounds;
        private boolean[] fixed = new boolean[SersicParams.COUNT];
        private boolean fitSky;
        private double skyStart;
        private Likelihood likelihood;
        private double zeropoint = 0;
        private double pixelScale = Double.NaN;
        private ModelSpec model = ModelSpec.SERSIC;
        private List<Component> neighbours = List.of();
        private NeighbourPolicy neighbourPolicy = NeighbourPolicy.MASK;
        private boolean[] neighbourPixels;

        private Builder(String id, Image image) {
            this.id = Objects.requireNonNull(id, "id");
            this.image = Objects.requireNonNull(image, "image");
        }

        /** Per-pixel 1σ noise [image units]. */
        public Builder sigma(Image s) { this.sigma = s; return this; }
        /** GAIN, RDNOISE and SKY of the stamp (the project's units). */
        public Builder noise(NoiseModel n) { this.noise = n; return this; }
        /** Bad-pixel mask: non-zero = left out. */
        public Builder mask(Image m) { this.mask = m; return this; }
        /** Segmentation map: pixels of segments other than the target's (and other than 0) are left out. */
        public Builder segmentation(Image s) { this.segmentation = s; return this; }
        public Builder psf(PixelPsf p) { this.psf = p; return this; }
        public Builder settings(RenderSettings s) { this.settings = Objects.requireNonNull(s); return this; }
        /** Starting point; null = automatic ({@link MomentGuess}). */
        public Builder guess(SersicParams g) { this.guess = g; return this; }
        public Builder bounds(Bounds b) { this.bounds = b; return this; }
        /** Holds the named parameters (x0, y0, flux, re, n, q, pa) at the guess. */
        public Builder fix(String... names) {
            for (String n : names) {
                int i = Arrays.asList(SersicParams.NAMES).indexOf(n.toLowerCase(Locale.ROOT));
                if (i < 0) throw new FitInputException(id + ": cannot fix unknown parameter '" + n + "'");
                fixed[i] = true;
            }
            return this;
        }
        /** Fits an additive sky offset, starting from {@code start} [ADU]. */
        public Builder fitSky(boolean on, double start) { this.fitSky = on; this.skyStart = start; return this; }
        /** The likelihood; null = the default (χ² with a σ map, else Poisson with GAIN and SKY). */
        public Builder likelihood(Likelihood l) { this.likelihood = l; return this; }
        public Builder zeropoint(double zp) { this.zeropoint = zp; return this; }
        public Builder pixelScale(double arcsecPerPixel) { this.pixelScale = arcsecPerPixel; return this; }
        /** The model to fit (its first component is the target); null = {@link ModelSpec#SERSIC}. */
        public Builder model(ModelSpec m) {
            if (m != null && !m.parts().get(0).type().isProfile())
                throw new FitInputException(id + ": model '" + m.name() + "': its first component is the target and must be"
                        + " a profile (sersic, exponential or devauc), not " + m.parts().get(0).type().label());
            this.model = m == null ? ModelSpec.SERSIC : m;
            return this;
        }
        /** Other objects to fit with the target, with their starting values (profiles or point sources). */
        public Builder neighbours(List<Component> n) { this.neighbours = List.copyOf(n); return this; }
        /** With a segmentation map: mask the other segments (the default) or fit the nearest and brightest with the target. */
        public Builder neighbourPolicy(NeighbourPolicy p) { this.neighbourPolicy = p == null ? NeighbourPolicy.MASK : p; return this; }

        /** Checks everything and returns the problem, or throws {@link FitInputException} naming the stamp and problem. */
        public FitProblem build() {
            int w = image.width(), h = image.height(), np = w * h;
            String memory = FitMemory.problem(w, h, psf, settings, 8);
            if (memory != null) throw new FitInputException(id + ": " + memory);
            checkSize("sigma map", sigma);
            checkSize("mask", mask);
            checkSize("segmentation map", segmentation);
            if (psf != null && (psf.size() > w || psf.size() > h))
                throw new FitInputException(id + ": PSF (" + psf.size() + "x" + psf.size() + ") is larger than the stamp ("
                        + w + "x" + h + ")");
            // A σ map the user gave wins (χ² with that map, as GALFIT does) unless the likelihood is named.
            Likelihood lik = likelihood != null ? likelihood
                    : sigma != null ? Likelihood.CHI2 : noise != null ? Likelihood.POISSON : Likelihood.CHI2;
            if (lik != Likelihood.CHI2 && noise == null)
                throw new FitInputException(id + ": the " + lik.label() + " likelihood needs GAIN and SKY (give --gain/--sky"
                        + " or the header keywords GAIN, SKY)");
            if (lik == Likelihood.CHI2 && sigma == null && noise == null)
                throw new FitInputException(id + ": no sigma map and no noise model (GAIN, RDNOISE, SKY): nothing says"
                        + " how noisy the pixels are");
            if (bounds == null) bounds = Bounds.defaults(w, h);
            boolean[] bad = new boolean[np];
            double[] px = image.pixels();
            int nan = 0, badSigma = 0;
            for (int i = 0; i < np; i++) {
                if (!Double.isFinite(px[i])) {
                    bad[i] = true;
                    nan++;
                }
                if (mask != null && mask.pixels()[i] != 0) bad[i] = true;
            }
            SersicParams start = guess;
            boolean clamped = false;
            if (start != null) {
                String problem = start.problem();
                if (problem != null) throw new FitInputException(id + ": initial guess " + problem);
                if (!bounds.contains(start)) {
                    start = bounds.clamp(start);
                    clamped = true;
                }
            }
            if (segmentation != null) {
                List<Component> found = applySegmentation(bad, start);
                if (!found.isEmpty()) {
                    List<Component> all = new java.util.ArrayList<>(neighbours);
                    all.addAll(found);
                    neighbours = List.copyOf(all);
                }
            }
            if (sigma != null) {
                // Pixels with σ ≤ 0 or NaN are left out, whatever the likelihood (flag bad_sigma).
                int usable = 0;
                for (int i = 0; i < np; i++) {
                    double s = sigma.pixels()[i];
                    boolean ok = s > 0 && Double.isFinite(s);
                    if (ok) usable++;
                    if (!bad[i] && !ok) {
                        bad[i] = true;
                        badSigma++;
                    }
                }
                if (usable == 0)
                    throw new FitInputException(id + ": the sigma map has no usable pixel (every σ is zero, negative or"
                            + " NaN)");
            }
            int masked = 0;
            for (boolean b : bad) if (b) masked++;
            int free = fitSky ? 1 : 0;
            for (boolean f : fixed) if (!f) free++;
            if (np - masked <= free)
                throw new FitInputException(id + ": " + (masked == np ? "all " + np + " pixels are masked"
                        : "only " + (np - masked) + " unmasked pixels for " + free + " free parameters")
                        + (nan > 0 ? " (" + nan + " NaN pixels)" : ""));
            return new FitProblem(this, bad, nan, badSigma, masked, start, clamped, lik);
        }

        private void checkSize(String what, Image other) {
            if (other != null && (other.width() != image.width() || other.height() != image.height()))
                throw new FitInputException(id + ": " + what + " is " + other.width() + "x" + other.height()
                        + " but the image is " + image.width() + "x" + image.height());
        }

        /**
         * Leaves out the pixels of other segments (the target is the segment under the guess or the image centre), or,
         * under a fitting {@link NeighbourPolicy}, keeps the chosen neighbours' pixels and returns their starting
         * components.
         */
        private List<Component> applySegmentation(boolean[] bad, SersicParams start) {
            int w = image.width(), h = image.height();
            double cx = start != null ? start.x0() : 0.5 * (w + 1), cy = start != null ? start.y0() : 0.5 * (h + 1);
            int ix = (int) Math.min(w - 1, Math.max(0, Math.round(cx) - 1));
            int iy = (int) Math.min(h - 1, Math.max(0, Math.round(cy) - 1));
            double[] seg = segmentation.pixels();
            double target = seg[iy * w + ix];
            java.util.Set<Double> kept = new java.util.HashSet<>();
            List<Component> found = List.of();
            if (neighbourPolicy.fits()) {
                NeighbourSegments.Chosen c = NeighbourSegments.choose(id, image, seg, bad, target, start, psf, neighbourPolicy);
                kept.addAll(c.segments());
                found = c.components();
            }
            for (int i = 0; i < seg.length; i++) {
                if (seg[i] != 0 && seg[i] != target && !kept.contains(seg[i])) bad[i] = true;
                if (kept.contains(seg[i])) {
                    if (neighbourPixels == null) neighbourPixels = new boolean[seg.length];
                    neighbourPixels[i] = true;
                }
            }
            return found;
        }
    }
}
