package org.sersic4j.fit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class WolfeLineSearchTest {

    private static final double C1 = 1e-4, C2 = 0.9;

    /** A 1-D function given by its value and derivative. */
    private record Line(String name, DoubleUnaryOperator phi, DoubleUnaryOperator dphi) implements DifferentiableObjective {
        @Override
        public double valueAndGradient(double[] x, double[] g) {
            g[0] = dphi.applyAsDouble(x[0]);
            return phi.applyAsDouble(x[0]);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The test functions of Moré and Thuente (1994), tables 1–3, plus a plain quadratic. */
    static Stream<Line> lines() {
        double b1 = 2, b2 = 0.004, b3 = 0.01, l = 39;
        Line mt1 = new Line("-a/(a^2+2)", a -> -a / (a * a + b1), a -> (a * a - b1) / ((a * a + b1) * (a * a + b1)));
        Line mt2 = new Line("(a+b)^5-2(a+b)^4", a -> Math.pow(a + b2, 5) - 2 * Math.pow(a + b2, 4),
                a -> 5 * Math.pow(a + b2, 4) - 8 * Math.pow(a + b2, 3));
        DoubleUnaryOperator base = a -> a <= 1 - b3 ? 1 - a : a >= 1 + b3 ? a - 1 : (a - 1) * (a - 1) / (2 * b3) + b3 / 2;
        DoubleUnaryOperator baseSlope = a -> a <= 1 - b3 ? -1 : a >= 1 + b3 ? 1 : (a - 1) / b3;
        double amp = 2 * (1 - b3) / (l * Math.PI);
        Line mt3 = new Line("wiggly", a -> base.applyAsDouble(a) + amp * Math.sin(l * Math.PI * a / 2),
                a -> baseSlope.applyAsDouble(a) + amp * (l * Math.PI / 2) * Math.cos(l * Math.PI * a / 2));
        Line quadratic = new Line("(a-3)^2", a -> (a - 3) * (a - 3), a -> 2 * (a - 3));
        return Stream.of(mt1, mt2, mt3, quadratic);
    }

    static Stream<Arguments> linesAndSteps() {
        return lines().flatMap(f -> Stream.of(1e-3, 1e-1, 1.0, 10.0, 1e3).map(a0 -> Arguments.of(f, a0)));
    }

    @ParameterizedTest(name = "{0} from step {1}")
    @MethodSource("linesAndSteps")
    void acceptedStepSatisfiesBothStrongWolfeConditions(Line f, double initialStep) {
        double[] g0 = new double[1];
        double phi0 = f.valueAndGradient(new double[] {0}, g0);
        WolfeLineSearch.Step step = new WolfeLineSearch().search(f, new double[] {0}, phi0, g0, new double[] {1}, initialStep);

        assertEquals(WolfeLineSearch.Outcome.STRONG_WOLFE, step.outcome());
        double a = step.alpha();
        double phi = f.phi.applyAsDouble(a), dphi = f.dphi.applyAsDouble(a);
        assertTrue(a > 0);
        assertTrue(phi <= phi0 + C1 * a * g0[0], "sufficient decrease at " + a);
        assertTrue(Math.abs(dphi) <= C2 * Math.abs(g0[0]), "curvature at " + a);
        assertEquals(a, step.x()[0]);
        assertEquals(phi, step.value());
        assertEquals(dphi, step.gradient()[0]);
        assertTrue(step.evaluations() <= WolfeLineSearch.DEFAULT_MAX_EVALUATIONS);
    }

    @Test
    void stepInSeveralDimensionsSatisfiesStrongWolfeAlongTheRay() {
        DifferentiableObjective rosenbrock = (x, g) -> {
            g[0] = -400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]);
            g[1] = 200 * (x[1] - x[0] * x[0]);
            return 100 * Math.pow(x[1] - x[0] * x[0], 2) + Math.pow(1 - x[0], 2);
        };
        double[] x = {-1.2, 1}, g = new double[2];
        double f0 = rosenbrock.valueAndGradient(x, g);
        double[] p = {-g[0], -g[1]};
        WolfeLineSearch.Step step = new WolfeLineSearch().search(rosenbrock, x, f0, g, p, 1.0);

        assertEquals(WolfeLineSearch.Outcome.STRONG_WOLFE, step.outcome());
        double a = step.alpha();
        double[] xa = {x[0] + a * p[0], x[1] + a * p[1]}, ga = new double[2];
        double fa = rosenbrock.valueAndGradient(xa, ga);
        double slope0 = g[0] * p[0] + g[1] * p[1], slope = ga[0] * p[0] + ga[1] * p[1];
        assertTrue(fa <= f0 + C1 * a * slope0);
        assertTrue(Math.abs(slope) <= C2 * Math.abs(slope0));
    }

    @Test
    void nonFiniteTrialPointsShrinkTheStep() {
        // (a-1)^2 below 1.5, NaN (or +infinity) beyond: a first step of 100 lands outside the domain.
        for (double outside : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            int[] nonFinite = {0};
            DifferentiableObjective f = (x, g) -> {
                if (x[0] >= 1.5) {
                    nonFinite[0]++;
                    g[0] = outside;
                    return outside;
                }
                g[0] = 2 * (x[0] - 1);
                return (x[0] - 1) * (x[0] - 1);
            };
            WolfeLineSearch.Step step = new WolfeLineSearch().search(f, new double[] {0}, 1, new double[] {-2},
                    new double[] {1}, 100);

            assertEquals(WolfeLineSearch.Outcome.STRONG_WOLFE, step.outcome());
            double a = step.alpha();
            assertTrue(a < 1.5 && a > 0);
            assertTrue((a - 1) * (a - 1) <= 1 + C1 * a * -2);
            assertTrue(Math.abs(2 * (a - 1)) <= C2 * 2);
            assertTrue(nonFinite[0] > 0, "the search did visit the non-finite region");
        }
    }

    @Test
    void everywhereNonFiniteRayFailsAtTheStartWithinTheCap() {
        DifferentiableObjective f = (x, g) -> {
            g[0] = x[0] == 0 ? -1 : Double.NaN;
            return x[0] == 0 ? 0 : Double.NaN;
        };
        WolfeLineSearch.Step step = new WolfeLineSearch(1e-4, 0.9, 7).search(f, new double[] {0}, 0, new double[] {-1},
                new double[] {1}, 1);

        assertEquals(WolfeLineSearch.Outcome.FAILED, step.outcome());
        assertEquals(0, step.alpha());
        assertEquals(0, step.x()[0]);
        assertEquals(7, step.evaluations());
    }

    @Test
    void evaluationBudgetIsRespected() {
        int[] calls = {0};
        Line wiggly = lines().filter(l -> l.name().equals("wiggly")).findFirst().orElseThrow();
        DifferentiableObjective counted = (x, g) -> {
            calls[0]++;
            return wiggly.valueAndGradient(x, g);
        };
        WolfeLineSearch.Step step = new WolfeLineSearch().search(counted, new double[] {0}, 1, new double[] {-0.01},
                new double[] {1}, 1e3, 2);

        assertTrue(step.evaluations() <= 2);
        assertEquals(calls[0], step.evaluations());
    }

    @Test
    void rejectsAnAscentDirectionAndBadConstants() {
        DifferentiableObjective f = (x, g) -> {
            g[0] = 2 * x[0];
            return x[0] * x[0];
        };
        WolfeLineSearch search = new WolfeLineSearch();
        assertThrows(IllegalArgumentException.class,
                () -> search.search(f, new double[] {1}, 1, new double[] {2}, new double[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> new WolfeLineSearch(0.9, 0.1, 10));
        assertThrows(IllegalArgumentException.class, () -> new WolfeLineSearch(1e-4, 1.0, 10));
    }
}
