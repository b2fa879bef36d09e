package adalab.objectives;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SpecialObjectivesTest {

    @Test
    void reddiGradientSequenceIsIndexedByStep() {
        ReddiCounterexample f = new ReddiCounterexample(3);
        double[] g = new double[1];
        double[] expected = {3, -1, -1, 3, -1, -1, 3};
        for (int t = 1; t <= 7; t++) {
            // the same x for every t: the function changes with t only
            double loss = f.evaluate(new double[]{0.5}, g, t);
            assertEquals(expected[t - 1], g[0], 0, "t = " + t);
            assertEquals(expected[t - 1] * 0.5, loss, 0);
        }
        // a different x does not change which function is seen
        f.evaluate(new double[]{-0.9}, g, 4);
        assertEquals(3, g[0]);
        // average over a period: (C − 2)/3 · x
        assertEquals((3 - 2) / 3.0 * 0.6, f.value(new double[]{0.6}), 1e-15);
        assertArrayEquals(new double[]{-1}, f.minimizer().orElseThrow());
        double[] x = {1.7};
        f.project(x);
        assertEquals(1, x[0]);
    }

    @Test
    void trapIsTheDocumentsShape() {
        Doc003Trap f = new Doc003Trap(0.1, 1000, 1);
        double[] g = new double[1];
        f.gradient(new double[]{0.05}, g);
        assertEquals(1000, g[0]);
        f.gradient(new double[]{-0.05}, g);
        assertEquals(-1000, g[0]);
        f.gradient(new double[]{0.5}, g);
        assertEquals(1, g[0]);
        f.gradient(new double[]{-2}, g);
        assertEquals(-1, g[0]);
        // continuous at δ: 1000·0.1 = 100 from both sides
        assertEquals(100, f.value(new double[]{0.1}), 1e-12);
        assertEquals(100 + 0.4, f.value(new double[]{0.5}), 1e-12);
        assertEquals(0, f.value(new double[]{0}));
        assertArrayEquals(new double[]{0.05}, f.start());
        // not convex (the kink at δ is concave): f(0.25) = 100.15 lies above the chord of f(0) = 0 and f(0.5) = 100.4
        double mid = f.value(new double[]{0.25}), chord = (f.value(new double[]{0}) + f.value(new double[]{0.5})) / 2;
        assertEquals(100.15, mid, 1e-12);
        assertTrue(mid > chord);
    }

    @Test
    void nonStationaryScalesFromTheJumpStep() {
        DiagonalQuadratic q = new DiagonalQuadratic(2, 4);
        NonStationary f = new NonStationary(q, 10, 3);
        double[] x = {1, 1}, g = new double[2];
        assertEquals(3, f.evaluate(x, g, 2), 1e-15);          // ½(2 + 4) = 3
        assertArrayEquals(new double[]{2, 4}, g, 0);
        assertEquals(30, f.evaluate(x, g, 3), 1e-12);
        assertArrayEquals(new double[]{20, 40}, g, 0);
        assertEquals(3, f.value(x), 0, "value() is the unscaled objective");
        assertEquals(30, f.valueAt(x, 100), 1e-12);
    }

    @Test
    void reparameterizedFollowsTheChainRule() {
        // f(θ) = ½(θ₁² + 10θ₂²), θ = b∘z with b = (2, −0.5): value(z) = ½(4z₁² + 2.5z₂²), ∇ = (4z₁, 2.5z₂).
        Reparameterized r = new Reparameterized(new DiagonalQuadratic(1, 10), 2, -0.5);
        double[] z = {0.3, -1.2}, g = new double[2];
        assertEquals(0.5 * (4 * 0.09 + 2.5 * 1.44), r.value(z), 1e-12);
        r.gradient(z, g);
        assertEquals(4 * 0.3, g[0], 1e-12);
        assertEquals(2.5 * -1.2, g[1], 1e-12);
        double[] h = new double[2];
        r.evaluate(z, h, 7);
        assertArrayEquals(g, h, 0);
        assertArrayEquals(new double[]{0.6, 0.6}, r.toTheta(z), 1e-15);
        assertArrayEquals(z, r.toZ(r.toTheta(z)), 1e-15);
        double[] b = r.bounds(), inner = new DiagonalQuadratic(1, 10).bounds();
        assertEquals(inner[0] / 2, b[0], 1e-15);
        assertTrue(b[2] < b[3]);
        assertArrayEquals(new double[]{0, 0}, r.minimizer().orElseThrow(), 0);
        assertEquals(new DiagonalQuadratic(1, 10).value(new DiagonalQuadratic(1, 10).start()), r.value(r.start()), 1e-12);
    }
}
