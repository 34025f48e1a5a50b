package org.sersic4j.compare.report;

/** Makes AWT run without a display before any chart or picture is drawn, unless the caller chose otherwise. */
final class Headless {

    private Headless() {
    }

    /** Sets {@code java.awt.headless=true} when the property is absent. */
    static void ensure() {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }
}
