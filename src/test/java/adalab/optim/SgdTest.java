package adalab.optim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SgdTest {

    @Test
    void defaultsAndRegistry() {
        Sgd o = new Sgd();
        assertEquals("sgd", o.name());
        assertEquals(0.01, o.get("lr"));
        assertEquals(List.of(), o.stateNames());
        assertInstanceOf(Sgd.class, Optimizers.create("sgd"));
        assertNull(o.effectiveRates());
    }

    @Test
    void twoStepsByHand() {
        Sgd o = new Sgd().lr(0.1);
        double[] x = {1, -2};
        // g = (0.5, 4): x = (1 − 0.1·0.5, −2 − 0.1·4) = (0.95, −2.4)
        o.step(x, new double[]{0.5, 4});
        assertEquals(0.95, x[0], 1e-15);
        assertEquals(-2.4, x[1], 1e-15);
        // g = (−1, 0): x = (0.95 + 0.1, −2.4) = (1.05, −2.4)
        o.step(x, new double[]{-1, 0});
        assertEquals(1.05, x[0], 1e-15);
        assertEquals(-2.4, x[1], 0);
        assertEquals(2, o.step());
    }

    @Test
    void fiftyStepsOnQuadraticMatchClosedForm() {
        // On ½(a1 x² + a2 y²) the gradient is (a1 x, a2 y), so x_t = (1 − η a1)^t x_0, y_t = (1 − η a2)^t y_0.
        double a1 = 1, a2 = 10, eta = 0.05;
        Sgd o = new Sgd().lr(eta);
        double[] x = {1.5, -0.7};
        double f1 = 1, f2 = 1;
        for (int t = 1; t <= 50; t++) {
            o.step(x, (p, g, k) -> { g[0] = a1 * p[0]; g[1] = a2 * p[1]; return Double.NaN; });
            f1 *= 1 - eta * a1;
            f2 *= 1 - eta * a2;
            assertRel(1.5 * f1, x[0], 1e-12);
            assertRel(-0.7 * f2, x[1], 1e-12);
        }
    }

    @Test
    void effectiveRateIsTheScheduledLr() {
        Sgd o = new Sgd().lr(0.3);
        o.schedule((t, base) -> base / t);
        double[] x = {0, 0};
        o.step(x, new double[]{1, 1});   // η₁ = 0.3:  x = −0.3
        o.step(x, new double[]{1, 1});   // η₂ = 0.15: x = −0.45
        o.step(x, new double[]{1, 1});   // η₃ = 0.1:  x = −0.55
        assertEquals(-0.55, x[0], 1e-15);
        assertArrayEquals(new double[]{0.1, 0.1}, o.effectiveRates(), 1e-16);
    }

    @Test
    void floatKernelUsesFloatArithmetic() {
        Sgd o = new Sgd().lr(0.1);
        float[] x = {1f, 3f};
        o.step(x, new float[]{0.3f, -7f});
        assertEquals(1f - 0.1f * 0.3f, x[0]);
        assertEquals(3f + 0.1f * 7f, x[1]);
    }

    @Test
    void badLearningRatesAreRejectedAndLeaveTheValue() {
        Sgd o = new Sgd().lr(0.2);
        for (double bad : new double[]{0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.lr(bad));
            assertTrue(e.getMessage().contains("lr"), e.getMessage());
            assertTrue(e.getMessage().contains("> 0"), e.getMessage());
            assertEquals(0.2, o.get("lr"));
        }
    }

    static void assertRel(double expected, double actual, double tol) {
        assertTrue(Math.abs(expected - actual) <= tol * Math.abs(expected),
                () -> "expected " + expected + " but was " + actual);
    }
}
