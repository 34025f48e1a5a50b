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
    public static final int GAL_STRIDE = 18;
    static final int O_DX = 0, O_DY = 1, COS = 2, SIN = 3, Q = 4, RE = 5, N = 6, INV_N = 7, B = 8, IE = 9,
            LNG = 10, FLOOR_SB = 11, FLUX = 12, A = 13, INV_RE2 = 14, HALF_INV_N = 15,
            T0X = 16, T0Y = 17;

    int pass, total, cellsX, cellsY, width, height, taps, k, edgePoints;
    float h, tol;
    float[] gal = new float[1], cells = new float[1], kern = new float[1], out = new float[1];
    float[] table = new float[1];
    int tableN;
    float tableStart, tableStep, windowEdge, windowReach;
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

    /**
     * Binds a tabulated kernel (values[iy·n + ix] at start + i·step) from which pass 2 interpolates each stamp's taps,
     * with the cut-off window 1 inside |t| ≤ edge and a cos² taper to 0 at reach; sends it to the device.
     */
    public void setTapTable(float[] values, int n, float start, float step, float edge, float reach) {
        table = values;
        tableN = n;
        tableStart = start;
        tableStep = step;
        windowEdge = edge;
        windowReach = reach;
        put(table);
    }

    /** Selects pass 0 (cells), 1 (convolution) or 2 (taps from the table) and the number of work items that work. */
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
            } else if (pass == 1) {
                pixel(gid);
            } else {
                tap(gid);
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

    /** Tap (w, v) of stamp s: the table's kernel at (t0x − w h, t0y − v h) by 4×4-point Lagrange interpolation, windowed. */
    private void tap(int gid) {
        int per = taps * taps;
        int s = gid / per, r = gid - s * per;
        int v = r / taps, w = r - v * taps;
        int o = s * GAL_STRIDE;
        float tx = gal[o + T0X] - w * h, ty = gal[o + T0Y] - v * h;
        float value = 0f;
        if (abs(tx) < windowReach && abs(ty) < windowReach) {
            float fx = (tx - tableStart) / tableStep, fy = (ty - tableStart) / tableStep;
            int ix = (int) floor(fx), iy = (int) floor(fy);
            float ax = fx - ix, ay = fy - iy;
            float sum = 0f;
            for (int b = 0; b < 4; b++) {
                float wyb = lagrange(ay, b);
                int row = (iy - 1 + b) * tableN + ix - 1;
                float rowSum = 0f;
                for (int a = 0; a < 4; a++) {
                    rowSum += lagrange(ax, a) * table[row + a];
                }
                sum += wyb * rowSum;
            }
            value = sum * window(tx) * window(ty);
        }
        kern[gid] = value;
    }

    /** Weight of node a (at −1, 0, 1, 2) of the cubic Lagrange interpolant at fraction f ∈ [0, 1). */
    private float lagrange(float f, int a) {
        float result = (f + 1f) * f * (f - 1f) / 6f;
        if (a == 0) {
            result = -f * (f - 1f) * (f - 2f) / 6f;
        }
        if (a == 1) {
            result = (f + 1f) * (f - 1f) * (f - 2f) / 2f;
        }
        if (a == 2) {
            result = -(f + 1f) * f * (f - 2f) / 2f;
        }
        return result;
    }

    private float window(float t) {
        float a = abs(t);
        float result = 0f;
        if (a <= windowEdge) {
            result = 1f;
        } else if (a < windowReach) {
            float c = cos(1.5707964f * (a - windowEdge) / (windowReach - windowEdge));
            result = c * c;
        }
        return result;
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
