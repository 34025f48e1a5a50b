package org.sersic4j.render.sim;

import org.hipparchus.random.RandomGenerator;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.SimulationConfig.PsfMode;

/**
 * Draws the truth of each stamp from a {@link SimulationConfig}'s ranges: the galaxy, the companion in blend mode, and
 * the PSF when PSFs are drawn. Stamp {@code i} (0-based) is a pure function of (seed, i): each stamp and each purpose
 * has its own generator ({@link Seeds}), so the draws do not depend on batch size, thread count or order, and
 * switching blending on or off leaves the first galaxies unchanged.
 *
 * <p>Galaxy: centre uniform within ±centreOffset of the stamp centre ((size + 1)/2, FITS 1-based) along each axis,
 * then flux, re (reArcsec / pixelScale), n, q = 1 − ell and PA from their ranges. Companion: distance uniform in the
 * separation range and angle uniform in [0, 2π) from the first galaxy's centre, its other parameters from the same
 * ranges. Thread-safe.
 */
public final class ParameterSampler {
    private final SimulationConfig cfg;
    private final Range rePx;
    private final Range fwhmPx;

    /** A sampler for this configuration. */
    public ParameterSampler(SimulationConfig cfg) {
        this.cfg = cfg;
        this.rePx = cfg.reRangePx();
        this.fwhmPx = cfg.fwhmRangePx();
    }

    /** Everything drawn for one stamp. {@code companion} is null unless blending; {@code psf} is the stamp's PSF. */
    public record Draw(long index, SersicParams galaxy, SersicParams companion, PsfSpec psf) {}

    /** The full draw of stamp {@code index} (0-based). */
    public Draw draw(long index) {
        SersicParams g = galaxy(index);
        SersicParams c = cfg.blend().enabled() ? companion(index, g) : null;
        return new Draw(index, g, c, psf(index));
    }

    /** The (first) galaxy of stamp {@code index}. */
    public SersicParams galaxy(long index) {
        RandomGenerator r = Seeds.generator(cfg.seed(), index, Seeds.PARAMS);
        double off = cfg.ranges().centreOffset();
        double x0 = cfg.centre() + off * (2 * r.nextDouble() - 1);
        double y0 = cfg.centre() + off * (2 * r.nextDouble() - 1);
        return shape(r, x0, y0);
    }

    /** The second galaxy of stamp {@code index}, placed relative to {@code first}. */
    public SersicParams companion(long index, SersicParams first) {
        RandomGenerator r = Seeds.generator(cfg.seed(), index, Seeds.COMPANION);
        double d = cfg.blend().separation().draw(r);
        double theta = 2 * Math.PI * r.nextDouble();
        return shape(r, first.x0() + d * Math.cos(theta), first.y0() + d * Math.sin(theta));
    }

    /** The PSF of stamp {@code index}: the fixed PSF in fixed mode, else drawn from the PSF ranges. */
    public PsfSpec psf(long index) {
        if (cfg.psf().mode() == PsfMode.FIXED) return fixedPsf();
        RandomGenerator r = Seeds.generator(cfg.seed(), index, Seeds.PSF);
        double fwhm = fwhmPx.draw(r);
        double beta = cfg.psf().beta().draw(r);
        double q = 1 - cfg.psf().ell().draw(r);
        double pa = SersicParams.normalisePa(cfg.psf().pa().draw(r));
        return new PsfSpec(cfg.psf().type(), fwhm, beta, q, pa);
    }

    /** The run's single PSF (fixed mode): the lower end of each PSF range, which fixed mode requires to be a value. */
    public PsfSpec fixedPsf() {
        SimulationConfig.Psf p = cfg.psf();
        return new PsfSpec(p.type(), fwhmPx.min(), p.beta().min(), 1 - p.ell().min(), SersicParams.normalisePa(p.pa().min()));
    }

    private SersicParams shape(RandomGenerator r, double x0, double y0) {
        SimulationConfig.Ranges rg = cfg.ranges();
        double flux = rg.flux().draw(r);
        double re = rePx.draw(r);
        double n = rg.n().draw(r);
        double q = 1 - rg.ell().draw(r);
        double pa = SersicParams.normalisePa(rg.pa().draw(r));
        return new SersicParams(x0, y0, flux, re, n, q, pa);
    }
}
