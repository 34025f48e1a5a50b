package org.sersic4j.learn;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomGenerator;
import org.sersic4j.render.Image;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.NoiseModel;
import org.sersic4j.render.sim.PsfSpec;
import org.sersic4j.render.sim.Seeds;
import org.sersic4j.render.sim.SimulationConfig.PsfType;

/**
 * Renders training batches: stamp {@code i} of the stream (0-based, counted over all batches) is a pure function of
 * (seed, i) — its galaxy, PSF, noise parameters and noise realisation each come from their own seeded generator — so a
 * stream is reproducible whatever the batch size or thread.
 *
 * <p>PSFs come from a bank built once: {@value #BANK_PER_TYPE} round PSFs per configured type, FWHM and β drawn
 * uniformly from their ranges (from a fixed seed); each stamp draws one bank entry. Sampling a pixelised Moffat PSF
 * costs tens of milliseconds, more than rendering the galaxy, so a fresh PSF per stamp would starve the network.
 */
public final class BatchRenderer {
    private final TrainingConfig.Data data;
    private final Renderer renderer;
    private final RenderSettings settings;
    private final List<PsfSpec> bankSpecs = new ArrayList<>();
    private final List<PixelPsf> bank = new ArrayList<>();

    /** PSFs per type in the bank. */
    public static final int BANK_PER_TYPE = 96;
    private static final long BANK_SEED = 20240611L;

    /** A renderer of batches of {@code data}'s galaxies; the caller owns {@code renderer}. */
    public BatchRenderer(TrainingConfig.Data data, Renderer renderer) {
        this.data = data;
        this.renderer = renderer;
        this.settings = new RenderSettings(data.oversample(), 1e-4);
        RandomGenerator r = Seeds.generator(BANK_SEED, 0, Seeds.PSF);
        for (PsfType t : data.psf().types()) {
            for (int i = 0; i < BANK_PER_TYPE; i++) {
                PsfSpec spec = new PsfSpec(t, data.psf().fwhmPx().draw(r), data.psf().beta().draw(r), 1, 0);
                bankSpecs.add(spec);
            }
        }
        bankSpecs.parallelStream().map(sp -> sp.toPixelPsf(data.psfSize())).forEachOrdered(bank::add);
    }

    /** The PSF bank's specifications. */
    public List<PsfSpec> bank() {
        return List.copyOf(bankSpecs);
    }

    /** The pixelised PSF of bank entry {@code k} (see {@link #psfIndex}). */
    public PixelPsf psf(int k) {
        return bank.get(k);
    }

    /** The configuration rendered. */
    public TrainingConfig.Data data() {
        return data;
    }

    /** The galaxy of stream stamp {@code index}. */
    public SersicParams galaxy(long seed, long index) {
        RandomGenerator r = Seeds.generator(seed, index, Seeds.PARAMS);
        var rg = data.ranges();
        double off = rg.centreOffset();
        double x0 = data.centre() + off * (2 * r.nextDouble() - 1);
        double y0 = data.centre() + off * (2 * r.nextDouble() - 1);
        double flux = rg.flux().draw(r);
        double re = data.rePx().draw(r);
        double n = rg.n().draw(r);
        double q = 1 - rg.ell().draw(r);
        double pa = SersicParams.normalisePa(rg.pa().draw(r));
        return new SersicParams(x0, y0, flux, re, n, q, pa);
    }

    /** The bank index of the PSF of stream stamp {@code index}. */
    public int psfIndex(long seed, long index) {
        RandomGenerator r = Seeds.generator(seed, index, Seeds.PSF);
        return Math.min(bank.size() - 1, (int) (r.nextDouble() * bank.size()));
    }

    /** The noise model of stream stamp {@code index}. */
    public NoiseModel noise(long seed, long index) {
        RandomGenerator r = Seeds.generator(seed, index, Seeds.COMPANION);
        var nr = data.noise();
        return new NoiseModel(nr.sky().draw(r), nr.gain().draw(r), nr.rdnoise().draw(r));
    }

    /** Renders stamps {@code first} … {@code first + size − 1} of the stream of {@code seed}. */
    public TrainingBatch render(long seed, long first, int size) {
        int s = data.stampSize(), p = data.psfSize();
        List<SersicParams> truth = new ArrayList<>(size);
        List<PsfSpec> specs = new ArrayList<>(size);
        List<PixelPsf> psfs = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            truth.add(galaxy(seed, first + i));
            int k = psfIndex(seed, first + i);
            specs.add(bankSpecs.get(k));
            psfs.add(bank.get(k));
        }
        float[][] models = renderer.renderBatch(truth, s, s, psfs, settings);
        float[] stamps = new float[size * s * s];
        float[] psfPx = new float[size * p * p];
        List<StampScaling.Scale> scales = new ArrayList<>(size);
        double[] snr = new double[size];
        for (int i = 0; i < size; i++) {
            NoiseModel nm = noise(seed, first + i);
            Image model = Image.ofFloats(s, s, models[i]);
            snr[i] = nm.snr(model);
            float[] noisy = nm.addNoise(model, Seeds.generator(seed, first + i, Seeds.NOISE)).toFloats();
            StampScaling.Scale sc = StampScaling.of(noisy, s, s);
            scales.add(sc);
            StampScaling.scaleInto(noisy, sc.scale(), stamps, i * s * s);
            StampScaling.scalePsfInto(psfs.get(i).toImage().toFloats(), psfPx, i * p * p);
        }
        return new TrainingBatch(size, stamps, psfPx, truth, scales, specs, snr);
    }
}
