package org.sersic4j.fit;

import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import java.util.List;
import java.util.Locale;
import org.sersic4j.render.AparapiRenderer;

/**
 * Where fits run, by the names {@code fit --device} takes: {@code java} (one galaxy per thread in double precision,
 * the model of {@link FitSettings#RENDER}: the fast path on CPUs), {@code gpu} (the first OpenCL GPU or accelerator), {@code cpu} (the first
 * OpenCL CPU device), {@code opencl} (the first OpenCL device), {@code opencl:N} (the N-th, as {@code bench render}
 * lists them), {@code jtp} (the kernel on Aparapi's Java thread pool) — the last five run the batched
 * {@link DeviceBatchFitter} — and {@code auto}: a GPU or accelerator when there is one, else {@code java}.
 */
public final class FitDevices {
    /** The names {@link #runner} takes (besides {@code opencl:N}). */
    public static final List<String> NAMES = List.of("auto", "java", "gpu", "cpu", "opencl", "jtp");

    private FitDevices() {}

    /**
     * The Aparapi device a name asks for, or null for the Java path. Throws IllegalArgumentException naming an unknown
     * name or a device that is not there.
     */
    public static Device device(String name) {
        String d = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(d) && !d.matches("opencl:\\d+"))
            throw new IllegalArgumentException("unknown device '" + name + "' (expected auto, java, gpu, cpu, opencl, opencl:N or jtp)");
        if (d.equals("java")) return null;
        if (d.equals("jtp")) return JavaDevice.THREAD_POOL;
        List<OpenCLDevice> cl = AparapiRenderer.openClDevices();
        switch (d) {
            case "auto", "gpu" -> {
                for (OpenCLDevice c : cl) if (c.getType() == Device.TYPE.GPU || c.getType() == Device.TYPE.ACC) return c;
                if (d.equals("auto")) return null;
                throw new IllegalArgumentException("device 'gpu': no OpenCL GPU or accelerator found"
                        + (cl.isEmpty() ? " (no OpenCL runtime)" : ""));
            }
            case "cpu" -> {
                for (OpenCLDevice c : cl) if (c.getType() == Device.TYPE.CPU) return c;
                throw new IllegalArgumentException("device 'cpu': no OpenCL CPU device found");
            }
            case "opencl" -> {
                if (cl.isEmpty()) throw new IllegalArgumentException("device 'opencl': no OpenCL device found");
                return cl.get(0);
            }
            default -> {
                int i = Integer.parseInt(d.substring(7));
                if (i < 0 || i >= cl.size())
                    throw new IllegalArgumentException("device '" + d + "': there are " + cl.size() + " OpenCL devices");
                return cl.get(i);
            }
        }
    }

    /**
     * The runner of a method on a device: {@link BatchFitter} for the Java path (any method), {@link DeviceBatchFitter}
     * for a device (Levenberg–Marquardt only; BFGS on a device is refused).
     *
     * @param threads fits at once on the Java path; stamp loaders on a device (≤ 0: all cores)
     */
    public static FitRunner runner(String deviceName, Fitter fitter, int threads, boolean progress,
                                   DeviceBatchFitter.Settings deviceSettings) {
        Device d = device(deviceName);
        if (d == null) return new BatchFitter(fitter, threads, progress);
        if (!fitter.name().equals("lm"))
            throw new IllegalArgumentException("--method " + fitter.name() + " runs on the Java path only (--device java);"
                    + " the batched device fitter is Levenberg-Marquardt");
        DeviceBatchFitter.Settings s = deviceSettings == null ? DeviceBatchFitter.Settings.defaults() : deviceSettings;
        return new DeviceBatchFitter(d, new DeviceBatchFitter.Settings(s.batch(), s.memoryBytes(),
                threads > 0 ? threads : s.loaders(), progress, s.withModels(), s.maxIterations()));
    }
}
