package adalab.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class AdaGradTest {

    @Test
    void defaults() {
        AdaGrad o = new AdaGrad();
        assertEquals("adagrad", o.name());
        assertEquals(0.01, o.get("lr"));
        assertEquals(1e-8, o.get("eps"));
        assertEquals("inside", o.getChoice("eps_placement"));
        assertEquals(java.util.List.of("G"), o.stateNames());
        assertInstanceOf(AdaGrad.class, Optimizers.create("adagrad"));
    }

    @Test
    void twoStepsByHandWithoutEps() {
        for (boolean inside : new boolean[]{true, false}) {
            AdaGrad o = new AdaGrad().lr(0.1).eps(0).epsInside(inside);
            double[] x = {1};
            o.step(x, new double[]{3});   // G = 9;  x = 1 − 0.1·3/3 = 0.9
            assertEquals(0.9, x[0], 1e-15);
            o.step(x, new double[]{4});   // G = 25; x = 0.9 − 0.1·4/5 = 0.82
            assertEquals(0.82, x[0], 1e-15);
            assertEquals(25, o.state("G")[0], 0);
            assertEquals(0.1 / 5, o.effectiveRates()[0], 1e-17);
        }
    }

    @Test
    void epsPlacementByHand() {
        // ε = 0.01, g = 3, η = 0.1, x0 = 1:
        //   inside:  x = 1 − 0.3/√9.01   = 1 − 0.3/3.0016662 ≈ 0.90005551
        //   outside: x = 1 − 0.3/(3 + 0.01) = 1 − 0.0996678 ≈ 0.90033223
        AdaGrad in = new AdaGrad().lr(0.1).eps(0.01), out = new AdaGrad().lr(0.1).eps(0.01).epsInside(false);
        double[] xi = {1}, xo = {1};
        in.step(xi, new double[]{3});
        out.step(xo, new double[]{3});
        assertEquals(1 - 0.3 / Math.sqrt(9.01), xi[0], 1e-15);
        assertEquals(1 - 0.3 / 3.01, xo[0], 1e-15);
        assertEquals(0.90005551, xi[0], 1e-8);
        assertEquals(0.90033223, xo[0], 1e-8);
        assertEquals(0.1 / Math.sqrt(9.01), in.effectiveRates()[0], 1e-16);
        assertEquals(0.1 / 3.01, out.effectiveRates()[0], 1e-16);
    }

    @Test
    void rateFallsLikeOneOverSqrtT() {
        // constant g = 2, ε = 0: G_t = 4t, rate = η/√(4t) = η/(2√t); after 100 steps η/20
        AdaGrad o = new AdaGrad().lr(0.1).eps(0);
        double[] x = {0};
        for (int t = 0; t < 100; t++) o.step(x, new double[]{2});
        assertEquals(0.1 / 20, o.effectiveRates()[0], 1e-17);
    }

    @Test
    void zeroGradientWithZeroEpsGivesNoNaN() {
        AdaGrad o = new AdaGrad().eps(0);
        double[] x = {1, 2};
        o.step(x, new double[]{0, 1});
        assertEquals(1, x[0], 0);
        assertEquals(2 - 0.01, x[1], 1e-15);
        assertEquals(0, o.state("G")[0], 0);
        // g = 1e-170 squares to 0 (below the smallest subnormal): no 0/0 or g/0 reaches θ
        o.step(x, new double[]{1e-170, 1});
        assertEquals(1, x[0], 0);
        assertTrue(Double.isFinite(x[1]));
    }

    @Test
    void fiftyStepsMatchReferenceForBothPlacements() {
        double a1 = 1, a2 = 10, eta = 0.1, eps = 1e-3;
        double[] last = new double[2];
        for (boolean inside : new boolean[]{true, false}) {
            AdaGrad o = new AdaGrad().lr(eta).eps(eps).epsInside(inside);
            double[] x = {1.5, -0.7}, r = {1.5, -0.7}, acc = {0, 0}, a = {a1, a2};
            for (int t = 1; t <= 50; t++) {
                o.step(x, (p, g, k) -> { g[0] = a1 * p[0]; g[1] = a2 * p[1]; return Double.NaN; });
                for (int i = 0; i < 2; i++) {
                    double g = a[i] * r[i];
                    acc[i] += g * g;
                    r[i] -= eta * g / (inside ? Math.sqrt(acc[i] + eps) : Math.sqrt(acc[i]) + eps);
                    SgdTest.assertRel(r[i], x[i], 1e-12);
                }
            }
            if (inside) last = x.clone();
            else assertNotEquals(last[0], x[0], "the placements give different paths");
        }
    }

    @Test
    void floatKernelUsesFloatArithmetic() {
        AdaGrad o = new AdaGrad().lr(0.1).eps(0.01);
        float[] x = {1f};
        o.step(x, new float[]{3f});
        assertEquals(1f - 0.1f * 3f / (float) Math.sqrt(9f + 0.01f), x[0]);
    }

    @Test
    void validation() {
        AdaGrad o = new AdaGrad();
        RpropTest.assertRejected(o, "lr", 0);
        RpropTest.assertRejected(o, "lr", Double.NaN);
        RpropTest.assertRejected(o, "eps", -1e-8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.set("eps_placement", "middle"));
        assertTrue(e.getMessage().contains("eps_placement"), e.getMessage());
        assertEquals("inside", o.getChoice("eps_placement"));
    }
}
