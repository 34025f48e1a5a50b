package org.sersic4j.fit;

import org.sersic4j.render.AparapiFitEvaluator;
import org.sersic4j.render.sim.NoiseModel;

/**
 * A problem's pixels as the device's fit passes take them: the data, whether each pixel is fitted, and the likelihood's
 * per-pixel values (the same ones {@link Chi2Statistic}, {@link PoissonStatistic} and
 * {@link GaussianVarianceStatistic} precompute).
 */
final class DeviceStamp {
    private DeviceStamp() {}

    static AparapiFitEvaluator.SlotData of(FitProblem p) {
        int np = p.image().width() * p.image().height();
        boolean[] excluded = p.excluded();
        double[] img = p.image().pixels();
        double[] sigma = p.sigma();
        NoiseModel noise = p.noise();
        float[] data = new float[np], aux1 = new float[np], aux2 = new float[np], use = new float[np];
        int kind;
        double c1 = 0, c2 = 0;
        switch (p.likelihood()) {
            case POISSON -> {
                kind = AparapiFitEvaluator.POISSON;
                c1 = noise.gain();
                c2 = noise.gain() * noise.sky() + noise.rdnoise() * noise.rdnoise();
            }
            case GAUSSIAN -> {
                kind = AparapiFitEvaluator.GAUSSIAN;
                c1 = 1 / noise.gain();
                c2 = GaussianVarianceStatistic.varianceOffset(noise);
            }
            default -> kind = AparapiFitEvaluator.CHI2;
        }
        for (int i = 0; i < np; i++) {
            if (excluded[i]) continue;
            double d = img[i];
            data[i] = (float) d;
            use[i] = 1;
            switch (p.likelihood()) {
                case POISSON -> aux1[i] = (float) Math.max(0, c1 * d + c2);
                case GAUSSIAN -> {
                    double vStar = GaussianVarianceStatistic.bestVariance(d, c1, c2);
                    aux1[i] = (float) (d - (c1 * d + c2 - vStar) / c1);
                    aux2[i] = (float) vStar;
                }
                default -> {
                    // Without a σ map, σ from the noise model at the data (GALFIT's habit), as Chi2Statistic gets it.
                    double s = sigma != null ? sigma[i] : Math.sqrt(noise.variance(d));
                    aux1[i] = (float) (1 / s);
                }
            }
        }
        return new AparapiFitEvaluator.SlotData(data, aux1, aux2, use, kind, c1, c2, p.psf());
    }
}
