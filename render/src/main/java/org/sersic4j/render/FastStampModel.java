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
 * <p><b>Jacobian.</b> {@link #modelAndJacobian} differentiates this discrete model: the cells' integrals with respect to
 * r_e, n, q and PA under the rules that integrate them ({@link CellDerivatives}; the value-and-Laplacian cells
 * analytically), windowed, transformed and convolved as the model is, five channels sharing the plan; x0 and y0 from the
 * sub-pixel phase, for the cells and the window move with the centre.
 *
 * <p>Plans (kernel spectra, twiddle tables) are cached per PSF, oversampling and stamp size; each thread reuses its own
 * work arrays, so a stamp allocates only its output. Thread-safe.
 */
public final class FastStampModel implements ProfileModel {
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
    /** The same for the Jacobian's channels. */
    private static final ThreadLocal<Work> JACOBIAN_WORK = new ThreadLocal<>();

    private final int width, height;
    private final RenderSettings settings;
    private final Plan plan;

    /** A model of width × height pixels under {@code psf} (required); the settings' oversample sets the fine cells. */
    public FastStampModel(int width, int height, PixelPsf psf, RenderSettings settings) {
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

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** Window w(d): 1 for d ≤ INNER, 0 for d ≥ OUTER, a C³ step between. */
    static double window(double d) {
        if (d <= INNER) return 1;
        if (d >= OUTER) return 0;
        double t = (d - INNER) / (OUTER - INNER);
        return 1 - t * t * t * t * (35 - t * (84 - t * (70 - 20 * t)));
    }

    /** The model, row-major width × height. */
    @Override
    public double[] model(SersicParams p) {
        ProfileGeometry g = new ProfileGeometry(p.validated());
        Work wk = work(WORK, 1, false);
        StampLayout l = StampLayout.convolved(p, width, height, plan.radius, 1);
        cells(CellDerivatives.fluxOnly(g), wk, l, 1, p.flux());
        return transform(wk, l, 1, false)[0];
    }

    /**
     * The model and its seven derivatives in {@link SersicParams#NAMES} order, as {@link StampModel#modelAndJacobian}
     * gives them: the cells' derivatives with respect to r_e, n, q and PA (each fine or pixel cell's integral
     * differentiated under the rule that integrates it, the value-and-Laplacian cells analytically), windowed and
     * convolved as the model is; x0 and y0 from the sub-pixel phase (the cells and the window move with the centre), flux
     * as model/flux. The model is the one {@link #model} draws, to rounding.
     */
    @Override
    public ModelAndJacobian modelAndJacobian(SersicParams p) {
        p.validated();
        if (!(p.flux() > 0)) throw new IllegalArgumentException("the Jacobian needs flux > 0 (got " + p.flux() + ")");
        ProfileGeometry g = new ProfileGeometry(p);
        Work wk = work(JACOBIAN_WORK, SHAPE_CHANNELS, true);
        StampLayout l = StampLayout.convolved(p, width, height, plan.radius, 1);
        cells(new CellDerivatives(p, g, false), wk, l, SHAPE_CHANNELS, p.flux());
        double[][] out = transform(wk, l, SHAPE_CHANNELS, true);
        double[] model = out[0], dFlux = new double[model.length];
        for (int i = 0; i < model.length; i++) dFlux[i] = model[i] / p.flux();
        // Channels: value, r_e, n, q, PA; then x0 and y0.
        double[][] jac = {out[5], out[6], dFlux, out[1], out[2], out[3], out[4]};
        return new ModelAndJacobian(new Image(width, height, model), jac);
    }

    /** The cell images' channels: the flux, then its derivatives with respect to r_e, n, q and PA. */
    private static final int SHAPE_CHANNELS = 5;

    private Work work(ThreadLocal<Work> local, int channels, boolean centre) {
        Plan pl = plan;
        int nf = 2 * pl.fineHalf + 1;
        Work wk = local.get();
        if (wk == null || !wk.fits(pl.size, pl.rows, nf)) local.set(wk = new Work(pl.size, pl.rows, nf, channels, centre));
        return wk;
    }

    /**
     * Fills the channels' cells: the outer part on the pixel cells, each row transformed along x as soon as it is
     * filled ({@code wk.spec}), and the inner part on the fine cells ({@code wk.fine}).
     */
    private void cells(CellDerivatives cd, Work wk, StampLayout l, int channels, double flux) {
        ProfileGeometry g = cd.g;
        Plan pl = plan;
        int cxN = l.cellsX(), cyN = l.cellsY(), L = pl.size;
        double tol = settings.tolerance();
        double floorSb = flux / ((double) cxN * cyN);
        for (int cy = 0; cy < cyN; cy++) {
            double dy = l.originDy() + cy;
            for (int c = 0; c < channels; c++) java.util.Arrays.fill(wk.row[c], 0);
            double dy2 = dy * dy;
            for (int cx = 0; cx < cxN; cx++) {
                double dx = l.originDx() + cx;
                double d2 = dx * dx + dy2;
                if (d2 <= INNER_PLATEAU2) continue;
                if (d2 < OUTER_TAPER2) {
                    cd.taper(dx, dy, 1, tol, floorSb, CellDerivatives.OUTER);
                } else {
                    // Beyond the taper the profile is smooth on the pixel scale: the cell's integral from the value and
                    // the Laplacian at its centre, I + ∇²I/24 (exact to fourth order; no transcendental beyond I's own).
                    laplaceCell(cd, dx, dy, channels > 1);
                }
                store(cd, wk.row, cx, channels);
            }
            for (int c = 0; c < channels; c++) {
                double[] row = wk.row[c];
                wk.rowFft.realForward(row);
                double[] s = wk.spec[c][cy];
                s[0] = row[0];
                s[1] = 0;
                System.arraycopy(row, 2, s, 2, L - 2);
            }
        }

        // Fine cells of w·I.
        int na = pl.fineHalf, nf = 2 * na + 1;
        double h = 1.0 / pl.k;
        // Fine cells outside the pixel cells' span cannot reach the stamp; dropped, they cannot wrap around either.
        double loX = l.originDx() - 0.5, hiX = l.originDx() + cxN - 0.5, loY = l.originDy() - 0.5, hiY = l.originDy() + cyN - 0.5;
        for (int ay = 0; ay < nf; ay++) {
            double dy = (ay - na) * h;
            boolean rowIn = dy >= loY && dy <= hiY;
            for (int ax = 0; ax < nf; ax++) {
                double dx = (ax - na) * h;
                int i = ay * nf + ax;
                if (rowIn && dx >= loX && dx <= hiX && fineCell(cd, dx, dy, h, tol, floorSb)) {
                    store(cd, wk.fine, i, channels);
                } else {
                    for (int c = 0; c < channels; c++) wk.fine[c][i] = 0;
                }
            }
        }
    }

    private static void store(CellDerivatives cd, double[][] to, int i, int channels) {
        to[0][i] = cd.f;
        if (channels == 1) return;
        to[1][i] = cd.re;
        to[2][i] = cd.n;
        to[3][i] = cd.q;
        to[4][i] = cd.pa;
    }

    /**
     * Pixels from the channels' cells: each channel's cells transformed (the pixel cells along y by FFT, the fine cells
     * directly), multiplied by their kernels and the sub-pixel phase, and inverted; with {@code centre}, two outputs
     * more, the derivatives of channel 0 with respect to x0 and y0 (−2πi f times its spectrum, for t0 = 1 − x0 − origin).
     */
    private double[][] transform(Work wk, StampLayout l, int channels, boolean centre) {
        Plan pl = plan;
        int cyN = l.cellsY(), L = pl.size, half = L / 2;
        int na = pl.fineHalf, nf = 2 * na + 1;
        // The rows of fine cells that hold light, in any channel.
        int ay0 = nf, ay1 = -1;
        for (int c = 0; c < channels; c++) {
            double[] fine = wk.fine[c];
            for (int i = 0; i < fine.length; i++) {
                if (fine[i] == 0) continue;
                ay0 = Math.min(ay0, i / nf);
                ay1 = Math.max(ay1, i / nf);
            }
        }
        // The fine cells' transform along x: T[ay][jx] = Σ_ax G(ax, ay) e^{-2πi fx ax h}.
        double[] ex = pl.fineExpRe, es = pl.fineExpIm;
        for (int c = 0; c < channels; c++) {
            double[] fine = wk.fine[c], tr = wk.fineRe[c], ti = wk.fineIm[c];
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
            for (int c = 0; c < channels; c++) {
                for (int ay = 0; ay < nf; ay++) {
                    if (ay >= ay0 && ay <= ay1) continue;
                    java.util.Arrays.fill(wk.fineRe[c], ay * half, ay * half + half, 0);
                    java.util.Arrays.fill(wk.fineIm[c], ay * half, ay * half + half, 0);
                }
            }
        }
        double[] k1 = pl.k1, kk = pl.kk;
        // 1/L here and JTransforms' scaled real inverse below: its unscaled real inverse is L/2 times too small when L is a
        // power of two (and L times otherwise), so the scaled one is the one to trust.
        double norm = 1.0 / L;
        for (int jx = 0; jx < half; jx++) {
            double f = pl.freq[jx];
            double pxr = Math.cos(2 * Math.PI * f * t0x), pxi = Math.sin(2 * Math.PI * f * t0x);
            double qxr = Math.cos(2 * Math.PI * f * fx0), qxi = Math.sin(2 * Math.PI * f * fx0);
            for (int c = 0; c < channels; c++) {
                double[][] spec = wk.spec[c];
                double[] tr = wk.fineRe[c], ti = wk.fineIm[c];
                for (int cy = 0; cy < cyN; cy++) {
                    col[2 * cy] = spec[cy][2 * jx];
                    col[2 * cy + 1] = spec[cy][2 * jx + 1];
                }
                java.util.Arrays.fill(col, 2 * cyN, 2 * L, 0);
                wk.colFft.complexForward(col);
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
                        double cs = fyc[e + a], sn = fys[e + a];
                        gr += cs * sr[a] + sn * ddi[a];
                        gi += cs * si[a] - sn * ddr[a];
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
                if (centre && c == 0) {
                    // ∂/∂y0: × (−2πi fy), inverted into the extra spectrum.
                    double[] dy = wk.col2;
                    for (int jy = 0; jy < L; jy++) {
                        double w = 2 * Math.PI * pl.freq[jy];
                        dy[2 * jy] = w * col[2 * jy + 1];
                        dy[2 * jy + 1] = -w * col[2 * jy];
                    }
                    wk.colFft.complexInverse(dy, false);
                    unpackColumn(dy, wk.spec[channels], jx);
                }
                wk.colFft.complexInverse(col, false);
                unpackColumn(col, spec, jx);
            }
        }
        double[][] out = new double[channels + (centre ? 2 : 0)][];
        for (int c = 0; c < channels; c++) out[c] = rows(wk, wk.spec[c], false);
        if (centre) {
            out[channels] = rows(wk, wk.spec[0], true);
            out[channels + 1] = rows(wk, wk.spec[channels], false);
        }
        return out;
    }

    private void unpackColumn(double[] col, double[][] spec, int jx) {
        for (int iy = 0; iy < height; iy++) {
            spec[iy][2 * jx] = col[2 * iy];
            spec[iy][2 * jx + 1] = col[2 * iy + 1];
        }
    }

    /** The stamp from the rows' half spectra (real inverse FFTs); with {@code dx0}, of −2πi fx times them, ∂/∂x0. */
    private double[] rows(Work wk, double[][] spec, boolean dx0) {
        int L = plan.size;
        double[] row = wk.row[0];
        double[] out = new double[width * height];
        for (int iy = 0; iy < height; iy++) {
            double[] s = spec[iy];
            // Packed real-FFT layout: [Re 0, Re L/2 (0: beyond the band), Re 1, Im 1, …]; Im 0 must be dropped.
            row[0] = s[0];
            row[1] = 0;
            System.arraycopy(s, 2, row, 2, L - 2);
            if (dx0) {
                row[0] = 0;
                for (int jx = 1; jx < L / 2; jx++) {
                    double w = 2 * Math.PI * plan.freq[jx], re = row[2 * jx], im = row[2 * jx + 1];
                    row[2 * jx] = w * im;
                    row[2 * jx + 1] = -w * re;
                }
            }
            wk.rowFft.realInverse(row, true);
            System.arraycopy(row, 0, out, iy * width, width);
        }
        return out;
    }

    private static final double INNER_PLATEAU2 = (INNER - HALF_DIAGONAL) * (INNER - HALF_DIAGONAL);
    private static final double OUTER_TAPER2 = (OUTER + HALF_DIAGONAL) * (OUTER + HALF_DIAGONAL);

    /**
     * The inner part w·I in the fine cell of side h centred at (dx, dy) from the galaxy centre, into {@code cd}'s fields;
     * false (and nothing computed) where the cell lies beyond the window.
     */
    private static boolean fineCell(CellDerivatives cd, double dx, double dy, double h, double tol, double floorSb) {
        double d = Math.sqrt(dx * dx + dy * dy), r = h * HALF_DIAGONAL;
        if (d + r <= INNER) cd.cell(dx, dy, h, CellIntegrator.plan(cd.g, dx, dy, h, tol, floorSb));
        else if (d - r >= OUTER) return false;
        else cd.taper(dx, dy, h, tol, floorSb, CellDerivatives.INNER);
        return true;
    }

    /**
     * A pixel cell beyond the taper, I + ∇²I/24 at its centre, into {@code cd}'s fields; with {@code derivatives}, its
     * derivatives with respect to r_e, n, q and PA too. With φ = ln I a function of the elliptical radius r,
     * ∇²I/I = (φ'² + φ'')|∇r|² + φ'∇²r, |∇r|² = (u² + v²/q²)/r², ∇²r = (1 + 1/q² − |∇r|²)/r; each parameter moves r, z,
     * u² + v²/q², 1/q², b and 1/n, and the chain rule through those gives the correction's derivative.
     */
    private static void laplaceCell(CellDerivatives cd, double dx, double dy, boolean derivatives) {
        ProfileGeometry g = cd.g;
        double invQ2 = 1 / (g.q * g.q), bInvN = g.b * g.invN, oneMinusInvN = 1 - g.invN;
        double u = g.u(dx, dy), v = g.v(dx, dy), r2 = u * u + v * v;
        double lnRho2 = Math.log(r2 * (1 / (g.re * g.re)));
        double z = Math.exp(lnRho2 * (0.5 * g.invN));
        double rho = Math.sqrt(r2), l1 = -bInvN * z / rho, l2 = -l1 * oneMinusInvN / rho;
        double nn = u * u + v * v * invQ2, grad = nn / r2, c1 = 1 + invQ2 - grad;
        double intensity = g.ie * Math.exp(-g.b * (z - 1));
        double a = (l1 * l1 + l2) * grad + l1 * c1 / rho;
        double corr = 1 + a * (1.0 / 24);
        cd.f = intensity * corr;
        if (!derivatives) return;
        cd.slopes(u, v, r2, z, 0.5 * lnRho2);
        double q = g.q, q3 = q * q * q, k = intensity / 24;
        // r_e: only z moves.
        cd.re = intensity * cd.sre * corr + k * dA(cd, l1, l2, z, rho, r2, grad, c1, 0, -z * g.invN / g.re, 0, 0, 0, 0);
        // n: b, 1/n and z.
        double dInvN = -g.invN * g.invN;
        cd.n = intensity * cd.sn * corr
                + k * dA(cd, l1, l2, z, rho, r2, grad, c1, 0, z * 0.5 * lnRho2 * dInvN, 0, 0, cd.dbDn, dInvN);
        // q at a fixed pixel offset: v = (cos·dx + sin·dy)/q.
        double drq = -v * v / (q * rho);
        cd.q = intensity * cd.sq * corr
                + k * dA(cd, l1, l2, z, rho, r2, grad, c1, drq, z * g.invN * drq / rho, -4 * v * v / q3, -2 / q3, 0, 0);
        // PA (per radian, then per degree): ∂u/∂θ = −q v, ∂v/∂θ = u/q.
        double drp = u * v * (1 / q - q) / rho;
        cd.pa = intensity * cd.spa * corr + k * DEG
                * dA(cd, l1, l2, z, rho, r2, grad, c1, drp, z * g.invN * drp / rho, 2 * u * v * (1 / q3 - q), 0, 0, 0);
    }

    private static final double DEG = Math.PI / 180;

    /**
     * d(∇²I/I) from the moves dr, dz, dN (N = u² + v²/q²), dQ2 (1/q²), db and d(1/n) of its ingredients, where
     * φ' = l1 = −b z/(n r), φ'' = l2 = −l1 (1 − 1/n)/r, |∇r|² = grad and c1 = 1 + 1/q² − grad.
     */
    private static double dA(CellDerivatives cd, double l1, double l2, double z, double rho, double r2, double grad,
                             double c1, double dr, double dz, double dN, double dQ2, double db, double dInvN) {
        ProfileGeometry g = cd.g;
        double dl1 = -(db * g.invN * z + g.b * dInvN * z + g.b * g.invN * dz) / rho - l1 * dr / rho;
        double dl2 = -dl1 * (1 - g.invN) / rho + l1 * dInvN / rho - l2 * dr / rho;
        double dGrad = (dN - grad * 2 * rho * dr) / r2;
        return (2 * l1 * dl1 + dl2) * grad + (l1 * l1 + l2) * dGrad + dl1 * c1 / rho + l1 * (dQ2 - dGrad) / rho
                - l1 * c1 * dr / r2;
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

    /** One thread's work arrays and transforms, for a number of cell channels (and the y0 derivative's spectrum). */
    private static final class Work {
        final DoubleFFT_1D rowFft, colFft;
        final double[] col, col2, pyr, pyi, qyr, qyi, pairSr, pairSi, pairDr, pairDi;
        final double[][] row, fine, fineRe, fineIm;
        final double[][][] spec;

        boolean fits(int n, int rows, int nf) {
            return row[0].length == n && spec[0].length == Math.max(rows, n) && fine[0].length == nf * nf;
        }

        Work(int n, int rows, int nf, int channels, boolean centre) {
            rowFft = new DoubleFFT_1D(n);
            colFft = new DoubleFFT_1D(n);
            row = new double[channels][n];
            col = new double[2 * n];
            col2 = centre ? new double[2 * n] : null;
            spec = new double[channels + (centre ? 1 : 0)][Math.max(rows, n)][n];
            fine = new double[channels][nf * nf];
            fineRe = new double[channels][nf * (n / 2)];
            fineIm = new double[channels][nf * (n / 2)];
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
