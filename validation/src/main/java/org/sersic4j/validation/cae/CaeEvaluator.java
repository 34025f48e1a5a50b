package org.sersic4j.validation.cae;

import java.util.ArrayList;
import java.util.List;
import org.sersic4j.learn.BatchRenderer;
import org.sersic4j.learn.TrainingBatch;
import org.sersic4j.learn.cae.CaeConfig;
import org.sersic4j.learn.cae.CaeInput;
import org.sersic4j.learn.cae.CaeModel;
import org.sersic4j.learn.cae.PcaBaseline;
import org.sersic4j.render.Image;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.NoiseModel;
import org.sersic4j.render.sim.PsfSpec;
import org.sersic4j.render.sim.Seeds;

/**
 * The campaign's measurements of a trained CAE: the controlled sets, the latent sweeps, the PCA comparison on held-out
 * stamps and the reconstruction gallery. Every stamp is rendered here from a seed, so a run is reproducible.
 */
final class CaeEvaluator {
    /** Stamps encoded per network call. */
    private static final int CHUNK = 100;

    private final CaeConfig cfg;
    private final CaeModel cae;
    private final CaeInput input;
    private final Renderer renderer;
    private final long seed;

    CaeEvaluator(CaeConfig cfg, CaeModel cae, Renderer renderer, long seed) {
        this.cfg = cfg;
        this.cae = cae;
        this.input = new CaeInput(cfg);
        this.renderer = renderer;
        this.seed = seed;
    }

    /**
     * The base galaxy of the controlled sets and sweeps: centred, flux and r_e at the geometric middle of their ranges,
     * n, ellipticity and PA at the middle of theirs.
     */
    SersicParams base() {
        var d = cfg.data();
        var r = d.ranges();
        double c = d.centre();
        return new SersicParams(c, c, Math.sqrt(r.flux().min() * r.flux().max()), Math.sqrt(d.rePx().min() * d.rePx().max()),
                0.5 * (r.n().min() + r.n().max()), 1 - 0.5 * (r.ell().min() + r.ell().max()),
                SersicParams.normalisePa(0.5 * (r.pa().min() + r.pa().max())));
    }

