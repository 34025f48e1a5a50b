package org.sersic4j.learn;

import static org.sersic4j.io.YamlConfigs.or;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.io.YamlConfigs;
import org.sersic4j.render.sim.Range;
import org.sersic4j.render.sim.SimulationConfig;
import org.sersic4j.render.sim.SimulationConfig.PsfType;

/**
 * A training run of the CNN, read from YAML ({@code configs/train-cnn.yaml}): where the model goes, the seed, the
 * galaxies and observing conditions rendered on the fly, the network's shape and the optimiser's schedule. Every key
 * has a default; unknown keys are errors naming the key.
 *
 * @param output   directory for model.zip, model.json and checkpoints
 * @param seed     the whole run is a function of it
 * @param data     what the training stream renders
 * @param network  the architecture
 * @param training the optimiser and its schedule
 */
public record TrainingConfig(String output, long seed, Data data, Network network, Training training) {

    public TrainingConfig {
        if (output == null || output.isBlank()) output = "models/cnn";
        if (data == null) data = Data.DEFAULT;
        if (network == null) network = Network.DEFAULT;
        if (training == null) training = Training.DEFAULT;
    }

    @JsonCreator
    static TrainingConfig create(@JsonProperty("output") String output, @JsonProperty("seed") Long seed,
                                 @JsonProperty("data") Data data, @JsonProperty("network") Network network,
                                 @JsonProperty("training") Training training) {
        return new TrainingConfig(output, seed == null ? 7 : seed, data, network, training);
    }

    /** The defaults: the shipped model's recipe. */
    public static TrainingConfig defaults() {
        return create(null, null, null, null, null);
    }

    /**
     * Galaxies, PSFs and noise of the training stream.
     *
     * @param stampSize  stamp side [px]
     * @param psfSize    PSF stamp side [px], odd
     * @param pixelScale [arcsec/px]
     * @param zeropoint  mag = zeropoint − 2.5 log10(flux)
     * @param ranges     galaxy parameter ranges (as in {@code sersic4j simulate})
     * @param psf        PSF types and ranges, drawn per stamp
     * @param noise      sky [ADU], gain [e⁻/ADU] and read noise [e⁻] ranges, drawn per stamp
     * @param oversample cells per pixel side when rendering
     * @param device     renderer: auto, fast, aparapi or java
     */
    public record Data(int stampSize, int psfSize, double pixelScale, double zeropoint, SimulationConfig.Ranges ranges,
                       PsfRanges psf, NoiseRanges noise, int oversample, String device) {
        /** 64×64 stamps at 0.2″/px, the conditional-autoencoder paper's ranges, Moffat and Gaussian PSFs of FWHM 2–6 px. */
        public static final Data DEFAULT = new Data(64, 25, 0.2, 30, SimulationConfig.Ranges.DEFAULT, PsfRanges.DEFAULT,
                NoiseRanges.DEFAULT, 1, "auto");

        public Data {
            if (ranges == null) ranges = SimulationConfig.Ranges.DEFAULT;
            if (psf == null) psf = PsfRanges.DEFAULT;
            if (noise == null) noise = NoiseRanges.DEFAULT;
            if (device == null) device = "auto";
            if (stampSize < 16) throw new IllegalArgumentException("data.stampSize: must be >= 16 px (got " + stampSize + ")");
            if (psfSize < 3 || psfSize % 2 == 0) throw new IllegalArgumentException("data.psfSize: must be odd and >= 3 (got " + psfSize + ")");
            if (!(pixelScale > 0)) throw new IllegalArgumentException("data.pixelScale: must be > 0 (got " + pixelScale + ")");
            if (oversample < 1) throw new IllegalArgumentException("data.oversample: must be >= 1 (got " + oversample + ")");
        }

        @JsonCreator
        static Data create(@JsonProperty("stampSize") Integer stampSize, @JsonProperty("psfSize") Integer psfSize,
                           @JsonProperty("pixelScale") Double pixelScale, @JsonProperty("zeropoint") Double zeropoint,
                           @JsonProperty("ranges") SimulationConfig.Ranges ranges, @JsonProperty("psf") PsfRanges psf,
                           @JsonProperty("noise") NoiseRanges noise, @JsonProperty("oversample") Integer oversample,
                           @JsonProperty("device") String device) {
            Data d = DEFAULT;
            return new Data(or(stampSize, d.stampSize), or(psfSize, d.psfSize), or(pixelScale, d.pixelScale),
                    or(zeropoint, d.zeropoint), ranges, psf, noise, or(oversample, d.oversample), device);
        }

        /** The galaxy's r_e range in pixels. */
        public Range rePx() {
            return ranges.reArcsec().scaled(1 / pixelScale);
        }

        /** The stamp centre in FITS 1-based pixels. */
        public double centre() {
            return (stampSize + 1) / 2.0;
        }
    }

