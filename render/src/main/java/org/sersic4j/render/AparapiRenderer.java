package org.sersic4j.render;

import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.kernel.KernelManager;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.sersic4j.render.kernel.SersicStampKernel;

/**
 * Renders batches of stamps with the Aparapi kernel (float): on an OpenCL device when one is chosen and works,
 * otherwise on Aparapi's Java thread pool. Per-stamp constants and PSF taps are prepared on the host; the cells and
 * the convolution run on the device, thousands of stamps per launch. Not thread-safe: one batch at a time.
 */
public final class AparapiRenderer implements Renderer {
    private static final Logger LOG = Logger.getLogger(AparapiRenderer.class.getName());
    private static final long MAX_CELL_FLOATS = 1L << 24;
    private static final int MAX_CHUNK = 4096;

    static {
        AparapiLogging.install();
    }

    private final SersicStampKernelDriver driver;
    private final Device requested;
    private final FftConvolverCache kernels = new FftConvolverCache();
    private String lastDevice = "not run yet";
    private double[] lastTimes = new double[5];

    /**
     * Where the last batch's time went, in seconds: host preparation (per-stamp constants and PSF taps), upload to the
     * device, the cell pass, the convolution pass, and download (for the Java thread pool the transfers are copies).
     */
    public record Timings(double host, double upload, double cells, double convolution, double download) {}

    /** The time split of the last {@link #renderBatch} call. */
    public Timings lastTimings() {
        return new Timings(lastTimes[0], lastTimes[1], lastTimes[2], lastTimes[3], lastTimes[4]);
    }

    /** A renderer on the given Aparapi device (an {@link OpenCLDevice} or {@link JavaDevice#THREAD_POOL}). */
    public AparapiRenderer(Device device) {
        this.requested = device;
        this.driver = new SersicStampKernelDriver();
        LinkedHashSet<Device> prefs = new LinkedHashSet<>();
        prefs.add(device);
        if (device != JavaDevice.THREAD_POOL) prefs.add(JavaDevice.THREAD_POOL);
        KernelManager.instance().setPreferredDevices(driver.kernel(), prefs);
    }

    /** All OpenCL devices Aparapi can see (empty when there is no OpenCL runtime). */
    public static List<OpenCLDevice> openClDevices() {
        List<OpenCLDevice> all = new ArrayList<>();
        try {
            for (Device.TYPE t : new Device.TYPE[] {Device.TYPE.GPU, Device.TYPE.ACC, Device.TYPE.CPU}) {
                List<OpenCLDevice> l = OpenCLDevice.listDevices(t);
                if (l != null) all.addAll(l);
            }
        } catch (Throwable e) {
            LOG.fine("no OpenCL: " + e);
        }
        return all;
    }

    @Override
    public float[][] renderBatch(List<SersicParams> params, int width, int height, List<PixelPsf> psfs, RenderSettings s) {
        for (int i = 0; i < params.size(); i++) params.get(i).validated();
        boolean withPsf = psfs != null && !psfs.isEmpty();
        int k = withPsf ? s.oversample() : 1;
        int radius = withPsf ? psfs.get(0).radius() : 0;
        if (withPsf) {
            for (PixelPsf p : psfs) {
                if (p.radius() != radius) throw new IllegalArgumentException("all PSFs of a batch must have one size");
            }
        }
        int taps = withPsf ? StampLayout.taps(radius, k) : 0;
        int cellsX = withPsf ? (width - 1) * k + taps : width;
        int cellsY = withPsf ? (height - 1) * k + taps : height;
        int chunk = (int) Math.max(1, Math.min(MAX_CHUNK, MAX_CELL_FLOATS / ((long) cellsX * cellsY)));
        float[][] result = new float[params.size()][];
        lastTimes = new double[5];
        for (int start = 0; start < params.size(); start += chunk) {
            int end = Math.min(params.size(), start + chunk);
            renderChunk(params, psfs, start, end, width, height, cellsX, cellsY, taps, k, withPsf, s, result);
        }
        return result;
    }

