package org.sersic4j.validation.bench;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a benchmark ran on, as its JSON records it (snake_case keys in this order; documents written before
 * December 2026 have the camelCase keys, which read too).
 *
 * @param os                  operating system name and version
 * @param arch                architecture
 * @param availableProcessors cores the JVM sees
 * @param maxMemory           the Java heap limit [bytes]
 * @param cpuModel            the CPU model (Linux's /proc/cpuinfo); left out where not readable
 * @param javaVersion         Java version
 * @param javaVm              Java VM name and version
 * @param jvmArguments        the JVM's arguments; left out where the VM does not give them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Machine(String os, String arch, @JsonAlias("availableProcessors") int availableProcessors,
                      @JsonAlias("maxMemory") long maxMemory, @JsonAlias("cpuModel") String cpuModel,
                      @JsonAlias("javaVersion") String javaVersion, @JsonAlias("javaVm") String javaVm,
                      @JsonAlias("jvmArguments") List<String> jvmArguments) {

    /** This machine: OS, architecture, cores, Java heap limit, CPU model (Linux), Java version. */
    public static Machine describe() {
        List<String> args;
        try {
            args = List.copyOf(ManagementFactory.getRuntimeMXBean().getInputArguments());
        } catch (RuntimeException | LinkageError e) {
            args = null; // not available on every VM
        }
        return new Machine(System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(), readCpuModel(),
                System.getProperty("java.version"), System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"), args);
    }

    /** The CPU model from /proc/cpuinfo, or null where it is not readable. */
    static String readCpuModel() {
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
