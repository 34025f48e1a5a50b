package org.sersic4j.render.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.sim.SimulationConfig.Psf;
import org.sersic4j.render.sim.SimulationConfig.PsfMode;
import org.sersic4j.render.sim.SimulationConfig.Ranges;

class ParameterSamplerTest {

    private static final double Z = 5;

    private static SimulationConfig config() {
        return SimulationConfig.defaults().withSize(48).withSeed(2024);
    }

    @Test
    void drawsStayInTheirRanges() {
        SimulationConfig c = config().withBlendEnabled(true)
                .withPsf(Psf.DEFAULT.withMode(PsfMode.DRAWN).withFwhm(Range.of(0.5, 1.1)));
        ParameterSampler s = new ParameterSampler(c);
        double ctr = (48 + 1) / 2.0, px = c.pixelScale();
        for (int i = 0; i < 3000; i++) {
            ParameterSampler.Draw d = s.draw(i);
            for (SersicParams p : List.of(d.galaxy(), d.companion())) {
                assertTrue(p.flux() >= 500 && p.flux() <= 50000, "flux " + p.flux());
                assertTrue(p.re() >= 0.3 / px - 1e-12 && p.re() <= 5 / px + 1e-12, "re " + p.re());
                assertTrue(p.n() >= 0.5 && p.n() <= 4, "n " + p.n());
                assertTrue(p.q() >= 0.4 - 1e-12 && p.q() <= 1, "q " + p.q());
                assertTrue(p.pa() >= 0 && p.pa() < 180, "pa " + p.pa());
                assertNull(p.problem());
            }
            SersicParams g = d.galaxy();
            assertTrue(Math.abs(g.x0() - ctr) <= 3 && Math.abs(g.y0() - ctr) <= 3, "centre " + g.x0() + ", " + g.y0());
            double sep = Math.hypot(d.companion().x0() - g.x0(), d.companion().y0() - g.y0());
            assertTrue(sep >= 5 - 1e-9 && sep <= 12 + 1e-9, "separation " + sep);
            assertTrue(d.psf().fwhmPx() >= 0.5 / px - 1e-12 && d.psf().fwhmPx() <= 1.1 / px + 1e-12);
        }
    }

    @Test
    void logUniformMedianIsNearTheGeometricMeanAndUniformNearTheMiddle() {
        SimulationConfig c = config().withRanges(new Ranges(Range.logOf(100, 1e6), Range.of(0.3, 5), Range.of(0.5, 4),
                Range.of(0, 0.6), Range.of(0, 180), 3));
        ParameterSampler s = new ParameterSampler(c);
        int n = 4001;
        double[] logFlux = new double[n], nIdx = new double[n];
        for (int i = 0; i < n; i++) {
            SersicParams p = s.galaxy(i);
            logFlux[i] = Math.log10(p.flux());
            nIdx[i] = p.n();
        }
        Arrays.sort(logFlux);
        Arrays.sort(nIdx);
        // the median of n uniform deviates on [0, 1] has sd ≈ 1/(2 sqrt(n)); scale by the width of the range
        double sdUnit = 0.5 / Math.sqrt(n);
        assertEquals(4.0, logFlux[n / 2], Z * sdUnit * 4.0, "log10 median flux vs log10 sqrt(100·1e6)");
        assertEquals(2.25, nIdx[n / 2], Z * sdUnit * 3.5, "median n vs (0.5 + 4)/2");
        // and a log-uniform draw really is not uniform: the linear median would be ~5e5
        assertTrue(Math.pow(10, logFlux[n / 2]) < 1e5);
    }

    @Test
    void sameSeedSameDrawsAndAnotherSeedOthers() {
        ParameterSampler a = new ParameterSampler(config().withBlendEnabled(true));
        ParameterSampler b = new ParameterSampler(config().withBlendEnabled(true));
        ParameterSampler other = new ParameterSampler(config().withSeed(2025).withBlendEnabled(true));
        for (int i = 0; i < 50; i++) {
            assertEquals(a.draw(i), b.draw(i));
            assertNotEquals(a.galaxy(i), other.galaxy(i));
        }
        assertNotEquals(a.galaxy(0), a.galaxy(1));
    }

    @Test
    void stampDrawDoesNotDependOnOrderBatchingOrThreads() {
        ParameterSampler s = new ParameterSampler(config().withBlendEnabled(true));
        List<ParameterSampler.Draw> sequential = IntStream.range(0, 500).mapToObj(s::draw).collect(Collectors.toList());
        // in batches of 7, last batch first, each batch in parallel
        ParameterSampler.Draw[] batched = new ParameterSampler.Draw[500];
        for (int start = 497 / 7 * 7; start >= 0; start -= 7) {
            int from = start;
            IntStream.range(from, Math.min(from + 7, 500)).parallel().forEach(i -> batched[i] = s.draw(i));
        }
        assertEquals(sequential, Arrays.asList(batched));
        // a fresh sampler asked for stamp 321 alone gives the same draw
        assertEquals(sequential.get(321), new ParameterSampler(config().withBlendEnabled(true)).draw(321));
    }

    @Test
    void blendingLeavesTheFirstGalaxyUnchanged() {
        ParameterSampler single = new ParameterSampler(config());
        ParameterSampler blend = new ParameterSampler(config().withBlendEnabled(true));
        for (int i = 0; i < 20; i++) {
            assertEquals(single.draw(i).galaxy(), blend.draw(i).galaxy());
            assertNull(single.draw(i).companion());
        }
    }

    @Test
    void fixedPsfIsTheConfiguredOne() {
        SimulationConfig c = config();
        ParameterSampler s = new ParameterSampler(c);
        PsfSpec p = s.psf(17);
        assertEquals(0.7 / 0.2, p.fwhmPx(), 1e-12);
        assertEquals(3.5, p.beta());
        assertEquals(1.0, p.q());
        assertEquals(p, s.psf(3));
    }
}
