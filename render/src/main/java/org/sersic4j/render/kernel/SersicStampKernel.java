package org.sersic4j.render.kernel;

import com.aparapi.Kernel;

/**
 * The Aparapi OpenCL kernel: the float twin of {@code CellIntegrator} and {@code JavaReferenceRenderer.convolve}, and
 * of {@code StampModel}'s Jacobian for fitting. One entry point ({@link #run()}); the field {@code pass} selects the
 * work. Rendering: pass 0 integrates every cell of every stamp (one work item per cell), pass 1 convolves cells into
 * pixels (one work item per output pixel), pass 2 interpolates each stamp's taps from a tabulated PSF. Fitting (see
 * {@link #FIT_CELLS}): the cells and their derivatives, the taps and their gradient, each pixel's likelihood residual
 * and Jacobian row, and each stamp's sums (JᵀJ, Jᵀr, Σr²). Buffers stay on the device between the passes (explicit
 * transfers, driven by {@code AparapiRenderer} and {@code AparapiFitEvaluator}).
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

    /** Fit pass: the cells and their derivatives (one work item per cell). */
    public static final int FIT_CELLS = 3;
    /** Fit pass: each stamp's taps and their gradient in t0 from its table (one work item per tap). */
    public static final int FIT_TAPS = 4;
    /** Fit pass: the model, its Jacobian, the likelihood's residual and its Jacobian row (one work item per pixel). */
    public static final int FIT_PIXELS = 5;
    /** Fit pass: each stamp's sums over its pixels (one work item per stamp and sum). */
    public static final int FIT_SUMS = 6;
    /** Profile records per stamp in the fit passes: the profile, then re ±, n ±, q ±, PA ± (cusp cells' differences). */
    public static final int FIT_RECORDS = 9;
    /** Floats per stamp in the derivative constants: d b/dn, d ln I_e/dn, the four difference spans, the centre step. */
    public static final int DER_STRIDE = 7;
    static final int D_DBDN = 0, D_DLNIEDN = 1, D_SPAN_RE = 2, D_SPAN_N = 3, D_SPAN_Q = 4, D_SPAN_PA = 5, D_CENTRE = 6;
    /** Floats per stamp in the fit parameters: active (1/0), flux, sky, likelihood kind, its two constants. */
    public static final int PAR_STRIDE = 6;
    static final int P_ACTIVE = 0, P_FLUX = 1, P_SKY = 2, P_KIND = 3, P_C1 = 4, P_C2 = 5;
    /** Likelihood kinds: χ² (aux1 = 1/σ), Poisson (aux1 = data counts; gain, offset), Gaussian (aux1 = m*, aux2 = V*; a, b). */
    public static final int LIK_CHI2 = 0, LIK_POISSON = 1, LIK_GAUSSIAN = 2;
    /** Jacobian columns of a fit: x0, y0, flux, re, n, q, pa (per degree), sky. */
    public static final int FIT_PARAMS = 8;
    /** Per-pixel outputs of the pixel pass: the Jacobian row of the residual, the residual, the χ² and ln 2πσ² terms. */
    public static final int PIXEL_OUTS = FIT_PARAMS + 3;
    /** Sums per stamp: packed JᵀJ (lower triangle, row by row), Jᵀr, Σr², Σχ², Σ ln 2πσ². */
    public static final int SUMS = FIT_PARAMS * (FIT_PARAMS + 1) / 2 + FIT_PARAMS + 3;
    private static final float DEG = 0.017453292f;

    int fitCols;
    float[] fitDer = new float[1], fitPar = new float[1], sums = new float[1];
    float[] pixData = new float[1], pixAux1 = new float[1], pixAux2 = new float[1], pixUse = new float[1];
    int[] tableOf = new int[1];

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
            } else if (pass == 2) {
                tap(gid);
            } else if (pass == FIT_CELLS) {
                fitCell(gid);
            } else if (pass == FIT_TAPS) {
                fitTap(gid);
            } else if (pass == FIT_PIXELS) {
                fitPixel(gid);
            } else {
                fitSum(gid);
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

    /**
     * Binds a fit batch's fixed buffers and geometry and sends them to the device: per-stamp tables (tabulated kernels
     * of one size, {@code tableOf[s]} naming each stamp's), and per pixel the data, the likelihood's two auxiliary
     * values and whether the pixel is fitted. {@code nTaps} = 0 means no PSF (the cells are the pixels).
     */
    public void setFitBatch(float[] tables, int tableSide, float start, float step, float edge, float reach,
                            int[] tableIndex, float[] data, float[] aux1, float[] aux2, float[] use, int cx, int cy,
                            int w, int hgt, int nTaps, int oversample, float tolerance) {
        table = tables;
        tableN = tableSide;
        tableStart = start;
        tableStep = step;
        windowEdge = edge;
        windowReach = reach;
        tableOf = tableIndex;
        pixData = data;
        pixAux1 = aux1;
        pixAux2 = aux2;
        pixUse = use;
        cellsX = cx;
        cellsY = cy;
        width = w;
        height = hgt;
        taps = nTaps;
        k = oversample;
        h = 1f / oversample;
        tol = tolerance;
        fitCols = nTaps > 0 ? 5 : 7;
        put(glNode).put(glWeight).put(errRatio).put(table).put(tableOf).put(pixData).put(pixAux1).put(pixAux2).put(pixUse);
    }

    /**
     * Binds one fit step's inputs (profile records, derivative constants, parameters) and work buffers (cells, taps,
     * pixel outputs, sums) and sends the inputs.
     */
    public void setFitStep(float[] records, float[] derivatives, float[] parameters, float[] cellBuffer,
                           float[] tapBuffer, float[] pixelOutputs, float[] stampSums) {
        gal = records;
        fitDer = derivatives;
        fitPar = parameters;
        cells = cellBuffer;
        kern = tapBuffer;
        out = pixelOutputs;
        sums = stampSums;
        put(gal).put(fitDer).put(fitPar);
    }

    /** Brings the stamps' sums back from the device. */
    public float[] fetchSums() {
        get(sums);
        return sums;
    }

    /** Brings the per-pixel outputs back from the device (for tests and diagnostics). */
    public float[] fetchPixelOutputs() {
        get(out);
        return out;
    }

    private boolean active(int s) {
        return fitPar[s * PAR_STRIDE + P_ACTIVE] != 0f;
    }

    /** The flux of a cell and its derivatives by re, n, q, PA (and, without a PSF, x0 and y0), as StampModel has them. */
    private void fitCell(int gid) {
        int per = cellsX * cellsY;
        int s = gid / per, c = gid - s * per;
        if (active(s)) {
            int cy = c / cellsX, cx = c - cy * cellsX;
            int o = s * FIT_RECORDS * GAL_STRIDE;
            float dx = gal[o + O_DX] + cx * h, dy = gal[o + O_DY] + cy * h;
            int base = s * fitCols * per + c;
            int m = plan(o, dx, dy);
            if (m == 0) {
                polarWithDifferences(o, s, dx, dy, base, per);
            } else {
                gaussWithDerivatives(o, s, dx, dy, m, base, per);
            }
        }
    }

    /** A cusp cell: the exact polar integral and central differences of it (records 1–8 hold the shifted profiles). */
    private void polarWithDifferences(int o, int s, float dx, float dy, int base, int per) {
        int r = GAL_STRIDE, d = s * DER_STRIDE;
        cells[base] = polarFlux(o, dx, dy);
        cells[base + per] = (polarFlux(o + r, dx, dy) - polarFlux(o + 2 * r, dx, dy)) / fitDer[d + D_SPAN_RE];
        cells[base + 2 * per] = (polarFlux(o + 3 * r, dx, dy) - polarFlux(o + 4 * r, dx, dy)) / fitDer[d + D_SPAN_N];
        cells[base + 3 * per] = (polarFlux(o + 5 * r, dx, dy) - polarFlux(o + 6 * r, dx, dy)) / fitDer[d + D_SPAN_Q];
        cells[base + 4 * per] = (polarFlux(o + 7 * r, dx, dy) - polarFlux(o + 8 * r, dx, dy)) / fitDer[d + D_SPAN_PA];
        if (fitCols == 7) {
            // The offset of the cell from the centre falls as the centre rises.
            float e = fitDer[d + D_CENTRE];
            cells[base + 5 * per] = -(polarFlux(o, dx + e, dy) - polarFlux(o, dx - e, dy)) / (2f * e);
            cells[base + 6 * per] = -(polarFlux(o, dx, dy + e) - polarFlux(o, dx, dy - e)) / (2f * e);
        }
    }

    /** The Gauss–Legendre rule of a cell and the same rule applied to ∂I/∂θ (∂ ln I/∂θ written out, as in StampModel). */
    private void gaussWithDerivatives(int o, int s, float dx, float dy, int m, int base, int per) {
        int d = s * DER_STRIDE;
        float hw = 0.5f * h, re = gal[o + RE], q = gal[o + Q], b = gal[o + B], invN = gal[o + INV_N];
        float cs = gal[o + COS], sn = gal[o + SIN], dLnIe = fitDer[d + D_DLNIEDN], dbDn = fitDer[d + D_DBDN];
        int off = (m - 1) * m / 2;
        float f = 0f, fre = 0f, fn = 0f, fq = 0f, fpa = 0f, fx = 0f, fy = 0f;
        for (int j = 0; j < m; j++) {
            float y = dy + hw * glNode[off + j], wj = glWeight[off + j];
            float row = 0f, rre = 0f, rn = 0f, rq = 0f, rpa = 0f, rx = 0f, ry = 0f;
            for (int i = 0; i < m; i++) {
                float x = dx + hw * glNode[off + i];
                float uu = u(o, x, y), vv = v(o, x, y), r2 = uu * uu + vv * vv;
                float rho2 = r2 * gal[o + INV_RE2];
                float lnRho = 0f, z = 0f;
                if (rho2 > 0f) {
                    lnRho = 0.5f * log(rho2);
                    z = exp(lnRho * invN);
                }
                float val = glWeight[off + i] * gal[o + IE] * exp(-b * (z - 1f));
                float bzn = b * z * invN;
                // At the centre itself (r = 0) only the q column has a term: −val/q.
                float kk = 0f;
                if (r2 > 0f) {
                    kk = bzn / r2;
                }
                rq += val * (kk * vv * vv - 1f) / q;
                rpa += val * (-kk * uu * vv * (1f / q - q)) * DEG;
                rx += val * kk * (-uu * sn + vv * cs / q);
                ry += val * kk * (uu * cs + vv * sn / q);
                rre += val * (bzn - 2f) / re;
                rn += val * (dLnIe - dbDn * (z - 1f) + b * z * lnRho * invN * invN);
                row += val;
            }
            f += wj * row;
            fre += wj * rre;
            fn += wj * rn;
            fq += wj * rq;
            fpa += wj * rpa;
            fx += wj * rx;
            fy += wj * ry;
        }
        float area = hw * hw;
        cells[base] = f * area;
        cells[base + per] = fre * area;
        cells[base + 2 * per] = fn * area;
        cells[base + 3 * per] = fq * area;
        cells[base + 4 * per] = fpa * area;
        if (fitCols == 7) {
            cells[base + 5 * per] = fx * area;
            cells[base + 6 * per] = fy * area;
        }
    }

    /** Tap (w, v) of stamp s and its derivatives by t0x and t0y: the interpolant of the stamp's table and its slope, windowed. */
    private void fitTap(int gid) {
        int per = taps * taps;
        int s = gid / per, r = gid - s * per;
        if (active(s)) {
            int v = r / taps, w = r - v * taps;
            int o = s * FIT_RECORDS * GAL_STRIDE;
            float tx = gal[o + T0X] - w * h, ty = gal[o + T0Y] - v * h;
            float value = 0f, gx = 0f, gy = 0f;
            if (abs(tx) < windowReach && abs(ty) < windowReach) {
                float fx = (tx - tableStart) / tableStep, fy = (ty - tableStart) / tableStep;
                int ix = (int) floor(fx), iy = (int) floor(fy);
                float ax = fx - ix, ay = fy - iy;
                int tb = tableOf[s] * tableN * tableN;
                float sum = 0f, sumX = 0f, sumY = 0f;
                for (int b = 0; b < 4; b++) {
                    float wyb = lagrange(ay, b), dyb = lagrangeSlope(ay, b);
                    int row = tb + (iy - 1 + b) * tableN + ix - 1;
                    float rowSum = 0f, rowSlope = 0f;
                    for (int a = 0; a < 4; a++) {
                        float t = table[row + a];
                        rowSum += lagrange(ax, a) * t;
                        rowSlope += lagrangeSlope(ax, a) * t;
                    }
                    sum += wyb * rowSum;
                    sumX += wyb * rowSlope;
                    sumY += dyb * rowSum;
                }
                sumX = sumX / tableStep;
                sumY = sumY / tableStep;
                float wx = window(tx), wy = window(ty);
                value = sum * wx * wy;
                gx = (sumX * wx + sum * windowSlope(tx)) * wy;
                gy = (sumY * wy + sum * windowSlope(ty)) * wx;
            }
            int k0 = s * 3 * per + r;
            kern[k0] = value;
            kern[k0 + per] = gx;
            kern[k0 + 2 * per] = gy;
        }
    }

    /** d/df of {@link #lagrange}. */
    private float lagrangeSlope(float f, int a) {
        float result = (3f * f * f - 1f) / 6f;
        if (a == 0) {
            result = -(3f * f * f - 6f * f + 2f) / 6f;
        }
        if (a == 1) {
            result = (3f * f * f - 4f * f - 1f) / 2f;
        }
        if (a == 2) {
            result = -(3f * f * f - 2f * f - 2f) / 2f;
        }
        return result;
    }

    private float windowSlope(float t) {
        float a = abs(t);
        float result = 0f, sign = 1f;
        if (t < 0f) {
            sign = -1f;
        }
        if (a > windowEdge && a < windowReach) {
            float span = windowReach - windowEdge;
            float x = 1.5707964f * (a - windowEdge) / span;
            result = -sin(2f * x) * 1.5707964f / span * sign;
        }
        return result;
    }

    /**
     * One pixel of one stamp: the model and its eight Jacobian columns (from the cells and the taps), then the
     * likelihood's residual r and dr/dm (the float twins of the fit module's pixel statistics), written as the residual's
     * Jacobian row, r, the χ² term and ln 2πσ². Pixels left out of the fit write zeros.
     */
    private void fitPixel(int gid) {
        int per = width * height;
        int s = gid / per, p = gid - s * per;
        if (active(s)) {
            int o = s * PIXEL_OUTS * per + p;
            if (pixUse[gid] == 0f) {
                zeroOutputs(o, per);
            } else {
                pixelOutputs(gid, s, p, o, per);
            }
        }
    }

    private void zeroOutputs(int o, int per) {
        for (int c = 0; c < PIXEL_OUTS; c++) {
            out[o + c * per] = 0f;
        }
    }

    /** The model's columns at one pixel into the outputs 0–6 (x0, y0, model, re, n, q, pa), before the likelihood. */
    private void modelColumns(int s, int p, int o, int per) {
        int iy = p / width, ix = p - iy * width;
        int cp = cellsX * cellsY;
        float m = 0f, gx = 0f, gy = 0f, gre = 0f, gn = 0f, gq = 0f, gpa = 0f;
        int cb = s * fitCols * cp, kb = s * 3 * taps * taps, tp = taps * taps;
        for (int v = 0; v < taps; v++) {
            int rowc = cb + (k * iy + v) * cellsX + k * ix, rowk = kb + v * taps;
            for (int w = 0; w < taps; w++) {
                int c = rowc + w;
                float kv = kern[rowk + w], f = cells[c];
                m += f * kv;
                gx += f * kern[rowk + tp + w];
                gy += f * kern[rowk + 2 * tp + w];
                gre += cells[c + cp] * kv;
                gn += cells[c + 2 * cp] * kv;
                gq += cells[c + 3 * cp] * kv;
                gpa += cells[c + 4 * cp] * kv;
            }
        }
        out[o] = -gx;
        out[o + per] = -gy;
        out[o + 2 * per] = m;
        out[o + 3 * per] = gre;
        out[o + 4 * per] = gn;
        out[o + 5 * per] = gq;
        out[o + 6 * per] = gpa;
        if (taps == 0) {
            int c = cb + p;
            out[o] = cells[c + 5 * cp];
            out[o + per] = cells[c + 6 * cp];
            out[o + 2 * per] = cells[c];
            out[o + 3 * per] = cells[c + cp];
            out[o + 4 * per] = cells[c + 2 * cp];
            out[o + 5 * per] = cells[c + 3 * cp];
            out[o + 6 * per] = cells[c + 4 * cp];
        }
    }

    /**
     * One fitted pixel: the model and its Jacobian columns (from the cells and the taps; with a PSF the centre moves the
     * taps the other way, t0 = 1 − x0 − origin), then the likelihood's residual r and dr/dm (the float twins of the fit
     * module's pixel statistics), written as the residual's Jacobian row, r, the χ² term and ln 2πσ².
     */
    private void pixelOutputs(int gid, int s, int p, int o, int per) {
        modelColumns(s, p, o, per);
        int po = s * PAR_STRIDE;
        float flux = fitPar[po + P_FLUX], m = out[o + 2 * per], mt = m + fitPar[po + P_SKY], d = pixData[gid];
        float kind = fitPar[po + P_KIND], c1 = fitPar[po + P_C1], c2 = fitPar[po + P_C2];
        float a1 = pixAux1[gid], a2 = pixAux2[gid];
        float r = 0f, drdm = 0f, variance = 0f;
        if (kind == LIK_CHI2) {
            r = (mt - d) * a1;
            drdm = a1;
            variance = 1f / (a1 * a1);
        }
        if (kind == LIK_POISSON) {
            float cm = c1 * mt + c2;
            r = poissonResidual(cm, a1);
            drdm = poissonSlope(cm, a1, c1);
            variance = cm / (c1 * c1);
        }
        if (kind == LIK_GAUSSIAN) {
            r = gaussianResidual(mt - a1, c1 / a2, a2);
            drdm = gaussianSlope(mt - a1, c1 / a2, a2);
            variance = c1 * mt + c2;
        }
        float res = d - mt;
        out[o] = drdm * out[o];
        out[o + per] = drdm * out[o + per];
        out[o + 2 * per] = drdm * m / flux;
        out[o + 3 * per] = drdm * out[o + 3 * per];
        out[o + 4 * per] = drdm * out[o + 4 * per];
        out[o + 5 * per] = drdm * out[o + 5 * per];
        out[o + 6 * per] = drdm * out[o + 6 * per];
        out[o + 7 * per] = drdm;
        out[o + 8 * per] = r;
        out[o + 9 * per] = res * res / variance;
        out[o + 10 * per] = log(6.2831855f * variance);
    }

    /** The Poisson residual for cm expected and cd observed counts (NaN where cm ≤ 0), as PoissonStatistic. */
    private float poissonResidual(float cm, float cd) {
        float result = sqrt(-1f);
        if (cm > 0f && cd == 0f) {
            result = sqrt(2f * cm);
        }
        if (cm > 0f && cd != 0f) {
            float x = (cm - cd) / cd;
            result = sqrt(2f * cd) * x * sqrt(poissonG(x));
        }
        return result;
    }

    /** d(Poisson residual)/dm for GAIN c1. */
    private float poissonSlope(float cm, float cd, float gain) {
        float result = sqrt(-1f);
        if (cm > 0f && cd == 0f) {
            result = gain / sqrt(2f * cm);
        }
        if (cm > 0f && cd != 0f) {
            float x = (cm - cd) / cd, g = poissonG(x), sg = sqrt(g);
            result = sqrt(2f * cd) * (sg + x * poissonGSlope(x, g) / (2f * sg)) * gain / cd;
        }
        return result;
    }

    /** The Gaussian (model-variance) residual at δ = m − m*, c = a/V*, as GaussianVarianceStatistic. */
    private float gaussianResidual(float delta, float cc, float vs) {
        float t = cc * delta, result = sqrt(-1f);
        if (t > -1f) {
            float onePlusT = 1f + t;
            result = delta * sqrt(1f / (vs * onePlusT) + cc * cc * gaussianG(t));
        }
        return result;
    }

    /** d(Gaussian residual)/dm. */
    private float gaussianSlope(float delta, float cc, float vs) {
        float t = cc * delta, result = sqrt(-1f);
        if (t > -1f) {
            float g = gaussianG(t), onePlusT = 1f + t;
            float hh = 1f / (vs * onePlusT) + cc * cc * g;
            float hSlope = -cc / (vs * onePlusT * onePlusT) + cc * cc * cc * gaussianGSlope(t, g);
            float sh = sqrt(hh);
            result = sh + delta * hSlope / (2f * sh);
        }
        return result;
    }

    /** (x − ln(1 + x))/x², as PoissonStatistic.g2. */
    private float poissonG(float x) {
        float result = 0f;
        if (abs(x) < 1e-2f) {
            result = 0.5f + x * (-0.33333334f + x * (0.25f + x * (-0.2f + x * (0.16666667f + x * (-0.14285715f)))));
        } else if (x > 1e15f) {
            result = (1f - log(1f + x) / x) / x;   // x² would overflow to ∞ and make it 0
        } else {
            result = (x - log(1f + x)) / (x * x);
        }
        return result;
    }

    private float poissonGSlope(float x, float g) {
        float result = 0f;
        if (abs(x) < 1e-2f) {
            result = -0.33333334f + x * (0.5f + x * (-0.6f + x * (0.6666667f + x * (-0.71428573f))));
        } else if (x > 1e15f) {
            result = 1f / x / (1f + x) - 2f * g / x;   // x(1 + x) would overflow
        } else {
            result = 1f / (x * (1f + x)) - 2f * g / x;
        }
        return result;
    }

    /** (ln(1 + t) − t/(1 + t))/t², as GaussianVarianceStatistic.gOverT2. */
    private float gaussianG(float t) {
        float result = 0f;
        if (abs(t) < 1e-2f) {
            result = 0.5f + t * (-0.6666667f + t * (0.75f + t * (-0.8f + t * (0.8333333f + t * (-0.85714287f)))));
        } else if (t > 1e15f) {
            result = ((log(1f + t) - t / (1f + t)) / t) / t;   // t² would overflow
        } else {
            result = (log(1f + t) - t / (1f + t)) / (t * t);
        }
        return result;
    }

    private float gaussianGSlope(float t, float g) {
        float result = 0f;
        if (abs(t) < 1e-2f) {
            result = -0.6666667f + t * (1.5f + t * (-2.4f + t * (3.3333333f + t * (-4.285714f))));
        } else if (t > 1e15f) {
            result = ((t / ((1f + t) * (1f + t)) - 2f * t * g) / t) / t;
        } else {
            result = (t / ((1f + t) * (1f + t)) - 2f * t * g) / (t * t);
        }
        return result;
    }

    /**
     * Sum e of stamp s over its pixels, compensated (Kahan) so that float accumulation keeps Σr² to ~1e-7 of itself:
     * e &lt; 36 is JᵀJ[a][b] (packed lower triangle), then Jᵀr (8), Σr², Σχ², Σ ln 2πσ².
     */
    private void fitSum(int gid) {
        int s = gid / SUMS, e = gid - s * SUMS;
        if (active(s)) {
            int per = width * height, base = s * PIXEL_OUTS * per;
            int packed = FIT_PARAMS * (FIT_PARAMS + 1) / 2;
            int ca = FIT_PARAMS, cb = -1;
            if (e < packed) {
                ca = packedRow(e);
                cb = e - ca * (ca + 1) / 2;
            } else if (e < packed + FIT_PARAMS) {
                ca = e - packed;
                cb = FIT_PARAMS;
            } else if (e == packed + FIT_PARAMS) {
                ca = FIT_PARAMS;
                cb = FIT_PARAMS;
            } else {
                ca = e - packed;
            }
            int oa = base + ca * per, ob = base + cb * per;
            float sum = 0f, comp = 0f;
            for (int p = 0; p < per; p++) {
                float term = out[oa + p];
                if (cb >= 0) {
                    term = term * out[ob + p];
                }
                float y = term - comp;
                float t = sum + y;
                comp = (t - sum) - y;
                sum = t;
            }
            sums[gid] = sum;
        }
    }

    /** The row a of entry e of a packed lower triangle (a(a + 1)/2 ≤ e &lt; (a + 1)(a + 2)/2). */
    private int packedRow(int e) {
        int a = 0;
        while ((a + 1) * (a + 2) / 2 <= e) {
            a++;
        }
        return a;
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
