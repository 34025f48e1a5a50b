package org.sersic4j.render.model;

import java.util.ArrayList;
import java.util.List;
import org.sersic4j.render.SersicParams;

/**
 * A model of one image: a list of components whose images add up. Its parameter vector is the components' values laid
 * end to end, in list order ({@link #values()}); its names are {@code c1_x0}, {@code c1_y0}, … ({@link #parameterNames()}).
 */
public record Model(List<Component> components) {

    public Model {
        if (components.isEmpty()) throw new IllegalArgumentException("a model needs at least one component");
        components = List.copyOf(components);
    }

    /** One Sérsic profile, optionally with a flat sky level (null: none). */
    public static Model of(SersicParams p, Double sky) {
        List<Component> c = new ArrayList<>();
        c.add(Component.sersic("sersic", p));
        if (sky != null) c.add(Component.sky(sky));
        return new Model(c);
    }

    /** Number of parameters over all components. */
    public int count() {
        int n = 0;
        for (Component c : components) n += c.type().count();
        return n;
    }

    /** Where component {@code k}'s values start in {@link #values()}. */
    public int offset(int k) {
        int n = 0;
        for (int i = 0; i < k; i++) n += components.get(i).type().count();
        return n;
    }

    /** All values end to end. */
    public double[] values() {
        double[] v = new double[count()];
        int o = 0;
        for (Component c : components) {
            double[] cv = c.values();
            System.arraycopy(cv, 0, v, o, cv.length);
            o += cv.length;
        }
        return v;
    }

    /** The same components with other values (laid out as {@link #values()}). */
    public Model withValues(double[] v) {
        if (v.length != count()) throw new IllegalArgumentException("expected " + count() + " values, got " + v.length);
        List<Component> out = new ArrayList<>(components.size());
        int o = 0;
        for (Component c : components) {
            double[] cv = new double[c.type().count()];
            System.arraycopy(v, o, cv, 0, cv.length);
            o += cv.length;
            out.add(c.withValues(cv));
        }
        return new Model(out);
    }

    /** Parameter names c1_x0, c1_y0, … in {@link #values()} order (components numbered from 1). */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < components.size(); k++) {
            for (String p : components.get(k).type().parameterNames()) names.add("c" + (k + 1) + "_" + p);
        }
        return names;
    }

    /** Sum of the components' fluxes (profiles and point sources). */
    public double totalFlux() {
        double f = 0;
        for (Component c : components) f += c.flux();
        return f;
    }

    /** Index of the first component with this name, or −1. */
    public int indexOf(String name) {
        for (int k = 0; k < components.size(); k++) if (components.get(k).name().equals(name)) return k;
        return -1;
    }

    /** Returns the first reason the model cannot be drawn, or null. */
    public String problem() {
        for (Component c : components) {
            String p = c.problem();
            if (p != null) return p;
        }
        return null;
    }
}
