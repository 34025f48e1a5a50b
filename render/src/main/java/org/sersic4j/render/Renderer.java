package org.sersic4j.render;

import java.util.List;

/**
 * Draws PSF-convolved Sérsic stamps. Stamp pixel (ix, iy) is centred at FITS (ix + 1, iy + 1); each pixel holds
 * the flux (ADU) falling on it. A {@code null} PSF draws the profile integrated over each pixel.
 */
public interface Renderer extends AutoCloseable {

    /**
     * Renders a batch of stamps of one size.
     *
     * @param params one entry per stamp
     * @param psfs   {@code null} (no PSF), a list of one PSF shared by all stamps, or one PSF per stamp
     * @return one row-major float array of width × height per stamp
     */
    float[][] renderBatch(List<SersicParams> params, int width, int height, List<PixelPsf> psfs, RenderSettings settings);

    /** Which device ran the last batch (e.g. "OpenCL GPU NVIDIA H100" or "Java thread pool, 2 threads"). */
    String deviceDescription();

    @Override
    default void close() {}
}
