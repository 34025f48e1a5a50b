package org.sersic4j.validation.deblend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.sersic4j.compare.Metrics;
import org.sersic4j.compare.Parameter;
import org.sersic4j.fit.BatchFitter;
import org.sersic4j.fit.BatchItem;
import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitProblem;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.LevenbergMarquardtFitter;
import org.sersic4j.fit.Likelihood;
import org.sersic4j.render.Image;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.NoiseModel;

/**
 * Our step past the paper: a single-Sérsic Levenberg–Marquardt fit of the central galaxy, from the fitter's automatic
 * starting point, on each route's image of the same blends — the isolated galaxy with its own noise (the ceiling), the
 * raw blend (the fit is pulled by the companion), and each deblender's output scaled back to ADU — and the blend's PSF.
 * The noisy images (isolated, raw blend) are fitted with the Poisson likelihood of their noise model (sky, gain, read
 * noise), the fitter's unbiased default; a σ map evaluated on noisy pixels would bias flux, r_e and n low by 10–20%
 * (the fitter's LikelihoodBiasTest). A deblender's output is smooth, so it is fitted by χ² with the noise model's σ
 * evaluated on that output. Errors against the central galaxy's truth follow docs/conventions.md: Δ relative for flux, r_e and
 * n, absolute for q.
 */
public final class DeblendFits {
    /** The parameters judged. */
    public static final List<Parameter> PARAMETERS = List.of(Parameter.FLUX, Parameter.RE, Parameter.N, Parameter.Q);

    private DeblendFits() {}

    /**
     * One parameter's errors on one route.
     *
     * @param fitted          blends with a finite estimate
     * @param failed          blends whose fit failed or gave a non-finite value
     * @param medianAbs       median |Δ|
     * @param medianBias      median Δ
     * @param nmad            1.4826 · median(|Δ − median Δ|)
     * @param outlierFraction fraction with |Δ| above the threshold of docs/conventions.md (0.15)
     */
    public record Errors(Parameter parameter, int fitted, int failed, double medianAbs, double medianBias, double nmad,
                        double outlierFraction) {}

    /**
     * One route's fits: the estimate of each attempted blend (the first {@code estimates.size()}; null when the fit
     * failed), its errors per parameter over those, its fit time.
     */
    public record Route(String name, String description, List<SersicParams> estimates, List<Errors> errors, double seconds) {
        /** Blends attempted (the first ones). */
        public int attempted() {
            return estimates.size();
        }

        /** |Δ| of {@code p} for blend {@code i}; +∞ when there is no finite estimate. */
        public double absDelta(Parameter p, SersicParams truth, int i) {
            SersicParams e = estimates.get(i);
            double v = e == null ? Double.NaN : p.delta(p.value(e, 0), p.value(truth, 0));
            return Double.isFinite(v) ? Math.abs(v) : Double.POSITIVE_INFINITY;
        }
    }

    /**
     * The images of one route (ADU) and how their noise is known: {@code noise} (noisy images: the Poisson likelihood
     * of each image's noise model) or else {@code sigmas} (χ² with these σ maps); {@code freeSky} adds a constant
     * background to the fit (a network's sigmoid output never reaches 0, and a single Sérsic would otherwise stretch
     * its r_e to swallow the pedestal).
     */
    public record Images(String name, String description, List<Image> images, List<NoiseModel> noise, List<Image> sigmas,
                         boolean freeSky) {
        public Images {
            if ((noise == null) == (sigmas == null))
                throw new IllegalArgumentException(name + ": give either the noise models or the sigma maps of the images");
        }
    }