    private void renderChunk(List<SersicParams> params, List<PixelPsf> psfs, int start, int end, int width, int height,
                             int cellsX, int cellsY, int taps, int k, boolean withPsf, RenderSettings s,
                             float[][] result) {
        int count = end - start;
        long t0 = System.nanoTime();
        // A PSF shared by the batch is tabulated once and each stamp's taps are interpolated on the device (pass 2);
        // per-stamp PSFs get their taps prepared here.
        boolean table = withPsf && psfs.size() == 1;
        if (table) driver.useTable(kernels.get(psfs.get(0), k, width, height).tapTable());
        float[] gal = new float[count * SersicStampKernel.GAL_STRIDE];
        float[] kern = new float[withPsf ? count * taps * taps : 1];
        IntStream.range(0, count).parallel().forEach(i -> {
            SersicParams p = params.get(start + i);
            StampLayout l = withPsf
                    ? StampLayout.convolved(p, width, height, psfs.get(0).radius(), k)
                    : StampLayout.pixels(p, width, height);
            KernelRecords.fill(gal, i * SersicStampKernel.GAL_STRIDE, new ProfileGeometry(p), l,
                    p.flux() * k * k / ((double) cellsX * cellsY));
            if (withPsf && !table) {
                double[] t = kernels.get(Renderers.psfFor(psfs, start + i), k, width, height).taps(l.t0x(), l.t0y(), taps);
                for (int j = 0; j < t.length; j++) kern[i * taps * taps + j] = (float) t[j];
            }
        });
        lastTimes[0] += (System.nanoTime() - t0) / 1e9;
        float[] out = driver.run(gal, kern, count, cellsX, cellsY, width, height, taps, k, withPsf, table,
                (float) s.tolerance(), lastTimes);
        int per = width * height;
        for (int i = 0; i < count; i++) {
            float[] stamp = new float[per];
            System.arraycopy(out, i * per, stamp, 0, per);
            result[start + i] = stamp;
        }
        lastDevice = driver.describeLastRun();
        if (requested != JavaDevice.THREAD_POOL && !driver.ranOnOpenCl()) {
            LOG.warning("OpenCL device " + requested.getShortDescription() + " was requested but the kernel ran on "
                    + lastDevice);
        }
    }

    @Override
    public String deviceDescription() {
        return lastDevice;
    }

    @Override
    public void close() {
        driver.dispose();
    }

    /** Runs {@link SersicStampKernel} with explicit buffer transfers. */
    static final class SersicStampKernelDriver {
        private final SersicStampKernel kernel = new SersicStampKernel();
        private static final int GROUP = 64;

        SersicStampKernelDriver() {
            kernel.setExplicit(true);
            double[] n = GaussLegendre.nodes(), w = GaussLegendre.weights();
            float[] fn = new float[n.length], fw = new float[w.length];
            for (int i = 0; i < n.length; i++) {
                fn[i] = (float) n[i];
                fw[i] = (float) w[i];
            }
            double[] r = GaussLegendre.errorConstantRatios();
            float[] lc = new float[r.length];
            for (int m = 0; m < r.length; m++) lc[m] = (float) r[m];
            kernel.setTables(fn, fw, lc, GaussLegendre.EDGE_POINTS);
        }

        SersicStampKernel kernel() {
            return kernel;
        }

        private FftConvolver.TapTable boundTable;

        /** Binds a tabulated kernel for pass 2, sending it to the device only when it changed. */
        void useTable(FftConvolver.TapTable t) {
            if (t == boundTable) return;
            kernel.setTapTable(t.values(), t.n(), (float) t.start(), (float) t.step(), t.radius() + 0.5f,
                    (float) StampLayout.kernelReach(t.radius()));
            boundTable = t;
        }

        /**
         * Runs the passes (taps from the table first when {@code table}); adds upload, cell (and tap), convolution and
         * download seconds to times[1..4].
         */
        float[] run(float[] gal, float[] kern, int count, int cellsX, int cellsY, int width, int height, int taps,
                    int k, boolean withPsf, boolean table, float tol, double[] times) {
            float[] cells = new float[count * cellsX * cellsY];
            // Without a PSF the cells are the pixels. Never bind one Java array to two kernel fields: Aparapi keeps
            // one device buffer per field and a shared array crashed the JVM (SIGSEGV) when buffers were released.
            float[] out = withPsf ? new float[count * width * height] : new float[1];
            long t0 = System.nanoTime();
            kernel.setBatch(gal, cells, kern, out, cellsX, cellsY, width, height, taps, k, tol);
            kernel.setPass(0, cells.length);
            long t1 = System.nanoTime();
            if (table) {
                kernel.setPass(2, kern.length);
                kernel.execute(Range.create(roundUp(kern.length), GROUP));
                kernel.setPass(0, cells.length);
            }
            kernel.execute(Range.create(roundUp(cells.length), GROUP));
            long t2 = System.nanoTime();
            if (withPsf) {
                kernel.setPass(1, out.length);
                kernel.execute(Range.create(roundUp(out.length), GROUP));
            }
            long t3 = System.nanoTime();
            float[] result = withPsf ? out : cells;
            kernel.get(result);
            long t4 = System.nanoTime();
            times[1] += (t1 - t0) / 1e9;
            times[2] += (t2 - t1) / 1e9;
            times[3] += (t3 - t2) / 1e9;
            times[4] += (t4 - t3) / 1e9;
            return result;
        }

        private static int roundUp(int n) {
            return (n + GROUP - 1) / GROUP * GROUP;
        }

        boolean ranOnOpenCl() {
            return kernel.isRunningCL();
        }

        String describeLastRun() {
            Device d = kernel.getTargetDevice();
            if (kernel.isRunningCL() && d instanceof OpenCLDevice cl) {
                return "OpenCL " + cl.getType() + " " + cl.getName().trim() + " (" + cl.getOpenCLPlatform().getName().trim() + ")";
            }
            return "Aparapi Java thread pool (" + Runtime.getRuntime().availableProcessors() + " threads)";
        }

        void dispose() {
            kernel.dispose();
        }
    }
}
