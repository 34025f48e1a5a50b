package org.sersic4j.fit;

import org.sersic4j.fit.optim.DifferentiableObjective;

/**
 * weight · Σ (model − data)² over the unmasked pixels of a stamp, as a function of the
 * {@link BivariateGaussianModel} parameter vector, with its analytic gradient.
 */
final class GaussianSquaredErrorObjective implements DifferentiableObjective {

    private final StampPixels pixels;
    private final double weight;

    GaussianSquaredErrorObjective(StampPixels pixels, double weight) {
        this.pixels = pixels;
        this.weight = weight;
    }

    @Override
    public double valueAndGradient(double[] p, double[] gradientOut) {
        BivariateGaussianModel m = new BivariateGaussianModel(p);
        double a = m.amplitude, ia = m.inverseVarianceA, ib = m.inverseVarianceB, c = m.cos(), s = m.sin();
        double sum = 0, gA = 0, gX = 0, gY = 0, gLa = 0, gLb = 0, gAngle = 0;
        double[] xs = pixels.x, ys = pixels.y, data = pixels.value;
        for (int k = 0; k < data.length; k++) {
            double dx = xs[k] - m.x0, dy = ys[k] - m.y0, u = m.u(dx, dy), v = m.v(dx, dy);
            double uu = u * u * ia, vv = v * v * ib;
            double e = Math.exp(-0.5 * (uu + vv));
            double model = a * e, r = model - data[k], rm = r * model;
            sum += r * r;
            gA += r * e;
            gX += rm * (-u * s * ia + v * c * ib);
            gY += rm * (u * c * ia + v * s * ib);
            gLa += rm * uu;
            gLb += rm * vv;
            gAngle += rm * u * v * (ia - ib);
        }
        double w2 = 2 * weight;
        gradientOut[BivariateGaussianModel.AMPLITUDE] = w2 * gA;
        gradientOut[BivariateGaussianModel.X0] = w2 * gX;
        gradientOut[BivariateGaussianModel.Y0] = w2 * gY;
        gradientOut[BivariateGaussianModel.LOG_SIGMA_A] = w2 * gLa;
        gradientOut[BivariateGaussianModel.LOG_SIGMA_B] = w2 * gLb;
        gradientOut[BivariateGaussianModel.ANGLE] = w2 * gAngle;
        return weight * sum;
    }
}