    /** PSF types (one drawn per stamp, equally likely), FWHM [px] and Moffat β ranges; PSFs are round. */
    public record PsfRanges(List<PsfType> types, Range fwhmPx, Range beta) {
        public static final PsfRanges DEFAULT = new PsfRanges(List.of(PsfType.MOFFAT, PsfType.GAUSSIAN), Range.of(2, 6), Range.of(2.5, 5));

        public PsfRanges {
            if (types == null || types.isEmpty()) types = DEFAULT.types;
            if (fwhmPx == null) fwhmPx = DEFAULT.fwhmPx;
            if (beta == null) beta = DEFAULT.beta;
            types = List.copyOf(types);
            if (!(fwhmPx.min() > 0)) throw new IllegalArgumentException("data.psf.fwhmPx: must be > 0");
            if (!(beta.min() > 1)) throw new IllegalArgumentException("data.psf.beta: Moffat β must be > 1");
        }
    }

    /** Sky [ADU], gain [e⁻/ADU] and read noise [e⁻] ranges, drawn per stamp. */
    public record NoiseRanges(Range sky, Range gain, Range rdnoise) {
        public static final NoiseRanges DEFAULT = new NoiseRanges(Range.of(60, 160), Range.of(0.8, 3), Range.of(3, 8));

        public NoiseRanges {
            if (sky == null) sky = DEFAULT.sky;
            if (gain == null) gain = DEFAULT.gain;
            if (rdnoise == null) rdnoise = DEFAULT.rdnoise;
            if (!(gain.min() > 0)) throw new IllegalArgumentException("data.noise.gain: must be > 0");
            if (sky.min() < 0 || rdnoise.min() < 0) throw new IllegalArgumentException("data.noise: sky and rdnoise must be >= 0");
        }
    }

    /**
     * The architecture of {@link org.sersic4j.learn.cnn.SersicCnn}.
     *
     * @param stem       the galaxy branch's first convolution: 1 (3×3), 2 (5×5 with stride 2) or 4 (4×4 patches with
     *                   stride 4: a sixteenth of the outputs of 1)
     * @param conv       channels of the galaxy branch's convolutions (the stem's included)
     * @param psfConv    channels of the PSF branch's convolutions
     * @param dense      width of the dense layers after the branches merge
     * @param dropout    dropout probability before each dense layer (also drives the MC-dropout uncertainties)
     * @param downsample how each convolution halves the resolution: {@code pool} (3×3, then 2×2 max pooling; after the
     *                   stem too) or {@code stride} (3×3 with stride 2, no pooling; the stem keeps its own stride)
     */
    public record Network(int stem, List<Integer> conv, List<Integer> psfConv, int dense, double dropout, Downsample downsample) {
        public static final Network DEFAULT = new Network(2, List.of(16, 32, 64, 64), List.of(8, 16), 256, 0.1, Downsample.POOL);

        public Network {
            if (conv == null || conv.isEmpty()) conv = DEFAULT.conv;
            if (psfConv == null || psfConv.isEmpty()) psfConv = DEFAULT.psfConv;
            if (downsample == null) downsample = Downsample.POOL;
            conv = List.copyOf(conv);
            psfConv = List.copyOf(psfConv);
            if (stem != 1 && stem != 2 && stem != 4) throw new IllegalArgumentException("network.stem: must be 1, 2 or 4 (got " + stem + ")");
            if (dense < 8) throw new IllegalArgumentException("network.dense: must be >= 8 (got " + dense + ")");
            if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("network.dropout: must be in [0, 1) (got " + dropout + ")");
        }

        @JsonCreator
        static Network create(@JsonProperty("stem") Integer stem, @JsonProperty("conv") List<Integer> conv, @JsonProperty("psfConv") List<Integer> psfConv,
                              @JsonProperty("dense") Integer dense, @JsonProperty("dropout") Double dropout,
                              @JsonProperty("downsample") String downsample) {
            return new Network(or(stem, DEFAULT.stem), conv, psfConv, or(dense, DEFAULT.dense), or(dropout, DEFAULT.dropout),
                    downsample == null ? DEFAULT.downsample : Downsample.parse(downsample));
        }
    }

    /** How {@link org.sersic4j.learn.cnn.SersicCnn}'s convolutions reduce the resolution. */
    public enum Downsample {
        /** A 3×3 convolution at full resolution, then 2×2 max pooling. */
        POOL,
        /** A 3×3 convolution with stride 2: a quarter of the work, no pooling layer. */
        STRIDE;

