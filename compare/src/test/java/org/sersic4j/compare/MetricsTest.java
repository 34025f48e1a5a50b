package org.sersic4j.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sersic4j.render.SersicParams;

class MetricsTest {

    /** Tolerances are this many standard errors of the statistic. */
    private static final double Z = 5;

    private static ParameterMetrics of(Parameter p, double[] truth, double[] est) {
        return Metrics.of(p, truth, est, null, BootstrapSettings.NONE);
    }

    @Test
    void nmadOfALargeNormalSampleIsSigma() {
        Random rng = new Random(20240501L);
        int n = 20_000;
        double sigma = 2.7;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = 5 + sigma * rng.nextGaussian();
        assertEquals(sigma, Metrics.nmad(v), 0.03 * sigma);

        // the same through the parameter metrics, on x0 errors
        double[] truth = new double[n], est = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = 10 + 40 * rng.nextDouble();
            est[i] = truth[i] + sigma * rng.nextGaussian();
        }
        assertEquals(sigma, of(Parameter.X0, truth, est).nmad(), 0.03 * sigma);
    }

    @Test
    void medianBiasOfAShiftedSampleIsTheShift() {
        Random rng = new Random(3);
        int n = 4001;
        double[] truth = new double[n], est = new double[n], flux = new double[n], fluxEst = new double[n];
        double noise = 0.1, relNoise = 0.02;
        for (int i = 0; i < n; i++) {
            truth[i] = 10 + 40 * rng.nextDouble();
            est[i] = truth[i] + 0.3 + noise * rng.nextGaussian();
            flux[i] = 100 + 1e4 * rng.nextDouble();
            fluxEst[i] = flux[i] * (1.08 + relNoise * rng.nextGaussian());
        }
        // standard error of a normal sample's median: sqrt(pi/2) sigma / sqrt(n)
        double seMedian = Math.sqrt(Math.PI / 2) / Math.sqrt(n);
        assertEquals(0.3, of(Parameter.X0, truth, est).medianBias(), Z * seMedian * noise);
        assertEquals(0.08, of(Parameter.FLUX, flux, fluxEst).medianBias(), Z * seMedian * relNoise);

        // a symmetric set about a shift has that shift as its median exactly
        double[] t = {1, 2, 3, 4, 5}, e = {1 + 0.5 - 0.2, 2 + 0.5 + 0.2, 3 + 0.5, 4 + 0.5 - 0.1, 5 + 0.5 + 0.1};
        assertEquals(0.5, of(Parameter.Y0, t, e).medianBias(), 1e-12);
    }

    @Test
    void outlierFractionIsTheConstructedCount() {
        Random rng = new Random(99);
        int n = 250, built = 37;
        double[] truth = new double[n], est = new double[n], x = new double[n], xEst = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = 100 + 900 * rng.nextDouble();
            x[i] = 5 + 50 * rng.nextDouble();
            double rel, dx;
            if (i < built) {
                rel = (rng.nextBoolean() ? 1 : -1) * (0.16 + 0.5 * rng.nextDouble());
                dx = (rng.nextBoolean() ? 1 : -1) * (1.01 + 3 * rng.nextDouble());
            } else {
                rel = 0.14 * (2 * rng.nextDouble() - 1);
                dx = 0.99 * (2 * rng.nextDouble() - 1);
            }
            est[i] = truth[i] * (1 + rel);
            xEst[i] = x[i] + dx;
        }
        // exactly at the threshold is not an outlier
        truth[n - 1] = 100;
        est[n - 1] = 115;
        x[n - 1] = 10;
        xEst[n - 1] = 11;
        for (Parameter p : new Parameter[] {Parameter.FLUX, Parameter.X0}) {
            ParameterMetrics m = p == Parameter.FLUX ? of(p, truth, est) : of(p, x, xEst);
            assertEquals(n, m.count());
            assertEquals(n, m.outlierRows());
            assertEquals(built, m.outliers(), p.column());
            assertEquals((double) built / n, m.outlierFraction(), 0.0, p.column());
        }
    }

    @Test
    void paOutliersCountOnlyRowsWhoseTrueQIsBelow0_9() {
        int round = 40, elongated = 60, builtOutliers = 12;
        int n = round + elongated;
        double[] truth = new double[n], est = new double[n], trueQ = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = (i * 37) % 180;
            if (i < round) {
                trueQ[i] = i == 0 ? 0.9 : 0.9 + 0.1 * (i % 10) / 10.0; // includes exactly 0.9
                est[i] = truth[i] + 60;                                    // would be an outlier if counted
            } else {
                trueQ[i] = 0.2 + 0.6 * (i % 7) / 7.0;
                int k = i - round;
                est[i] = truth[i] + (k < builtOutliers ? (k % 2 == 0 ? 20 : -16) : (k % 3 - 1) * 5.0);
            }
        }
        // an outlier that is only one the short way round: 175 apart is 5 (not), 163 apart is 17 (yes)
        truth[round + 50] = 2;
        est[round + 50] = 177;
        ParameterMetrics m = Metrics.of(Parameter.PA, truth, est, trueQ, BootstrapSettings.NONE);
        assertEquals(n, m.count(), "all rows enter the bias and NMAD");
        assertEquals(elongated, m.outlierRows());
        assertEquals(builtOutliers, m.outliers());
        assertEquals(0.2, m.outlierFraction(), 1e-15);

        truth[round + 50] = 10;
        est[round + 50] = 173; // wraps to −17
        assertEquals(builtOutliers + 1, Metrics.of(Parameter.PA, truth, est, trueQ, BootstrapSettings.NONE).outliers());
    }

    @Test
    void r2IsOneForPerfectEstimatesAndZeroForTheTruthMean() {
        Random rng = new Random(5);
        int n = 500;
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) truth[i] = 1 + 3 * rng.nextDouble();
        assertEquals(1.0, Metrics.r2(truth, truth.clone()), 0.0);
        double mean = 0;
        for (double t : truth) mean += t;
        mean /= n;
        double[] flat = new double[n];
        java.util.Arrays.fill(flat, mean);
        assertEquals(0.0, Metrics.r2(truth, flat), 1e-12);

        // an estimate with error variance equal to half the truth's variance explains about half of it
        double var = 0;
        for (double t : truth) var += (t - mean) * (t - mean);
        var /= n;
        double[] noisy = new double[n];
        for (int i = 0; i < n; i++) noisy[i] = truth[i] + Math.sqrt(var / 2) * rng.nextGaussian();
        assertEquals(0.5, Metrics.r2(truth, noisy), 0.1);
        assertTrue(Metrics.r2(truth, reversed(truth)) < 0, "worse than the mean is negative");
        assertTrue(Double.isNaN(Metrics.r2(new double[] {2, 2, 2}, new double[] {1, 2, 3})), "a constant truth has no R²");

        assertEquals(1.0, of(Parameter.RE, truth, truth.clone()).r2(), 0.0);
        assertEquals(0.0, of(Parameter.RE, truth, flat).r2(), 1e-12);
    }

    @Test
    void paR2UsesTheWrappedResidual() {
        double[] truth = {1, 50, 100, 179}, est = {179, 50, 100, 1}, q = {0.5, 0.5, 0.5, 0.5};
        double mean = (1 + 50 + 100 + 179) / 4.0, ssTot = 0;
        for (double t : truth) ssTot += (t - mean) * (t - mean);
        double expected = 1 - (4 + 0 + 0 + 4) / ssTot;
        assertEquals(expected, Metrics.of(Parameter.PA, truth, est, q, BootstrapSettings.NONE).r2(), 1e-12);
    }

    @Test
    void failedEstimatesAreCountedAndExcluded() {
        Random rng = new Random(17);
        int n = 300;
        double[] truth = new double[n], est = new double[n];
        List<Double> keptTruth = new ArrayList<>(), keptEst = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < n; i++) {
            truth[i] = 1 + 5 * rng.nextDouble();
            if (i % 10 == 3) {
                est[i] = i % 20 == 3 ? Double.NaN : Double.POSITIVE_INFINITY;
                failed++;
            } else {
                est[i] = truth[i] * (1 + 0.3 * rng.nextGaussian());
                keptTruth.add(truth[i]);
                keptEst.add(est[i]);
            }
        }
        BootstrapSettings b = new BootstrapSettings(200, 1);
        ParameterMetrics withFailures = Metrics.of(Parameter.N, truth, est, null, b);
        ParameterMetrics onKept = Metrics.of(Parameter.N, unbox(keptTruth), unbox(keptEst), null, b);
        assertEquals(failed, withFailures.failed());
        assertEquals(n - failed, withFailures.count());
        assertEquals(n, withFailures.rows());
        assertEquals(0, onKept.failed());
        assertEquals(onKept.medianBias(), withFailures.medianBias(), 0.0);
        assertEquals(onKept.nmad(), withFailures.nmad(), 0.0);
        assertEquals(onKept.outlierFraction(), withFailures.outlierFraction(), 0.0);
        assertEquals(onKept.r2(), withFailures.r2(), 0.0);
        assertEquals(onKept.nmadInterval(), withFailures.nmadInterval(), "the bootstrap resamples the successful rows");
        assertFalse(Double.isNaN(withFailures.medianBias()));
    }

    @Test
    void allCountsNullEstimatesAsFailedForEveryParameter() {
        Random rng = new Random(23);
        int n = 200;
        double zp = 27.5;
        List<SersicParams> truth = new ArrayList<>(), est = new ArrayList<>();
        List<SersicParams> keptTruth = new ArrayList<>(), keptEst = new ArrayList<>();
        int nulls = 0;
        for (int i = 0; i < n; i++) {
            SersicParams t = new SersicParams(20 + rng.nextDouble(), 20 + rng.nextDouble(), 1000 + 9000 * rng.nextDouble(),
                    2 + 6 * rng.nextDouble(), 0.5 + 4 * rng.nextDouble(), 0.2 + 0.8 * rng.nextDouble(), 180 * rng.nextDouble());
            truth.add(t);
            if (i % 9 == 4) {
                est.add(null);
                nulls++;
                continue;
            }
            SersicParams e = new SersicParams(t.x0() + 0.2 * rng.nextGaussian(), t.y0() + 0.2 * rng.nextGaussian(),
                    t.flux() * (1 + 0.05 * rng.nextGaussian()), t.re() * (1 + 0.1 * rng.nextGaussian()),
                    t.n() * (1 + 0.1 * rng.nextGaussian()), Math.min(1, t.q() + 0.05 * rng.nextGaussian()),
                    t.pa() + 5 * rng.nextGaussian());
            est.add(e);
            keptTruth.add(t);
            keptEst.add(e);
        }
        BootstrapSettings b = new BootstrapSettings(100, 8);
        List<ParameterMetrics> all = Metrics.all(truth, est, zp, b);
        List<ParameterMetrics> kept = Metrics.all(keptTruth, keptEst, zp, b);
        assertEquals(Parameter.values().length, all.size());
        for (int k = 0; k < all.size(); k++) {
            ParameterMetrics m = all.get(k), ref = kept.get(k);
            assertEquals(Parameter.values()[k], m.parameter());
            assertEquals(nulls, m.failed(), m.parameter().column());
            assertEquals(n - nulls, m.count());
            assertEquals(ref.medianBias(), m.medianBias(), 0.0);
            assertEquals(ref.nmad(), m.nmad(), 0.0);
            assertEquals(ref.outlierFraction(), m.outlierFraction(), 0.0);
            assertEquals(ref.r2(), m.r2(), 0.0);
            assertEquals(ref.medianBiasInterval(), m.medianBiasInterval());
        }

        // an estimated flux of zero has no magnitude: a failed magnitude, but a (−100%) flux error
        est.set(0, truth.get(0).withFlux(0));
        List<ParameterMetrics> zeroFlux = Metrics.all(truth, est, zp, BootstrapSettings.NONE);
        assertEquals(nulls + 1, zeroFlux.get(Parameter.MAG.ordinal()).failed());
        assertEquals(nulls, zeroFlux.get(Parameter.FLUX.ordinal()).failed());
    }

    @Test
    void magnitudeErrorOfADoubledFlux() {
        List<SersicParams> truth = new ArrayList<>(), est = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SersicParams t = new SersicParams(10, 10, 500 * (i + 1), 3, 1.5, 0.5, 40);
            truth.add(t);
            est.add(t.withFlux(2 * t.flux()));
        }
        List<ParameterMetrics> m = Metrics.all(truth, est, 25, BootstrapSettings.NONE);
        assertEquals(-2.5 * Math.log10(2), m.get(Parameter.MAG.ordinal()).medianBias(), 1e-12);
        assertEquals(1.0, m.get(Parameter.FLUX.ordinal()).medianBias(), 1e-12);
        assertEquals(1.0, m.get(Parameter.MAG.ordinal()).outlierFraction(), 0.0);
        assertEquals(0.0, m.get(Parameter.RE.ordinal()).medianBias(), 0.0);
    }

    @Test
    void noSuccessfulRowGivesUndefinedStatisticsWrittenAsNull() {
        double[] truth = {1, 2, 3}, est = {Double.NaN, Double.NaN, Double.NaN};
        ParameterMetrics m = Metrics.of(Parameter.RE, truth, est, null, BootstrapSettings.seeded(1));
        assertEquals(0, m.count());
        assertEquals(3, m.failed());
        assertTrue(Double.isNaN(m.medianBias()) && Double.isNaN(m.nmad()) && Double.isNaN(m.outlierFraction()));
        assertFalse(m.nmadInterval().present());
        Map<String, Object> map = m.toMap();
        assertEquals(3, map.get("failed"));
        assertNull(map.get("median_bias"));
        assertNull(map.get("nmad_hi"));
        assertNull(map.get("r2"));
    }

    @Test
    void toMapListsTheFieldsInOrder() {
        ParameterMetrics m = Metrics.of(Parameter.Q, new double[] {0.5, 0.6, 0.7, 0.8}, new double[] {0.52, 0.58, 0.9, 0.8},
                null, new BootstrapSettings(50, 3));
        Map<String, Object> map = m.toMap();
        assertEquals(List.of("parameter", "count", "failed", "median_bias", "median_bias_lo", "median_bias_hi", "nmad", "nmad_lo",
                "nmad_hi", "outlier_rows", "outliers", "outlier_fraction", "outlier_fraction_lo", "outlier_fraction_hi", "r2",
                "bootstrap_resamples", "bootstrap_seed"), new ArrayList<>(map.keySet()));
        assertEquals("q", map.get("parameter"));
        assertEquals(4, map.get("count"));
        assertEquals(1, map.get("outliers"));
        assertEquals(0.25, (Double) map.get("outlier_fraction"), 0.0);
        assertEquals(m.nmadInterval().lo(), (Double) map.get("nmad_lo"), 0.0);
        assertEquals(50, map.get("bootstrap_resamples"));
        assertEquals(3L, map.get("bootstrap_seed"));
    }

    @Test
    void rejectsInputsItCannotJudge() {
        double[] t = {1, 2, 3};
        assertThrows(IllegalArgumentException.class, () -> of(Parameter.FLUX, t, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> of(Parameter.PA, t, t.clone()), "PA needs the true q");
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.of(Parameter.PA, t, t.clone(), new double[] {0.5}, BootstrapSettings.NONE));
        assertThrows(IllegalArgumentException.class, () -> of(Parameter.RE, new double[] {1, 0, 3}, t), "relative error against 0");
        assertThrows(IllegalArgumentException.class, () -> of(Parameter.X0, new double[] {1, Double.NaN, 3}, t));
        assertThrows(IllegalArgumentException.class, () -> Metrics.r2(t, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new BootstrapSettings(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> Metrics.all(List.of(), List.of(new SersicParams(1, 1, 1, 1, 1, 1, 0)),
                25, BootstrapSettings.NONE));
    }

    private static double[] reversed(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = v[v.length - 1 - i];
        return r;
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] v = {5, 1, 4, 2, 3};
        assertEquals(Metrics.median(v), Metrics.quantile(v, 0.5));
        assertEquals(1, Metrics.quantile(v, 0));
        assertEquals(5, Metrics.quantile(v, 1));
        assertEquals(4.8, Metrics.quantile(v, 0.95), 1e-12, "(n - 1) p = 3.8: 4 + 0.8 (5 - 4)");
        assertTrue(Double.isNaN(Metrics.quantile(new double[0], 0.5)));
        assertThrows(IllegalArgumentException.class, () -> Metrics.quantile(v, 1.5));
    }

    @Test
    void eachRowsZeropointTurnsItsFluxIntoItsMagnitude() {
        List<SersicParams> truth = List.of(new SersicParams(10, 10, 1000, 3, 1, 0.5, 0), new SersicParams(10, 10, 1000, 3, 1, 0.5, 0));
        List<SersicParams> est = List.of(truth.get(0).withFlux(1100), truth.get(1).withFlux(1100));
        List<ParameterMetrics> same = Metrics.all(truth, est, 25, BootstrapSettings.NONE);
        List<ParameterMetrics> perRow = Metrics.all(truth, est, new double[] {25, 30}, BootstrapSettings.NONE);
        ParameterMetrics magSame = same.get(Parameter.MAG.ordinal()), magPerRow = perRow.get(Parameter.MAG.ordinal());
        assertEquals(magSame.medianBias(), magPerRow.medianBias(), 1e-12, "a magnitude difference does not depend on the zero-point");
        assertTrue(Double.isNaN(magSame.r2()), "one zero-point: the true magnitudes do not vary");
        double dm = 2.5 * Math.log10(1.1);
        assertEquals(1 - 2 * dm * dm / (2 * 2.5 * 2.5), magPerRow.r2(), 1e-12, "true magnitudes 17.5 and 22.5");
        assertThrows(IllegalArgumentException.class, () -> Metrics.all(truth, est, new double[] {25}, BootstrapSettings.NONE));
    }

    private static double[] unbox(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
