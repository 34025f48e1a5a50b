package org.sersic4j.render;

/**
 * The convolution kernel that turns cell fluxes into PSF-convolved pixel values.
 *
 * <p>A pixel's value is Σ_cells F_c K(x_pixel − x_cell), where F_c is the profile's flux in a cell of side h = 1/k
 * and K is the <em>effective</em> PSF (pixel response included) with the cell's own box response divided out:
 * K̂ = ePSF̂ / sinc(h u) sinc(h v). For an effective PSF image the pixel is thus integrated exactly once; for an
 * optical PSF sampled at pixel centres the pixel box is applied here, K̂ = PSF̂ sinc(u) sinc(v) / sinc(h u) sinc(h v).
 * K is evaluated at any sub-pixel offset by the Fourier series of the zero-padded PSF (exact interpolation of a
 * band-limited PSF), which is how a galaxy's sub-pixel position is honoured without resampling the cusp.
 */
public final class PsfKernel {
    private final int radius, oversample, period, nf;
    /** Real and imaginary parts of the filtered Fourier coefficients, [v][u], u, v = −(nf−1)/2 … (nf−1)/2. */
    private final double[] re, im;

    /** Prepares the kernel of a PSF for cells of side 1/oversample. */
    public PsfKernel(PixelPsf psf, int oversample) {
        this.radius = psf.radius();
        this.oversample = oversample;
        this.period = 2 * psf.size() + 1;
        this.nf = period;
        int half = (nf - 1) / 2;
        double h = 1.0 / oversample;
        double[] cosT = new double[period], sinT = new double[period];
        for (int i = 0; i < period; i++) {
            cosT[i] = Math.cos(2 * Math.PI * i / period);
            sinT[i] = Math.sin(2 * Math.PI * i / period);
        }
        int s = psf.size();
        // Row transform: A[y][u] = Σ_x psf(x, y) e^{−2πi u x / P}.
        double[] ar = new double[s * nf], ai = new double[s * nf];
        for (int y = 0; y < s; y++) {
            for (int u = -half; u <= half; u++) {
                double sr = 0, si = 0;
                for (int x = -radius; x <= radius; x++) {
                    int idx = Math.floorMod(u * x, period);
                    double val = psf.at(x, y - radius);
                    sr += val * cosT[idx];
                    si -= val * sinT[idx];
                }
                ar[y * nf + u + half] = sr;
                ai[y * nf + u + half] = si;
            }
        }
        re = new double[nf * nf];
        im = new double[nf * nf];
        double[] filter = new double[nf];
        for (int u = -half; u <= half; u++) {
            double f = (double) u / period;
            double g = 1 / sinc(h * f);
            if (!psf.pixelIncluded()) g *= sinc(f);
            filter[u + half] = g;
        }
        for (int v = -half; v <= half; v++) {
            for (int u = -half; u <= half; u++) {
                double sr = 0, si = 0;
                for (int y = -radius; y <= radius; y++) {
                    int idx = Math.floorMod(v * y, period);
                    double r = ar[(y + radius) * nf + u + half], i = ai[(y + radius) * nf + u + half];
                    double c = cosT[idx], sn = -sinT[idx];
                    sr += r * c - i * sn;
                    si += r * sn + i * c;
                }
                double g = filter[u + half] * filter[v + half] / ((double) period * period);
                re[(v + half) * nf + u + half] = sr * g;
                im[(v + half) * nf + u + half] = si * g;
            }
        }
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Half-width of the PSF footprint in pixels. */
    public int radius() {
        return radius;
    }

    /** Cells per pixel along an axis. */
    public int oversample() {
        return oversample;
    }

    /** Taps along one axis: the footprint (2·radius + 1 pixels) in cells. */
    public int taps() {
        return (2 * radius + 1) * oversample;
    }

    /**
     * K at the offsets (t0x − w h, t0y − v h) for w, v = 0 … taps − 1, row-major [v][w]. Offsets beyond the
     * footprint (|t| &gt; radius + 1/2) are zero.
     */
    public double[] sample(double t0x, double t0y) {
        int nt = taps(), half = (nf - 1) / 2;
        double h = 1.0 / oversample, limit = radius + 0.5 + 1e-9;
        // B[w][v] = Σ_u c(u, v) e^{2πi u tx_w / P}.
        double[] br = new double[nt * nf], bi = new double[nt * nf];
        double[] cu = new double[nf], su = new double[nf];
        for (int w = 0; w < nt; w++) {
            double tx = t0x - w * h;
            if (Math.abs(tx) > limit) continue;
            for (int u = -half; u <= half; u++) {
                double a = 2 * Math.PI * u * tx / period;
                cu[u + half] = Math.cos(a);
                su[u + half] = Math.sin(a);
            }
            for (int v = 0; v < nf; v++) {
                double sr = 0, si = 0;
                int row = v * nf;
                for (int u = 0; u < nf; u++) {
                    double r = re[row + u], i = im[row + u];
                    sr += r * cu[u] - i * su[u];
                    si += r * su[u] + i * cu[u];
                }
                br[w * nf + v] = sr;
                bi[w * nf + v] = si;
            }
        }
        double[] out = new double[nt * nt];
        double[] cv = new double[nf], sv = new double[nf];
        for (int vv = 0; vv < nt; vv++) {
            double ty = t0y - vv * h;
            if (Math.abs(ty) > limit) continue;
            for (int v = -half; v <= half; v++) {
                double a = 2 * Math.PI * v * ty / period;
                cv[v + half] = Math.cos(a);
                sv[v + half] = Math.sin(a);
            }
            for (int w = 0; w < nt; w++) {
                double tx = t0x - w * h;
                if (Math.abs(tx) > limit) continue;
                double sum = 0;
                int row = w * nf;
                for (int v = 0; v < nf; v++) sum += br[row + v] * cv[v] - bi[row + v] * sv[v];
                out[vv * nt + w] = sum;
            }
        }
        return out;
    }
}
