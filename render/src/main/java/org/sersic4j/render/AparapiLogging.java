package org.sersic4j.render;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Aparapi's own log quiet. Aparapi logs through {@code java.util.logging}, on the logger it names after its
 * {@code com.aparapi.logLevel} property, and where no OpenCL library can be loaded it logs two {@code SEVERE: Check
 * your environment…} lines that a user reads as a failure although the Java renderers work. The filter installed here
 * drops Aparapi's records below {@code com.aparapi.logLevel}'s own level when the user set that property, and otherwise
 * every record; it remembers that OpenCL could not be loaded, so that a command can say once, calmly, which renderer
 * runs ({@link #openClMissing}).
 */
public final class AparapiLogging {
    /** The logger Aparapi writes to (its {@code Config.getLoggerName()}). */
    public static final String LOGGER_NAME = "com.aparapi.logLevel";

    // Held for the life of the JVM: LogManager keeps loggers weakly, and a collected logger would lose the filter.
    private static final Logger APARAPI = Logger.getLogger(LOGGER_NAME);
    private static final Logger PACKAGE = Logger.getLogger("com.aparapi");
    private static volatile boolean openClMissing;

    static {
        Filter quiet = r -> {
            String m = r.getMessage();
            if (m != null && m.startsWith("Check your environment")) openClMissing = true;
            // A user who asks for Aparapi's log (-Dcom.aparapi.logLevel=…) gets it.
            return System.getProperty(LOGGER_NAME) != null;
        };
        APARAPI.setFilter(quiet);
        PACKAGE.setFilter(quiet);
    }

    private AparapiLogging() {}

    /** Installs the filter (idempotent; call before the first Aparapi class is used). */
    public static void install() {
        // the static initialiser did the work
    }

    /** Forgets what was seen (tests). */
    static void reset() {
        openClMissing = false;
    }

    /** True when Aparapi reported that no OpenCL library could be loaded. */
    public static boolean openClMissing() {
        return openClMissing;
    }
}
