package org.sersic4j.render.sim;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomGenerator;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.model.Component;
import org.sersic4j.render.model.ComponentType;
import org.sersic4j.render.model.Model;
import org.sersic4j.render.sim.SimulationConfig.ModelSpec;
import org.sersic4j.render.sim.SimulationConfig.ModelType;

/**
 * Draws the multi-component truth of each stamp of a run with a {@code model} section. Stamp {@code i} is a pure
 * function of (seed, i), as in {@link ParameterSampler}, whose draw of the galaxy it starts from (so the target's
 * centre, total flux and disc shape are those a single-Sérsic run of the same seed draws).
 *
 * <p>Components, in order: the target ({@code galaxy}, a sersic; or {@code bulge}, a devauc or sersic, and
 * {@code disc}, an exponential, sharing the centre); {@code point}, a psf component at the centre (present on every
 * stamp when {@code pointSource.fraction} &gt; 0, flux 0 where the stamp drew none); {@code neighbour1} … (sersic);
 * {@code sky}, a skyplane of level 0 (when {@code skyGradient} &gt; 0). Light: with a point source of share f
 * (fluxFraction), the galaxy's profiles hold (1 − f) of the drawn total flux, split bt : (1 − bt) between bulge and
 * disc. Thread-safe.
 */
public final class SceneSampler {
    /** Names of the components. */
    public static final String GALAXY = "galaxy", BULGE = "bulge", DISC = "disc", POINT = "point", SKY = "sky",
            NEIGHBOUR = "neighbour";

    private final SimulationConfig cfg;
    private final ModelSpec spec;
    private final ParameterSampler base;
    private final Range rePx;

    /** A sampler for a configuration with a model section. */
    public SceneSampler(SimulationConfig cfg) {
        if (cfg.model() == null) throw new IllegalArgumentException("the configuration has no model section");
        this.cfg = cfg;
        this.spec = cfg.model();
        this.base = new ParameterSampler(cfg);
        this.rePx = cfg.reRangePx();
    }

    /**
     * One stamp's truth.
     *
     * @param model  every component of the stamp
     * @param owner  per component: 1 for the target, k + 1 for neighbour k, 0 for the sky (the segmentation labels)
     * @param target the target as one profile for the single-Sérsic columns: centre, total flux (profiles and point
     *               source), and the disc's (or the one Sérsic's) r_e, n, q and PA
     * @param bt     the bulge's flux over the target's total flux (profiles and point source); NaN without a bulge
     * @param psf    the stamp's PSF
     */
    public record Scene(long index, Model model, int[] owner, SersicParams target, double bt, PsfSpec psf) {
        /** The components belonging to segmentation label {@code label} (0: the sky), as a model, or null if none. */
        public Model part(int label) {
            List<Component> c = new ArrayList<>();
            for (int k = 0; k < owner.length; k++) if (owner[k] == label) c.add(model.components().get(k));
            return c.isEmpty() ? null : new Model(c);
        }

        /** Number of objects (target and neighbours). */
        public int objects() {
            int n = 0;
            for (int o : owner) n = Math.max(n, o);
            return n;
        }
    }

    /** The truth of stamp {@code index} (0-based). */
    public Scene draw(long index) {
        SersicParams g = base.galaxy(index);
        RandomGenerator r = Seeds.generator(cfg.seed(), index, Seeds.MODEL);
        // A fixed number of draws, whatever is used, so that switching one feature on leaves the others' draws alone.
        double bt = spec.bt().draw(r);
        double bulgeN = spec.bulgeN().draw(r);
        double reRatio = spec.reRatio().draw(r);
        double bulgeQ = 1 - spec.bulgeEll().draw(r);
        double bulgePa = SersicParams.normalisePa(cfg.ranges().pa().draw(r));
        boolean point = r.nextDouble() < spec.pointSource().fraction();
        double pointShare = spec.pointSource().fluxFraction().draw(r);
        double gradient = spec.skyGradient().draw(r);
        double direction = 2 * Math.PI * r.nextDouble();

        double total = g.flux();
        double pointFlux = point ? pointShare * total : 0;
        double light = total - pointFlux;
        List<Component> comps = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        double btOut = Double.NaN;
        if (spec.type() == ModelType.SERSIC) {
            comps.add(Component.sersic(GALAXY, g.withFlux(light)));
        } else {
            SersicParams bulge = new SersicParams(g.x0(), g.y0(), bt * light, reRatio * g.re(), bulgeN, bulgeQ, bulgePa);
            comps.add(spec.devaucBulge() ? Component.fixedIndex(ComponentType.DEVAUC, BULGE, bulge) : Component.sersic(BULGE, bulge));
            comps.add(Component.fixedIndex(ComponentType.EXPONENTIAL, DISC, g.withFlux((1 - bt) * light)));
            btOut = bt * light / total;
        }
        if (spec.pointSource().fraction() > 0) comps.add(Component.pointSource(POINT, g.x0(), g.y0(), pointFlux));
        while (owner.size() < comps.size()) owner.add(1);

        RandomGenerator nr = Seeds.generator(cfg.seed(), index, Seeds.NEIGHBOURS);
        SimulationConfig.Ranges rg = cfg.ranges();
        for (int k = 1; k <= spec.neighbours().count(); k++) {
            double d = spec.neighbours().separation().draw(nr) * g.re();
            double theta = 2 * Math.PI * nr.nextDouble();
            double flux = spec.neighbours().fluxRatio().draw(nr) * total;
            double re = rePx.draw(nr), n = rg.n().draw(nr), q = 1 - rg.ell().draw(nr);
            double pa = SersicParams.normalisePa(rg.pa().draw(nr));
            comps.add(Component.sersic(NEIGHBOUR + k, new SersicParams(g.x0() + d * Math.cos(theta),
                    g.y0() + d * Math.sin(theta), flux, re, n, q, pa)));
            owner.add(k + 1);
        }
        if (spec.hasSkyPlane()) {
            comps.add(new Component(ComponentType.SKYPLANE, SKY, new double[] {0, gradient * Math.cos(direction),
                    gradient * Math.sin(direction)}));
            owner.add(0);
        }
        SersicParams shape = spec.type() == ModelType.SERSIC ? g : new SersicParams(g.x0(), g.y0(), total, g.re(), 1, g.q(), g.pa());
        int[] own = owner.stream().mapToInt(Integer::intValue).toArray();
        return new Scene(index, new Model(comps), own, shape, btOut, base.psf(index));
    }
}
