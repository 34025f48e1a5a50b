package org.sersic4j.render;

import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.internal.kernel.KernelManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.hipparchus.special.Gamma;
import org.sersic4j.render.kernel.SersicStampKernel;

/**
 * What a Levenberg–Marquardt step needs from each stamp of a batch, evaluated at once on an Aparapi device: the model
 * and its Jacobian in x0, y0, flux, re, n, q, pa and a sky offset (the same cells, quadrature and taps as
 * {@link StampModel}, in float), the likelihood's residuals, and their sums — JᵀJ (packed), Jᵀr, Σr², Σχ² and
 * Σ ln 2πσ² — so that only {@link #SUMS} numbers per stamp come back per step. Images, the likelihood's per-pixel data
 * and the PSF tables go to the device when slots are filled; each step sends a few hundred bytes per stamp. One stamp
 * size, PSF size and oversampling per evaluator. Not thread-safe.
 */
public final class AparapiFitEvaluator implements AutoCloseable {
    /** Parameters per stamp: x0, y0, flux, re, n, q, pa, sky. */
    public static final int PARAMS = SersicStampKernel.FIT_PARAMS;
    /** Sums per stamp: packed JᵀJ (lower triangle, row by row), Jᵀr, Σr², Σχ², Σ ln 2πσ². */
    public static final int SUMS = SersicStampKernel.SUMS;
    /** Likelihood kinds of {@link SlotData#kind}. */
    public static final int CHI2 = SersicStampKernel.LIK_CHI2, POISSON = SersicStampKernel.LIK_POISSON,
            GAUSSIAN = SersicStampKernel.LIK_GAUSSIAN;
    private static final double STEP = 1e-3, PA_STEP = 0.1, CENTRE_STEP = 1e-3;
    private static final int GROUP = 64;

    /**
     * One stamp's fixed inputs: per pixel the data, the likelihood's auxiliary values and whether it is fitted (1/0);
     * the likelihood kind and its two constants (χ²: aux1 = 1/σ; Poisson: aux1 = the data's counts, c1 = GAIN, c2 =
     * GAIN·SKY + RDNOISE²; Gaussian: aux1 = the best model value m*, aux2 = V(m*), c1 = 1/GAIN, c2 = the variance at
     * m = 0), and its PSF (null when the evaluator has none).
     */
    public record SlotData(float[] data, float[] aux1, float[] aux2, float[] use, int kind, double c1, double c2,
                           PixelPsf psf) {}

    /** Seconds spent so far: host preparation, uploads, the four device passes, download. */
    public record Timings(double host, double upload, double taps, double cells, double pixels, double sums,
                          double download) {
        /** Seconds on the device (the four passes). */
        public double device() {
            return taps + cells + pixels + sums;
        }
    }

    private final int slots, width, height, radius, k, taps, cellsX, cellsY, cols;
    private final RenderSettings settings;
    private final AparapiRenderer.SersicStampKernelDriver driver;
    private final SersicStampKernel kernel;
    private final Device requested;
    private final float[] data, aux1, aux2, use;
    private final int[] tableOf;
    private final PixelPsf[] psfOf;
    private final int[] kindOf;
    private final double[][] constants;
    private final float[] gal, der, par, cells, kern, out, sums;
    private final FftConvolverCache convolvers = new FftConvolverCache();
    private float[] tables = new float[1];
    private FftConvolver.TapTable shape;
    private boolean fixedChanged = true;
    private final double[] time = new double[7];

    /**
     * An evaluator of {@code slots} stamps of width × height pixels; {@code psfRadius} &lt; 0 means no PSF (the
     * profile integrated over each pixel).
     */
    public AparapiFitEvaluator(Device device, int slots, int width, int height, int psfRadius, RenderSettings settings) {
        if (slots < 1 || width < 1 || height < 1) throw new IllegalArgumentException("slots and stamp size must be positive");
        this.slots = slots;
        this.width = width;
        this.height = height;
        this.radius = psfRadius;
        this.settings = settings;
        boolean withPsf = psfRadius >= 0;
        this.k = withPsf ? settings.oversample() : 1;
        this.taps = withPsf ? StampLayout.taps(psfRadius, k) : 0;
        this.cellsX = withPsf ? (width - 1) * k + taps : width;
        this.cellsY = withPsf ? (height - 1) * k + taps : height;
        this.cols = withPsf ? 5 : 7;
        int pix = width * height;
        data = new float[slots * pix];
        aux1 = new float[slots * pix];
        aux2 = new float[slots * pix];
        use = new float[slots * pix];
        tableOf = new int[slots];
        psfOf = new PixelPsf[slots];
        kindOf = new int[slots];
        constants = new double[slots][];
        gal = new float[slots * SersicStampKernel.FIT_RECORDS * SersicStampKernel.GAL_STRIDE];
        der = new float[slots * SersicStampKernel.DER_STRIDE];
        par = new float[slots * SersicStampKernel.PAR_STRIDE];
        cells = new float[Math.toIntExact((long) slots * cols * cellsX * cellsY)];
        kern = new float[withPsf ? slots * 3 * taps * taps : 1];
        out = new float[Math.toIntExact((long) slots * SersicStampKernel.PIXEL_OUTS * pix)];
        sums = new float[slots * SUMS];
        requested = device;
        driver = new AparapiRenderer.SersicStampKernelDriver();
        kernel = driver.kernel();
        LinkedHashSet<Device> prefs = new LinkedHashSet<>();
        prefs.add(device);
        if (device != JavaDevice.THREAD_POOL) prefs.add(JavaDevice.THREAD_POOL);
        KernelManager.instance().setPreferredDevices(kernel, prefs);
    }

