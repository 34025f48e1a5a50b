package org.sersic4j.render;

import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses a renderer by name: {@code java} (the double-precision reference), {@code fast} (the fast CPU renderer,
 * {@link FastRenderer}), {@code jtp} (the Aparapi kernel on
 * the Java thread pool), {@code opencl} (best OpenCL device), {@code gpu} / {@code cpu} (first OpenCL device of that
 * type), {@code opencl:N} (the N-th listed OpenCL device) or {@code auto} (a GPU or accelerator OpenCL device, else
 * the fast CPU renderer, which meets the reference's accuracy targets several times faster) or {@code aparapi} (the kernel on the best OpenCL device,
 * else on the Java thread pool).
 */
public final class Renderers {
    static {
        AparapiLogging.install();
    }

    private Renderers() {}

    /**
     * One calm line saying which renderer draws the stamps, and why when OpenCL could not be loaded at all (Aparapi's
     * own messages about it are silenced, see {@link AparapiLogging}).
     */
    public static String describe(Renderer r) {
        return "rendering with " + r.deviceDescription() + missingNote();
    }

    /** Empty, or why the Java renderers run: no OpenCL library could be loaded. */
    public static String missingNote() {
        return AparapiLogging.openClMissing()
                ? " (no OpenCL library could be loaded: the Java renderers run; see README, Requirements)" : "";
    }


    /** The PSF of stamp i: none, one shared, or one per stamp. */
    public static PixelPsf psfFor(List<PixelPsf> psfs, int i) {
        if (psfs == null || psfs.isEmpty()) return null;
        return psfs.size() == 1 ? psfs.get(0) : psfs.get(i);
    }

    /** One stamp drawn in double precision by a CPU renderer. */
    interface StampDrawer {
        Image render(SersicParams p, int width, int height, PixelPsf psf, RenderSettings s);
    }

    /** A batch drawn stamp by stamp on the common fork-join pool, each stamp with its PSF ({@link #psfFor}). */
    static float[][] inParallel(StampDrawer drawer, List<SersicParams> params, int width, int height, List<PixelPsf> psfs,
                                RenderSettings s) {
        float[][] out = new float[params.size()][];
        java.util.stream.IntStream.range(0, params.size()).parallel().forEach(i ->
                out[i] = drawer.render(params.get(i), width, height, psfFor(psfs, i), s).toFloats());
        return out;
    }

    /** Creates the renderer a name asks for; throws IllegalArgumentException naming unknown or missing devices. */
    public static Renderer create(String device) {
        String d = device == null ? "auto" : device.trim().toLowerCase(Locale.ROOT);
        if (!List.of("java", "fast", "jtp", "auto", "aparapi", "opencl", "gpu", "cpu").contains(d) && !d.matches("opencl:\\d+"))
            throw new IllegalArgumentException("unknown device '" + device + "' (expected auto, java, fast, jtp, aparapi, opencl, gpu, cpu or opencl:N)");
        List<OpenCLDevice> cl = d.equals("java") || d.equals("fast") || d.equals("jtp") ? List.of() : AparapiRenderer.openClDevices();
        switch (d) {
            case "java":
                return new JavaReferenceRenderer();
            case "fast":
                return new FastRenderer();
            case "jtp":
                return new AparapiRenderer(JavaDevice.THREAD_POOL);
            case "auto":
                // A GPU or accelerator runs the kernel; on a CPU the fast renderer is several times faster than the
                // reference, and the kernel under PoCL or the thread pool slower still (measured by bench render).
                for (OpenCLDevice c : cl) {
                    if (c.getType() != Device.TYPE.CPU) return new AparapiRenderer(c);
                }
                return new FastRenderer();
            case "aparapi":
                return new AparapiRenderer(cl.isEmpty() ? JavaDevice.THREAD_POOL : cl.get(0));
            case "opencl":
                if (cl.isEmpty()) throw new IllegalArgumentException("device 'opencl': no OpenCL device found");
                return new AparapiRenderer(cl.get(0));
            case "gpu":
            case "cpu":
                for (OpenCLDevice c : cl) {
                    if (c.getType().name().equalsIgnoreCase(d)) return new AparapiRenderer(c);
                }
                throw new IllegalArgumentException("device '" + d + "': no OpenCL " + d.toUpperCase(Locale.ROOT) + " device found");
            default:
                if (d.startsWith("opencl:")) {
                    int i = Integer.parseInt(d.substring(7));
                    if (i < 0 || i >= cl.size())
                        throw new IllegalArgumentException("device '" + d + "': there are " + cl.size() + " OpenCL devices");
                    return new AparapiRenderer(cl.get(i));
                }
                throw new IllegalArgumentException("unknown device '" + device + "' (expected auto, java, fast, jtp, aparapi, opencl, gpu, cpu or opencl:N)");
        }
    }

    /** Names accepted by {@link #create} for every renderer available here: java, fast, jtp and opencl:N per device. */
    public static List<String> availableDevices() {
        List<String> out = new ArrayList<>(List.of("java", "fast", "jtp"));
        List<OpenCLDevice> cl = AparapiRenderer.openClDevices();
        for (int i = 0; i < cl.size(); i++) out.add("opencl:" + i);
        return out;
    }

    /** A one-line description of each available OpenCL device, in {@code opencl:N} order. */
    public static List<String> openClDescriptions() {
        List<String> out = new ArrayList<>();
        for (OpenCLDevice c : AparapiRenderer.openClDevices())
            out.add(c.getType() + " " + c.getName().trim() + " (" + c.getOpenCLPlatform().getName().trim() + ")");
        return out;
    }
}
