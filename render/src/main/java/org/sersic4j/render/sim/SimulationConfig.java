package org.sersic4j.render.sim;

import static org.sersic4j.io.YamlConfigs.or;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.SersicParams;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.io.YamlConfigs;

/**
 * Configuration of a simulation run (the {@code simulate} command), read from YAML by {@link #load(Path)}.
 * Every key is optional; a missing key takes the default below, an unknown key is an error naming it and the file,
 * and every value is range-checked with a message naming its key. All values can be replaced with the withers
 * (the CLI's overrides).
 *
 * <pre>
 * count: 1000            # number of stamps
 * seed: 42               # run seed: the whole output is a function of it
 * size: 64               # stamp side [px]
 * pixelScale: 0.2        # [arcsec/px]
 * zeropoint: 30          # mag = zeropoint − 2.5 log10(flux [ADU])
 * noise:                 # roughly KiDS-r-like, sky dominated: σ ≈ 7.5 ADU per pixel
 *   sky: 100             # [ADU per pixel], subtracted from the stored stamps
 *   gain: 2.0            # [e-/ADU]
 *   rdnoise: 5.0         # [e-]
 * ranges:                # each: a number, [min, max] (uniform) or {min: .., max: .., log: true}
 *   flux: [500, 50000]   # total flux [ADU]
 *   reArcsec: [0.3, 5]   # half-light radius along the major axis [arcsec]; re [px] = reArcsec / pixelScale
 *   n: [0.5, 4]          # Sérsic index
 *   ell: [0, 0.6]        # ellipticity; q = 1 − ell
 *   pa: [0, 180]         # [deg], CCW from +y
 *   centreOffset: 3      # [px] centre uniform within ± this of the stamp centre ((size+1)/2, FITS 1-based)
 * psf:
 *   mode: fixed          # fixed: one PSF for all stamps (psf.fits); drawn: one per stamp (psf_000001.fits …)
 *   type: moffat         # moffat | gaussian
 *   fwhm: 0.7            # [arcsec] (converted with pixelScale); a range when mode is drawn
 *   beta: 3.5            # Moffat β (> 1); a range when mode is drawn
 *   ell: 0               # PSF ellipticity (q = 1 − ell)
 *   pa: 0                # PSF position angle [deg]
 *   size: 25             # PSF image side [px], odd
 * blend:
 *   enabled: false       # add a second galaxy from the same ranges
 *   separation: [5, 12]  # [px] from the first galaxy (uniform distance, uniform angle)
 *   combine: sum         # sum | max (pixel-wise maximum of the two noiseless images)
 * device: auto           # auto | java | fast | aparapi: which renderer the CLI builds
 * oversample: 2          # RenderSettings.oversample (PSF convolution cells per pixel), 1..8
 * model:                 # optional: multi-component stamps (see ModelSpec); absent: one Sérsic a stamp, as always
 *   type: bulge+disc     # sersic | bulge+disc
 *   bt: [0.1, 0.9]       # bulge fraction of the galaxy's profile light
 *   bulgeN: 4            # 4: a devauc bulge; another value or a range: a sersic bulge with that n
 *   reRatio: [0.2, 0.8]  # bulge r_e / disc r_e
 *   bulgeEll: [0, 0.3]   # bulge ellipticity, drawn independently of the disc's (its PA too, from ranges.pa)
 *   pointSource: {fraction: 0, fluxFraction: [0.05, 0.3]}
 *   skyGradient: 0       # |gradient| of a residual sky plane [ADU/px/px], direction uniform; 0: no sky plane
 *   neighbours: {count: 0, separation: [1, 3], fluxRatio: [0.2, 1]}
 * </pre>
 *
 * @param count      number of stamps, 1 … 100 000 000
 * @param seed       run seed
 * @param size       stamp side in pixels, 8 … 4096
 * @param pixelScale arcsec per pixel, &gt; 0
 * @param zeropoint  magnitude zero-point
 * @param noise      noise parameters
 * @param ranges     galaxy parameter ranges
 * @param psf        PSF model
 * @param blend      blend mode
 * @param device     renderer choice
 * @param oversample renderer oversampling, 1 … 8
 * @param model      multi-component stamps, or null for one Sérsic a stamp
 */
@JsonPropertyOrder({"count", "seed", "size", "pixelScale", "zeropoint", "noise", "ranges", "psf", "blend", "device", "oversample",
        "model"})
