package org.sersic4j.learn.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sersic4j.learn.HuberLoss;

class HuberLossTest {

    @Test
    void scoreIsQuadraticInsideDeltaAndLinearOutside() {
        HuberLoss h = new HuberLoss(0.5);
        INDArray labels = Nd4j.create(new double[][]{{0, 0}});
        INDArray out = Nd4j.create(new double[][]{{0.3, -2.0}});
        double expected = 0.5 * 0.09 + 0.5 * (2.0 - 0.25);
        assertEquals(expected, h.computeScore(labels, out, Activation.IDENTITY.getActivationFunction(), null, true), 1e-9);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        for (IActivation act : new IActivation[]{Activation.IDENTITY.getActivationFunction(), Activation.TANH.getActivationFunction()}) {
            HuberLoss h = new HuberLoss(0.7);
            Nd4j.getRandom().setSeed(12);
            INDArray labels = Nd4j.rand(DataType.DOUBLE, 5, 4).subi(0.5).muli(3);
            INDArray pre = Nd4j.rand(DataType.DOUBLE, 5, 4).subi(0.5).muli(4);
            INDArray grad = h.computeGradient(labels, pre, act, null);
            double eps = 1e-6;
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 4; j++) {
                    INDArray plus = pre.dup(), minus = pre.dup();
                    plus.putScalar(i, j, pre.getDouble(i, j) + eps);
                    minus.putScalar(i, j, pre.getDouble(i, j) - eps);
                    double num = (h.computeScore(labels, plus, act, null, false) - h.computeScore(labels, minus, act, null, false)) / (2 * eps);
                    assertEquals(num, grad.getDouble(i, j), 1e-6, act + " at (" + i + "," + j + ")");
                }
            }
        }
    }

    @Test
    void perExampleMaskRemovesExamples() {
        HuberLoss h = new HuberLoss(1);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        INDArray out = Nd4j.ones(DataType.DOUBLE, 2, 3);
        INDArray mask = Nd4j.create(new double[]{1, 0}).reshape(2, 1);
        INDArray perExample = h.computeScoreArray(labels, out, Activation.IDENTITY.getActivationFunction(), mask);
        assertEquals(1.5, perExample.getDouble(0), 1e-12);
        assertEquals(0.0, perExample.getDouble(1), 1e-12);
        assertEquals(0.0, h.computeGradient(labels, out, Activation.IDENTITY.getActivationFunction(), mask).getRow(1).sumNumber().doubleValue());
    }

    @Test
    void rejectsNonPositiveDelta() {
        assertThrows(IllegalArgumentException.class, () -> new HuberLoss(0));
    }
}