        static Downsample parse(String s) {
            for (Downsample d : values()) if (d.yaml().equals(s.trim().toLowerCase(Locale.ROOT))) return d;
            throw new IllegalArgumentException("network.downsample: must be pool or stride (got '" + s + "')");
        }

        @JsonValue
        String yaml() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The optimiser (Adam) and its schedule.
     *
     * @param batchSize         stamps per batch
     * @param batchesPerEpoch   batches between validations and checkpoints (every batch is new galaxies)
     * @param maxEpochs         upper bound on epochs
     * @param validationBatches size of the fixed held-out stream, in batches
     * @param learningRate      Adam's initial step
     * @param decayPerEpoch     the step is multiplied by this after every epoch
     * @param patience          epochs without a better validation loss before stopping early
     * @param huberDelta        where the Huber loss turns from quadratic to linear (standardised target units)
     * @param maxMinutes        wall-clock budget; training stops after the epoch that passes it
     * @param mcSamples         dropout passes per galaxy for uncertainties at prediction time
     */
    public record Training(int batchSize, int batchesPerEpoch, int maxEpochs, int validationBatches, double learningRate,
                           double decayPerEpoch, int patience, double huberDelta, double maxMinutes, int mcSamples) {
        public static final Training DEFAULT = new Training(64, 250, 200, 16, 1e-3, 0.97, 10, 0.5, 110, 16);

        public Training {
            checkSchedule(batchSize, batchesPerEpoch, maxEpochs, validationBatches, learningRate, maxMinutes);
            if (!(decayPerEpoch > 0 && decayPerEpoch <= 1)) throw new IllegalArgumentException("training.decayPerEpoch: must be in (0, 1]");
            if (!(huberDelta > 0)) throw new IllegalArgumentException("training.huberDelta: must be > 0");
            if (mcSamples < 1) throw new IllegalArgumentException("training.mcSamples: must be >= 1");
        }

        /** The checks every training schedule shares (the CNN's and the VAE's). */
        public static void checkSchedule(int batchSize, int batchesPerEpoch, int maxEpochs, int validationBatches, double learningRate,
                                  double maxMinutes) {
            if (batchSize < 1) throw new IllegalArgumentException("training.batchSize: must be >= 1");
            if (batchesPerEpoch < 1) throw new IllegalArgumentException("training.batchesPerEpoch: must be >= 1");
            if (maxEpochs < 1) throw new IllegalArgumentException("training.maxEpochs: must be >= 1");
            if (validationBatches < 1) throw new IllegalArgumentException("training.validationBatches: must be >= 1");
            if (!(learningRate > 0)) throw new IllegalArgumentException("training.learningRate: must be > 0");
            if (!(maxMinutes > 0)) throw new IllegalArgumentException("training.maxMinutes: must be > 0");
        }

        @JsonCreator
        static Training create(@JsonProperty("batchSize") Integer batchSize, @JsonProperty("batchesPerEpoch") Integer batchesPerEpoch,
                               @JsonProperty("maxEpochs") Integer maxEpochs, @JsonProperty("validationBatches") Integer validationBatches,
                               @JsonProperty("learningRate") Double learningRate, @JsonProperty("decayPerEpoch") Double decayPerEpoch,
                               @JsonProperty("patience") Integer patience, @JsonProperty("huberDelta") Double huberDelta,
                               @JsonProperty("maxMinutes") Double maxMinutes, @JsonProperty("mcSamples") Integer mcSamples) {
            Training d = DEFAULT;
            return new Training(or(batchSize, d.batchSize), or(batchesPerEpoch, d.batchesPerEpoch), or(maxEpochs, d.maxEpochs),
                    or(validationBatches, d.validationBatches), or(learningRate, d.learningRate), or(decayPerEpoch, d.decayPerEpoch),
                    or(patience, d.patience), or(huberDelta, d.huberDelta), or(maxMinutes, d.maxMinutes), or(mcSamples, d.mcSamples));
        }
    }

    /**
     * Reads a YAML training configuration; an empty file gives the defaults.
     *
     * @throws InvalidInputException naming the file and the offending key
     */
    public static TrainingConfig load(Path file) {
        return YamlConfigs.load(file, "training configuration", TrainingConfig.class, TrainingConfig::defaults);
    }

    /** This configuration as YAML with every key filled in (provenance). */
    public String toYaml() {
        return YamlConfigs.toYaml(this);
    }

    /** An enum constant's name in lower case, as the configurations spell it. */
    public static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