    /** The controlled set where only {@code varied} ("flux" or "re") changes, log-spaced over its training range. */
    CaeOutcome.Controlled controlled(String varied) {
        int n = cfg.evaluation().controlled();
        boolean flux = "flux".equals(varied);
        var d = cfg.data();
        double lo = flux ? d.ranges().flux().min() : d.rePx().min(), hi = flux ? d.ranges().flux().max() : d.rePx().max();
        SersicParams b = base();
        List<SersicParams> gals = new ArrayList<>();
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = lo * Math.pow(hi / lo, (double) i / (n - 1));
            gals.add(flux ? new SersicParams(b.x0(), b.y0(), values[i], b.re(), b.n(), b.q(), b.pa())
                    : new SersicParams(b.x0(), b.y0(), b.flux(), values[i], b.n(), b.q(), b.pa()));
        }
        float[][] z = encode(render(gals, flux ? 1 : 2));
        double[] z1 = column(z, 0), z2 = column(z, 1), logv = new double[n];
        for (int i = 0; i < n; i++) logv[i] = Math.log10(values[i]);
        double[] main = flux ? z1 : z2, other = flux ? z2 : z1;
        double r = LinearFits.pearson(main, logv);
        double[] ci = LinearFits.fisherInterval(r, n);
        return new CaeOutcome.Controlled(varied, values, z1, z2, r, ci[0], ci[1], LinearFits.pearson(main, values),
                LinearFits.pearson(other, logv), Math.abs(LinearFits.slope(logv, other)) / Math.abs(LinearFits.slope(logv, main)));
    }

    /** The sweep of one latent coordinate (0: z1, 1: z2) about the base galaxy's latent. */
    CaeOutcome.Sweep sweep(int coordinate) {
        int steps = cfg.evaluation().sweepSteps();
        double range = cfg.evaluation().sweepRange();
        float[] z0 = encode(render(List.of(base()), 3))[0];
        float[] zs = new float[steps * z0.length];
        double[] values = new double[steps];
        for (int i = 0; i < steps; i++) {
            values[i] = -range + 2 * range * i / (steps - 1);
            System.arraycopy(z0, 0, zs, i * z0.length, z0.length);
            zs[i * z0.length + coordinate] = (float) values[i];
        }
        float[] px = cae.decodeRows(zs, steps);
        int s = input.side();
        List<Image> images = new ArrayList<>();
        double[] flux = new double[steps], re = new double[steps];
        for (int i = 0; i < steps; i++) {
            double[] x = new double[s * s], adu = new double[s * s];
            for (int k = 0; k < s * s; k++) {
                x[k] = px[i * s * s + k];
                adu[k] = input.unstretch(x[k]);
            }
            images.add(new Image(s, s, x));
            keepSignal(adu, s);
            flux[i] = sum(adu);
            re[i] = halfLightRadius(adu, s);
        }
        double[] main = coordinate == 0 ? flux : re, other = coordinate == 0 ? re : flux;
        double expected = coordinate == 0 ? Math.log10(input.flux(values[steps - 1]) / input.flux(values[0]))
                : Math.log10(input.re(values[steps - 1]) / input.re(values[0]));
        return new CaeOutcome.Sweep(coordinate == 0 ? "z1" : "z2", values, images, flux, re, LinearFits.spearman(values, main), dex(main),
                dex(other), expected);
    }

    /** What the held-out set gives: the PCA rows, the scoring half's latents, the explained variance and a gallery. */
    record HeldOutResult(List<CaeOutcome.PcaRow> pca, CaeOutcome.HeldOut heldOut, double[] explained, List<CaeOutcome.GalleryEntry> gallery) {}

    /**
     * Renders the held-out stamps from the training stream's distribution, fits PCA on the first half (stretched and
     * linear pixels), regresses each target on the components and on the CAE's latent, and scores the second half.
     */
    HeldOutResult heldOut(BatchRenderer batches, java.util.function.IntConsumer progress) {
        var ev = cfg.evaluation();
        int n = ev.heldOut(), half = n / 2, s = input.side(), p = s * s;
        float[] stretched = new float[n * p], linear = new float[n * p];
        double[][] targets = new double[4][n];
        float[][] z = new float[n][];
        for (int first = 0; first < n; first += CHUNK) {
            int size = Math.min(CHUNK, n - first);
            TrainingBatch b = batches.render(seed, first, size);
            float[] adu = CaeInput.adu(b);
            float[][] zc = cae.encodeRows(input.stretched(adu));
            for (int i = 0; i < size; i++) {
                int k = first + i;
                z[k] = zc[i];
                SersicParams t = b.truth().get(i);
                targets[0][k] = Math.log10(t.flux());
                targets[1][k] = Math.log10(t.re());
                targets[2][k] = t.flux();
                targets[3][k] = t.re();
                for (int j = 0; j < p; j++) {
                    stretched[k * p + j] = input.stretch(adu[i * p + j]);
                    linear[k * p + j] = input.linear(adu[i * p + j]);
                }
            }
            progress.accept(size);
        }
        String[] names = {"log10 flux", "log10 re", "flux", "re"};
        double[][] zFit = new double[4][], zScore = new double[4][];
        for (int t = 0; t < 4; t++) {
            zFit[t] = column(z, t % 2, 0, half);
            zScore[t] = column(z, t % 2, half, n);
        }
        List<CaeOutcome.PcaRow> rows = new ArrayList<>();
        double[] explained = null;
        for (String norm : List.of("stretched (the CAE's input)", "linear (flux-preserving)")) {
            float[] px = norm.startsWith("stretched") ? stretched : linear;
            PcaBaseline pca = PcaBaseline.fit(java.util.Arrays.copyOf(px, half * p), p, ev.components());
            if (explained == null) explained = pca.explainedVariance();
            double[][] scores = pca.project(px, p);
            double[][] sFit = java.util.Arrays.copyOfRange(scores, 0, half), sScore = java.util.Arrays.copyOfRange(scores, half, n);
            for (int t = 0; t < 4; t++) {
                double[] yFit = java.util.Arrays.copyOfRange(targets[t], 0, half), yScore = java.util.Arrays.copyOfRange(targets[t], half, n);
                int best = bestComponent(sFit, yFit);
                LinearFits.Score single = LinearFits.score(columns(sFit, best), yFit, columns(sScore, best), yScore, seed + t);
                LinearFits.Score allK = LinearFits.score(sFit, yFit, sScore, yScore, seed + 10 + t);
                LinearFits.Score caeScore = LinearFits.score(columns(zFit[t]), yFit, columns(zScore[t]), yScore, seed + 20 + t);
                rows.add(new CaeOutcome.PcaRow(names[t], norm, best + 1, single, allK, caeScore));
            }
        }
        CaeOutcome.HeldOut h = new CaeOutcome.HeldOut(java.util.Arrays.copyOfRange(targets[0], half, n),
                java.util.Arrays.copyOfRange(targets[1], half, n), zScore[0], zScore[1]);
        return new HeldOutResult(rows, h, explained, gallery(stretched, z, targets));
    }

    /** The first stamps of the held-out set and their reconstructions. */
    private List<CaeOutcome.GalleryEntry> gallery(float[] stretched, float[][] z, double[][] targets) {
        int k = Math.min(cfg.evaluation().gallery(), z.length), s = input.side(), p = s * s;
        List<CaeOutcome.GalleryEntry> out = new ArrayList<>();
        if (k == 0) return out;
        float[] in = java.util.Arrays.copyOf(stretched, k * p);
        float[] rec = cae.reconstructRows(in);
        for (int i = 0; i < k; i++) {
            double[] a = new double[p], b = new double[p];
            for (int j = 0; j < p; j++) {
                a[j] = in[i * p + j];
                b[j] = rec[i * p + j];
            }
            out.add(new CaeOutcome.GalleryEntry(i, new Image(s, s, a), new Image(s, s, b), targets[2][i], targets[3][i], z[i][0], z[i][1]));
        }
        return out;
    }

    /** Stamps of given galaxies with the base PSF and noise (the middle of the configured ranges), noise from the stream. */
    private float[] render(List<SersicParams> galaxies, int stream) {
        var d = cfg.data();
        int s = d.stampSize();
        PsfSpec spec = new PsfSpec(d.psf().types().get(0), 0.5 * (d.psf().fwhmPx().min() + d.psf().fwhmPx().max()),
                0.5 * (d.psf().beta().min() + d.psf().beta().max()), 1, 0);
        PixelPsf psf = spec.toPixelPsf(d.psfSize());
        var nr = d.noise();
        NoiseModel noise = new NoiseModel(0.5 * (nr.sky().min() + nr.sky().max()), 0.5 * (nr.gain().min() + nr.gain().max()),
                0.5 * (nr.rdnoise().min() + nr.rdnoise().max()));
        float[][] models = renderer.renderBatch(galaxies, s, s, List.of(psf), new RenderSettings(d.oversample(), 1e-4));
        float[] out = new float[galaxies.size() * s * s];
        for (int i = 0; i < models.length; i++) {
            float[] noisy = noise.addNoise(Image.ofFloats(s, s, models[i]), Seeds.generator(seed + stream, i, Seeds.NOISE)).toFloats();
            System.arraycopy(noisy, 0, out, i * s * s, s * s);
        }
        return out;
    }

    /** The latents of stamps in ADU, encoded in chunks. */
    private float[][] encode(float[] adu) {
        int p = input.side() * input.side(), n = adu.length / p;
        float[][] z = new float[n][];
        for (int first = 0; first < n; first += CHUNK) {
            int size = Math.min(CHUNK, n - first);
            float[][] zc = cae.encodeRows(input.stretched(java.util.Arrays.copyOfRange(adu, first * p, (first + size) * p)));
            System.arraycopy(zc, 0, z, first, size);
        }
        return z;
    }

    /** The component whose one-variable regression has the highest R² on the fitting rows (0-based). */
    static int bestComponent(double[][] scores, double[] y) {
        int best = 0;
        double bestR2 = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < scores[0].length; j++) {
            double[][] x = columns(scores, j);
            double r2 = LinearFits.r2(y, LinearFits.fit(x, y, x).predicted());
            if (r2 > bestR2) {
                bestR2 = r2;
                best = j;
            }
        }
        return best;
    }

    /** The half-light radius [px] of a stamp about its light-weighted centre, from its positive pixels. */
    static double halfLightRadius(double[] px, int side) {
        double total = 0, cx = 0, cy = 0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double v = Math.max(0, px[y * side + x]);
                total += v;
                cx += v * x;
                cy += v * y;
            }
        }
        if (!(total > 0)) return Double.NaN;
        cx /= total;
        cy /= total;
        int n = side * side;
        double[][] rv = new double[n][];
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++) rv[y * side + x] = new double[] {Math.hypot(x - cx, y - cy), Math.max(0, px[y * side + x])};
        java.util.Arrays.sort(rv, java.util.Comparator.comparingDouble(a -> a[0]));
        double acc = 0;
        for (double[] e : rv) {
            acc += e[1];
            if (acc >= 0.5 * total) return e[0];
        }
        return rv[n - 1][0];
    }

    /**
     * Keeps a decoded stamp's galaxy and drops its floor, in place: subtracts the median of the 4-pixel border and zeroes
     * every pixel below 3σ of the border (σ = 1.4826 × its median absolute deviation), so that a faint haze spread over
     * the stamp does not swamp the flux and the half-light radius.
     */
    static void keepSignal(double[] px, int side) {
        int b = Math.min(4, side / 4);
        double[] v = new double[side * side];
        int n = 0;
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++) if (y < b || y >= side - b || x < b || x >= side - b) v[n++] = px[y * side + x];
        double[] a = java.util.Arrays.copyOf(v, n);
        double med = median(a);
        for (int i = 0; i < n; i++) a[i] = Math.abs(a[i] - med);
        double cut = 3 * 1.4826 * median(a);
        for (int k = 0; k < px.length; k++) px[k] = px[k] - med > cut ? px[k] - med : 0;
    }

    private static double median(double[] v) {
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    private static double dex(double[] v) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        return lo > 0 ? Math.log10(hi / lo) : Double.NaN;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double d : v) s += d;
        return s;
    }

    private static double[] column(float[][] z, int j) {
        return column(z, j, 0, z.length);
    }

    private static double[] column(float[][] z, int j, int from, int to) {
        double[] c = new double[to - from];
        for (int i = from; i < to; i++) c[i - from] = z[i][j];
        return c;
    }

    private static double[][] columns(double[][] x, int j) {
        double[][] c = new double[x.length][1];
        for (int i = 0; i < x.length; i++) c[i][0] = x[i][j];
        return c;
    }

    private static double[][] columns(double[] v) {
        double[][] c = new double[v.length][1];
        for (int i = 0; i < v.length; i++) c[i][0] = v[i];
        return c;
    }
}