public record SimulationConfig(int count, long seed, int size, double pixelScale, double zeropoint, Noise noise,
                               Ranges ranges, Psf psf, Blend blend, Device device, int oversample,
                               @JsonInclude(JsonInclude.Include.NON_NULL) ModelSpec model) {

    /** Defaults: see the class comment. */
    public static final int DEFAULT_COUNT = 1000, DEFAULT_SIZE = 64, DEFAULT_OVERSAMPLE = RenderSettings.DEFAULT.oversample();
    /** Default run seed. */
    public static final long DEFAULT_SEED = 42;
    /** Default pixel scale [arcsec/px] and zero-point [mag]. */
    public static final double DEFAULT_PIXEL_SCALE = 0.2, DEFAULT_ZEROPOINT = 30;

    public SimulationConfig {
        if (noise == null) noise = Noise.DEFAULT;
        if (ranges == null) ranges = Ranges.DEFAULT;
        if (psf == null) psf = Psf.DEFAULT;
        if (blend == null) blend = Blend.DEFAULT;
        if (device == null) device = Device.AUTO;
        String p = problem(count, size, pixelScale, zeropoint, noise, ranges, psf, blend, oversample);
        if (p == null && model != null) p = model.problem(ranges, pixelScale, size, blend);
        if (p != null) throw new IllegalArgumentException(p);
    }

    /** A single-Sérsic configuration (no {@code model} section). */
    public SimulationConfig(int count, long seed, int size, double pixelScale, double zeropoint, Noise noise,
                            Ranges ranges, Psf psf, Blend blend, Device device, int oversample) {
        this(count, seed, size, pixelScale, zeropoint, noise, ranges, psf, blend, device, oversample, null);
    }

    @JsonCreator
    static SimulationConfig create(@JsonProperty("count") Integer count, @JsonProperty("seed") Long seed,
                                   @JsonProperty("size") Integer size, @JsonProperty("pixelScale") Double pixelScale,
                                   @JsonProperty("zeropoint") Double zeropoint, @JsonProperty("noise") Noise noise,
                                   @JsonProperty("ranges") Ranges ranges, @JsonProperty("psf") Psf psf,
                                   @JsonProperty("blend") Blend blend, @JsonProperty("device") Device device,
                                   @JsonProperty("oversample") Integer oversample,
                                   @JsonProperty("model") ModelSpec model) {
        return new SimulationConfig(or(count, DEFAULT_COUNT), seed == null ? DEFAULT_SEED : seed, or(size, DEFAULT_SIZE),
                or(pixelScale, DEFAULT_PIXEL_SCALE), or(zeropoint, DEFAULT_ZEROPOINT), noise, ranges, psf, blend, device,
                or(oversample, DEFAULT_OVERSAMPLE), model);
    }

    /** The all-defaults configuration. */
    public static SimulationConfig defaults() {
        return create(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Reads a YAML configuration. An empty file gives the defaults.
     *
     * @throws InvalidInputException reading {@code "<file>: <problem>"}, the problem naming the offending key for
     *                               unknown keys, wrong types and values out of range, or saying why the file
     *                               could not be read
     */
    public static SimulationConfig load(Path file) {
        return YamlConfigs.load(file, "configuration", SimulationConfig.class, SimulationConfig::defaults);
    }

    /**
     * A configuration from YAML text, e.g. {@link #toYaml()}'s (which gives this configuration back): for the processes
     * of a distributed run, which need not see the file it was read from.
     *
     * @param file what the text is called in error messages
     */
    public static SimulationConfig parse(String text, Path file) {
        return YamlConfigs.parse(text, file, SimulationConfig.class, SimulationConfig::defaults);
    }

    /** This configuration as YAML (every key, defaults filled in): what a run used, for provenance. */
    public String toYaml() {
        return YamlConfigs.toYaml(this);
    }

    // ---- withers (CLI overrides) ----

    /**
     * A copy with the command line's {@code --count}, {@code --seed} and {@code --size} where given (null: keep the
     * configuration's); a bad value is an error naming the option.
     */
    public SimulationConfig withOverrides(Integer count, Long seed, Integer size) {
        SimulationConfig cfg = this;
        try {
            if (count != null) cfg = cfg.withCount(count);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--count " + count + ": " + e.getMessage(), e);
        }
        if (seed != null) cfg = cfg.withSeed(seed);
        try {
            if (size != null) cfg = cfg.withSize(size);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--size " + size + ": " + e.getMessage(), e);
        }
        return cfg;
    }

    /** A copy with another stamp count. */
    public SimulationConfig withCount(int v) {
        return new SimulationConfig(v, seed, size, pixelScale, zeropoint, noise, ranges, psf, blend, device, oversample, model);
    }

    /** A copy with another seed. */
    public SimulationConfig withSeed(long v) {
        return new SimulationConfig(count, v, size, pixelScale, zeropoint, noise, ranges, psf, blend, device, oversample, model);
    }

    /** A copy with another stamp size. */
    public SimulationConfig withSize(int v) {
        return new SimulationConfig(count, seed, v, pixelScale, zeropoint, noise, ranges, psf, blend, device, oversample, model);
    }

    /** A copy with another pixel scale. */
    public SimulationConfig withPixelScale(double v) {
        return new SimulationConfig(count, seed, size, v, zeropoint, noise, ranges, psf, blend, device, oversample, model);
    }

    /** A copy with another zero-point. */
    public SimulationConfig withZeropoint(double v) {
        return new SimulationConfig(count, seed, size, pixelScale, v, noise, ranges, psf, blend, device, oversample, model);
    }

    /** A copy with other noise parameters. */
    public SimulationConfig withNoise(Noise v) {
        return new SimulationConfig(count, seed, size, pixelScale, zeropoint, v, ranges, psf, blend, device, oversample, model);
    }

    /** A copy with other parameter ranges. */
    public SimulationConfig withRanges(Ranges v) {
        return new SimulationConfig(count, seed, size, pixelScale, zeropoint, noise, v, psf, blend, device, oversample, model);
    }

    /** A copy with another PSF model. */
    public SimulationConfig withPsf(Psf v) {
        return new SimulationConfig(count, seed, size, pixelScale, zeropoint, noise, ranges, v, blend, device, oversample, model);
    }

    /** A copy with other blend settings. */
    public SimulationConfig withBlend(Blend v) {
        return new SimulationConfig(count, seed, size, pixelScale, zeropoint, noise, ranges, psf, v, device, oversample, model);
    }

    /** A copy with blending switched on or off (other blend settings kept). */
    public SimulationConfig withBlendEnabled(boolean on) {
        return withBlend(new Blend(on, blend.separation(), blend.combine()));
    }

    /** A copy with another renderer choice. */
    public SimulationConfig withDevice(Device v) {
        return new SimulationConfig(count, seed, size, pixelScale, zeropoint, noise, ranges, psf, blend, v, oversample, model);
    }

    /** A copy with another model section (null: one Sérsic a stamp, the original truth set). */
    public SimulationConfig withModel(ModelSpec v) {
        return new SimulationConfig(count, seed, size, pixelScale, zeropoint, noise, ranges, psf, blend, device, oversample, v);
    }

    /** A copy with another oversampling factor. */
    public SimulationConfig withOversample(int v) {
        return new SimulationConfig(count, seed, size, pixelScale, zeropoint, noise, ranges, psf, blend, device, v, model);
    }

    // ---- derived values ----

    /** The stamp centre in FITS 1-based pixel coordinates: (size + 1) / 2 along each axis. */
    public double centre() {
        return (size + 1) / 2.0;
    }

    /** The half-light radius range in pixels. */
    public Range reRangePx() {
        return ranges.reArcsec().scaled(1.0 / pixelScale);
    }

    /** The PSF FWHM range in pixels. */
    public Range fwhmRangePx() {
        return psf.fwhm().scaled(1.0 / pixelScale);
    }

    /** The renderer settings of this run. */
    public RenderSettings renderSettings() {
        return RenderSettings.DEFAULT.withOversample(oversample);
    }

    // ---- validation ----

    private static String problem(int count, int size, double pixelScale, double zeropoint, Noise noise, Ranges r,
                                  Psf psf, Blend blend, int oversample) {
        if (count < 1 || count > 100_000_000) return "count: must be in 1 .. 100000000 (got " + count + ")";
        if (size < 8 || size > 4096) return "size: must be in 8 .. 4096 px (got " + size + ")";
        if (!(Double.isFinite(pixelScale) && pixelScale > 0)) return "pixelScale: must be a number > 0 arcsec/px (got " + pixelScale + ")";
        if (!Double.isFinite(zeropoint)) return "zeropoint: must be a finite number (got " + zeropoint + ")";
        if (oversample < 1 || oversample > 8) return "oversample: must be in 1 .. 8 (got " + oversample + ")";
        if (!(Double.isFinite(noise.sky()) && noise.sky() >= 0)) return "noise.sky: must be >= 0 ADU (got " + noise.sky() + ")";
        if (!(Double.isFinite(noise.gain()) && noise.gain() > 0)) return "noise.gain: must be > 0 e-/ADU (got " + noise.gain() + ")";
        if (!(Double.isFinite(noise.rdnoise()) && noise.rdnoise() >= 0)) return "noise.rdnoise: must be >= 0 e- (got " + noise.rdnoise() + ")";
        String p;
        if ((p = r.flux().problem("ranges.flux", 0, true, Double.NaN, false)) != null) return p;
        if ((p = r.reArcsec().problem("ranges.reArcsec", 0, true, Double.NaN, false)) != null) return p;
        if ((p = r.n().problem("ranges.n", SersicParams.N_MIN, false, SersicParams.N_MAX, false)) != null) return p;
        if ((p = r.ell().problem("ranges.ell", 0, false, 0.95, false)) != null) return p;
        if ((p = r.pa().problem("ranges.pa", 0, false, 180, false)) != null) return p;
        if (!(Double.isFinite(r.centreOffset()) && r.centreOffset() >= 0 && r.centreOffset() < size / 2.0))
            return "ranges.centreOffset: must be in [0, size/2) = [0, " + size / 2.0 + ") px (got " + r.centreOffset() + ")";
        if (psf.size() < 3 || psf.size() % 2 == 0 || psf.size() > 1025)
            return "psf.size: must be odd and in 3 .. 1025 px (got " + psf.size() + ")";
        if (psf.size() > size)
            return "psf.size: " + psf.size() + " px is larger than the stamp (size " + size + " px); fit refuses such stamps";
        if ((p = psf.fwhm().problem("psf.fwhm", 0, true, Double.NaN, false)) != null) return p;
        if ((p = psf.beta().problem("psf.beta", 1, true, Double.NaN, false)) != null) return p;
        if ((p = psf.ell().problem("psf.ell", 0, false, 0.95, false)) != null) return p;
        if ((p = psf.pa().problem("psf.pa", 0, false, 180, false)) != null) return p;
        if (psf.mode() == PsfMode.FIXED) {
            for (String k : new String[] {"fwhm", "beta", "ell", "pa"}) {
                Range v = switch (k) {
                    case "fwhm" -> psf.fwhm();
                    case "beta" -> psf.beta();
                    case "ell" -> psf.ell();
                    default -> psf.pa();
                };
                if (!v.degenerate() && !(k.equals("beta") && psf.type() == PsfType.GAUSSIAN))
                    return "psf." + k + ": a fixed PSF (psf.mode: fixed) takes a single value, got the range " + v
                            + " (set psf.mode: drawn to draw one PSF per stamp)";
            }
        }
        if ((p = blend.separation().problem("blend.separation", 0, false, Double.NaN, false)) != null) return p;
        if (blend.enabled() && r.centreOffset() + blend.separation().max() > size / 2.0)
            return "blend.separation: centreOffset + max separation (" + (r.centreOffset() + blend.separation().max())
                    + " px) must not exceed size/2 (" + size / 2.0 + " px) so that the second galaxy stays on the stamp";
        return null;
    }

    // ---- nested types ----

    /**
     * Noise parameters, as in {@link NoiseModel}.
     *
     * @param sky     sky level [ADU per pixel], default 100
     * @param gain    [e-/ADU], default 2.0
     * @param rdnoise [e-], default 5.0
     */
    @JsonPropertyOrder({"sky", "gain", "rdnoise"})
    public record Noise(double sky, double gain, double rdnoise) {
        /** sky 100 ADU, gain 2 e-/ADU, read noise 5 e-: sky-limited, σ ≈ 7.5 ADU per pixel. */
        public static final Noise DEFAULT = new Noise(100, 2.0, 5.0);

        @JsonCreator
        static Noise create(@JsonProperty("sky") Double sky, @JsonProperty("gain") Double gain,
                            @JsonProperty("rdnoise") Double rdnoise) {
            return new Noise(or(sky, DEFAULT.sky), or(gain, DEFAULT.gain), or(rdnoise, DEFAULT.rdnoise));
        }

        /** The noise model of these parameters. */
        public NoiseModel model() {
            return new NoiseModel(sky, gain, rdnoise);
        }
    }

    /**
     * Ranges of the galaxy parameters.
     *
     * @param flux         total flux [ADU], default [500, 50000]
     * @param reArcsec     half-light radius along the major axis [arcsec], default [0.3, 5]
     * @param n            Sérsic index, default [0.5, 4]
     * @param ell          ellipticity 1 − q, default [0, 0.6]
     * @param pa           position angle [deg], default [0, 180]
     * @param centreOffset largest offset of the centre from the stamp centre along each axis [px], default 3
     */
    @JsonPropertyOrder({"flux", "reArcsec", "n", "ell", "pa", "centreOffset"})
    public record Ranges(Range flux, Range reArcsec, Range n, Range ell, Range pa, double centreOffset) {
        /** The defaults (all uniform). */
        public static final Ranges DEFAULT = new Ranges(Range.of(500, 50000), Range.of(0.3, 5), Range.of(0.5, 4),
                Range.of(0, 0.6), Range.of(0, 180), 3);

        public Ranges {
            if (flux == null) flux = Range.of(500, 50000);
            if (reArcsec == null) reArcsec = Range.of(0.3, 5);
            if (n == null) n = Range.of(0.5, 4);
            if (ell == null) ell = Range.of(0, 0.6);
            if (pa == null) pa = Range.of(0, 180);
        }

        @JsonCreator
        static Ranges create(@JsonProperty("flux") Range flux, @JsonProperty("reArcsec") Range reArcsec,
                             @JsonProperty("n") Range n, @JsonProperty("ell") Range ell, @JsonProperty("pa") Range pa,
                             @JsonProperty("centreOffset") Double centreOffset) {
            return new Ranges(flux, reArcsec, n, ell, pa, or(centreOffset, 3.0));
        }
    }

    /** Whether one PSF serves all stamps or each stamp draws its own. */
    public enum PsfMode {
        /** One PSF for the whole run, written as {@code psf.fits}. */
        FIXED,
        /** One PSF per stamp drawn from the ranges, written as {@code psf_000001.fits} …. */
        DRAWN;

        @JsonCreator
        static PsfMode parse(String s) {
            return Enums.parse(PsfMode.class, s);
        }

        @JsonValue
        String yaml() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The PSF profile. */
    public enum PsfType {
        /** Moffat profile with index β. */
        MOFFAT,
        /** Gaussian profile. */
        GAUSSIAN;

        @JsonCreator
        static PsfType parse(String s) {
            return Enums.parse(PsfType.class, s);
        }

        @JsonValue
        String yaml() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which renderer the CLI builds: the best available, the Java reference, the fast CPU one, or the Aparapi kernel. */
    public enum Device {
        /** The Aparapi kernel on a GPU or accelerator OpenCL device when there is one, else the fast CPU renderer. */
        AUTO,
        /** The exact Java reference renderer. */
        JAVA,
        /** The fast CPU renderer (the reference's accuracy targets, several times faster). */
        FAST,
        /** The Aparapi kernel (OpenCL, or Aparapi's Java thread pool fallback). */
        APARAPI;

        @JsonCreator
        static Device parse(String s) {
            return Enums.parse(Device.class, s);
        }

        /** The name {@link org.sersic4j.render.Renderers#create} takes for this device (aparapi: the kernel on the best device). */
        public String rendererName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonValue
        String yaml() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The PSF model. FWHM is in arcsec (converted to pixels with {@code pixelScale}). In {@code fixed} mode every
     * value must be a single number; in {@code drawn} mode each may be a range.
     *
     * @param mode  fixed | drawn, default fixed
     * @param type  moffat | gaussian, default moffat
     * @param fwhm  FWHM [arcsec], default 0.7
     * @param beta  Moffat β (&gt; 1), default 3.5; ignored for a Gaussian
     * @param ell   PSF ellipticity 1 − q, default 0
     * @param pa    PSF position angle [deg], default 0
     * @param size  PSF image side [px], odd, default 25
     */
    @JsonPropertyOrder({"mode", "type", "fwhm", "beta", "ell", "pa", "size"})
    public record Psf(PsfMode mode, PsfType type, Range fwhm, Range beta, Range ell, Range pa, int size) {
        /** Fixed round Moffat, FWHM 0.7″, β 3.5, 25 px. */
        public static final Psf DEFAULT = new Psf(PsfMode.FIXED, PsfType.MOFFAT, Range.fixed(0.7), Range.fixed(3.5),
                Range.fixed(0), Range.fixed(0), 25);

        public Psf {
            if (mode == null) mode = PsfMode.FIXED;
            if (type == null) type = PsfType.MOFFAT;
            if (fwhm == null) fwhm = Range.fixed(0.7);
            if (beta == null) beta = Range.fixed(3.5);
            if (ell == null) ell = Range.fixed(0);
            if (pa == null) pa = Range.fixed(0);
        }

        @JsonCreator
        static Psf create(@JsonProperty("mode") PsfMode mode, @JsonProperty("type") PsfType type,
                          @JsonProperty("fwhm") Range fwhm, @JsonProperty("beta") Range beta,
                          @JsonProperty("ell") Range ell, @JsonProperty("pa") Range pa,
                          @JsonProperty("size") Integer size) {
            return new Psf(mode, type, fwhm, beta, ell, pa, or(size, 25));
        }

        /** A copy with another mode. */
        public Psf withMode(PsfMode m) {
            return new Psf(m, type, fwhm, beta, ell, pa, size);
        }

        /** A copy with another FWHM range [arcsec]. */
        public Psf withFwhm(Range r) {
            return new Psf(mode, type, r, beta, ell, pa, size);
        }
    }

    /**
     * Blend mode: a second galaxy at a uniform distance in {@code separation} and a uniform angle from the first, the
     * two noiseless images combined by {@code combine} before the noise is added.
     *
     * @param enabled    default false
     * @param separation [px], default [5, 12]
     * @param combine    how the two images make one: {@code sum} (default, the physical blend) or {@code max} (pixel-wise
     *                   maximum, the recipe of Reiman &amp; Göhre 2019 and of the autoencoder-deblending paper)
     */
    @JsonPropertyOrder({"enabled", "separation", "combine"})
    public record Blend(boolean enabled, Range separation, Combine combine) {
        /** Off, separation [5, 12] px, summed. */
        public static final Blend DEFAULT = new Blend(false, Range.of(5, 12), Combine.SUM);

        public Blend {
            if (separation == null) separation = Range.of(5, 12);
            if (combine == null) combine = Combine.SUM;
        }

        /** Summed blends. */
        public Blend(boolean enabled, Range separation) {
            this(enabled, separation, Combine.SUM);
        }

        @JsonCreator
        static Blend create(@JsonProperty("enabled") Boolean enabled, @JsonProperty("separation") Range separation,
                            @JsonProperty("combine") Combine combine) {
            return new Blend(enabled != null && enabled, separation, combine);
        }
    }

    /** The target galaxy's model in a multi-component run. */
    public enum ModelType {
        /** One Sérsic profile (component {@code galaxy}). */
        SERSIC("sersic"),
        /** A bulge (devauc, or sersic when its n is drawn) and an exponential disc with a shared centre. */
        BULGE_DISC("bulge+disc");

        private final String label;

        ModelType(String label) {
            this.label = label;
        }

        @JsonCreator
        static ModelType parse(String s) {
            for (ModelType t : values()) if (s != null && t.label.equalsIgnoreCase(s.trim())) return t;
            throw new IllegalArgumentException("must be one of sersic, bulge+disc" + (s == null ? "" : " (got '" + s + "')"));
        }

        /** The name in configurations and catalogues. */
        @JsonValue
        public String label() {
            return label;
        }
    }

    /**
     * The {@code model} section: what each stamp holds besides (or instead of) one Sérsic. The {@code ranges} keep
     * their meaning for the target: its total flux (profiles and point source), centre, and the disc's (or the one
     * Sérsic's) r_e, q and PA; n from {@code ranges.n} is used only by {@code type: sersic}. See docs/multi-component.md.
     *
     * @param type        sersic | bulge+disc, default bulge+disc
     * @param bt          the bulge's share of the galaxy's profile light (bulge + disc), default [0.1, 0.9]
     * @param bulgeN      the bulge's Sérsic index: exactly 4 (the default) makes it a {@code devauc} component,
     *                    anything else a {@code sersic} one with n drawn from this range
     * @param reRatio     bulge r_e / disc r_e, default [0.2, 0.8]
     * @param bulgeEll    bulge ellipticity 1 − q, drawn independently of the disc's, default [0, 0.3]; the bulge's PA
     *                    is drawn independently from {@code ranges.pa}
     * @param pointSource an optional central point source
     * @param skyGradient magnitude of a residual sky gradient [ADU/px/px], direction uniform in [0, 2π), drawn as a
     *                    {@code skyplane} component of level 0; default 0 (no sky plane component)
     * @param neighbours  other galaxies on the stamp
     */
    @JsonPropertyOrder({"type", "bt", "bulgeN", "reRatio", "bulgeEll", "pointSource", "skyGradient", "neighbours"})
    public record ModelSpec(ModelType type, Range bt, Range bulgeN, Range reRatio, Range bulgeEll, PointSource pointSource,
                            Range skyGradient, Neighbours neighbours) {
        /** Bulge+disc with the defaults above. */
        public static final ModelSpec BULGE_DISC = new ModelSpec(null, null, null, null, null, null, null, null);

        public ModelSpec {
            if (type == null) type = ModelType.BULGE_DISC;
            if (bt == null) bt = Range.of(0.1, 0.9);
            if (bulgeN == null) bulgeN = Range.fixed(4);
            if (reRatio == null) reRatio = Range.of(0.2, 0.8);
            if (bulgeEll == null) bulgeEll = Range.of(0, 0.3);
            if (pointSource == null) pointSource = PointSource.NONE;
            if (skyGradient == null) skyGradient = Range.fixed(0);
            if (neighbours == null) neighbours = Neighbours.NONE;
        }

        @JsonCreator
        static ModelSpec create(@JsonProperty("type") ModelType type, @JsonProperty("bt") Range bt,
                                @JsonProperty("bulgeN") Range bulgeN, @JsonProperty("reRatio") Range reRatio,
                                @JsonProperty("bulgeEll") Range bulgeEll, @JsonProperty("pointSource") PointSource ps,
                                @JsonProperty("skyGradient") Range skyGradient,
                                @JsonProperty("neighbours") Neighbours neighbours) {
            return new ModelSpec(type, bt, bulgeN, reRatio, bulgeEll, ps, skyGradient, neighbours);
        }

        /** A copy with other neighbours. */
        public ModelSpec withNeighbours(Neighbours v) {
            return new ModelSpec(type, bt, bulgeN, reRatio, bulgeEll, pointSource, skyGradient, v);
        }

        /** A copy with another point-source setting. */
        public ModelSpec withPointSource(PointSource v) {
            return new ModelSpec(type, bt, bulgeN, reRatio, bulgeEll, v, skyGradient, neighbours);
        }

        /** A copy with another sky-gradient range. */
        public ModelSpec withSkyGradient(Range v) {
            return new ModelSpec(type, bt, bulgeN, reRatio, bulgeEll, pointSource, v, neighbours);
        }

        /** True when the bulge is a de Vaucouleurs component (bulgeN exactly 4). */
        public boolean devaucBulge() {
            return bulgeN.degenerate() && bulgeN.min() == 4;
        }

        /** True when the stamps carry a sky-plane component. */
        public boolean hasSkyPlane() {
            return skyGradient.max() > 0;
        }

        String problem(Ranges r, double pixelScale, int size, Blend blend) {
            String p;
            if (blend.enabled()) return "model: blend mode and a model section cannot be combined (draw other galaxies"
                    + " with model.neighbours)";
            if ((p = bt.problem("model.bt", 0, false, 1, false)) != null) return p;
            if ((p = bulgeN.problem("model.bulgeN", SersicParams.N_MIN, false, SersicParams.N_MAX, false)) != null) return p;
            if ((p = reRatio.problem("model.reRatio", 0, true, Double.NaN, false)) != null) return p;
            if ((p = bulgeEll.problem("model.bulgeEll", 0, false, 0.95, false)) != null) return p;
            if ((p = pointSource.fluxFraction().problem("model.pointSource.fluxFraction", 0, false, 1, true)) != null) return p;
            if (!(pointSource.fraction() >= 0 && pointSource.fraction() <= 1))
                return "model.pointSource.fraction: must be in [0, 1] (got " + pointSource.fraction() + ")";
            if ((p = skyGradient.problem("model.skyGradient", 0, false, Double.NaN, false)) != null) return p;
            if (neighbours.count() < 0 || neighbours.count() > Neighbours.MAX_COUNT)
                return "model.neighbours.count: must be in 0 .. " + Neighbours.MAX_COUNT + " (got " + neighbours.count() + ")";
            if ((p = neighbours.separation().problem("model.neighbours.separation", 0, true, Double.NaN, false)) != null) return p;
            if ((p = neighbours.fluxRatio().problem("model.neighbours.fluxRatio", 0, true, Double.NaN, false)) != null) return p;
            double far = r.centreOffset() + neighbours.separation().max() * r.reArcsec().max() / pixelScale;
            if (neighbours.count() > 0 && far >= size / 2.0)
                return "model.neighbours.separation: centreOffset + max separation × max r_e (" + far + " px) must be below"
                        + " size/2 (" + size / 2.0 + " px) so that every neighbour's centre is on the stamp";
            return null;
        }
    }

    /**
     * A central point source (an AGN or nuclear star cluster), a {@code psf} component named {@code point} at the
     * target's centre. When {@code fraction} &gt; 0 every stamp carries the component, with flux 0 on the stamps
     * that drew none (so that the catalogue's columns are the same on every row).
     *
     * @param fraction     the probability that a stamp has one, default 0
     * @param fluxFraction its share of the target's total flux, default [0.05, 0.3]
     */
    @JsonPropertyOrder({"fraction", "fluxFraction"})
    public record PointSource(double fraction, Range fluxFraction) {
        /** No point source. */
        public static final PointSource NONE = new PointSource(0, Range.of(0.05, 0.3));

        public PointSource {
            if (fluxFraction == null) fluxFraction = Range.of(0.05, 0.3);
        }

        @JsonCreator
        static PointSource create(@JsonProperty("fraction") Double fraction, @JsonProperty("fluxFraction") Range ff) {
            return new PointSource(or(fraction, 0.0), ff);
        }
    }

    /**
     * Neighbouring galaxies: {@code sersic} components named {@code neighbour1} … at a distance of {@code separation}
     * × the target's (disc) r_e in a direction uniform in [0, 2π), with flux {@code fluxRatio} × the target's total
     * flux and r_e, n, q and PA drawn from {@code ranges}.
     *
     * @param count      neighbours per stamp, 0 … 20, default 0
     * @param separation in units of the target's r_e, default [1, 3]
     * @param fluxRatio  neighbour flux / target total flux, default [0.2, 1]
     */
    @JsonPropertyOrder({"count", "separation", "fluxRatio"})
    public record Neighbours(int count, Range separation, Range fluxRatio) {
        /** The most neighbours a stamp may hold. */
        public static final int MAX_COUNT = 20;
        /** None. */
        public static final Neighbours NONE = new Neighbours(0, Range.of(1, 3), Range.of(0.2, 1));

        public Neighbours {
            if (separation == null) separation = Range.of(1, 3);
            if (fluxRatio == null) fluxRatio = Range.of(0.2, 1);
        }

        @JsonCreator
        static Neighbours create(@JsonProperty("count") Integer count, @JsonProperty("separation") Range separation,
                                 @JsonProperty("fluxRatio") Range fluxRatio) {
            return new Neighbours(or(count, 0), separation, fluxRatio);
        }
    }

    /** How blend mode makes one image of two noiseless galaxies. */
    public enum Combine {
        /** Pixel-wise sum: the light of both, as a telescope sees it. */
        SUM,
        /** Pixel-wise maximum: keeps faint features of either galaxy undiluted (not physical). */
        MAX;

        /** Combines {@code b} into {@code a}, pixel by pixel, and returns {@code a}. */
        public double[] into(double[] a, double[] b) {
            if (a.length != b.length) throw new IllegalArgumentException("images of " + a.length + " and " + b.length + " pixels");
            for (int i = 0; i < a.length; i++) a[i] = this == SUM ? a[i] + b[i] : Math.max(a[i], b[i]);
            return a;
        }

        @JsonCreator
        static Combine parse(String s) {
            return Enums.parse(Combine.class, s);
        }

        @JsonValue
        String yaml() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Case-insensitive enum names with a helpful message. */
    private static final class Enums {
        static <E extends Enum<E>> E parse(Class<E> type, String s) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(x -> x.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            if (s == null) throw new IllegalArgumentException("must be one of " + allowed);
            for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(s.trim())) return e;
            throw new IllegalArgumentException("must be one of " + allowed + " (got '" + s + "')");
        }
    }
}
