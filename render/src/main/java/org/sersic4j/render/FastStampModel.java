package org.sersic4j.render;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The fast renderer's model of one PSF-convolved stamp (see {@link FastRenderer}).
 *
 * <p><b>Two grids joined by a partition of unity.</b> The profile is split as I = w·I + (1 − w)·I with a smooth window
 * w(d) of the pixel distance d from the galaxy centre: 1 out to {@link #INNER} px, a C³ polynomial step down to 0 at
 * {@link #OUTER} px. The inner part w·I, which holds the cusp, is integrated over cells of side 1/k centred on the
 * galaxy (k = the settings' oversample, as in the reference): cells wholly inside the window's plateau exactly like the
 * reference's ({@link CellIntegrator}: the exact polar integral at the cusp, else a Gauss–Legendre rule chosen for the
 * tolerance), cells in the taper by a Gauss–Legendre rule of the windowed profile (split in four where a cell reaches
 * the cusp). The outer part (1 − w)·I lives on pixel cells, also centred on the galaxy: those the taper crosses are
 * integrated by a Gauss–Legendre rule of the windowed profile; beyond it the profile is smooth on the pixel scale, and a
 * cell's integral comes from the value and the Laplacian at its centre, I + ∇²I/24 (the Laplacian costs no further
 * transcendental). About 8,300 profile evaluations and 200 small cells per 64×64 stamp with a 25×25 PSF, against 33,000
 * cells integrated by the reference at oversample 2.
 *
 * <p><b>Convolution in Fourier space, on the pixel grid.</b> The kernels (the reference's: the effective PSF with the
 * cell box divided out, K̂ = ePSF̂ / (sinc(fx/k) sinc(fy/k)), for pixel cells with k = 1) are band-limited to
 * |f| &lt; 1/2 cycle per pixel, so the
 * output is computed from the cells' spectrum at the frequencies of the pixel grid alone: pixel cells by a
 * real-to-complex FFT of side L (just above the cell grid, only factors 2, 3, 5), the few fine cells by a direct
 * separable transform, each multiplied by its own K̂ and the sub-pixel phase ramp, then one inverse FFT. The taps need no
 * transform of their own. Unlike the reference's taps, the kernel is not cut off beyond the PSF footprint (it is the
 * L-periodic band-limited interpolant itself): its tails reach a few 1e-6 of the flux across the stamp.
 *
 * <p>Plans (kernel spectra, twiddle tables) are cached per PSF, oversampling and stamp size; each thread reuses its own
 * work arrays, so a stamp allocates only its output. Thread-safe.
 */
final class FastStampModel {
    /** Radius [px] inside which the fine grid holds all the light. */
    static final double INNER = 1.5;
    /** Radius [px] beyond which the pixel grid holds all the light. */
    static final double OUTER = 3.5;
    /** Fewest Gauss–Legendre points per axis in a cell that the window's taper crosses. */
    static final int TAPER_POINTS = 2;

    private static final double HALF_DIAGONAL = Math.sqrt(0.5) * 1.0000001;
    private static final Map<PixelPsf, Map<List<Integer>, Plan>> PLANS = new WeakHashMap<>();

    /** Each thread's work arrays, shared by every plan of the same sizes (a bank of PSFs does not multiply them). */
    private static final ThreadLocal<Work> WORK = new ThreadLocal<>();

    private final int width, height;
    private final RenderSettings settings;
    private final Plan plan;

