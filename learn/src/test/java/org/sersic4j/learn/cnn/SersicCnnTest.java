package org.sersic4j.learn.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sersic4j.learn.TargetScaling;
import org.sersic4j.learn.TrainingConfig;
import org.sersic4j.io.InvalidInputException;

class SersicCnnTest {
    @TempDir
    Path dir;

    private static TrainingConfig withNetwork(TrainingConfig.Network n) {
        TrainingConfig d = TrainingConfig.defaults();
        return new TrainingConfig(d.output(), d.seed(), d.data(), n, d.training());
    }

    private static Map<String, INDArray> activations(TrainingConfig cfg) {
        ComputationGraph g = SersicCnn.create(cfg);
        int s = cfg.data().stampSize(), p = cfg.data().psfSize();
        return g.feedForward(new INDArray[] {Nd4j.rand(DataType.FLOAT, 2, 1, s, s), Nd4j.rand(DataType.FLOAT, 2, 1, p, p)}, false);
    }

    private static long[] chw(INDArray a) {
        return new long[] {a.size(1), a.size(2), a.size(3)};
    }

    @Test
    void theStridedLayoutPatchesThenHalvesWithoutPooling() {
        var n = new TrainingConfig.Network(4, List.of(16, 32, 64, 64), List.of(8, 16), 256, 0.1, TrainingConfig.Downsample.STRIDE);
        Map<String, INDArray> a = activations(withNetwork(n));
        // 64 px / 4 = 16, then 8, 4, 2; the 25 px PSF: 13, then 7 ("same" padding rounds up).
        assertArrayEquals(new long[] {16, 16, 16}, chw(a.get("s_conv0")));
        assertArrayEquals(new long[] {32, 8, 8}, chw(a.get("s_conv1")));
        assertArrayEquals(new long[] {64, 4, 4}, chw(a.get("s_conv2")));
        assertArrayEquals(new long[] {64, 2, 2}, chw(a.get("s_conv3")));
        assertArrayEquals(new long[] {8, 13, 13}, chw(a.get("k_conv0")));
        assertArrayEquals(new long[] {16, 7, 7}, chw(a.get("k_conv1")));
        assertFalse(a.keySet().stream().anyMatch(k -> k.contains("_pool")), a.keySet().toString());
        assertArrayEquals(new long[] {2, TargetScaling.COUNT}, a.get(SersicCnn.OUTPUT).shape());
    }

    @Test
    void thePooledLayoutPoolsAfterEveryConvolution() {
        Map<String, INDArray> a = activations(withNetwork(TrainingConfig.Network.DEFAULT));
        // 5x5 stride 2: 32, pooled 16; 3x3: 16, pooled 8; 8 -> 4; 4 -> 2. PSF: 25 -> 13 -> 7 ("same" pooling rounds up).
        assertArrayEquals(new long[] {16, 32, 32}, chw(a.get("s_conv0")));
        assertArrayEquals(new long[] {16, 16, 16}, chw(a.get("s_pool0")));
        assertArrayEquals(new long[] {64, 2, 2}, chw(a.get("s_pool3")));
        assertArrayEquals(new long[] {16, 7, 7}, chw(a.get("k_pool1")));
    }

    @Test
    void downsampleIsReadFromYamlAndABadValueNamesTheKey() throws Exception {
        Path f = dir.resolve("net.yaml");
        Files.writeString(f, "network:\n  stem: 4\n  downsample: stride\n");
        TrainingConfig c = TrainingConfig.load(f);
        assertEquals(TrainingConfig.Downsample.STRIDE, c.network().downsample());
        assertEquals(4, c.network().stem());
        Path back = dir.resolve("back.yaml");
        Files.writeString(back, c.toYaml());
        assertEquals(c, TrainingConfig.load(back));
        Files.writeString(f, "network:\n  downsample: average\n");
        var e = assertThrows(InvalidInputException.class, () -> TrainingConfig.load(f));
        assertTrue(e.getMessage().contains("net.yaml") && e.getMessage().contains("network.downsample"), e.getMessage());
        Files.writeString(f, "network:\n  stem: 3\n");
        var e2 = assertThrows(InvalidInputException.class, () -> TrainingConfig.load(f));
        assertTrue(e2.getMessage().contains("network.stem"), e2.getMessage());
    }
}
