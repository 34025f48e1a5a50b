package org.sersic4j.render.kernel;

import com.aparapi.Kernel;

/**
 * The Aparapi OpenCL kernel: the float twin of {@code CellIntegrator} and {@code JavaReferenceRenderer.convolve}.
 * One entry point ({@link #run()}); the field {@code pass} selects the work: pass 0 integrates every cell of every
 * stamp (one work item per cell), pass 1 convolves cells into pixels (one work item per output pixel). Buffers stay
 * on the device between the passes (explicit transfers, driven by {@code AparapiRenderer}).
 */
public final class SersicStampKernel extends Kernel {
    /** Floats per stamp in {@link #gal}. */
    public static final int GAL_STRIDE = 16;
    static final int O_DX = 0, O_DY = 1, COS = 2, SIN = 3, Q = 4, RE = 5, N = 6, INV_N = 7, B = 8, IE = 9,
            LNG = 10, FLOOR_SB = 11, FLUX = 12, A = 13, INV_RE2 = 14, HALF_INV_N = 15;

    int pass, total, cellsX, cellsY, width, height, taps, k, edgePoints;
    float h, tol;
    float[] gal = new float[1], cells = new float[1], kern = new float[1], out = new float[1];
    float[] glNode = new float[1], glWeight = new float[1], errRatio = new float[1];

    /** Sets the quadrature tables (packed Gauss–Legendre nodes/weights, log error constants, edge rule size). */
    public void setTables(float[] nodes, float[] weights, float[] errorConstantRatios, int edgeRulePoints) {
        glNode = nodes;
        glWeight = weights;
        errRatio = errorConstantRatios;
        edgePoints = edgeRulePoints;
    }

    /** Binds one batch's buffers and geometry and sends the inputs to the device. */
    public void setBatch(float[] galaxies, float[] cellBuffer, float[] kernelTaps, float[] output, int cx, int cy,
                         int w, int hgt, int nTaps, int oversample, float tolerance) {
        gal = galaxies;
        cells = cellBuffer;
        kern = kernelTaps;
        out = output;
        cellsX = cx;
        cellsY = cy;
        width = w;
        height = hgt;
        taps = nTaps;
        k = oversample;
        h = 1f / oversample;
        tol = tolerance;
        put(glNode).put(glWeight).put(errRatio).put(gal).put(kern).put(cells).put(out);
    }

    /** Selects pass 0 (cells) or 1 (convolution) and the number of work items that do work. */
    public void setPass(int which, int workItems) {
        pass = which;
        total = workItems;
    }

    @Override
    public void run() {
        int gid = getGlobalId();
        if (gid < total) {
            if (pass == 0) {
                cell(gid);
            } else {
                pixel(gid);
            }
        }
    }

    private void cell(int gid) {
        int per = cellsX * cellsY;
        int s = gid / per, c = gid - s * per;
        int cy = c / cellsX, cx = c - cy * cellsX;
        int o = s * GAL_STRIDE;
        float dx = gal[o + O_DX] + cx * h, dy = gal[o + O_DY] + cy * h;
        float value = 0f;
        if (gal[o + FLUX] != 0f) {
            int m = plan(o, dx, dy);
            if (m == 0) {
                value = polarFlux(o, dx, dy);
            } else {
                value = gaussFlux(o, dx, dy, m);
            }
        }
        cells[gid] = value;
    }

    private void pixel(int gid) {
        int per = width * height;
        int s = gid / per, p = gid - s * per;
        int iy = p / width, ix = p - iy * width;
        int cellBase = s * cellsX * cellsY, tapBase = s * taps * taps;
        float sum = 0f;
        for (int v = 0; v < taps; v++) {
            int row = cellBase + (k * iy + v) * cellsX + k * ix, trow = tapBase + v * taps;
            for (int w = 0; w < taps; w++) {
                sum += cells[row + w] * kern[trow + w];
            }
        }
        out[gid] = sum;
    }

    private float u(int o, float dx, float dy) {
        return -gal[o + SIN] * dx + gal[o + COS] * dy;
    }

    private float v(int o, float dx, float dy) {
        return (gal[o + COS] * dx + gal[o + SIN] * dy) / gal[o + Q];
    }

    private int plan(int o, float dx, float dy) {
        float w = h * 0.70710678f / gal[o + Q];
        float uu = u(o, dx, dy), vv = v(o, dx, dy);
        float rho = sqrt(uu * uu + vv * vv);
        int m = 0;
        if (rho >= 2f * w) {
            float rMin = rho - w;
            float z = pow(rMin / gal[o + RE], gal[o + INV_N]);
            float scale = min(rMin, gal[o + N] * rMin / (gal[o + B] * z));
            float x2 = 4f * w * w / (scale * scale);
            float sb = gal[o + IE] * exp(-gal[o + B] * (z - 1f));
            float p = sb / (tol * max(sb, gal[o + FLOOR_SB])) * errRatio[0] * x2;
            m = 1;
            while (m < 16 && p > 1f) {
                p = p * x2 * errRatio[m];
                m++;
            }
        }
        return m;
    }

