package org.sersic4j.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sersic4j.render.Image;

class BivariateGaussianModelTest {

    @Test
    void axesDescribeTheSameGaussianWhicheverAxisIsLonger() {
        double[][] vectors = {
                {3, 20.4, 18.9, Math.log(4), Math.log(1.5), Math.toRadians(35)}, // axis a longer
                {3, 20.4, 18.9, Math.log(1.5), Math.log(4), Math.toRadians(35)}, // axis b longer: pa 125
                {-2, 15.0, 22.2, Math.log(2), Math.log(3), Math.toRadians(-400)}, // angle far outside [0, 180)
        };
        for (double[] p : vectors) {
            BivariateGaussianModel.Axes axes = BivariateGaussianModel.axes(p);
            Image expected = GaussianStamps.gaussian(40, 36, p[0], p[1], p[2], axes.sigmaMajor(), axes.sigmaMinor(), axes.pa());
            Image actual = new BivariateGaussianModel(p).render(40, 36);

            assertEquals(Math.max(Math.exp(p[3]), Math.exp(p[4])), axes.sigmaMajor(), 1e-12);
            assertEquals(Math.min(Math.exp(p[3]), Math.exp(p[4])), axes.sigmaMinor(), 1e-12);
            assertArrayEquals(expected.pixels(), actual.pixels(), 1e-12 * Math.abs(p[0]));
        }
        assertEquals(125, BivariateGaussianModel.axes(vectors[1]).pa(), 1e-9);
    }

    @Test
    void positionAngleIsReducedToHalfOpenRange() {
        assertEquals(0, BivariateGaussianModel.positionAngle(180));
        assertEquals(170, BivariateGaussianModel.positionAngle(-10), 1e-12);
        assertEquals(30, BivariateGaussianModel.positionAngle(390), 1e-12);
        assertEquals(0, BivariateGaussianModel.positionAngle(-1e-18));
    }
}