    /**
     * Fits every route's images on {@code threads} threads (≤ 0: every core), in chunks; a route starts no new chunk once
     * it has run {@code routeMinutes} (a poorly trained network's output can take the fitter to its iteration limit on
     * every blend), and its later blends count as not attempted.
     */
    public static List<Route> run(List<SersicParams> truth, List<PixelPsf> psfs, List<Images> routes, double zeropoint,
                                  double pixelScale, int threads, double routeMinutes, Consumer<String> log) {
        List<Route> out = new ArrayList<>();
        int chunk = 4 * (threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        for (Images r : routes) {
            Map<String, FitResult> byId = new HashMap<>();
            List<String> problems = new ArrayList<>();
            long t0 = System.nanoTime();
            int attempted = 0, failed = 0;
            while (attempted < truth.size() && (System.nanoTime() - t0) / 6e10 < routeMinutes) {
                List<BatchItem> items = new ArrayList<>();
                for (int i = attempted; i < Math.min(truth.size(), attempted + chunk); i++) {
                    int k = i;
                    items.add(new BatchItem(r.name() + "-" + i, () -> {
                        FitProblem.Builder b = FitProblem.builder(r.name() + "-" + k, r.images().get(k)).psf(psfs.get(k))
                                .zeropoint(zeropoint).pixelScale(pixelScale)
                                .fitSky(r.freeSky(), r.freeSky() ? borderMedian(r.images().get(k)) : 0);
                        if (r.noise() != null) b.noise(r.noise().get(k)).likelihood(Likelihood.POISSON);
                        else b.sigma(r.sigmas().get(k)).likelihood(Likelihood.CHI2);
                        return b.build();
                    }));
                }
                failed += new BatchFitter(new LevenbergMarquardtFitter(), threads, false).run(items, Set.of(),
                        res -> byId.put(res.id(), res.withoutModel()), problems::add).failed();
                attempted += items.size();
            }
            List<SersicParams> est = new ArrayList<>();
            for (int i = 0; i < attempted; i++) {
                FitResult f = byId.get(r.name() + "-" + i);
                est.add(f == null || f.params() == null || (f.flags() & FitFlags.FAILED) != 0 ? null : f.params());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            log.accept(String.format("  fits of the %s: %d of %d attempted, %d failed, %.0f s%s", r.name(), attempted, truth.size(), failed,
                    seconds, problems.isEmpty() ? "" : "; e.g. " + problems.get(0)));
            out.add(new Route(r.name(), r.description(), est, errors(truth.subList(0, attempted), est), seconds));
        }
        return out;
    }

    /** The median of an image's outermost ring of pixels: a starting point for a free background. */
    static double borderMedian(Image img) {
        int w = img.width(), h = img.height();
        double[] v = new double[2 * w + 2 * h - 4];
        int n = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                if (y == 0 || y == h - 1 || x == 0 || x == w - 1) v[n++] = img.pixels()[y * w + x];
        return Metrics.median(Arrays.copyOf(v, n));
    }

    /** The errors of {@code est} against {@code truth}, per judged parameter. */
    static List<Errors> errors(List<SersicParams> truth, List<SersicParams> est) {
        List<Errors> out = new ArrayList<>();
        for (Parameter p : PARAMETERS) {
            double[] d = new double[truth.size()];
            int n = 0;
            for (int i = 0; i < truth.size(); i++) {
                SersicParams e = est.get(i);
                if (e == null) continue;
                double v = p.delta(p.value(e, 0), p.value(truth.get(i), 0));
                if (Double.isFinite(v)) d[n++] = v;
            }
            double[] used = Arrays.copyOf(d, n), abs = new double[n];
            int outliers = 0;
            for (int i = 0; i < n; i++) {
                abs[i] = Math.abs(used[i]);
                if (p.isOutlier(used[i])) outliers++;
            }
            out.add(n == 0 ? new Errors(p, 0, truth.size(), Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                    : new Errors(p, n, truth.size() - n, Metrics.median(abs), Metrics.median(used), Metrics.nmad(used), (double) outliers / n));
        }
        return out;
    }

    /**
     * Blends whose {@code route} flux lies closer to the truth than the raw blend's, and how many were compared (those
     * both routes attempted; a failed fit is never the closer).
     */
    public static int[] closerThanBlend(List<SersicParams> truth, Route route, Route blend) {
        int closer = 0, n = Math.min(route.attempted(), blend.attempted());
        for (int i = 0; i < n; i++)
            if (route.absDelta(Parameter.FLUX, truth.get(i), i) < blend.absDelta(Parameter.FLUX, truth.get(i), i)) closer++;
        return new int[] {closer, n};
    }

    /** The routes' errors as JSON-ready maps. */
    public static List<Map<String, Object>> tree(List<Route> routes) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Route r : routes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("route", r.name());
            m.put("description", r.description());
            m.put("attempted", r.attempted());
            m.put("seconds", r.seconds());
            Map<String, Object> ps = new LinkedHashMap<>();
            for (Errors e : r.errors()) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("fitted", e.fitted());
                v.put("failed", e.failed());
                v.put("median_abs_delta", finite(e.medianAbs()));
                v.put("median_delta", finite(e.medianBias()));
                v.put("nmad", finite(e.nmad()));
                v.put("outlier_fraction", finite(e.outlierFraction()));
                ps.put(e.parameter().column(), v);
            }
            m.put("errors", ps);
            out.add(m);
        }
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