    private float gaussFlux(int o, float dx, float dy, int m) {
        float hw = 0.5f * h, sum = 0f;
        int off = (m - 1) * m / 2;
        for (int j = 0; j < m; j++) {
            float y = dy + hw * glNode[off + j];
            float row = 0f;
            for (int i = 0; i < m; i++) {
                float x = dx + hw * glNode[off + i];
                float uu = u(o, x, y), vv = v(o, x, y);
                row += glWeight[off + i] * gal[o + IE]
                        * exp(-gal[o + B] * (pow((uu * uu + vv * vv) * gal[o + INV_RE2], gal[o + HALF_INV_N]) - 1f));
            }
            sum += glWeight[off + j] * row;
        }
        return sum * hw * hw;
    }

    private float polarFlux(int o, float dx, float dy) {
        float hw = 0.5f * h;
        float x0 = dx - hw, x1 = dx + hw, y0 = dy - hw, y1 = dy + hw;
        float t = edgeSweep(o, u(o, x0, y0), v(o, x0, y0), u(o, x1, y0), v(o, x1, y0))
                + edgeSweep(o, u(o, x1, y0), v(o, x1, y0), u(o, x1, y1), v(o, x1, y1))
                + edgeSweep(o, u(o, x1, y1), v(o, x1, y1), u(o, x0, y1), v(o, x0, y1))
                + edgeSweep(o, u(o, x0, y1), v(o, x0, y1), u(o, x0, y0), v(o, x0, y0));
        return gal[o + FLUX] * 0.15915494f * abs(t);
    }

    private float edgeSweep(int o, float au, float av, float bu, float bv) {
        float eu = bu - au, ev = bv - av;
        float len = sqrt(eu * eu + ev * ev);
        eu = eu / len;
        ev = ev / len;
        float d = au * ev - av * eu;
        float ad = abs(d);
        float result = 0f;
        if (ad >= 1e-6f * len) {
            float sA = au * eu + av * ev, sB = sA + len;
            if (sA < 0f && sB > 0f) {
                result = gradedSide(o, d, ad, 0f, -sA) + gradedSide(o, d, ad, 0f, sB);
            } else if (sB <= 0f) {
                result = gradedSide(o, d, ad, -sB, -sA);
            } else {
                result = gradedSide(o, d, ad, sA, sB);
            }
        }
        return result;
    }

    private float gradedSide(int o, float d, float ad, float s1, float s2) {
        float total = 0f, lo = s1, edge = ad;
        while (edge <= lo) {
            edge = edge * 3f;
        }
        while (lo < s2) {
            float hi = min(edge, s2);
            total += gaussPiece(o, d, ad, lo, hi);
            lo = hi;
            edge = edge * 3f;
        }
        return total;
    }

    private float gaussPiece(int o, float d, float ad, float lo, float hi) {
        int off = (edgePoints - 1) * edgePoints / 2;
        float mid = 0.5f * (lo + hi), hw = 0.5f * (hi - lo), sum = 0f;
        for (int i = 0; i < edgePoints; i++) {
            float s = mid + hw * glNode[off + i];
            float r2 = ad * ad + s * s;
            float x = gal[o + B] * pow(sqrt(r2) / gal[o + RE], gal[o + INV_N]);
            sum += glWeight[off + i] * lowerGamma(gal[o + A], x, gal[o + LNG]) * d / r2;
        }
        return sum * hw;
    }

    /** Regularised lower incomplete gamma P(a, x) in float: series below a + 1, Lentz continued fraction above. */
    private float lowerGamma(float a, float x, float lnGammaA) {
        float result = 0f;
        if (x > 0f) {
            float prefactor = exp(-x + a * log(x) - lnGammaA);
            if (x < a + 1f) {
                float term = 1f / a, sum = term;
                int kk = 1;
                while (kk < 300 && term >= sum * 1e-8f) {
                    term = term * x / (a + kk);
                    sum += term;
                    kk++;
                }
                result = min(1f, prefactor * sum);
            } else {
                float bb = x + 1f - a, c = 1e30f, dd = 1f / bb, hh = dd, del = 0f;
                int i = 1;
                while (i < 300 && abs(del - 1f) >= 1e-7f) {
                    float an = -i * (i - a);
                    bb += 2f;
                    dd = an * dd + bb;
                    if (abs(dd) < 1e-30f) {
                        dd = 1e-30f;
                    }
                    c = bb + an / c;
                    if (abs(c) < 1e-30f) {
                        c = 1e-30f;
                    }
                    dd = 1f / dd;
                    del = dd * c;
                    hh = hh * del;
                    i++;
                }
                result = max(0f, 1f - prefactor * hh);
            }
        }
        return result;
    }
}
