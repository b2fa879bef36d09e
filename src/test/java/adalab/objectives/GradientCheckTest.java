package adalab.objectives;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Every exact gradient against central finite differences of value(); minimisers have zero gradient. */
class GradientCheckTest {

    /** Central differences of value() with step h (independent of gradient()). */
    static double[] numericGradient(Objective f, double[] x, double h) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] p = x.clone(), m = x.clone();
            p[i] += h;
            m[i] -= h;
            g[i] = (f.value(p) - f.value(m)) / (2 * h);
        }
        return g;
    }

    static void assertGradientMatches(Objective f, double[] x) {
        double[] exact = new double[x.length];
        f.gradient(x, exact);
        double[] num = numericGradient(f, x, 1e-6);
        for (int i = 0; i < x.length; i++) {
            double tol = 1e-5 * Math.max(1, Math.abs(num[i]));
            assertEquals(num[i], exact[i], tol, () -> f.name() + " d/dx" + " at " + java.util.Arrays.toString(x));
        }
    }

    static List<Objective> smooth() {
        return List.of(
                new DiagonalQuadratic(1, 10, 0.5),
                new RotatedQuadratic(0.2, 4, 30),
                new Quadratic(new double[][]{{2, 1}, {1, 3}}, new double[]{1, -2}),
                new Quadratic(new double[][]{{1, 2}, {2, -1}}),      // indefinite
                new Rosenbrock(),
                new Rosenbrock(2, 5),
                new Beale(),
                new Saddle(),
                new LinearRegression(40, 3, 0.3, 7),
                new LogisticRegression(60, new double[]{0.8, 0.3, 0.05}, new double[]{1, -2, 3}, 11, Sampling.full()),
                new NonStationary(new Rosenbrock(), 0.1, 5),
                new Reparameterized(new Rosenbrock(), 2, -0.5),
                new ReddiCounterexample(3));
    }

    @Test
    void gradientsMatchFiniteDifferencesAtSeveralPoints() {
        Random r = new Random(3);
        for (Objective f : smooth()) {
            for (int k = 0; k < 5; k++) {
                double[] x = new double[f.dimension()];
                for (int i = 0; i < x.length; i++) x[i] = 1.5 * r.nextGaussian();
                assertGradientMatches(f, x);
            }
            assertGradientMatches(f, f.start());
        }
    }

    @Test
    void trapGradientMatchesAwayFromItsKinks() {
        Doc003Trap f = new Doc003Trap(0.1, 1000, 1);
        for (double x : new double[]{-3, -0.5, -0.05, 0.02, 0.07, 0.3, 2}) assertGradientMatches(f, new double[]{x});
    }

    @Test
    void minimisersHaveZeroGradient() {
        int checked = 0;
        for (Objective f : smooth()) {
            if (f instanceof ReddiCounterexample) continue;   // constrained minimum on [−1, 1]
            if (f.minimizer().isEmpty()) continue;
            double[] m = f.minimizer().get();
            double[] g = new double[m.length];
            f.gradient(m, g);
            for (double gi : g) assertEquals(0, gi, 1e-9, f.name());
            checked++;
        }
        assertTrue(checked >= 9, "minimisers checked: " + checked);
        double[] g = new double[1];
        new Doc003Trap().gradient(new double[]{0}, g);
        assertEquals(0, g[0]);
    }

    @Test
    void knownMinimaValues() {
        assertEquals(0, new Rosenbrock().value(new double[]{1, 1}));
        assertEquals(0, new Beale().value(new double[]{3, 0.5}), 1e-15);
        assertArrayEquals(new double[]{1, 1}, new Rosenbrock().minimizer().get());
        assertArrayEquals(new double[]{3, 0.5}, new Beale().minimizer().get());
        assertArrayEquals(new double[]{-1.2, 1}, new Rosenbrock().start());
        assertArrayEquals(new double[]{3, 4}, new Beale().start());
        assertTrue(new Saddle().minimizer().isEmpty());
        // Hand values: Rosenbrock at (−1.2, 1): 2.2² + 100·(1 − 1.44)² = 4.84 + 19.36 = 24.2.
        assertEquals(24.2, new Rosenbrock().value(new double[]{-1.2, 1}), 1e-12);
        // Beale at (0, 0): 1.5² + 2.25² + 2.625² = 14.203125.
        assertEquals(14.203125, new Beale().value(new double[]{0, 0}), 1e-12);
    }

    @Test
    void wrongLengthsAreRefused() {
        double[] g = new double[2];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Rosenbrock().gradient(new double[3], g));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DiagonalQuadratic(1, 2).value(new double[1]));
    }

    @Test
    void constructorsValidate() {
        assertThrows(IllegalArgumentException.class, () -> new DiagonalQuadratic(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new DiagonalQuadratic(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new DiagonalQuadratic());
        assertThrows(IllegalArgumentException.class, () -> new RotatedQuadratic(-1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new Rosenbrock(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReddiCounterexample(2));
        assertThrows(IllegalArgumentException.class, () -> new Doc003Trap(0.1, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> new NonStationary(new Saddle(), 0, 3));
        assertThrows(IllegalArgumentException.class, () -> new NonStationary(new Saddle(), 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new Reparameterized(new Saddle(), 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Reparameterized(new Saddle(), 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Quadratic(new double[][]{{1, 2}, {3, 1}}));
        assertTrue(e.getMessage().contains("symmetric"), e.getMessage());
    }
}
