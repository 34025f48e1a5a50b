package org.sersic4j.render.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sersic4j.io.InvalidInputException;
import org.sersic4j.render.sim.SimulationConfig.Device;
import org.sersic4j.render.sim.SimulationConfig.PsfMode;
import org.sersic4j.render.sim.SimulationConfig.PsfType;

class SimulationConfigTest {

    @TempDir
    Path tmp;

    private Path write(String name, String yaml) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    private String error(String yaml) throws IOException {
        Path p = write("bad.yaml", yaml);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SimulationConfig.load(p));
        assertTrue(e.getMessage().contains("bad.yaml"), "message names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void emptyFileGivesTheDefaults() throws IOException {
        SimulationConfig c = SimulationConfig.load(write("empty.yaml", "# nothing\n"));
        assertEquals(SimulationConfig.defaults(), c);
        assertEquals(1000, c.count());
        assertEquals(64, c.size());
        assertEquals(0.2, c.pixelScale());
        assertEquals(30, c.zeropoint());
        assertEquals(new NoiseModel(100, 2.0, 5.0), c.noise().model());
        assertEquals(Range.of(500, 50000), c.ranges().flux());
        assertEquals(Range.of(0.3, 5), c.ranges().reArcsec());
        assertEquals(3, c.ranges().centreOffset());
        assertEquals(PsfMode.FIXED, c.psf().mode());
        assertEquals(PsfType.MOFFAT, c.psf().type());
        assertEquals(25, c.psf().size());
        assertEquals(false, c.blend().enabled());
        assertEquals(Range.of(5, 12), c.blend().separation());
        assertEquals(Device.AUTO, c.device());
        assertEquals(org.sersic4j.render.RenderSettings.DEFAULT.oversample(), c.oversample());
    }

    @Test
    void readsEveryKeyInEveryRangeForm() throws IOException {
        SimulationConfig c = SimulationConfig.load(write("full.yaml", """
                count: 12
                seed: 99
                size: 40
                pixelScale: 0.25
                zeropoint: 27.5
                noise: {sky: 50, gain: 1.5, rdnoise: 3}
                ranges:
                  flux: {min: 1000, max: 100000, log: true}
                  reArcsec: [0.5, 2]
                  n: 1
                  ell: {min: 0.1, max: 0.3}
                  pa: [10, 20]
                  centreOffset: 1.5
                psf:
                  mode: drawn
                  type: Gaussian
                  fwhm: [0.6, 0.9]
                  size: 21
                blend: {enabled: true, separation: [4, 8]}
                device: java
                oversample: 2
                """));
        assertEquals(12, c.count());
        assertEquals(99, c.seed());
        assertEquals(40, c.size());
        assertEquals(0.25, c.pixelScale());
        assertEquals(27.5, c.zeropoint());
        assertEquals(new NoiseModel(50, 1.5, 3), c.noise().model());
        assertEquals(Range.logOf(1000, 100000), c.ranges().flux());
        assertEquals(Range.of(2, 8), c.reRangePx());
        assertEquals(Range.fixed(1), c.ranges().n());
        assertEquals(1.5, c.ranges().centreOffset());
        assertEquals(PsfMode.DRAWN, c.psf().mode());
        assertEquals(PsfType.GAUSSIAN, c.psf().type());
        assertEquals(Range.of(2.4, 3.6), c.fwhmRangePx());
        assertEquals(21, c.psf().size());
        assertTrue(c.blend().enabled());
        assertEquals(Device.JAVA, c.device());
        assertEquals(2, c.renderSettings().oversample());
        assertEquals(20.5, c.centre());
    }

    @Test
    void unknownKeysAreErrorsNamingTheKey() throws IOException {
        String top = error("count: 3\ncolour: red\n");
        assertTrue(top.contains("'colour'"), top);
        assertTrue(top.contains("known keys"), top);
        String nested = error("ranges:\n  fluxx: [1, 2]\n");
        assertTrue(nested.contains("'ranges.fluxx'"), nested);
        String inRange = error("ranges:\n  flux: {min: 1, max: 2, lg: true}\n");
        assertTrue(inRange.contains("'ranges.flux.lg'"), inRange);
        String inNoise = error("noise: {sky: 1, gian: 2}\n");
        assertTrue(inNoise.contains("'noise.gian'"), inNoise);
    }

