package org.sersic4j.render;

import org.jtransforms.fft.DoubleFFT_2D;

/**
 * Convolves a stamp's cell fluxes with a PSF by FFT, for one PSF, cell size and stamp size.
 *
 * <p>Pixel (ix, iy) = Σ_c F_c K(t0 + i − x_c), with K the effective PSF with the cell's box divided out:
 * K̂(f) = ePSF̂(f) / (sinc(fx/k) sinc(fy/k)), times sinc(fx) sinc(fy) when the PSF image lacks the pixel response, so
 * that the pixel is integrated exactly once. K is the band-limited interpolant of the PSF samples (their DTFT over
 * |f| &lt; 1/2), evaluated at the stamp's sub-pixel offset t0 by one inverse FFT and cut off smoothly beyond the footprint
 * ({@link #window}): the Aparapi kernel sums the same taps directly, this class sums them by FFT.
 * Thread-safe.
 */
final class FftConvolver {
    private final int k, width, height, mx, my, nx, ny;
    /** K̂ on the M × M band, [row (fy)][2·col (fx)] interleaved re/im, unshifted FFT order. */
    private final double[][] spectrum;
    /** The effective PSF's own spectrum (K̂ times the cell box), for point sources. */
    private final double[][] pointSpectrum;
    private final int radius;
    private final ThreadLocal<DoubleFFT_2D> fineInverse;
    private final int cx, cy;
    private final ThreadLocal<DoubleFFT_2D> correlation;

    FftConvolver(PixelPsf psf, int k, int width, int height) {
        this.k = k;
        this.width = width;
        this.height = height;
        int r = psf.radius();
        // The taps are the M-periodic sum of the PSF's interpolant: M of about twice the kernel span keeps the
        // periodic copies' ringing negligible and, unlike a period tied to the stamp, keeps big stamps cheap.
        this.mx = niceSize(4 * r + 10);
        this.my = mx;
        this.nx = mx * k;
        this.ny = my * k;
        this.spectrum = kernelSpectrum(psf, k, mx, my);
        this.pointSpectrum = boxed(spectrum, k, mx, my);
        this.radius = r;
        int nt = StampLayout.taps(r, k);
        this.cx = niceSize((width - 1) * k + nt);
        this.cy = niceSize((height - 1) * k + nt);
        this.correlation = ThreadLocal.withInitial(() -> new DoubleFFT_2D(cy, cx));
        this.fineInverse = ThreadLocal.withInitial(() -> new DoubleFFT_2D(ny, nx));
    }

    /** Smallest n' ≥ n whose only prime factors are 2, 3 and 5. */
    static int niceSize(int n) {
        for (int m = n; ; m++) {
            int x = m;
            for (int p : new int[] {2, 3, 5}) while (x % p == 0) x /= p;
            if (x == 1) return m;
        }
    }