    FastStampModel(int width, int height, PixelPsf psf, RenderSettings settings) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("stamp size must be positive: " + width + "x" + height);
        if (psf == null) throw new IllegalArgumentException("the fast model needs a PSF (without one the reference is used)");
        this.width = width;
        this.height = height;
        this.settings = settings;
        this.plan = plan(psf, settings.oversample(), width, height);
    }

    private static Plan plan(PixelPsf psf, int k, int width, int height) {
        synchronized (PLANS) {
            return PLANS.computeIfAbsent(psf, x -> new HashMap<>())
                    .computeIfAbsent(List.of(k, width, height), key -> new Plan(psf, k, width, height));
        }
    }

    /** Window w(d): 1 for d ≤ INNER, 0 for d ≥ OUTER, a C³ step between. */
    static double window(double d) {
        if (d <= INNER) return 1;
        if (d >= OUTER) return 0;
        double t = (d - INNER) / (OUTER - INNER);
        return 1 - t * t * t * t * (35 - t * (84 - t * (70 - 20 * t)));
    }

    /** The model, row-major width × height. */
    double[] model(SersicParams p) {
        ProfileGeometry g = new ProfileGeometry(p.validated());
        Plan pl = plan;
        Work wk = WORK.get();
        if (wk == null || !wk.fits(pl.size, pl.rows, 2 * pl.fineHalf + 1)) WORK.set(wk = new Work(pl.size, pl.rows, 2 * pl.fineHalf + 1));
        StampLayout l = StampLayout.convolved(p, width, height, pl.radius, 1);
        int cxN = l.cellsX(), cyN = l.cellsY(), L = pl.size, half = L / 2;
        double tol = settings.tolerance();
        double floorSb = p.flux() / ((double) cxN * cyN);

        // The outer part at the pixel cells' centres, each row transformed along x as soon as it is filled.
        double[] row = wk.row;
        double[][] spec = wk.spec;
        double invRe2 = 1 / (g.re * g.re), halfInvN = 0.5 * g.invN, bInvN = g.b * g.invN, oneMinusInvN = 1 - g.invN;
        double invQ2 = 1 / (g.q * g.q);
        for (int cy = 0; cy < cyN; cy++) {
            double dy = l.originDy() + cy;
            java.util.Arrays.fill(row, 0);
            double dy2 = dy * dy;
            for (int cx = 0; cx < cxN; cx++) {
                double dx = l.originDx() + cx;
                double d2 = dx * dx + dy2;
                if (d2 <= INNER_PLATEAU2) continue;
                double val;
                if (d2 < OUTER_TAPER2) {
                    val = outerTaperFlux(g, dx, dy, tol, floorSb);
                } else {
                    // Beyond the taper the profile is smooth on the pixel scale: the cell's integral from the value and
                    // the Laplacian at its centre, I + ∇²I/24 (exact to fourth order; no transcendental beyond I's own).
                    double u = g.u(dx, dy), v = g.v(dx, dy), r2 = u * u + v * v;
                    double z = Math.exp(Math.log(r2 * invRe2) * halfInvN);
                    double rho = Math.sqrt(r2), l1 = -bInvN * z / rho, l2 = -l1 * oneMinusInvN / rho;
                    double grad = (u * u + v * v * invQ2) / r2;
                    val = g.ie * Math.exp(-g.b * (z - 1)) * (1 + ((l1 * l1 + l2) * grad + l1 * (1 + invQ2 - grad) / rho) * (1.0 / 24));
                }
                row[cx] = val;
            }
            wk.rowFft.realForward(row);
            double[] s = spec[cy];
            s[0] = row[0];
            s[1] = 0;
            System.arraycopy(row, 2, s, 2, L - 2);
        }

        // Fine cells of w·I, and their transform along x: T[ay][jx] = Σ_ax G(ax, ay) e^{-2πi fx ax h}.
        int na = pl.fineHalf, nf = 2 * na + 1, k = pl.k;
        double h = 1.0 / k;
        double[] fine = wk.fine;
        int ay0 = nf, ay1 = -1;
        // Fine cells outside the pixel cells' span cannot reach the stamp; dropped, they cannot wrap around either.
        double loX = l.originDx() - 0.5, hiX = l.originDx() + cxN - 0.5, loY = l.originDy() - 0.5, hiY = l.originDy() + cyN - 0.5;
        for (int ay = 0; ay < nf; ay++) {
            double dy = (ay - na) * h;
            boolean rowIn = dy >= loY && dy <= hiY;
            for (int ax = 0; ax < nf; ax++) {
                double dx = (ax - na) * h;
                double v = rowIn && dx >= loX && dx <= hiX ? fineFlux(g, dx, dy, h, tol, floorSb) : 0;
                fine[ay * nf + ax] = v;
                if (v != 0) {
                    ay0 = Math.min(ay0, ay);
                    ay1 = Math.max(ay1, ay);
                }
            }
        }
        double[] tr = wk.fineRe, ti = wk.fineIm, ex = pl.fineExpRe, es = pl.fineExpIm;
        for (int ay = ay0; ay <= ay1; ay++) {
            int o = ay * nf;
            for (int jx = 0; jx < half; jx++) {
                double sr = 0, si = 0;
                int e = jx * nf;
                for (int ax = 0; ax < nf; ax++) {
                    double v = fine[o + ax];
                    sr += v * ex[e + ax];
                    si += v * es[e + ax];
                }
                tr[ay * half + jx] = sr;
                ti[ay * half + jx] = si;
            }
        }

        // Columns: forward FFT of the pixel cells, add the fine cells' transform, apply K̂ and the phase, invert.
        // Phases: e^{2πi f t0} on both parts, e^{2πi f ox} more on the fine part (its cells sit at a·h − ox).
        double t0x = l.t0x(), t0y = l.t0y(), fx0 = l.originDx(), fy0 = l.originDy();
        double[] col = wk.col, pyr = wk.pyr, pyi = wk.pyi, qyr = wk.qyr, qyi = wk.qyi;
        for (int jy = 0; jy < L; jy++) {
            double f = pl.freq[jy];
            pyr[jy] = Math.cos(2 * Math.PI * f * t0y);
            pyi[jy] = Math.sin(2 * Math.PI * f * t0y);
            qyr[jy] = Math.cos(2 * Math.PI * f * fy0);
            qyi[jy] = Math.sin(2 * Math.PI * f * fy0);
        }
        double[] fyc = pl.fineCosY, fys = pl.fineSinY;
        double[] sr = wk.pairSr, si = wk.pairSi, ddr = wk.pairDr, ddi = wk.pairDi;
        int amax = ay1 < 0 ? -1 : Math.max(ay1 - na, na - ay0);
        if (amax >= 0) {
            // Rows outside [ay0, ay1] hold no light: clear what the pairs read there.
            for (int ay = 0; ay < nf; ay++) {
                if (ay >= ay0 && ay <= ay1) continue;
                java.util.Arrays.fill(tr, ay * half, ay * half + half, 0);
                java.util.Arrays.fill(ti, ay * half, ay * half + half, 0);
            }
        }
        double[] k1 = pl.k1, kk = pl.kk;
        // 1/L here and JTransforms' scaled real inverse below: its unscaled real inverse is L/2 times too small when L is a
        // power of two (and L times otherwise), so the scaled one is the one to trust.
        double norm = 1.0 / L;
        for (int jx = 0; jx < half; jx++) {
            for (int cy = 0; cy < cyN; cy++) {
                col[2 * cy] = spec[cy][2 * jx];
                col[2 * cy + 1] = spec[cy][2 * jx + 1];
            }
            java.util.Arrays.fill(col, 2 * cyN, 2 * L, 0);
            wk.colFft.complexForward(col);
            double f = pl.freq[jx];
            double pxr = Math.cos(2 * Math.PI * f * t0x), pxi = Math.sin(2 * Math.PI * f * t0x);
            double qxr = Math.cos(2 * Math.PI * f * fx0), qxi = Math.sin(2 * Math.PI * f * fx0);
            // Rows a and −a pair up: e^{-iθa} T[a] + e^{iθa} T[−a] = cos θa (T[a] + T[−a]) − i sin θa (T[a] − T[−a]).
            for (int a = 0; a <= amax; a++) {
                int up = (na + a) * half + jx, down = (na - a) * half + jx;
                double ur = tr[up], ui = ti[up], dr = a == 0 ? 0 : tr[down], di = a == 0 ? 0 : ti[down];
                sr[a] = ur + dr;
                si[a] = ui + di;
                ddr[a] = ur - dr;
                ddi[a] = ui - di;
            }
            for (int jy = 0; jy < L; jy++) {
                int o = (jy * half + jx) * 2;
                // Fine part: Σ_a e^{-2πi fy a h} T[a][jx].
                double gr = 0, gi = 0;
                int e = jy * (na + 1);
                for (int a = 0; a <= amax; a++) {
                    double c = fyc[e + a], sn = fys[e + a];
                    gr += c * sr[a] + sn * ddi[a];
                    gi += c * si[a] - sn * ddr[a];
                }
                // × e^{2πi f·ox} (both axes), then K̂_k.
                double qr = qxr * qyr[jy] - qxi * qyi[jy], qi = qxr * qyi[jy] + qxi * qyr[jy];
                double hr = gr * qr - gi * qi, hi = gr * qi + gi * qr;
                double fr = kk[o] * hr - kk[o + 1] * hi, fi = kk[o] * hi + kk[o + 1] * hr;
                // Pixel cells: Ĉ × K̂_1 × e^{2πi f·t0}.
                double cr = col[2 * jy], ci = col[2 * jy + 1];
                double ur = k1[o] * cr - k1[o + 1] * ci + fr, ui = k1[o] * ci + k1[o + 1] * cr + fi;
                double pr = pxr * pyr[jy] - pxi * pyi[jy], pi = pxr * pyi[jy] + pxi * pyr[jy];
                col[2 * jy] = (ur * pr - ui * pi) * norm;
                col[2 * jy + 1] = (ur * pi + ui * pr) * norm;
            }
            wk.colFft.complexInverse(col, false);
            for (int iy = 0; iy < height; iy++) {
                spec[iy][2 * jx] = col[2 * iy];
                spec[iy][2 * jx + 1] = col[2 * iy + 1];
            }
        }
        double[] out = new double[width * height];
        for (int iy = 0; iy < height; iy++) {
            double[] s = spec[iy];
            // Packed real-FFT layout: [Re 0, Re L/2 (0: beyond the band), Re 1, Im 1, …]; Im 0 must be dropped.
            row[0] = s[0];
            row[1] = 0;
            System.arraycopy(s, 2, row, 2, L - 2);
            wk.rowFft.realInverse(row, true);
            System.arraycopy(row, 0, out, iy * width, width);
        }
        return out;
    }

    private static final double INNER_PLATEAU2 = (INNER - HALF_DIAGONAL) * (INNER - HALF_DIAGONAL);
    private static final double OUTER_TAPER2 = (OUTER + HALF_DIAGONAL) * (OUTER + HALF_DIAGONAL);

    /** ∫ (1 − w)·I over a pixel cell that the taper crosses. */
    private static double outerTaperFlux(ProfileGeometry g, double dx, double dy, double tol, double floorSb) {
        return taperFlux(g, dx, dy, 1, tol, floorSb, 0, false);
    }

    /** Flux of the inner part w·I in the cell of side h centred at (dx, dy) from the galaxy centre. */
    private static double fineFlux(ProfileGeometry g, double dx, double dy, double h, double tol, double floorSb) {
        double d = Math.sqrt(dx * dx + dy * dy), r = h * HALF_DIAGONAL;
        if (d + r <= INNER) return CellIntegrator.flux(g, dx, dy, h, CellIntegrator.plan(g, dx, dy, h, tol, floorSb));
        if (d - r >= OUTER) return 0;
        return taperFlux(g, dx, dy, h, tol, floorSb, 0, true);
    }

    /** ∫ w·I over a cell that the taper crosses; cells that reach the cusp are split in four (up to three times). */
    private static double taperFlux(ProfileGeometry g, double dx, double dy, double h, double tol, double floorSb, int depth,
                                    boolean inner) {
        int m = CellIntegrator.plan(g, dx, dy, h, tol, floorSb);
        if (m == CellIntegrator.POLAR && depth < 3) {
            double q = 0.25 * h, s = 0;
            for (int j = -1; j <= 1; j += 2)
                for (int i = -1; i <= 1; i += 2) s += taperFlux(g, dx + i * q, dy + j * q, 0.5 * h, tol, floorSb, depth + 1, inner);
            return s;
        }
        if (m == CellIntegrator.POLAR) m = GaussLegendre.MAX;
        m = Math.max(m, TAPER_POINTS);
        double half = 0.5 * h, sum = 0;
        for (int j = 0; j < m; j++) {
            double y = dy + half * GaussLegendre.node(m, j);
            double rowSum = 0;
            for (int i = 0; i < m; i++) {
                double x = dx + half * GaussLegendre.node(m, i);
                double u = g.u(x, y), v = g.v(x, y);
                double w = window(Math.sqrt(x * x + y * y));
                if (!inner) w = 1 - w;
                if (w != 0) rowSum += GaussLegendre.weight(m, i) * w * g.intensityAtSquared(u * u + v * v);
            }
            sum += GaussLegendre.weight(m, j) * rowSum;
        }
        return sum * half * half;
    }

    /** Everything that depends only on the PSF, the fine grid's factor and the stamp size. */
    static final class Plan {
        final int k, radius, size, fineHalf;
        final double[] freq;
        /** K̂ for the sampled outer part and for the fine cells at the pixel grid's frequencies, [(jy·L/2 + jx)·2 + re/im]. */
        final double[] k1, kk;
        /** e^{-2πi fx ax h}, [jx·nf + ax]; cos and sin of 2π fy a h for a = 0 … fineHalf, [jy·(fineHalf + 1) + a]. */
        final double[] fineExpRe, fineExpIm, fineCosY, fineSinY;
        final int rows;

        Plan(PixelPsf psf, int k, int width, int height) {
            this.k = k;
            this.radius = psf.radius();
            int cells = Math.max(width, height) - 1 + StampLayout.taps(radius, 1);
            int n = FftConvolver.niceSize(cells);
            while (n % 2 != 0) n = FftConvolver.niceSize(n + 1);
            this.size = n;
            int half = n / 2;
            this.freq = new double[n];
            for (int j = 0; j < n; j++) freq[j] = (j < half ? j : j - n) / (double) n;
            this.k1 = new double[n * half * 2];
            this.kk = new double[n * half * 2];
            spectra(psf, k);
            double h = 1.0 / k;
            this.fineHalf = (int) Math.ceil((OUTER + HALF_DIAGONAL * h) / h);
            int nf = 2 * fineHalf + 1;
            fineExpRe = new double[half * nf];
            fineExpIm = new double[half * nf];
            fineCosY = new double[n * (fineHalf + 1)];
            fineSinY = new double[n * (fineHalf + 1)];
            for (int j = 0; j < n; j++) {
                for (int a = 0; a <= fineHalf; a++) {
                    fineCosY[j * (fineHalf + 1) + a] = Math.cos(2 * Math.PI * freq[j] * a * h);
                    fineSinY[j * (fineHalf + 1) + a] = Math.sin(2 * Math.PI * freq[j] * a * h);
                }
                for (int a = 0; a < nf; a++) {
                    double ph = -2 * Math.PI * freq[j] * (a - fineHalf) * h;
                    if (j < half) {
                        fineExpRe[j * nf + a] = Math.cos(ph);
                        fineExpIm[j * nf + a] = Math.sin(ph);
                    }
                }
            }
            this.rows = Math.max(height, Math.max(width, height) - 1 + StampLayout.taps(radius, 1));

        }

        private static double sinc(double x) {
            return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
        }

        /** K̂_1 = ePSF̂ (the PSF samples' DTFT, the reference's band-limited ePSF̂) and K̂_k = ePSF̂ over the fine cells' box. */
        private void spectra(PixelPsf psf, int k) {
            int r = psf.radius(), n = size, half = n / 2;
            // cos and sin of −2π f_j x, tabulated once: [j·(2r + 1) + x + r].
            double[] cs = new double[n * (2 * r + 1)], sn = new double[n * (2 * r + 1)];
            for (int j = 0; j < n; j++) {
                for (int x = -r; x <= r; x++) {
                    double a = -2 * Math.PI * freq[j] * x;
                    cs[j * (2 * r + 1) + x + r] = Math.cos(a);
                    sn[j * (2 * r + 1) + x + r] = Math.sin(a);
                }
            }
            double[][] ar = new double[2 * r + 1][half], ai = new double[2 * r + 1][half];
            for (int j = 0; j < half; j++) {
                for (int y = -r; y <= r; y++) {
                    double sr = 0, si = 0;
                    for (int x = -r; x <= r; x++) {
                        double v = psf.at(x, y);
                        sr += v * cs[j * (2 * r + 1) + x + r];
                        si += v * sn[j * (2 * r + 1) + x + r];
                    }
                    ar[y + r][j] = sr;
                    ai[y + r][j] = si;
                }
            }
            for (int i = 0; i < n; i++) {
                double fy = freq[i];
                if (Math.abs(fy) >= 0.5) continue;
                for (int j = 0; j < half; j++) {
                    double fx = freq[j];
                    double sr = 0, si = 0;
                    for (int y = -r; y <= r; y++) {
                        double c = cs[i * (2 * r + 1) + y + r], s = sn[i * (2 * r + 1) + y + r];
                        sr += ar[y + r][j] * c - ai[y + r][j] * s;
                        si += ar[y + r][j] * s + ai[y + r][j] * c;
                    }
                    double pix = psf.pixelIncluded() ? 1 : sinc(fx) * sinc(fy);
                    double g1 = pix / (sinc(fx) * sinc(fy)), gk = pix / (sinc(fx / k) * sinc(fy / k));
                    int o = (i * half + j) * 2;
                    k1[o] = sr * g1;
                    k1[o + 1] = si * g1;
                    kk[o] = sr * gk;
                    kk[o + 1] = si * gk;
                }
            }
        }
    }

    /** One thread's work arrays and transforms. */
    private static final class Work {
        final DoubleFFT_1D rowFft, colFft;
        final double[] row, col, fine, fineRe, fineIm, pyr, pyi, qyr, qyi, pairSr, pairSi, pairDr, pairDi;
        final double[][] spec;

        boolean fits(int n, int rows, int nf) {
            return row.length == n && spec.length == Math.max(rows, n) && fine.length == nf * nf;
        }

        Work(int n, int rows, int nf) {
            rowFft = new DoubleFFT_1D(n);
            colFft = new DoubleFFT_1D(n);
            row = new double[n];
            col = new double[2 * n];
            spec = new double[Math.max(rows, n)][n];
            fine = new double[nf * nf];
            fineRe = new double[nf * (n / 2)];
            fineIm = new double[nf * (n / 2)];
            pyr = new double[n];
            pyi = new double[n];
            qyr = new double[n];
            qyi = new double[n];
            pairSr = new double[nf];
            pairSi = new double[nf];
            pairDr = new double[nf];
            pairDi = new double[nf];
        }
    }
}
