package org.sersic4j.fit.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;

class BfgsTest {

    private static final Bfgs TIGHT = Bfgs.defaults().withGradientTolerance(1e-10);

    /** The chained Rosenbrock function Σ 100 (x[i+1] − x[i]²)² + (1 − x[i])², minimum 0 at all ones. */
    static double rosenbrock(double[] x, double[] g) {
        java.util.Arrays.fill(g, 0);
        double f = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * x[i] * a - 2 * b;
            g[i + 1] += 200 * a;
        }
        return f;
    }

    private static void assertAllOnes(double[] x, double tolerance) {
        for (double v : x) assertEquals(1, v, tolerance);
    }

    @Test
    void rosenbrockIn2DimensionsConvergesToAllOnes() {
        Bfgs.Result r = TIGHT.minimize(BfgsTest::rosenbrock, new double[] {-1.2, 1});

        assertEquals(Bfgs.Status.CONVERGED_GRADIENT, r.status(), r::toString);
        assertAllOnes(r.x(), 1e-6);
        assertTrue(r.value() < 1e-12);
    }

    @Test
    void rosenbrockIn10DimensionsConvergesToAllOnes() {
        double[] start = new double[10];
        for (int i = 0; i < start.length; i++) start[i] = i % 2 == 0 ? -1.2 : 1;
        Bfgs.Result r = TIGHT.minimize(BfgsTest::rosenbrock, start);

        assertTrue(r.converged(), r::toString);
        assertAllOnes(r.x(), 1e-6);
    }

    /** A fixed symmetric positive-definite 5×5 matrix (eigenvalues roughly 0.6 to 9). */
    private static final double[][] A = {
            {6, 1, 0.5, 0, 0.2},
            {1, 4, 1, 0.3, 0},
            {0.5, 1, 5, 1, 0.4},
            {0, 0.3, 1, 3, 1},
            {0.2, 0, 0.4, 1, 1}};
    private static final double[] B = {1, -2, 3, 0.5, -1};

    private static double quadratic(double[] x, double[] g) {
        double f = 0;
        for (int i = 0; i < x.length; i++) {
            double ax = 0;
            for (int j = 0; j < x.length; j++) ax += A[i][j] * x[j];
            g[i] = ax - B[i];
            f += 0.5 * x[i] * ax - B[i] * x[i];
        }
        return f;
    }

    @Test
    void convexQuadraticConvergesToTheSolutionOfTheLinearSystem() {
        RealMatrix a = MatrixUtils.createRealMatrix(A);
        RealVector expected = new CholeskyDecomposition(a).getSolver().solve(MatrixUtils.createRealVector(B));
        Bfgs.Result r = Bfgs.defaults().withGradientTolerance(1e-12).withFunctionTolerance(0)
                .minimize(BfgsTest::quadratic, new double[] {3, -1, 2, 5, -4});

        assertEquals(Bfgs.Status.CONVERGED_GRADIENT, r.status(), r::toString);
        assertArrayEquals(expected.toArray(), r.x(), 1e-8);
    }

    @Test
    void inverseHessianApproximatesTheInverseOfTheQuadraticForm() {
        RealMatrix a = MatrixUtils.createRealMatrix(A);
        RealMatrix aInverse = new CholeskyDecomposition(a).getSolver().getInverse();
        Bfgs.Result r = Bfgs.defaults().withGradientTolerance(1e-12).withFunctionTolerance(0)
                .minimize(BfgsTest::quadratic, new double[] {3, -1, 2, 5, -4});
        RealMatrix h = MatrixUtils.createRealMatrix(r.inverseHessian());

        double relativeError = h.subtract(aInverse).getFrobeniusNorm() / aInverse.getFrobeniusNorm();
        assertTrue(relativeError < 0.2, "relative Frobenius error " + relativeError);
        assertTrue(h.subtract(h.transpose()).getNorm1() < 1e-12 * h.getNorm1(), "symmetric");
        assertTrue(new CholeskyDecomposition(h, 1e-12, 0).getDeterminant() > 0, "positive definite");
    }

    @Test
    void minimumNextToARegionWhereTheFunctionIsNaNIsFound() {
        // −ln x0 + 2 x0 + 3 (x1 − 1)²: NaN for x0 < 0, minimum at (0.5, 1). From x0 = 5 the curvature is small,
        // so early quasi-Newton steps overshoot into x0 < 0.
        int[] nonFinite = {0};
        DifferentiableObjective f = (x, g) -> {
            g[0] = -1 / x[0] + 2;
            g[1] = 6 * (x[1] - 1);
            double v = -Math.log(x[0]) + 2 * x[0] + 3 * (x[1] - 1) * (x[1] - 1);
            if (!Double.isFinite(v)) nonFinite[0]++;
            return v;
        };
        Bfgs.Result r = TIGHT.minimize(f, new double[] {5, -2});

        assertTrue(r.converged(), r::toString);
        assertEquals(0.5, r.x()[0], 1e-6);
        assertEquals(1, r.x()[1], 1e-6);
        assertTrue(nonFinite[0] > 0, "the run did step into the NaN region");
    }

    @Test
    void nonFiniteStartIsReportedNotThrown() {
        DifferentiableObjective f = (x, g) -> {
            g[0] = 1 / x[0];
            return Math.log(x[0]);
        };
        Bfgs.Result r = Bfgs.defaults().minimize(f, new double[] {-1});

        assertEquals(Bfgs.Status.NON_FINITE_START, r.status());
        assertArrayEquals(new double[] {-1}, r.x());
        assertEquals(0, r.iterations());
        assertEquals(1, r.evaluations());
        assertTrue(!r.converged());
    }

    @Test
    void perCoordinateScaleSolvesABadlyScaledProblemAndReportsTheInverseHessianInTheOriginalCoordinates() {
        // f = Σ (x_i / s_i − c_i)²: Hessian diag(2 / s_i²), minimum at x_i = s_i c_i.
        double[] s = {1e-4, 1, 1e4}, c = {1, -2, 3};
        DifferentiableObjective f = (x, g) -> {
            double v = 0;
            for (int i = 0; i < x.length; i++) {
                double r = x[i] / s[i] - c[i];
                v += r * r;
                g[i] = 2 * r / s[i];
            }
            return v;
        };
        Bfgs.Result r = TIGHT.minimize(f, new double[] {0, 0, 0}, s);

        assertTrue(r.converged(), r::toString);
        for (int i = 0; i < 3; i++) {
            assertEquals(s[i] * c[i], r.x()[i], 1e-9 * s[i]);
            assertEquals(s[i] * s[i] / 2, r.inverseHessian()[i][i], 1e-8 * s[i] * s[i]);
        }
    }

    @Test
    void iterationCapAndEvaluationCountAreHonoured() {
        int[] calls = {0};
        DifferentiableObjective counted = (x, g) -> {
            calls[0]++;
            return rosenbrock(x, g);
        };
        Bfgs.Result r = TIGHT.withMaxIterations(3).minimize(counted, new double[] {-1.2, 1});

        assertEquals(Bfgs.Status.MAX_ITERATIONS, r.status());
        assertEquals(3, r.iterations());
        assertEquals(calls[0], r.evaluations());

        calls[0] = 0;
        Bfgs.Result capped = TIGHT.withMaxEvaluations(10).minimize(counted, new double[] {-1.2, 1});
        assertEquals(Bfgs.Status.MAX_EVALUATIONS, capped.status());
        assertTrue(capped.evaluations() <= 10);
        assertEquals(calls[0], capped.evaluations());
    }

    @Test
    void resultIsACopy() {
        Bfgs.Result r = TIGHT.minimize(BfgsTest::rosenbrock, new double[] {-1.2, 1});
        r.x()[0] = 42;
        r.gradient()[0] = 42;
        r.inverseHessian()[0][0] = 42;
        assertTrue(r.x()[0] != 42 && r.gradient()[0] != 42 && r.inverseHessian()[0][0] != 42);
    }
}
