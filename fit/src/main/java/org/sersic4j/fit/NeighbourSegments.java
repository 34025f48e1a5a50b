package org.sersic4j.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.render.Image;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.model.Component;

/** Picks the segments fitted as neighbours under a {@link NeighbourPolicy}, each with a moment guess of its own. */
final class NeighbourSegments {
    private NeighbourSegments() {}

    /** The chosen segments' values and their starting components ({@code neighbour1}, … brightest first). */
    record Chosen(List<Double> segments, List<Component> components) {}

    static Chosen choose(String id, Image image, double[] seg, boolean[] bad, double target, SersicParams start,
                         PixelPsf psf, NeighbourPolicy policy) {
        int w = image.width();
        double[] px = image.pixels();
        boolean[] notTarget = new boolean[seg.length];
        for (int i = 0; i < seg.length; i++) notTarget[i] = bad[i] || (seg[i] != 0 && seg[i] != target);
        SersicParams t = start != null ? start : MomentGuess.of(image, notTarget, psf);
        double reach = policy.reach() * Math.max(t.re(), 1);
        Map<Double, double[]> sums = new LinkedHashMap<>();
        for (int i = 0; i < seg.length; i++) {
            double v = seg[i];
            if (v == 0 || v == target || bad[i] || !(px[i] > 0)) continue;
            double[] s = sums.computeIfAbsent(v, k -> new double[3]);
            s[0] += px[i];
            s[1] += px[i] * (i % w + 1);
            s[2] += px[i] * (i / w + 1);
        }
        List<Map.Entry<Double, double[]>> near = new ArrayList<>();
        for (Map.Entry<Double, double[]> e : sums.entrySet()) {
            double[] s = e.getValue();
            if (Math.hypot(s[1] / s[0] - t.x0(), s[2] / s[0] - t.y0()) <= reach) near.add(e);
        }
        near.sort(Comparator.comparingDouble((Map.Entry<Double, double[]> e) -> -e.getValue()[0]));
        List<Double> chosen = new ArrayList<>();
        List<Component> comps = new ArrayList<>();
        for (Map.Entry<Double, double[]> e : near.subList(0, Math.min(policy.max(), near.size()))) {
            double v = e.getKey();
            boolean[] other = new boolean[seg.length];
            for (int i = 0; i < seg.length; i++) other[i] = bad[i] || seg[i] != v;
            SersicParams g = MomentGuess.of(image, other, psf);
            if (g.problem() != null) continue;
            chosen.add(v);
            comps.add(Component.sersic("neighbour" + (comps.size() + 1), g));
        }
        return new Chosen(chosen, comps);
    }
}
