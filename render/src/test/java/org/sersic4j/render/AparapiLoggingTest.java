package org.sersic4j.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where no OpenCL library loads, Aparapi logs two {@code SEVERE: Check your environment…} lines through
 * java.util.logging before anything else; a new user reads them as a failure. They are silenced, and a command says
 * once, calmly, which renderer runs.
 */
class AparapiLoggingTest {

    /** Collects whatever reaches the handlers of the root logger (where the console handler prints from). */
    static final class Collect extends Handler {
        final List<LogRecord> records = new ArrayList<>();

        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @AfterEach
    void forget() {
        AparapiLogging.reset();
    }

    @Test
    void aparapisMissingLibraryComplaintsReachNoHandlerAndAreRemembered() {
        AparapiLogging.install();
        Collect root = new Collect();
        Logger.getLogger("").addHandler(root);
        try {
            Logger aparapi = Logger.getLogger(AparapiLogging.LOGGER_NAME);
            aparapi.log(Level.SEVERE, "Check your environment. Failed to load codegen native library  or possibly failed "
                    + "to locate opencl native library (opencl.dll/opencl.so).");
            aparapi.log(Level.SEVERE, "Check your environment. Failed to load aparapi native library");
            assertTrue(root.records.isEmpty(), "nothing printed: " + root.records.size());
            assertTrue(AparapiLogging.openClMissing());
        } finally {
            Logger.getLogger("").removeHandler(root);
        }
    }

    @Test
    void theRendererIsNamedOnceAndCalmly() {
        try (Renderer r = Renderers.create("java")) {
            assertEquals("rendering with " + r.deviceDescription(), Renderers.describe(r));
            Logger.getLogger(AparapiLogging.LOGGER_NAME).log(Level.SEVERE, "Check your environment.");
            String line = Renderers.describe(r);
            assertTrue(line.startsWith("rendering with " + r.deviceDescription() + " (no OpenCL library could be loaded"), line);
            assertFalse(line.contains("SEVERE") || line.contains("Check your environment"), line);
        }
    }

    @Test
    void probingTheDevicesPrintsNothingThroughJavaLogging() {
        Collect root = new Collect();
        Logger.getLogger("").addHandler(root);
        try {
            Renderers.availableDevices();
            try (Renderer r = Renderers.create("auto")) {
                assertFalse(r.deviceDescription().isBlank());
            }
            assertTrue(root.records.stream().noneMatch(x -> x.getLevel().intValue() >= Level.SEVERE.intValue()),
                    "no SEVERE line");
        } finally {
            Logger.getLogger("").removeHandler(root);
        }
    }
}
