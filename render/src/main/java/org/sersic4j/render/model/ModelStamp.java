package org.sersic4j.render.model;

import org.sersic4j.render.FastStampModel;
import org.sersic4j.render.Image;
import org.sersic4j.render.ModelAndJacobian;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.ProfileModel;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.StampModel;

/**
 * The image of a {@link Model} on one stamp and its analytic Jacobian: each profile drawn and differentiated as a single
 * Sérsic is, by {@link StampModel} (the reference's cells) or by {@link FastStampModel} (the fast renderer's), so a
 * one-Sérsic model is that single-Sérsic model, bit for bit; point sources through the reference's PSF taps
 * ({@link StampModel#pointSource}), sky levels and planes analytically. Jacobian columns follow {@link Model#values()};
 * an exponential's or de Vaucouleurs' n column is dropped. Thread-safe.
 */
public final class ModelStamp {
    private final ProfileModel profiles;
    private final PixelPsf psf;
    private final RenderSettings settings;
    /** The reference's model for point sources: the profiles' own, or made on the first point source. */
    private volatile StampModel points;
    private final int width, height;
    private final double xc, yc;

    /** A model of width × height pixels, profiles drawn by the reference; {@code psf} may be null (no point sources then). */
    public ModelStamp(int width, int height, PixelPsf psf, RenderSettings settings) {
        this(width, height, psf, settings, false);
    }

    /**
     * A model of width × height pixels; {@code psf} may be null (no point sources then).
     *
     * @param fast profiles drawn by {@link FastStampModel} (it needs a PSF; without one the reference draws them)
     */
    public ModelStamp(int width, int height, PixelPsf psf, RenderSettings settings, boolean fast) {
        if (fast && psf != null) {
            this.profiles = new FastStampModel(width, height, psf, settings);
        } else {
            this.points = new StampModel(width, height, psf, settings);
            this.profiles = points;
        }
        this.psf = psf;
        this.settings = settings;
        this.width = width;
        this.height = height;
        this.xc = 0.5 * (width + 1);
        this.yc = 0.5 * (height + 1);
    }

    /** Whether the profiles are drawn by the fast renderer's model. */
    public boolean fast() {
        return profiles instanceof FastStampModel;
    }

    private StampModel points() {
        StampModel s = points;
        if (s == null) points = s = new StampModel(width, height, psf, settings);
        return s;
    }

    /** Stamp width in pixels. */
    public int width() {
        return width;
    }

    /** Stamp height in pixels. */
    public int height() {
        return height;
    }

    /** The model image (row-major), the sum of every component's image. */
    public double[] model(Model m) {
        double[] out = null;
        for (Component c : m.components()) {
            String problem = c.problem();
            if (problem != null) throw new IllegalArgumentException(problem);
            if (c.type().isProfile()) {
                double[] img = profiles.model(c.profile());
                out = add(out, img);
            } else if (c.type() == ComponentType.PSF) {
                double[] v = c.values();
                out = add(out, points().pointSource(v[0], v[1], v[2], false).model().pixels());
            }
        }
        if (out == null) out = new double[width * height];
        for (Component c : m.components()) if (c.type().isSky()) addSky(out, c.values());
        return out;
    }

    /** The model and its Jacobian, jacobian[k][pixel] = ∂model/∂(value k of {@link Model#values()}). */
    public ModelAndJacobian modelAndJacobian(Model m) {
        double[][] jac = new double[m.count()][];
        double[] out = null;
        int o = 0;
        for (Component c : m.components()) {
            String problem = c.problem();
            if (problem != null) throw new IllegalArgumentException(problem);
            double[] v = c.values();
            switch (c.type()) {
                case SERSIC -> {
                    ModelAndJacobian mj = profiles.modelAndJacobian(c.profile());
                    out = add(out, mj.model().pixels());
                    System.arraycopy(mj.jacobian(), 0, jac, o, 7);
                }
                case EXPONENTIAL, DEVAUC -> {
                    ModelAndJacobian mj = profiles.modelAndJacobian(c.profile());
                    out = add(out, mj.model().pixels());
                    double[][] j7 = mj.jacobian();
                    // x0, y0, flux, re, (n dropped), q, pa.
                    jac[o] = j7[0];
                    jac[o + 1] = j7[1];
                    jac[o + 2] = j7[2];
                    jac[o + 3] = j7[3];
                    jac[o + 4] = j7[5];
                    jac[o + 5] = j7[6];
                }
                case PSF -> {
                    ModelAndJacobian mj = points().pointSource(v[0], v[1], v[2], true);
                    out = add(out, mj.model().pixels());
                    System.arraycopy(mj.jacobian(), 0, jac, o, 3);
                }
                case SKY -> jac[o] = constant(1);
                case SKYPLANE -> {
                    jac[o] = constant(1);
                    jac[o + 1] = ramp(true);
                    jac[o + 2] = ramp(false);
                }
            }
            o += c.type().count();
        }
        if (out == null) out = new double[width * height];
        for (Component c : m.components()) if (c.type().isSky()) addSky(out, c.values());
        return new ModelAndJacobian(new Image(width, height, out), jac);
    }

    private static double[] add(double[] sum, double[] img) {
        if (sum == null) return img;
        for (int i = 0; i < sum.length; i++) sum[i] += img[i];
        return sum;
    }

    private void addSky(double[] out, double[] v) {
        double gx = v.length > 1 ? v[1] : 0, gy = v.length > 2 ? v[2] : 0;
        for (int iy = 0; iy < height; iy++) {
            double rowLevel = v[0] + gy * (iy + 1 - yc);
            for (int ix = 0; ix < width; ix++) out[iy * width + ix] += rowLevel + gx * (ix + 1 - xc);
        }
    }

    private double[] constant(double value) {
        double[] c = new double[width * height];
        java.util.Arrays.fill(c, value);
        return c;
    }

    /** ∂/∂gradient of a sky plane: x − x_c (or y − y_c) at each pixel centre, in FITS pixels. */
    private double[] ramp(boolean alongX) {
        double[] r = new double[width * height];
        for (int iy = 0; iy < height; iy++) {
            for (int ix = 0; ix < width; ix++) r[iy * width + ix] = alongX ? ix + 1 - xc : iy + 1 - yc;
        }
        return r;
    }

    /** The model as an image. */
    public Image image(Model m) {
        return new Image(width, height, model(m));
    }
}
