package org.sersic4j.validation.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.compare.StampInput;
import org.sersic4j.validation.Repository;

class RealStampsTest {
    @TempDir
    Path dir;

    @Test
    void aManifestBringsItsSigmaMapsAndPsfsAndABadRowIsReportedNotFatal() throws Exception {
        Path good = Repository.kidsManifest(dir.resolve("two.csv"), "G265911", "G265940");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "id,image,sigma,mask,seg,psf\nghost," + dir.resolve("ghost.fits") + ",,,,\n");
        RealStamps.Loaded l = RealStamps.from(List.of(good, bad));
        assertEquals(List.of("G265911", "G265940"), l.stamps().stream().map(StampInput::id).toList());
        for (StampInput s : l.stamps()) {
            assertNotNull(s.sigma(), "the manifest's sigma map is used");
            assertNotNull(s.psf(), "the manifest's PSF is used");
        }
        assertEquals(1, l.problems().size());
        assertTrue(l.problems().get(0).contains("ghost"), l.problems().get(0));
    }
}
