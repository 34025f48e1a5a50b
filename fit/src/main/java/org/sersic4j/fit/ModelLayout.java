package org.sersic4j.fit;

import java.util.ArrayList;
import java.util.List;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.model.Component;
import org.sersic4j.render.model.ComponentType;
import org.sersic4j.render.model.Model;

/**
 * A {@link ModelSpec} laid out on one problem: the starting model (the spec's components, then the problem's
 * neighbours, then a flat sky unless the spec has one), and the {@link ParameterMap} of its parameter vector (scales,
 * bounds, fixed flags, the q′ &gt; 1 swap of each profile, ties).
 *
 * <p>Automatic starting values split the target's guess (x0, y0, flux, r_e, n, q, PA from {@link MomentGuess} or the
 * caller) between the spec's components: flux in the proportions bulge 0.4, disc 0.6, point source 0.15, any other
 * profile 1 (normalised to the guess's flux); r_e × 0.5 for a bulge, × 1.2 for a disc; n = 4 for a Sérsic bulge,
 * else the guess's; q = (1 + q)/2 for a bulge. A component is a bulge or a disc by its name ({@code bulge},
 * {@code disc}/{@code disk}). Bounds default to the problem's bounds for every profile and point source; sky
 * parameters are unbounded. {@code --fix} (the problem's fixed flags) applies to the first component.
 */
final class ModelLayout {
    final Model start;
    final ParameterMap map;
    /** Components of the spec (the target); neighbours and the automatic sky follow them. */
    final int targetComponents;
    final ModelSpec spec;

    private ModelLayout(Model start, ParameterMap map, int targetComponents, ModelSpec spec) {
        this.start = start;
        this.map = map;
        this.targetComponents = targetComponents;
        this.spec = spec;
    }

    /** The layout of a problem started from {@code guess} (the target's single-Sérsic starting point). */
    static ModelLayout of(FitProblem p, SersicParams guess) {
        ModelSpec spec = p.model();
        Bounds b = p.bounds();
        List<Component> comps = new ArrayList<>();
        List<ParameterMap.Scale> scales = new ArrayList<>();
        List<Double> lo = new ArrayList<>(), hi = new ArrayList<>();
        List<Boolean> fixed = new ArrayList<>();
        List<int[]> axes = new ArrayList<>();
        double weights = 0;
        for (ModelSpec.Part part : spec.parts()) weights += fluxWeight(part);
        boolean[] problemFixed = p.fixed();
        for (int k = 0; k < spec.parts().size(); k++) {
            ModelSpec.Part part = spec.parts().get(k);
            double[] auto = automatic(part, guess, p.skyStart(), fluxWeight(part) / weights);
            int offset = scales.size();
            addComponent(part.type(), b, offset, scales, lo, hi, fixed, axes);
            double[] v = new double[part.type().count()];
            for (int i = 0; i < v.length; i++) {
                String name = part.type().parameterNames().get(i);
                ModelSpec.Setting s = part.setting(name);
                int slot = offset + i;
                if (!Double.isNaN(s.lower())) lo.set(slot, s.lower());
                if (!Double.isNaN(s.upper())) hi.set(slot, s.upper());
                if (!(lo.get(slot) < hi.get(slot)) && scales.get(slot) != ParameterMap.Scale.PERIODIC)
                    throw new FitInputException(p.id() + ": model '" + spec.name() + "': bounds of " + part.name() + "."
                            + name + " are empty [" + lo.get(slot) + ", " + hi.get(slot) + "]");
                boolean fix = s.fixed() || (k == 0 && part.type().isProfile() && fixedByProblem(problemFixed, name));
                fixed.set(slot, fix);
                double start = Double.isNaN(s.start()) ? auto[i] : s.start();
                v[i] = inside(start, lo.get(slot), hi.get(slot), scales.get(slot));
            }
            comps.add(new Component(part.type(), part.name(), v));
        }
        int target = comps.size();
        for (Component n : p.neighbours()) {
            int offset = scales.size();
            addComponent(n.type(), b, offset, scales, lo, hi, fixed, axes);
            double[] v = n.values();
            for (int i = 0; i < v.length; i++) v[i] = inside(v[i], lo.get(offset + i), hi.get(offset + i), scales.get(offset + i));
            comps.add(n.withValues(v));
        }
        if (!spec.hasSky()) {
            addComponent(ComponentType.SKY, b, scales.size(), scales, lo, hi, fixed, axes);
            fixed.set(fixed.size() - 1, !p.fitSky());
            comps.add(Component.sky(p.skyStart()));
        }
        Model start = new Model(comps);
        String memory = FitMemory.problem(p.image().width(), p.image().height(), p.psf(), p.settings(), start.count());
        if (memory != null)
            throw new FitInputException(p.id() + ": model '" + spec.name() + "' (" + start.count() + " parameters): " + memory);
        ParameterMap.Tie[] ties = ties(spec, start, p.id());
        // A tied parameter starts where its master puts it.
        double[] values = start.values();
        for (ParameterMap.Tie t : ties) values[t.slave()] = t.ratio() * values[t.master()] + t.offset();
        start = start.withValues(values);
        int n = scales.size();
        double[] l = new double[n], h = new double[n];
        boolean[] f = new boolean[n];
        for (int i = 0; i < n; i++) {
            l[i] = lo.get(i);
            h[i] = hi.get(i);
            f[i] = fixed.get(i);
        }
        ParameterMap map = new ParameterMap(scales.toArray(new ParameterMap.Scale[0]), l, h, f,
                axes.toArray(new int[0][]), ties);
        if (p.fittedPixels() <= map.size())
            throw new FitInputException(p.id() + ": only " + p.fittedPixels() + " unmasked pixels for " + map.size()
                    + " free parameters of model '" + spec.name() + "'");
        return new ModelLayout(start, map, target, spec);
    }

