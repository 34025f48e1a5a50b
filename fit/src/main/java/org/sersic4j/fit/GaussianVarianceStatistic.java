package org.sersic4j.fit;

import org.sersic4j.render.sim.NoiseModel;

/**
 * The Gaussian likelihood with the model's own variance, log-determinant term included:
 * D(m) = (d − m)²/V(m) + ln V(m), V(m) = (m + SKY)/GAIN + (RDNOISE/GAIN)² = a·m + b. Each pixel's best value m* solves
 * a quadratic; with δ = m − m* and t = aδ/V(m*), D(m) − D(m*) = δ²/(V*(1 + t)) + ln(1 + t) − t/(1 + t), which is
 * evaluated as δ²·h(δ) so that the residual δ√h and its slope stay exact through zero.
 */
final class GaussianVarianceStatistic implements PixelStatistic {
    private final int[] pixel;
    private final double[] best, bestVariance;
    private final double a;
    private final NoiseModel noise;

    GaussianVarianceStatistic(int[] pixel, double[] data, NoiseModel noise) {
        this.pixel = pixel;
        this.noise = noise;
        this.a = 1 / noise.gain();
        double rn = noise.rdnoise() / noise.gain(), b = noise.sky() * a + rn * rn;
        best = new double[data.length];
        bestVariance = new double[data.length];
        for (int j = 0; j < data.length; j++) {
            bestVariance[j] = bestVariance(data[j], a, b);
            best[j] = data[j] - (a * data[j] + b - bestVariance[j]) / a;
        }
    }

    /** The variance term b of V(m) = a·m + b [ADU²] for a noise model (a = 1/GAIN). */
    static double varianceOffset(NoiseModel noise) {
        double rn = noise.rdnoise() / noise.gain();
        return noise.sky() / noise.gain() + rn * rn;
    }

    /** V(m*) of a pixel holding d: the best model value is m* = d − (V(d) − V(m*))/a. */
    static double bestVariance(double d, double a, double b) {
        double vd = a * d + b;
        // The root of a u² − (2V_d + a²) u + a V_d = 0 (u = d − m*) with V(m*) > 0, in a cancellation-free form.
        return Math.max(2 * vd * vd / (Math.sqrt(4 * vd * vd + a * a * a * a) + a * a), 1e-12 * b);
    }

    @Override
    public boolean residuals(double[] model, double sky, double[] r, double[] drdm) {
        boolean finite = true;
        for (int j = 0; j < pixel.length; j++) {
            double vs = bestVariance[j], delta = model[pixel[j]] + sky - best[j];
            double c = a / vs, t = c * delta;
            if (!(t > -1)) {
                r[j] = Double.NaN;
                drdm[j] = Double.NaN;
                finite = false;
                continue;
            }
            double g = gOverT2(t), onePlusT = 1 + t;
            double h = 1 / (vs * onePlusT) + c * c * g;
            double hSlope = -c / (vs * onePlusT * onePlusT) + c * c * c * gOverT2Slope(t, g);
            double s = Math.sqrt(h);
            r[j] = delta * s;
            drdm[j] = s + delta * hSlope / (2 * s);
        }
        return finite;
    }

    @Override
    public double variance(int j, double modelValue) {
        return noise.variance(modelValue);
    }

    /** G(t) = (ln(1 + t) − t/(1 + t))/t². */
    static double gOverT2(double t) {
        if (Math.abs(t) < 1e-2) return 0.5 + t * (-2.0 / 3 + t * (0.75 + t * (-0.8 + t * (5.0 / 6 + t * (-6.0 / 7)))));
        if (t > PoissonStatistic.HUGE) return ((Math.log1p(t) - t / (1 + t)) / t) / t;   // t² would overflow to ∞
        return (Math.log1p(t) - t / (1 + t)) / (t * t);
    }

    /** G'(t), given G(t). */
    static double gOverT2Slope(double t, double g) {
        if (Math.abs(t) < 1e-2) return -2.0 / 3 + t * (1.5 + t * (-2.4 + t * (10.0 / 3 + t * (-30.0 / 7))));
        double gPrime = t / ((1 + t) * (1 + t));
        if (t > PoissonStatistic.HUGE) return ((gPrime - 2 * t * g) / t) / t;
        return (gPrime - 2 * t * g) / (t * t);
    }
}