    /** Frequency (cycles per pixel) of FFT bin j of an M-point band. */
    private static double freq(int j, int m) {
        return (j < (m + 1) / 2 ? j : j - m) / (double) m;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    private static double[][] kernelSpectrum(PixelPsf psf, int k, int mx, int my) {
        int r = psf.radius(), s = psf.size();
        // Row DTFT: a[y][fx] = Σ_x e(x, y) exp(−2πi fx x).
        double[][] ar = new double[s][mx], ai = new double[s][mx];
        for (int j = 0; j < mx; j++) {
            double f = freq(j, mx);
            for (int y = -r; y <= r; y++) {
                double sr = 0, si = 0;
                for (int x = -r; x <= r; x++) {
                    double v = psf.at(x, y), a = -2 * Math.PI * f * x;
                    sr += v * Math.cos(a);
                    si += v * Math.sin(a);
                }
                ar[y + r][j] = sr;
                ai[y + r][j] = si;
            }
        }
        double[][] out = new double[my][2 * mx];
        for (int i = 0; i < my; i++) {
            double fy = freq(i, my);
            boolean nyqY = my % 2 == 0 && i == my / 2;
            for (int j = 0; j < mx; j++) {
                double fx = freq(j, mx);
                if (nyqY || (mx % 2 == 0 && j == mx / 2)) continue;
                double sr = 0, si = 0;
                for (int y = -r; y <= r; y++) {
                    double a = -2 * Math.PI * fy * y, c = Math.cos(a), sn = Math.sin(a);
                    double pr = ar[y + r][j], pi = ai[y + r][j];
                    sr += pr * c - pi * sn;
                    si += pr * sn + pi * c;
                }
                double g = 1 / (sinc(fx / k) * sinc(fy / k));
                if (!psf.pixelIncluded()) g *= sinc(fx) * sinc(fy);
                out[i][2 * j] = sr * g;
                out[i][2 * j + 1] = si * g;
            }
        }
        return out;
    }

    /** K̂ times the cell box: the effective PSF's interpolant, what a point source (a delta, not a cell) is drawn with. */
    private static double[][] boxed(double[][] spectrum, int k, int mx, int my) {
        double[][] out = new double[my][2 * mx];
        for (int i = 0; i < my; i++) {
            double fy = freq(i, my);
            for (int j = 0; j < mx; j++) {
                double b = sinc(freq(j, mx) / k) * sinc(fy / k);
                out[i][2 * j] = spectrum[i][2 * j] * b;
                out[i][2 * j + 1] = spectrum[i][2 * j + 1] * b;
            }
        }
        return out;
    }

    /**
     * The cut-off of the kernel along one axis, a function of the offset t alone (so the image is symmetric and
     * continuous in the galaxy's position): 1 out to the footprint edge R + 1/2, a cos² taper to 0 at R + 3/2, where
     * the effective PSF has all but reached zero.
     */
    private double window(double t) {
        return window(t, radius);
    }

    /** {@link #window(double)} for a PSF of the given footprint radius. */
    static double window(double t, int radius) {
        double a = Math.abs(t), edge = radius + 0.5, reach = StampLayout.kernelReach(radius);
        if (a <= edge) return 1;
        if (a >= reach) return 0;
        double c = Math.cos(0.5 * Math.PI * (a - edge) / (reach - edge));
        return c * c;
    }

    /**
     * The kernel before its cut-off window, tabulated once per PSF for interpolation on a device: K at t = start + i·step
     * (i = 0 … n − 1, the same grid along y; row-major [iy][ix]) with step = 1/(k·samplesPerCell), covering the
     * kernel's reach plus two steps so that a four-point interpolation never leaves the table.
     */
    synchronized TapTable tapTable() {
        if (table == null) table = tapTable(TABLE_SAMPLES);
        return table;
    }

    /** Table samples per cell along each axis: cubic interpolation at 1/8 of a cell is accurate to ~1e-6 of the peak. */
    static final int TABLE_SAMPLES = 8;

    private TapTable table;

    /** {@link #tapTable()} at a chosen sampling. */
    TapTable tapTable(int samplesPerCell) {
        double step = 1.0 / (k * samplesPerCell), reach = StampLayout.kernelReach(radius) + 2 * step;
        int n = (int) Math.ceil(2 * reach / step) + 1;
        double start = -reach;
        int hx = mx, hy = my;
        // Separable evaluation of K(tx, ty) = (1/M²) Re Σ_v Σ_u K̂(v, u) exp(2πi (u tx + v ty) / M).
        double[][] ar = new double[n][hy], ai = new double[n][hy];
        double[] cu = new double[hx], su = new double[hx];
        for (int ix = 0; ix < n; ix++) {
            double t = start + ix * step;
            for (int j = 0; j < hx; j++) {
                double a = 2 * Math.PI * freq(j, hx) * t;
                cu[j] = Math.cos(a);
                su[j] = Math.sin(a);
            }
            for (int i = 0; i < hy; i++) {
                double sr = 0, si = 0;
                double[] row = spectrum[i];
                for (int j = 0; j < hx; j++) {
                    double kr = row[2 * j], ki = row[2 * j + 1];
                    sr += kr * cu[j] - ki * su[j];
                    si += kr * su[j] + ki * cu[j];
                }
                ar[ix][i] = sr;
                ai[ix][i] = si;
            }
        }
        float[] values = new float[n * n];
        double[] cv = new double[hy], sv = new double[hy];
        double norm = 1.0 / ((double) hx * hy);
        for (int iy = 0; iy < n; iy++) {
            double t = start + iy * step;
            for (int i = 0; i < hy; i++) {
                double a = 2 * Math.PI * freq(i, hy) * t;
                cv[i] = Math.cos(a);
                sv[i] = Math.sin(a);
            }
            for (int ix = 0; ix < n; ix++) {
                double sum = 0;
                double[] r = ar[ix], im = ai[ix];
                for (int i = 0; i < hy; i++) sum += r[i] * cv[i] - im[i] * sv[i];
                values[iy * n + ix] = (float) (sum * norm);
            }
        }
        return new TapTable(values, n, start, step, radius);
    }

    /** A tabulated kernel: values[iy·n + ix] = K(start + ix·step, start + iy·step); see {@link #tapTable}. */
    record TapTable(float[] values, int n, double start, double step, int radius) {}

    /**
     * The same kernel as taps for direct convolution: K(t0 − (w, v)/k) for w, v = 0 … nt − 1, row-major [v][w], so
     * that a direct sum over cells reproduces {@link #convolve} exactly.
     */
    double[] taps(double t0x, double t0y, int nt) {
        return taps(spectrum, t0x, t0y, nt);
    }

    /**
     * {@link #taps} for a point source at the cell of offset t0: the effective PSF's interpolant, without the cell box
     * divided out, so that a cell holding a source's whole flux draws flux × ePSF(t0 + i − x_c).
     */
    double[] pointTaps(double t0x, double t0y, int nt) {
        return taps(pointSpectrum, t0x, t0y, nt);
    }

    /** {@link #tapsWithGradient} for a point source (see {@link #pointTaps}). */
    double[][] pointTapsWithGradient(double t0x, double t0y, int nt) {
        return tapsWithGradient(pointSpectrum, t0x, t0y, nt);
    }

    private double[] taps(double[][] spectrum, double t0x, double t0y, int nt) {
        double[][] b = new double[ny][2 * nx];
        for (int i = 0; i < my; i++) {
            double ph = 2 * Math.PI * freq(i, my) * t0y, ryr = Math.cos(ph), ryi = Math.sin(ph);
            int dstRow = i < (my + 1) / 2 ? i : ny - (my - i);
            for (int j = 0; j < mx; j++) {
                double ph2 = 2 * Math.PI * freq(j, mx) * t0x, pr0 = Math.cos(ph2), pi0 = Math.sin(ph2);
                double pr = pr0 * ryr - pi0 * ryi, pi = pr0 * ryi + pi0 * ryr;
                double kr = spectrum[i][2 * j], ki = spectrum[i][2 * j + 1];
                int dstCol = j < (mx + 1) / 2 ? j : nx - (mx - j);
                b[dstRow][2 * dstCol] = kr * pr - ki * pi;
                b[dstRow][2 * dstCol + 1] = kr * pi + ki * pr;
            }
        }
        fineInverse.get().complexInverse(b, false);
        double norm = 1.0 / ((double) mx * my), h = 1.0 / k;
        double[] wx = new double[nt], wy = new double[nt];
        for (int w = 0; w < nt; w++) {
            wx[w] = window(t0x - w * h);
            wy[w] = window(t0y - w * h);
        }
        double[] out = new double[nt * nt];
        for (int v = 0; v < nt; v++) {
            double[] row = b[Math.floorMod(-v, ny)];
            for (int w = 0; w < nt; w++) out[v * nt + w] = row[2 * Math.floorMod(-w, nx)] * norm * wx[w] * wy[v];
        }
        return out;
    }

    /**
     * The taps of {@link #taps} and their derivatives with respect to t0x and t0y (the window's slope included):
     * {taps, ∂taps/∂t0x, ∂taps/∂t0y}, each row-major [v][w]. K and ∂K/∂t0x come from one inverse FFT (both are real,
     * so the second rides in the imaginary part), ∂K/∂t0y from another.
     */
    double[][] tapsWithGradient(double t0x, double t0y, int nt) {
        return tapsWithGradient(spectrum, t0x, t0y, nt);
    }

    private double[][] tapsWithGradient(double[][] spectrum, double t0x, double t0y, int nt) {
        double[][] kx = new double[ny][2 * nx], ky = new double[ny][2 * nx];
        for (int i = 0; i < my; i++) {
            double fy = freq(i, my);
            double ph = 2 * Math.PI * fy * t0y, ryr = Math.cos(ph), ryi = Math.sin(ph);
            int dstRow = i < (my + 1) / 2 ? i : ny - (my - i);
            for (int j = 0; j < mx; j++) {
                double fx = freq(j, mx);
                double ph2 = 2 * Math.PI * fx * t0x, pr0 = Math.cos(ph2), pi0 = Math.sin(ph2);
                double pr = pr0 * ryr - pi0 * ryi, pi = pr0 * ryi + pi0 * ryr;
                double kr = spectrum[i][2 * j], ki = spectrum[i][2 * j + 1];
                double br = kr * pr - ki * pi, bi = kr * pi + ki * pr;
                int dstCol = j < (mx + 1) / 2 ? j : nx - (mx - j);
                // B + i·(2πi fx B) = B (1 − 2π fx): K + i K'_x after the inverse; likewise (2πi fy B) alone for K'_y.
                double sx = 1 - 2 * Math.PI * fx;
                kx[dstRow][2 * dstCol] = br * sx;
                kx[dstRow][2 * dstCol + 1] = bi * sx;
                double wy = 2 * Math.PI * fy;
                ky[dstRow][2 * dstCol] = -bi * wy;
                ky[dstRow][2 * dstCol + 1] = br * wy;
            }
        }
        DoubleFFT_2D inv = fineInverse.get();
        inv.complexInverse(kx, false);
        inv.complexInverse(ky, false);
        double norm = 1.0 / ((double) mx * my), h = 1.0 / k;
        double[] wx = new double[nt], wy = new double[nt], dwx = new double[nt], dwy = new double[nt];
        for (int w = 0; w < nt; w++) {
            wx[w] = window(t0x - w * h);
            wy[w] = window(t0y - w * h);
            dwx[w] = windowSlope(t0x - w * h, radius);
            dwy[w] = windowSlope(t0y - w * h, radius);
        }
        double[] taps = new double[nt * nt], dx = new double[nt * nt], dy = new double[nt * nt];
        for (int v = 0; v < nt; v++) {
            int row = Math.floorMod(-v, ny);
            double[] a = kx[row], b = ky[row];
            for (int w = 0; w < nt; w++) {
                int col = 2 * Math.floorMod(-w, nx);
                double kv = a[col] * norm, kdx = a[col + 1] * norm, kdy = b[col] * norm;
                int o = v * nt + w;
                taps[o] = kv * wx[w] * wy[v];
                dx[o] = (kdx * wx[w] + kv * dwx[w]) * wy[v];
                dy[o] = (kdy * wy[v] + kv * dwy[v]) * wx[w];
            }
        }
        return new double[][] {taps, dx, dy};
    }

    /** d{@link #window(double, int)}/dt. */
    static double windowSlope(double t, int radius) {
        double a = Math.abs(t), edge = radius + 0.5, reach = StampLayout.kernelReach(radius);
        if (a <= edge || a >= reach) return 0;
        double span = reach - edge, x = 0.5 * Math.PI * (a - edge) / span;
        return -Math.sin(2 * x) * 0.5 * Math.PI / span * Math.signum(t);
    }

    /**
     * Several correlations at once, sharing transforms: output j is the stamp from cell image {@code cellIndex[j]} and
     * tap set {@code tapIndex[j]}, each exactly as {@link #convolve} would compute it.
     */
    double[][] convolveMany(double[][] cellImages, int cellsX, int cellsY, double[][] tapSets, int[] cellIndex,
                            int[] tapIndex) {
        int nt = StampLayout.taps(radius, k);
        DoubleFFT_2D fft = correlation.get();
        // Every input is real, so two share one complex transform (x + iy), separated by conjugate symmetry.
        int nc = cellImages.length, n = nc + tapSets.length;
        double[][][] spectra = new double[n][][];
        for (int s0 = 0; s0 < n; s0 += 2) {
            double[][] z = new double[cy][2 * cx];
            for (int half = 0; half < 2 && s0 + half < n; half++) {
                int src = s0 + half;
                boolean cell = src < nc;
                double[] data = cell ? cellImages[src] : tapSets[src - nc];
                int rows = cell ? cellsY : nt, cols = cell ? cellsX : nt;
                for (int y = 0; y < rows; y++) {
                    double[] row = z[y];
                    for (int x = 0; x < cols; x++) row[2 * x + half] = data[y * cols + x];
                }
            }
            fft.complexForward(z);
            if (s0 + 1 >= n) {
                spectra[s0] = z;
                continue;
            }
            double[][] x1 = new double[cy][2 * cx], y1 = new double[cy][2 * cx];
            for (int ky = 0; ky < cy; ky++) {
                double[] zr = z[ky], zm = z[(cy - ky) % cy], xr = x1[ky], yr = y1[ky];
                for (int kx = 0; kx < cx; kx++) {
                    int m = 2 * ((cx - kx) % cx);
                    double ar = zr[2 * kx], ai = zr[2 * kx + 1], br = zm[m], bi = -zm[m + 1];
                    xr[2 * kx] = 0.5 * (ar + br);
                    xr[2 * kx + 1] = 0.5 * (ai + bi);
                    yr[2 * kx] = 0.5 * (ai - bi);
                    yr[2 * kx + 1] = -0.5 * (ar - br);
                }
            }
            spectra[s0] = x1;
            spectra[s0 + 1] = y1;
        }
        double[][][] a = new double[nc][][], b = new double[tapSets.length][][];
        System.arraycopy(spectra, 0, a, 0, nc);
        System.arraycopy(spectra, nc, b, 0, tapSets.length);
        double[][] out = new double[cellIndex.length][];
        double[][] work = new double[cy][2 * cx];
        // Two real outputs per inverse transform: X + iY inverts to x + iy.
        for (int j = 0; j < cellIndex.length; j += 2) {
            boolean pair = j + 1 < cellIndex.length;
            double[][] a1 = a[cellIndex[j]], b1 = b[tapIndex[j]];
            double[][] a2 = pair ? a[cellIndex[j + 1]] : null, b2 = pair ? b[tapIndex[j + 1]] : null;
            for (int y = 0; y < cy; y++) {
                double[] r1 = a1[y], s1 = b1[y], dst = work[y];
                double[] r2 = pair ? a2[y] : null, s2 = pair ? b2[y] : null;
                for (int x = 0; x < cx; x++) {
                    double ar = r1[2 * x], ai = r1[2 * x + 1], br = s1[2 * x], bi = -s1[2 * x + 1];
                    double pr = ar * br - ai * bi, pi = ar * bi + ai * br;
                    if (pair) {
                        double cr = r2[2 * x], ci = r2[2 * x + 1], dr = s2[2 * x], di = -s2[2 * x + 1];
                        double qr = cr * dr - ci * di, qi = cr * di + ci * dr;
                        pr -= qi;
                        pi += qr;
                    }
                    dst[2 * x] = pr;
                    dst[2 * x + 1] = pi;
                }
            }
            fft.complexInverse(work, true);
            double[] o1 = new double[width * height], o2 = pair ? new double[width * height] : null;
            for (int y = 0; y < height; y++) {
                double[] row = work[k * y];
                for (int x = 0; x < width; x++) {
                    o1[y * width + x] = row[2 * k * x];
                    if (pair) o2[y * width + x] = row[2 * k * x + 1];
                }
            }
            out[j] = o1;
            if (pair) out[j + 1] = o2;
        }
        return out;
    }

    /**
     * Pixels of the stamp from its cells (cellsX × cellsY at spacing 1/k; tap-0 offset t0 as in {@link StampLayout}):
     * out(ix, iy) = Σ_{w,v} cells(k·ix + w, k·iy + v) · taps(w, v), the same sum as a direct convolution with
     * {@link #taps}, evaluated as a correlation by FFT on a grid just large enough for the cells (nothing wraps).
     */
    double[] convolve(double[] cells, int cellsX, int cellsY, double t0x, double t0y) {
        int nt = StampLayout.taps(radius, k);
        return convolveMany(new double[][] {cells}, cellsX, cellsY, new double[][] {taps(t0x, t0y, nt)},
                new int[] {0}, new int[] {0})[0];
    }

}
