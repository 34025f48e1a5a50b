package org.sersic4j.validation.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a benchmark ran on, as its JSON records it. */
public final class Machine {
    private Machine() {}

    /** The machine: OS, architecture, cores, Java heap limit, CPU model (Linux), Java version. */
    public static ObjectNode describe() {
        ObjectNode m = new ObjectMapper().createObjectNode();
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("arch", System.getProperty("os.arch"));
        m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        m.put("maxMemory", Runtime.getRuntime().maxMemory());
        String cpu = cpuModel();
        if (cpu != null) m.put("cpuModel", cpu);
        m.put("javaVersion", System.getProperty("java.version"));
        m.put("javaVm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        try {
            m.putPOJO("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        } catch (RuntimeException | LinkageError e) {
            // not available on every VM
        }
        return m;
    }

    /** The CPU model from /proc/cpuinfo, or null where it is not readable. */
    static String cpuModel() {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(info)) return null;
        try {
            for (String line : Files.readAllLines(info)) {
                int c = line.indexOf(':');
                if (c < 0) continue;
                String key = line.substring(0, c).trim();
                if (key.equals("model name") || key.equals("Model") || key.equals("Hardware") || key.equals("cpu model"))
                    return line.substring(c + 1).trim();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
