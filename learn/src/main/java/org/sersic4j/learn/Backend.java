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

    /** The native build's classifier as seen on the class path (e.g. linux-x86_64-avx2), or null when unknown. */
    public static String nativeBuild() {
        String cp = System.getProperty("java.class.path", "");
        for (String part : cp.split(java.io.File.pathSeparator)) {
            int i = part.indexOf("nd4j-native-");
            if (i >= 0 && part.endsWith(".jar")) {
                String name = part.substring(i + "nd4j-native-".length(), part.length() - 4);
                int dash = name.indexOf('-', name.indexOf("M2") >= 0 ? name.indexOf("M2") : 0);
                if (name.contains("linux")) return name.substring(name.indexOf("linux"));
            }
        }
        return null;
    }
}
