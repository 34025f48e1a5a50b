package org.sersic4j.render.sim;

import org.sersic4j.render.GaussianPsf;
import org.sersic4j.render.MoffatPsf;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.sim.SimulationConfig.PsfType;

/**
 * The parameters of one analytic PSF in pixel units, as drawn for a stamp (or fixed for a run).
 *
 * @param type   Moffat or Gaussian
 * @param fwhmPx full width at half maximum [px]
 * @param beta   Moffat β (ignored for a Gaussian)
 * @param q      axis ratio (1 = round)
 * @param pa     position angle [deg], CCW from +y
 */
public record PsfSpec(PsfType type, double fwhmPx, double beta, double q, double pa) {

    /** The PSF sampled on an odd {@code size}² grid, pixel response included, unit sum. */
    public PixelPsf toPixelPsf(int size) {
        return switch (type) {
            case MOFFAT -> new MoffatPsf(fwhmPx, beta, q, pa).toPixelPsf(size);
            case GAUSSIAN -> new GaussianPsf(fwhmPx, q, pa).toPixelPsf(size);
        };
    }
}