    /** Bytes of Java heap (and as much device memory) one slot needs, PSF tables aside. */
    public static long bytesPerSlot(int width, int height, int psfRadius, RenderSettings settings) {
        boolean withPsf = psfRadius >= 0;
        int k = withPsf ? settings.oversample() : 1, t = withPsf ? StampLayout.taps(psfRadius, k) : 0;
        long cx = withPsf ? (width - 1L) * k + t : width, cy = withPsf ? (height - 1L) * k + t : height;
        long pix = (long) width * height;
        return 4L * ((withPsf ? 5 : 7) * cx * cy + 3L * t * t + (SersicStampKernel.PIXEL_OUTS + 4) * pix
                + SersicStampKernel.FIT_RECORDS * SersicStampKernel.GAL_STRIDE + SUMS + 16);
    }

    /** Number of slots. */
    public int slots() {
        return slots;
    }

    /** Puts a stamp into a slot; it is sent to the device before the next evaluation. */
    public void fill(int slot, SlotData d) {
        int pix = width * height;
        for (float[] a : new float[][] {d.data(), d.aux1(), d.aux2(), d.use()}) {
            if (a.length != pix) throw new IllegalArgumentException("slot data must have " + pix + " pixels, got " + a.length);
        }
        if ((d.psf() == null) != (radius < 0) || (d.psf() != null && d.psf().radius() != radius))
            throw new IllegalArgumentException("this evaluator takes " + (radius < 0 ? "no PSF" : "PSFs of radius " + radius));
        System.arraycopy(d.data(), 0, data, slot * pix, pix);
        System.arraycopy(d.aux1(), 0, aux1, slot * pix, pix);
        System.arraycopy(d.aux2(), 0, aux2, slot * pix, pix);
        System.arraycopy(d.use(), 0, use, slot * pix, pix);
        psfOf[slot] = d.psf();
        kindOf[slot] = d.kind();
        constants[slot] = new double[] {d.c1(), d.c2()};
        fixedChanged = true;
    }

    /** Empties a slot. */
    public void clear(int slot) {
        psfOf[slot] = null;
        constants[slot] = null;
    }

    /**
     * Evaluates every slot whose parameters are given ({@code params[s]}: x0, y0, flux, re, n, q, pa, sky; null =
     * idle) and returns its {@link #SUMS} sums (null for idle slots; NaN sums for parameters that cannot be drawn).
     */
    public double[][] evaluate(double[][] params) {
        long t0 = System.nanoTime();
        if (fixedChanged) bindFixed();
        boolean[] drawable = new boolean[slots];
        IntStream.range(0, slots).parallel().forEach(s -> drawable[s] = prepare(s, params[s]));
        long t1 = System.nanoTime();
        kernel.setFitStep(gal, der, par, cells, kern, out, sums);
        long t2 = System.nanoTime();
        long[] marks = new long[5];
        if (taps > 0) run(SersicStampKernel.FIT_TAPS, kern.length / 3);
        marks[0] = System.nanoTime();
        run(SersicStampKernel.FIT_CELLS, slots * cellsX * cellsY);
        marks[1] = System.nanoTime();
        run(SersicStampKernel.FIT_PIXELS, slots * width * height);
        marks[2] = System.nanoTime();
        run(SersicStampKernel.FIT_SUMS, slots * SUMS);
        marks[3] = System.nanoTime();
        float[] s = kernel.fetchSums();
        marks[4] = System.nanoTime();
        double[][] result = new double[slots][];
        for (int i = 0; i < slots; i++) {
            if (params[i] == null) continue;
            double[] r = new double[SUMS];
            if (drawable[i]) {
                for (int e = 0; e < SUMS; e++) r[e] = s[i * SUMS + e];
            } else {
                Arrays.fill(r, Double.NaN);
            }
            result[i] = r;
        }
        time[0] += (t1 - t0) / 1e9;
        time[1] += (t2 - t1) / 1e9;
        time[2] += (marks[0] - t2) / 1e9;
        time[3] += (marks[1] - marks[0]) / 1e9;
        time[4] += (marks[2] - marks[1]) / 1e9;
        time[5] += (marks[3] - marks[2]) / 1e9;
        time[6] += (marks[4] - marks[3]) / 1e9;
        if (requested != JavaDevice.THREAD_POOL && !driver.ranOnOpenCl())
            throw new IllegalStateException("the OpenCL device " + requested.getShortDescription()
                    + " could not run the fit kernel (it ran on " + driver.describeLastRun() + ")");
        return result;
    }

