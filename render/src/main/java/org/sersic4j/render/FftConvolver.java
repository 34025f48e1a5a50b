package org.sersic4j.render;

import org.jtransforms.fft.DoubleFFT_2D;

/**
 * Convolves a stamp's cell fluxes with a PSF by FFT, for one PSF, cell size and stamp size.
 *
 * <p>Pixel (ix, iy) = Σ_c F_c K(t0 + i − x_c), with K the effective PSF with the cell's box divided out (see
 * the class comment of {@link JavaReferenceRenderer}). K̂ is band-limited to |f| &lt; 1/2 cycle per pixel, so only that band of the cells' spectrum
 * matters: the cells are transformed on an N-point grid (N = M·k), the central M × M frequencies are multiplied by
 * K̂ and by the phase ramp of the stamp's sub-pixel offset t0, and an M-point inverse transform gives the pixels.
 * M exceeds the stamp plus the PSF footprint on both sides, so nothing wraps around. Thread-safe.
 */
final class FftConvolver {
    private final int k, width, height, mx, my, nx, ny;
    /** K̂ on the M × M band, [row (fy)][2·col (fx)] interleaved re/im, unshifted FFT order. */
    private final double[][] spectrum;
    private final ThreadLocal<DoubleFFT_2D> forward, inverse, fineInverse;

    FftConvolver(PixelPsf psf, int k, int width, int height) {
        this.k = k;
        this.width = width;
        this.height = height;
        int r = psf.radius();
        this.mx = niceSize(width + 2 * r + 5);
        this.my = niceSize(height + 2 * r + 5);
        this.nx = mx * k;
        this.ny = my * k;
        this.spectrum = kernelSpectrum(psf, k, mx, my);
        this.forward = ThreadLocal.withInitial(() -> new DoubleFFT_2D(ny, nx));
        this.inverse = ThreadLocal.withInitial(() -> new DoubleFFT_2D(my, mx));
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

    /**
     * The same kernel as taps for direct convolution: K(t0 − (w, v)/k) for w, v = 0 … nt − 1, row-major [v][w], so
     * that a direct sum over cells reproduces {@link #convolve} exactly.
     */
    double[] taps(double t0x, double t0y, int nt) {
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
        double norm = 1.0 / ((double) mx * my);
        double[] out = new double[nt * nt];
        for (int v = 0; v < nt; v++) {
            double[] row = b[Math.floorMod(-v, ny)];
            for (int w = 0; w < nt; w++) out[v * nt + w] = row[2 * Math.floorMod(-w, nx)] * norm;
        }
        return out;
    }

    /** Pixels of the stamp from its cells (cellsX × cellsY at spacing 1/k; tap-0 offset t0 as in {@link StampLayout}). */
    double[] convolve(double[] cells, int cellsX, int cellsY, double t0x, double t0y) {
        double[][] a = new double[ny][2 * nx];
        for (int y = 0; y < cellsY; y++) System.arraycopy(cells, y * cellsX, a[y], 0, cellsX);
        forward.get().realForwardFull(a);
        double[][] b = new double[my][2 * mx];
        double[] rxr = new double[mx], rxi = new double[mx];
        for (int j = 0; j < mx; j++) {
            double ph = 2 * Math.PI * freq(j, mx) * t0x;
            rxr[j] = Math.cos(ph);
            rxi[j] = Math.sin(ph);
        }
        for (int i = 0; i < my; i++) {
            double fy = freq(i, my);
            int srcRow = i < (my + 1) / 2 ? i : ny - (my - i);
            double ph = 2 * Math.PI * fy * t0y, ryr = Math.cos(ph), ryi = Math.sin(ph);
            double[] src = a[srcRow], ks = spectrum[i], dst = b[i];
            for (int j = 0; j < mx; j++) {
                int srcCol = j < (mx + 1) / 2 ? j : nx - (mx - j);
                double gr = src[2 * srcCol], gi = src[2 * srcCol + 1];
                double kr = ks[2 * j], ki = ks[2 * j + 1];
                double pr = rxr[j] * ryr - rxi[j] * ryi, pi = rxr[j] * ryi + rxi[j] * ryr;
                double tr = gr * kr - gi * ki, ti = gr * ki + gi * kr;
                dst[2 * j] = tr * pr - ti * pi;
                dst[2 * j + 1] = tr * pi + ti * pr;
            }
        }
        inverse.get().complexInverse(b, true);
        double[] out = new double[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) out[y * width + x] = b[y][2 * x];
        }
        return out;
    }
}
