package org.sersic4j.compare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens a report in a real browser (Debian's chromium, headless) and checks that the page draws; skipped without it. */
@Tag("browser")
class ComparisonReportBrowserTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");

    @Test
    void chromiumDrawsTheReport(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(CHROMIUM.canExecute(), "chromium is not installed");
        Path html = dir.resolve("report.html"), shot = dir.resolve("report.png"), log = dir.resolve("chromium.log");
        ComparisonReport.write(SyntheticResults.full(50, 4), html);
        Process p = new ProcessBuilder(List.of(CHROMIUM.getPath(), "--headless", "--disable-gpu", "--no-sandbox",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"),
                "--screenshot=" + shot, "--window-size=1280,4000", html.toUri().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 180 s; its output:\n" + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed; its output:\n" + read(log));
        assertTrue(Files.isRegularFile(shot), () -> "no screenshot; chromium's output:\n" + read(log));
        BufferedImage img = ImageIO.read(shot.toFile());
        assertNotNull(img, "the screenshot is not a PNG");
        assertEquals(1280, img.getWidth());
        Set<Integer> colours = new HashSet<>();
        long inked = 0;
        for (int y = 0; y < img.getHeight(); y += 2)
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) inked++;
            }
        assertTrue(colours.size() > 50, "the screenshot is nearly blank: " + colours.size() + " colours");
        assertTrue(inked > img.getWidth() * img.getHeight() / 4 / 50, "less than 2% of the screenshot is drawn on");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(unreadable: " + e + ")";
        }
    }
}
