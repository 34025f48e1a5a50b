package org.sersic4j.fit;

import org.sersic4j.render.model.Component;
import org.sersic4j.render.model.Model;

/**
 * Every component of a fit: the fitted model (the target's components first, then neighbours, then the sky), the 1σ
 * errors of its values (0 for fixed parameters; a tied parameter's error is its master's times the tie's ratio), the
 * model's name and how many of its components are the target's.
 */
public record FittedModel(String name, Model model, double[] errors, int targetComponents) {

    public FittedModel {
        if (errors.length != model.count())
            throw new IllegalArgumentException("expected " + model.count() + " errors, got " + errors.length);
        errors = errors.clone();
    }

    @Override
    public double[] errors() {
        return errors.clone();
    }

    /** The target's components alone (without neighbours or sky components that were not in the model). */
    public Model target() {
        return new Model(model.components().subList(0, targetComponents));
    }

    /** The errors of {@link #target()}'s values. */
    public double[] targetErrors() {
        return java.util.Arrays.copyOf(errors, target().count());
    }

    /** Total flux of the target's profiles and point sources. */
    public double totalFlux() {
        return target().totalFlux();
    }

    /** Bulge-to-total: the flux of the component named {@code bulge} over {@link #totalFlux()}, NaN without a bulge. */
    public double bt() {
        Model t = target();
        int k = t.indexOf("bulge");
        return k < 0 ? Double.NaN : t.components().get(k).flux() / totalFlux();
    }

    /** Number of neighbours fitted with the target (the profiles and point sources after the target's components). */
    public int neighbours() {
        int n = 0;
        for (int k = targetComponents; k < model.components().size(); k++) {
            Component c = model.components().get(k);
            if (c.type().hasFlux()) n++;
        }
        return n;
    }
}
