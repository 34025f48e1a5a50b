package org.sersic4j.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sersic4j.render.model.ComponentType;

/**
 * What to fit: a list of components, each with per-parameter settings (a starting value, fixed or free, bounds), and
 * ties between parameters. A template, independent of any stamp: starting values left unset come from the image
 * ({@link MomentGuess}, split between the components, see {@link ModelLayout}) and unset bounds from the stamp's
 * defaults. Parameters are named {@code component.parameter} (e.g. {@code disc.x0}). Immutable.
 *
 * <p>Named models: {@code sersic} (the default), {@code exponential}, {@code devauc}, {@code bulge+disc} (a Sérsic bulge
 * and an exponential disc sharing their centre), {@code bulge+disc4} (de Vaucouleurs bulge), {@code sersic+psf} (a
 * Sérsic and a point source sharing their centre). A flat sky is fitted with every model unless the model has a sky
 * component of its own.
 */
public record ModelSpec(String name, List<Part> parts, List<TieSpec> ties) {

    /** One parameter's settings: starting value (NaN = automatic), fixed, bounds (NaN = the default). */
    public record Setting(double start, boolean fixed, double lower, double upper) {
        /** Nothing set. */
        public static final Setting AUTO = new Setting(Double.NaN, false, Double.NaN, Double.NaN);
    }

    /** One component: its type, its name (unique in the model) and the settings of the parameters that have any. */
    public record Part(ComponentType type, String name, Map<String, Setting> settings) {
        public Part {
            settings = Map.copyOf(settings);
            for (String p : settings.keySet()) {
                if (type.indexOf(p) < 0)
                    throw new IllegalArgumentException(name + " (" + type.label() + ") has no parameter '" + p + "' (it has "
                            + type.parameterNames() + ")");
            }
        }

        /** The settings of one parameter ({@link Setting#AUTO} when none were given). */
        public Setting setting(String parameter) {
            return settings.getOrDefault(parameter, Setting.AUTO);
        }
    }

    /** {@code slave} = {@code ratio} · {@code master} + {@code offset}, parameters named {@code component.parameter}. */
    public record TieSpec(String slave, String master, double ratio, double offset) {
        /** An equality tie. */
        public static TieSpec equal(String slave, String master) {
            return new TieSpec(slave, master, 1, 0);
        }
    }

    /** The default: one Sérsic. */
    public static final ModelSpec SERSIC = new ModelSpec("sersic",
            List.of(new Part(ComponentType.SERSIC, "sersic", Map.of())), List.of());

    public ModelSpec {
        parts = List.copyOf(parts);
        ties = List.copyOf(ties);
        if (parts.isEmpty()) throw new IllegalArgumentException("model '" + name + "' has no component");
        List<String> names = new ArrayList<>();
        for (Part p : parts) {
            if (names.contains(p.name())) throw new IllegalArgumentException("model '" + name + "': two components are named '"
                    + p.name() + "'");
            names.add(p.name());
        }
        List<String> slaves = new ArrayList<>();
        for (TieSpec t : ties) {
            checkParameter(name, parts, t.slave());
            checkParameter(name, parts, t.master());
            if (t.slave().equals(t.master())) throw new IllegalArgumentException("model '" + name + "': " + t.slave()
                    + " is tied to itself");
            if (slaves.contains(t.slave())) throw new IllegalArgumentException("model '" + name + "': " + t.slave()
                    + " is tied twice");
            if (!(Double.isFinite(t.ratio()) && t.ratio() != 0 && Double.isFinite(t.offset())))
                throw new IllegalArgumentException("model '" + name + "': tie of " + t.slave() + " needs a finite non-zero"
                        + " ratio and a finite offset");
            slaves.add(t.slave());
        }
        for (TieSpec t : ties) {
            if (slaves.contains(t.master())) throw new IllegalArgumentException("model '" + name + "': " + t.master()
                    + " is itself tied, so it cannot be the master of " + t.slave() + " (tie both to the same master)");
        }
    }

    private static void checkParameter(String model, List<Part> parts, String qualified) {
        int dot = qualified.indexOf('.');
        if (dot < 0) throw new IllegalArgumentException("model '" + model + "': tie parameter '" + qualified
                + "' is not of the form component.parameter");
        String comp = qualified.substring(0, dot), par = qualified.substring(dot + 1);
        for (Part p : parts) {
            if (!p.name().equals(comp)) continue;
            if (p.type().indexOf(par) < 0) throw new IllegalArgumentException("model '" + model + "': tie parameter '"
                    + qualified + "': " + p.type().label() + " has no parameter '" + par + "'");
            return;
        }
        throw new IllegalArgumentException("model '" + model + "': tie parameter '" + qualified + "' names no component"
                + " of the model");
    }

    /** The names {@link #named} knows. */
    public static final List<String> NAMED = List.of("sersic", "exponential", "devauc", "bulge+disc", "bulge+disc4",
            "sersic+psf");

    /** A named model (see the class comment). */
    public static ModelSpec named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "sersic" -> SERSIC;
            case "exponential", "devauc" -> new ModelSpec(n, List.of(new Part(ComponentType.of(n), n, Map.of())), List.of());
            case "bulge+disc", "bulge+disc4" -> new ModelSpec(n, List.of(
                    new Part(n.endsWith("4") ? ComponentType.DEVAUC : ComponentType.SERSIC, "bulge", Map.of()),
                    new Part(ComponentType.EXPONENTIAL, "disc", Map.of())),
                    List.of(TieSpec.equal("disc.x0", "bulge.x0"), TieSpec.equal("disc.y0", "bulge.y0")));
            case "sersic+psf" -> new ModelSpec(n, List.of(new Part(ComponentType.SERSIC, "host", Map.of()),
                    new Part(ComponentType.PSF, "psf", Map.of())),
                    List.of(TieSpec.equal("psf.x0", "host.x0"), TieSpec.equal("psf.y0", "host.y0")));
            default -> throw new IllegalArgumentException("unknown model '" + name + "' (named models: "
                    + String.join(", ", NAMED) + "; or give a model YAML file)");
        };
    }

    /** True when the model has a sky component of its own. */
    public boolean hasSky() {
        for (Part p : parts) if (p.type().isSky()) return true;
        return false;
    }

    /** True for the default single-Sérsic model (the fast paths, e.g. the batched device fitter, take only it). */
    public boolean isSingleSersic() {
        return parts.size() == 1 && parts.get(0).type() == ComponentType.SERSIC && ties.isEmpty()
                && parts.get(0).settings().isEmpty();
    }

    /** The index of the component named {@code name}, or −1. */
    public int indexOf(String component) {
        for (int i = 0; i < parts.size(); i++) if (parts.get(i).name().equals(component)) return i;
        return -1;
    }

    /** A copy with more components appended (e.g. neighbours), ties unchanged. */
    public ModelSpec plus(List<Part> more) {
        List<Part> all = new ArrayList<>(parts);
        all.addAll(more);
        return new ModelSpec(name, all, ties);
    }

    /** Settings as a mutable map, for builders. */
    static Map<String, Setting> settings() {
        return new LinkedHashMap<>();
    }
}