    private static boolean fixedByProblem(boolean[] problemFixed, String parameter) {
        int i = java.util.Arrays.asList(SersicParams.NAMES).indexOf(parameter);
        return i >= 0 && problemFixed[i];
    }

    private static double fluxWeight(ModelSpec.Part part) {
        if (part.type() == ComponentType.PSF) return 0.15;
        if (!part.type().isProfile()) return 0;
        if (isBulge(part)) return 0.4;
        if (isDisc(part)) return 0.6;
        return 1;
    }

    private static boolean isBulge(ModelSpec.Part part) {
        return part.name().toLowerCase(java.util.Locale.ROOT).contains("bulge");
    }

    private static boolean isDisc(ModelSpec.Part part) {
        String n = part.name().toLowerCase(java.util.Locale.ROOT);
        return n.contains("disc") || n.contains("disk");
    }

    /** Automatic starting values of one component (see the class comment). */
    private static double[] automatic(ModelSpec.Part part, SersicParams g, double skyStart, double fluxShare) {
        boolean bulge = isBulge(part), disc = isDisc(part);
        double flux = g.flux() * fluxShare;
        double re = g.re() * (bulge ? 0.5 : disc ? 1.2 : 1);
        double q = bulge ? 0.5 * (1 + g.q()) : g.q();
        return switch (part.type()) {
            case SERSIC -> new double[] {g.x0(), g.y0(), flux, re, bulge ? 4 : g.n(), q, g.pa()};
            case EXPONENTIAL, DEVAUC -> new double[] {g.x0(), g.y0(), flux, re, q, g.pa()};
            case PSF -> new double[] {g.x0(), g.y0(), flux};
            case SKY -> new double[] {skyStart};
            case SKYPLANE -> new double[] {skyStart, 0, 0};
        };
    }

    /** Appends one component's scales, default bounds and fixed flags (and its axis triple for a profile). */
    private static void addComponent(ComponentType t, Bounds b, int offset, List<ParameterMap.Scale> scales, List<Double> lo,
                                     List<Double> hi, List<Boolean> fixed, List<int[]> axes) {
        for (String name : t.parameterNames()) {
            int i = java.util.Arrays.asList(SersicParams.NAMES).indexOf(name);
            ParameterMap.Scale s = switch (name) {
                case "x0", "y0", "sky", "dsky_dx", "dsky_dy" -> ParameterMap.Scale.LINEAR;
                case "flux", "re", "n" -> ParameterMap.Scale.LOG;
                case "q" -> ParameterMap.Scale.AXIS_RATIO;
                case "pa" -> ParameterMap.Scale.PERIODIC;
                default -> throw new IllegalStateException("no scale for " + name);
            };
            scales.add(s);
            lo.add(i >= 0 ? b.lower()[i] : Double.NEGATIVE_INFINITY);
            hi.add(i >= 0 ? b.upper()[i] : Double.POSITIVE_INFINITY);
            fixed.add(false);
        }
        if (t.isProfile()) {
            int q = offset + t.indexOf("q"), re = offset + t.indexOf("re"), pa = offset + t.indexOf("pa");
            axes.add(new int[] {q, re, pa});
        }
    }

    /** A starting value moved strictly inside its bounds (as {@link Bounds#clamp} does). */
    private static double inside(double v, double lo, double hi, ParameterMap.Scale s) {
        if (s == ParameterMap.Scale.PERIODIC) return SersicParams.normalisePa(v);
        double margin = Double.isFinite(hi - lo) ? 1e-3 * (hi - lo) : 1e-3 * Math.max(Math.abs(lo), 1e-12);
        if (s == ParameterMap.Scale.AXIS_RATIO) margin = Math.min(margin, 1e-6);
        if (v < lo) return lo + margin;
        if (v > hi) return s == ParameterMap.Scale.AXIS_RATIO ? hi : hi - margin;
        return v;
    }

    private static ParameterMap.Tie[] ties(ModelSpec spec, Model m, String id) {
        List<ParameterMap.Tie> out = new ArrayList<>();
        for (ModelSpec.TieSpec t : spec.ties()) out.add(new ParameterMap.Tie(slot(spec, m, t.slave()), slot(spec, m, t.master()),
                t.ratio(), t.offset()));
        return out.toArray(new ParameterMap.Tie[0]);
    }

    private static int slot(ModelSpec spec, Model m, String qualified) {
        int dot = qualified.indexOf('.');
        int k = spec.indexOf(qualified.substring(0, dot));
        return m.offset(k) + m.components().get(k).type().indexOf(qualified.substring(dot + 1));
    }

    /** The model at a parameter vector laid out as {@link #start}'s values. */
    Model model(double[] values) {
        return start.withValues(values);
    }
}
