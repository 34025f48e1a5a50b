package org.sersic4j.render.model;

import java.util.Arrays;
import org.sersic4j.render.SersicParams;

/**
 * One component of a model: its type, a name (e.g. {@code bulge}, {@code disc}, {@code neighbour1}) and its values in
 * {@link ComponentType#parameterNames()} order, in the project's conventions (FITS 1-based centres, total flux in ADU,
 * r_e along the major axis in pixels, q = b/a, PA in degrees counter-clockwise from +y, sky in ADU per pixel, sky
 * gradients in ADU per pixel per pixel).
 */
public record Component(ComponentType type, String name, double[] values) {

    public Component {
        if (values.length != type.count())
            throw new IllegalArgumentException(type.label() + " needs " + type.count() + " values " + type.parameterNames()
                    + ", got " + values.length);
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** One value by parameter name. */
    public double get(String parameter) {
        int i = type.indexOf(parameter);
        if (i < 0) throw new IllegalArgumentException(type.label() + " has no parameter '" + parameter + "'");
        return values[i];
    }

    /** A Sérsic component of the given profile. */
    public static Component sersic(String name, SersicParams p) {
        return new Component(ComponentType.SERSIC, name, p.toArray());
    }

    /** An exponential (n = 1) or de Vaucouleurs (n = 4) component, from a profile whose n is ignored. */
    public static Component fixedIndex(ComponentType type, String name, SersicParams p) {
        if (Double.isNaN(type.fixedIndex())) throw new IllegalArgumentException(type.label() + " has a free n");
        return new Component(type, name, new double[] {p.x0(), p.y0(), p.flux(), p.re(), p.q(), p.pa()});
    }

    /** A point source. */
    public static Component pointSource(String name, double x0, double y0, double flux) {
        return new Component(ComponentType.PSF, name, new double[] {x0, y0, flux});
    }

    /** A flat sky level. */
    public static Component sky(double level) {
        return new Component(ComponentType.SKY, "sky", new double[] {level});
    }

    /** The profile this component draws (sersic, exponential, devauc only). */
    public SersicParams profile() {
        return switch (type) {
            case SERSIC -> SersicParams.of(values);
            case EXPONENTIAL, DEVAUC -> new SersicParams(values[0], values[1], values[2], values[3], type.fixedIndex(),
                    values[4], values[5]);
            default -> throw new IllegalStateException(type.label() + " is not a Sérsic profile");
        };
    }

    /** Total flux (profiles and point sources), 0 for sky components. */
    public double flux() {
        return type.hasFlux() ? values[2] : 0;
    }

    /** Returns the reason this component cannot be drawn, or null. */
    public String problem() {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i]))
                return name + " (" + type.label() + "): " + type.parameterNames().get(i) + " is not a finite number ("
                        + values[i] + ")";
        }
        if (type.isProfile()) {
            String p = profile().problem();
            return p == null ? null : name + " (" + type.label() + "): " + p;
        }
        if (type == ComponentType.PSF && values[2] < 0) return name + " (psf): flux must be >= 0 (got " + values[2] + ")";
        return null;
    }

    /** A copy with other values. */
    public Component withValues(double[] v) {
        return new Component(type, name, v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Component c && c.type == type && c.name.equals(name) && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + name.hashCode()) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return name + "=" + type.label() + Arrays.toString(values);
    }
}
