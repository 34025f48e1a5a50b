package org.sersic4j.render;

/**
 * One Sérsic profile drawn on one stamp with a fixed PSF and settings, and its Jacobian: what a fit evaluates.
 * {@link StampModel} draws the reference's cells; {@link FastStampModel} the fast renderer's.
 */
public interface ProfileModel {
    /** Stamp width in pixels. */
    int width();

    /** Stamp height in pixels. */
    int height();

    /** The model, row-major width × height. */
    double[] model(SersicParams p);

    /**
     * The model and its seven derivatives, jacobian[k][pixel] in {@link SersicParams#NAMES} order (PA per degree);
     * the flux must be positive.
     */
    ModelAndJacobian modelAndJacobian(SersicParams p);
}
