package adalab.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RmsPropTest {

    @Test
    void defaults() {
        RmsProp o = new RmsProp();
        assertEquals("rmsprop", o.name());
        assertEquals(1e-3, o.get("lr"));
        assertEquals(0.9, o.get("rho"));
        assertEquals(1e-8, o.get("eps"));
        assertEquals("inside", o.getChoice("eps_placement"));
        assertEquals(java.util.List.of("v"), o.stateNames());
        assertInstanceOf(RmsProp.class, Optimizers.create("rmsprop"));
    }

    @Test
    void twoStepsByHandWithoutEps() {
        RmsProp o = new RmsProp().lr(0.01).eps(0);
        double[] x = {0};
        // v1 = 0.1·1 = 0.1;           x1 = −0.01/√0.1  = −0.0316227766
        o.step(x, new double[]{1});
        assertEquals(0.1, o.state("v")[0], 1e-16);   // (1 − 0.9) rounds to 0.09999999999999998
        assertEquals(-0.0316227766016838, x[0], 1e-15);
        // v2 = 0.9·0.1 + 0.1 = 0.19;  x2 = x1 − 0.01/√0.19 = −0.0316227766 − 0.0229415734 = −0.0545643500
        o.step(x, new double[]{1});
        assertEquals(0.19, o.state("v")[0], 1e-16);
        assertEquals(-0.0545643499887400, x[0], 1e-15);
        assertEquals(0.01 / Math.sqrt(0.19), o.effectiveRates()[0], 1e-17);
    }

    @Test
    void epsPlacementByHand() {
        // η = 0.01, ρ = 0.9, ε = 0.1, g = 1: v = 0.1
        //   inside:  step = 0.01/√0.2         = 0.0223606798
        //   outside: step = 0.01/(√0.1 + 0.1) = 0.01/0.4162277660 = 0.0240253073
        RmsProp in = new RmsProp().lr(0.01).eps(0.1), out = new RmsProp().lr(0.01).eps(0.1).epsInside(false);
        double[] xi = {0}, xo = {0};
        in.step(xi, new double[]{1});
        out.step(xo, new double[]{1});
        assertEquals(-0.0223606797749979, xi[0], 1e-15);
        assertEquals(-0.0240253073352042, xo[0], 1e-15);
    }

    @Test
    void rhoZeroIsSignDescent() {
        // ρ = 0, ε = 0: v = g², step = η g/|g| = η sign(g), whatever |g|
        RmsProp o = new RmsProp().lr(0.01).rho(0).eps(0);
        double[] x = {0, 0};
        o.step(x, new double[]{1e-5, -7e4});
        assertEquals(-0.01, x[0], 1e-17);
        assertEquals(0.01, x[1], 1e-17);
    }

    @Test
    void fiftyStepsMatchReferenceForBothPlacements() {
        double a1 = 1, a2 = 10, eta = 0.01, rho = 0.9, eps = 1e-4;
        for (boolean inside : new boolean[]{true, false}) {
            RmsProp o = new RmsProp().lr(eta).rho(rho).eps(eps).epsInside(inside);
            double[] x = {1.5, -0.7}, r = {1.5, -0.7}, v = {0, 0}, a = {a1, a2};
            for (int t = 1; t <= 50; t++) {
                o.step(x, (p, g, k) -> { g[0] = a1 * p[0]; g[1] = a2 * p[1]; return Double.NaN; });
                for (int i = 0; i < 2; i++) {
                    double g = a[i] * r[i];
                    v[i] = rho * v[i] + (1 - rho) * g * g;
                    r[i] -= eta * g / (inside ? Math.sqrt(v[i] + eps) : Math.sqrt(v[i]) + eps);
                    SgdTest.assertRel(r[i], x[i], 1e-12);
                    SgdTest.assertRel(v[i], o.state("v")[i], 1e-12);
                }
            }
        }
    }

    @Test
    void floatKernelUsesFloatArithmetic() {
        RmsProp o = new RmsProp().lr(0.01).eps(0.1).epsInside(false);
        float[] x = {1f};
        o.step(x, new float[]{2f});
        float v = 0.9f * 0f + (float) (1 - 0.9) * 2f * 2f;
        assertEquals(1f - 0.01f * 2f / ((float) Math.sqrt(v) + 0.1f), x[0]);
    }

    @Test
    void validation() {
        RmsProp o = new RmsProp();
        RpropTest.assertRejected(o, "rho", 1);
        RpropTest.assertRejected(o, "rho", -0.5);
        RpropTest.assertRejected(o, "rho", Double.NaN);
        RpropTest.assertRejected(o, "lr", 0);
        RpropTest.assertRejected(o, "eps", -1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.rho(1));
        assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
    }
}
