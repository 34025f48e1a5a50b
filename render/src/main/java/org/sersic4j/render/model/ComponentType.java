package org.sersic4j.render.model;

import java.util.List;
import java.util.Locale;

/**
 * The kinds of component a model is built from, each with its parameters in a fixed order. {@code exponential} and
 * {@code devauc} are Sérsic profiles with n held at 1 and 4 (and no n parameter); {@code psf} is a point source (the
 * PSF scaled and shifted); {@code sky} a flat level; {@code skyplane} a flat level plus a gradient, whose reference
 * point is the stamp centre ((width + 1)/2, (height + 1)/2 in FITS pixels).
 */
public enum ComponentType {
    SERSIC("sersic", Double.NaN, "x0", "y0", "flux", "re", "n", "q", "pa"),
    EXPONENTIAL("exponential", 1.0, "x0", "y0", "flux", "re", "q", "pa"),
    DEVAUC("devauc", 4.0, "x0", "y0", "flux", "re", "q", "pa"),
    PSF("psf", Double.NaN, "x0", "y0", "flux"),
    SKY("sky", Double.NaN, "sky"),
    SKYPLANE("skyplane", Double.NaN, "sky", "dsky_dx", "dsky_dy");

    private final String label;
    private final double fixedIndex;
    private final List<String> names;

    ComponentType(String label, double fixedIndex, String... names) {
        this.label = label;
        this.fixedIndex = fixedIndex;
        this.names = List.of(names);
    }

    /** The name used in configurations and catalogues ({@code sersic}, {@code exponential}, …). */
    public String label() {
        return label;
    }

    /** The parameter names, in the order of a component's values. */
    public List<String> parameterNames() {
        return names;
    }

    /** Number of parameters. */
    public int count() {
        return names.size();
    }

    /** Index of a parameter by name, or −1. */
    public int indexOf(String name) {
        return names.indexOf(name.toLowerCase(Locale.ROOT));
    }

    /** True for the profiles drawn as a Sérsic (sersic, exponential, devauc). */
    public boolean isProfile() {
        return this == SERSIC || this == EXPONENTIAL || this == DEVAUC;
    }

    /** True for the sky components (sky, skyplane). */
    public boolean isSky() {
        return this == SKY || this == SKYPLANE;
    }

    /** True for components with a centre and a flux (profiles and point sources). */
    public boolean hasFlux() {
        return isProfile() || this == PSF;
    }

    /** The Sérsic index this type holds fixed (1 or 4), or NaN when n is a parameter or there is none. */
    public double fixedIndex() {
        return fixedIndex;
    }

    /** The type named {@code label} (case-insensitive; {@code expdisk} and {@code devauc}/{@code dev} as GALFIT spells them). */
    public static ComponentType of(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        switch (l) {
            case "expdisk", "exp", "disk", "disc" -> { return EXPONENTIAL; }
            case "dev", "devaucouleurs", "de_vaucouleurs" -> { return DEVAUC; }
            case "point", "pointsource", "point_source" -> { return PSF; }
            default -> { }
        }
        for (ComponentType t : values()) if (t.label.equals(l)) return t;
        throw new IllegalArgumentException("unknown component type '" + label + "' (known: sersic, exponential, devauc, psf,"
                + " sky, skyplane)");
    }
}