    @Test
    void badValuesAreErrorsNamingTheKey() throws IOException {
        assertTrue(error("ranges:\n  flux: [5000, 500]\n").contains("ranges.flux: min must be <= max"));
        assertTrue(error("ranges:\n  reArcsec: {min: 0, max: 2, log: true}\n").contains("ranges.reArcsec"));
        assertTrue(error("ranges:\n  n: [0.1, 4]\n").contains("ranges.n"));
        assertTrue(error("ranges:\n  ell: [0, 1]\n").contains("ranges.ell"));
        assertTrue(error("count: 0\n").contains("count"));
        assertTrue(error("count: many\n").contains("count"));
        assertTrue(error("size: 3\n").contains("size"));
        assertTrue(error("psf: {size: 24}\n").contains("psf.size"));
        assertTrue(error("psf: {beta: 1}\n").contains("psf.beta"));
        assertTrue(error("psf: {mode: fixed, fwhm: [0.6, 0.9]}\n").contains("psf.fwhm"));
        assertTrue(error("psf: {mode: sometimes}\n").contains("psf.mode"));
        assertTrue(error("device: gpu\n").contains("device"));
        assertTrue(error("noise: {gain: 0}\n").contains("noise.gain"));
        assertTrue(error("oversample: 9\n").contains("oversample"));
        assertTrue(error("ranges: {flux: [1, 2, 3]}\n").contains("ranges.flux"));
        assertTrue(error("blend: {enabled: true, separation: [5, 40]}\n").contains("blend.separation"));
        assertTrue(error("count: [1\n").contains("YAML"));
    }

    @Test
    void blendCombineIsSumByDefaultMaxOnRequestAndNamedWhenWrong() throws IOException {
        assertEquals(SimulationConfig.Combine.SUM, SimulationConfig.defaults().blend().combine());
        Path f = tmp.resolve("max.yaml");
        Files.writeString(f, "blend: {enabled: true, combine: max}\n");
        assertEquals(SimulationConfig.Combine.MAX, SimulationConfig.load(f).blend().combine());
        String e = error("blend: {enabled: true, combine: average}\n");
        assertTrue(e.contains("blend.combine") && e.contains("sum, max"), e);
        assertArrayEquals(new double[] {3, 5}, SimulationConfig.Combine.SUM.into(new double[] {1, 2}, new double[] {2, 3}));
        assertArrayEquals(new double[] {2, 3}, SimulationConfig.Combine.MAX.into(new double[] {1, 3}, new double[] {2, 1}));
    }

    @Test
    void missingFileIsAnInvalidInput() {
        Path p = tmp.resolve("nope.yaml");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SimulationConfig.load(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    }

    @Test
    void withersOverrideAndValidate() {
        SimulationConfig d = SimulationConfig.defaults();
        SimulationConfig c = d.withCount(6).withSeed(7).withSize(32).withDevice(Device.JAVA).withOversample(2);
        assertEquals(6, c.count());
        assertEquals(7, c.seed());
        assertEquals(32, c.size());
        assertEquals(Device.JAVA, c.device());
        assertEquals(2, c.oversample());
        assertEquals(d.ranges(), c.ranges());
        assertEquals(d.noise(), c.noise());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withCount(0));
        assertTrue(e.getMessage().startsWith("count:"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.withSize(4)).getMessage().startsWith("size:"));
    }

    @Test
    void toYamlRoundTrips() throws IOException {
        SimulationConfig c = SimulationConfig.defaults().withCount(5).withSeed(-3).withBlendEnabled(true)
                .withRanges(new SimulationConfig.Ranges(Range.logOf(10, 1e4), Range.of(0.2, 1), Range.fixed(1),
                        Range.of(0, 0.5), Range.of(0, 180), 2));
        assertEquals(c, SimulationConfig.load(write("round.yaml", c.toYaml())));
    }
}