    /** Seconds spent so far, by stage. */
    public Timings timings() {
        return new Timings(time[0], time[1], time[2], time[3], time[4], time[5], time[6]);
    }

    /** The device that ran the last evaluation. */
    public String deviceDescription() {
        return driver.describeLastRun();
    }

    private void run(int pass, int items) {
        kernel.setPass(pass, items);
        kernel.execute(Range.create((items + GROUP - 1) / GROUP * GROUP, GROUP));
    }

    /** Sends the slots' fixed inputs and the PSF tables they use (distinct PSFs once each). */
    private void bindFixed() {
        if (radius >= 0) {
            Map<PixelPsf, Integer> index = new IdentityHashMap<>();
            List<FftConvolver.TapTable> distinct = new ArrayList<>();
            for (int s = 0; s < slots; s++) {
                PixelPsf p = psfOf[s];
                if (p == null) continue;
                Integer i = index.get(p);
                if (i == null) {
                    i = distinct.size();
                    index.put(p, i);
                    distinct.add(convolvers.get(p, k, width, height).tapTable());
                }
                tableOf[s] = i;
            }
            if (!distinct.isEmpty()) {
                shape = distinct.get(0);
                int n2 = shape.n() * shape.n();
                tables = new float[distinct.size() * n2];
                for (int i = 0; i < distinct.size(); i++) System.arraycopy(distinct.get(i).values(), 0, tables, i * n2, n2);
            }
        }
        float start = shape == null ? 0 : (float) shape.start(), step = shape == null ? 1 : (float) shape.step();
        int n = shape == null ? 1 : shape.n();
        kernel.setFitBatch(tables, n, start, step, radius + 0.5f, (float) StampLayout.kernelReach(Math.max(radius, 0)),
                tableOf, data, aux1, aux2, use, cellsX, cellsY, width, height, taps, k, (float) settings.tolerance());
        fixedChanged = false;
    }

    /** Fills slot s's profile records, derivative constants and parameters; false (and idle) when it cannot be drawn. */
    private boolean prepare(int s, double[] v) {
        int po = s * SersicStampKernel.PAR_STRIDE;
        Arrays.fill(par, po, po + SersicStampKernel.PAR_STRIDE, 0f);
        if (v == null || constants[s] == null) return false;
        SersicParams p = new SersicParams(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
        if (p.problem() != null || !(p.flux() > 0) || !Double.isFinite(v[7])) return false;
        StampLayout l = radius >= 0 ? StampLayout.convolved(p, width, height, radius, k) : StampLayout.pixels(p, width, height);
        ProfileGeometry g = new ProfileGeometry(p);
        double floorSb = p.flux() * k * k / ((double) cellsX * cellsY);
        int stride = SersicStampKernel.GAL_STRIDE, o = s * SersicStampKernel.FIT_RECORDS * stride;
        KernelRecords.fill(gal, o, g, l, floorSb);
        double re = g.re, n = g.n, q = g.q;
        double[] bn = new double[2], ien = new double[2];
        for (int side = 0; side < 2; side++) {
            double sign = side == 0 ? 1 : -1;
            double re2 = re * (1 + sign * STEP), q2 = q * (1 + sign * STEP), n2 = n * (1 + sign * STEP);
            double t = Math.toRadians(p.pa() + sign * PA_STEP);
            KernelRecords.fill(gal, o + (1 + side) * stride, g.flux, re2, n, q, g.cos, g.sin, g.b, g.ie * (re / re2) * (re / re2),
                    g.lnGamma2n, l, floorSb);
            bn[side] = SersicMath.bn(n2);
            ien[side] = SersicMath.ie(g.flux, re, n2, q, bn[side]);
            KernelRecords.fill(gal, o + (3 + side) * stride, g.flux, re, n2, q, g.cos, g.sin, bn[side], ien[side],
                    Gamma.logGamma(2 * n2), l, floorSb);
            KernelRecords.fill(gal, o + (5 + side) * stride, g.flux, re, n, q2, g.cos, g.sin, g.b, g.ie * q / q2,
                    g.lnGamma2n, l, floorSb);
            KernelRecords.fill(gal, o + (7 + side) * stride, g.flux, re, n, q, Math.cos(t), Math.sin(t), g.b, g.ie,
                    g.lnGamma2n, l, floorSb);
        }
        int d = s * SersicStampKernel.DER_STRIDE;
        double dn = 2 * STEP * n;
        der[d] = (float) ((bn[0] - bn[1]) / dn);
        der[d + 1] = (float) ((Math.log(ien[0]) - Math.log(ien[1])) / dn);
        der[d + 2] = (float) (2 * STEP * re);
        der[d + 3] = (float) dn;
        der[d + 4] = (float) (2 * STEP * q);
        der[d + 5] = (float) (2 * PA_STEP);
        der[d + 6] = (float) CENTRE_STEP;
        par[po] = 1f;
        par[po + 1] = (float) p.flux();
        par[po + 2] = (float) v[7];
        par[po + 3] = kindOf[s];
        par[po + 4] = (float) constants[s][0];
        par[po + 5] = (float) constants[s][1];
        return true;
    }

    @Override
    public void close() {
        driver.dispose();
    }
}
