package org.sersic4j.learn;

import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** Which ND4J backend and device run the networks, in one line for logs and provenance. */
public final class Backend {
    private Backend() {}

    /** E.g. "ND4J CPU backend (linux-x86_64-avx2), 2 threads" or "ND4J CUDA backend, device 0: ...". */
    public static String describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        StringBuilder s = new StringBuilder("ND4J ").append(backend.replace("Backend", "").replace("Nd4j", ""))
                .append(" backend");
        Object blas = env.get("blas.vendor");
        if (blas != null) s.append(", BLAS ").append(blas);
        Object threads = env.get("omp.threads");
        if (threads != null) s.append(", ").append(threads).append(" threads");
        Object devices = env.get("cuda.availableDevices");
        if (devices != null) s.append(", CUDA devices: ").append(devices);
        String build = nativeBuild();
        if (build != null) s.append(", native build ").append(build);
        return s.toString();
    }

    /** The native build's classifier (e.g. linux-x86_64-avx2), read off the jar holding ND4J's CPU bindings; null when unknown. */
    public static String nativeBuild() {
        try {
            Class<?> c = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu");
            var src = c.getProtectionDomain().getCodeSource();
            if (src == null) return null;
            String name = java.nio.file.Path.of(src.getLocation().toURI()).getFileName().toString();
            int i = name.indexOf("linux");
            if (i < 0) i = name.indexOf("macosx");
            if (i < 0) i = name.indexOf("windows");
            return i < 0 ? null : name.substring(i).replaceAll("\\.jar$", "");
        } catch (ReflectiveOperationException | java.net.URISyntaxException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
