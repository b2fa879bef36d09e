package adalab.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MomentumTest {

    @Test
    void defaults() {
        Momentum o = new Momentum();
        assertEquals("momentum", o.name());
        assertEquals(0.9, o.get("gamma"));
        assertEquals(0.01, o.get("lr"));
        assertEquals(java.util.List.of("v"), o.stateNames());
        assertInstanceOf(Momentum.class, Optimizers.create("momentum"));
    }

    @Test
    void threeStepsByHand() {
        Momentum o = new Momentum().lr(0.1).gamma(0.9);
        double[] x = {1};
        double[] g = {1};
        // v1 = 0.9·0 + 0.1·1 = 0.1;     x1 = 1 − 0.1 = 0.9
        o.step(x, g);
        assertEquals(0.1, o.state("v")[0], 1e-16);
        assertEquals(0.9, x[0], 1e-15);
        // v2 = 0.9·0.1 + 0.1 = 0.19;    x2 = 0.9 − 0.19 = 0.71
        o.step(x, g);
        assertEquals(0.19, o.state("v")[0], 1e-16);
        assertEquals(0.71, x[0], 1e-15);
        // v3 = 0.9·0.19 + 0.1 = 0.271;  x3 = 0.71 − 0.271 = 0.439
        o.step(x, g);
        assertEquals(0.271, o.state("v")[0], 1e-15);
        assertEquals(0.439, x[0], 1e-15);
    }

    @Test
    void fiftyStepsOnQuadraticMatchReference() {
        double a1 = 1, a2 = 10, eta = 0.02, gamma = 0.9;
        Momentum o = new Momentum().lr(eta).gamma(gamma);
        double[] x = {1.5, -0.7};
        // reference: v ← γv + η∇f(θ); θ ← θ − v
        double rx = 1.5, ry = -0.7, vx = 0, vy = 0;
        for (int t = 1; t <= 50; t++) {
            o.step(x, (p, g, k) -> { g[0] = a1 * p[0]; g[1] = a2 * p[1]; return Double.NaN; });
            vx = gamma * vx + eta * (a1 * rx);
            vy = gamma * vy + eta * (a2 * ry);
            rx -= vx;
            ry -= vy;
            SgdTest.assertRel(rx, x[0], 1e-12);
            SgdTest.assertRel(ry, x[1], 1e-12);
        }
        SgdTest.assertRel(vy, o.state("v")[1], 1e-12);
    }

    @Test
    void gammaZeroIsPlainGradientDescent() {
        // doc 004: γ = 0 reduces to SGD
        Momentum m = new Momentum().lr(0.05).gamma(0);
        Sgd s = new Sgd().lr(0.05);
        double[] xm = {2, -1}, xs = {2, -1};
        for (int t = 0; t < 20; t++) {
            m.step(xm, new double[]{3 * xm[0], 0.5 * xm[1]});
            s.step(xs, new double[]{3 * xs[0], 0.5 * xs[1]});
        }
        assertArrayEquals(xs, xm, 0);
    }

    @Test
    void floatKernelUsesFloatArithmetic() {
        Momentum o = new Momentum().lr(0.1).gamma(0.9);
        float[] x = {1f};
        o.step(x, new float[]{0.3f});
        o.step(x, new float[]{0.7f});
        float v1 = 0.1f * 0.3f, x1 = 1f - v1;
        float v2 = 0.9f * v1 + 0.1f * 0.7f, x2 = x1 - v2;
        assertEquals(x2, x[0]);
    }

    @Test
    void validation() {
        Momentum o = new Momentum().gamma(0.5).lr(0.1);
        for (double bad : new double[]{1, -0.1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.gamma(bad));
            assertTrue(e.getMessage().contains("gamma") && e.getMessage().contains("[0, 1)"), e.getMessage());
            assertEquals(0.5, o.get("gamma"));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.lr(0));
        assertTrue(e.getMessage().contains("lr"), e.getMessage());
        assertEquals(0.1, o.get("lr"));
    }
}
