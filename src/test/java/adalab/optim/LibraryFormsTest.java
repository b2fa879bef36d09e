package adalab.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The major libraries' forms where they differ from the documents: amsgrad form=optax, radam
 * form=pytorch, rmsprop centered and momentum. Expected values are worked by hand in the comments.
 */
class LibraryFormsTest {

    private static double[] twoSteps(Optimizer o, double g1, double g2) {
        double[] x = {0};
        o.step(x, new double[]{g1});
        double x1 = x[0];
        o.step(x, new double[]{g2});
        return new double[]{x1, x[0]};
    }

    @Test
    void amsgradOptaxTakesTheMaximumOfTheCorrectedSecondMoment() {
        // β₁ = 0 (m̂ = g), β₂ = 0.5, ε = 0, η = 1, g = 2 then 1.
        // t=1: v = 2, c₂ = 0.5, v̂ = 4: both forms step 2/√4 = 1.
        // t=2: v = 0.5·2 + 0.5·1 = 1.5, c₂ = 0.75.
        //   pytorch: vmax = max(2, 1.5) = 2, √(2/0.75) = √(8/3): step 1/√(8/3) = √(3/8)
        //   optax:   v̂ = 2, v̂max = max(4, 2) = 4: step 1/2
        double[] pt = twoSteps(new AmsGrad().lr(1).beta1(0).beta2(0.5).eps(0), 2, 1);
        double[] ox = twoSteps(new AmsGrad().form("optax").lr(1).beta1(0).beta2(0.5).eps(0), 2, 1);
        assertEquals(-1, pt[0], 1e-15);
        assertEquals(-1, ox[0], 1e-15);
        assertEquals(-1 - Math.sqrt(3.0 / 8), pt[1], 1e-15);
        assertEquals(-1.5, ox[1], 1e-15);
        AmsGrad o = new AmsGrad().form("optax").lr(1).beta1(0).beta2(0.5).eps(0);
        twoSteps(o, 2, 1);
        assertEquals(4, o.state("vmax")[0], 1e-15, "optax's vmax holds v̂max");
    }

    @Test
    void radamPytorchRectifiesFromStepSixAndPutsEpsilonOnTheUncorrectedRoot() {
        // β₁ = 0 (m̂ = g = 1), β₂ = 0.999, ε = 1, η = 1, constant g = 1.
        // ρ₅ ≈ 4.996: step 5 is a momentum step (−η m̂ = −1) under threshold 5, rectified under 4.
        // Step 6: r₆ from the formula, c₂ = 1 − 0.999⁶, v = c₂:
        //   pytorch: r₆ √c₂/(√c₂ + 1)        doc004: r₆ · 1/(√(v/c₂) + 1) = r₆/2
        RAdam torch = new RAdam().form("pytorch").lr(1).beta1(0).eps(1);
        RAdam doc = new RAdam().lr(1).beta1(0).eps(1);
        double[] xt = {0}, xd = {0};
        for (int t = 1; t <= 5; t++) {
            torch.step(xt, new double[]{1});
            doc.step(xd, new double[]{1});
        }
        assertEquals(-5, xt[0], 1e-15, "five momentum steps of η m̂ = 1");
        assertFalse(torch.lastStepRectified());
        assertTrue(doc.lastStepRectified());
        double before = xt[0];
        torch.step(xt, new double[]{1});
        double rho6 = 2 / 0.001 - 1 - 2 * 6 * Math.pow(0.999, 6) / (1 - Math.pow(0.999, 6));
        double rInf = 2 / 0.001 - 1;
        double r6 = Math.sqrt((rho6 - 4) * (rho6 - 2) * rInf / ((rInf - 4) * (rInf - 2) * rho6));
        double c2 = 1 - Math.pow(0.999, 6);
        assertEquals(-r6 * Math.sqrt(c2) / (Math.sqrt(c2) + 1), xt[0] - before, 1e-15);
        assertTrue(torch.lastStepRectified());
    }

    @Test
    void radamPytorchRefusesSettingsItFixes() {
        RAdam o = new RAdam().form("pytorch");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.threshold(5));
        assertTrue(e.getMessage().contains("threshold"), e.getMessage());
        assertEquals(4, o.get("threshold"), "rolled back");
        assertThrows(IllegalArgumentException.class, () -> o.fallback("adam"));
        assertThrows(IllegalArgumentException.class, () -> o.epsInside(true));
        assertThrows(IllegalArgumentException.class, () -> new RAdam().threshold(6).form("pytorch"));
    }

    @Test
    void rmspropCenteredDividesByTheRootOfTheVarianceEstimate() {
        // ρ = 0.9, ε = 0, η = 1, constant g = 2: v₁ = 0.1·4, ḡ₁ = 0.1·2, v − ḡ² = 0.4 − 0.04 = 0.36:
        // step 2/0.6. t=2: c = 0.19, v − ḡ² = c(1−c)·4 = 0.6156: step 2/√0.6156.
        double[] x = twoSteps(new RmsProp().centered(true).lr(1).rho(0.9).eps(0), 2, 2);
        assertEquals(-2 / 0.6, x[0], 1e-14);
        assertEquals(-2 / 0.6 - 2 / Math.sqrt(0.19 * 0.81 * 4), x[1], 1e-14);
    }

    @Test
    void rmspropMomentumAccumulatesTheScaledGradient() {
        // ρ = 0.9, ε = 0, η = 0.1, μ = 0.5, constant g = 2: g/√v_t = 1/√c_t, c₁ = 0.1, c₂ = 0.19.
        // b₁ = 1/√0.1, b₂ = 0.5 b₁ + 1/√0.19; x₂ = −0.1 (b₁ + b₂).
        double b1 = 1 / Math.sqrt(0.1), b2 = 0.5 * b1 + 1 / Math.sqrt(0.19);
        RmsProp o = new RmsProp().momentum(0.5).lr(0.1).rho(0.9).eps(0);
        double[] x = twoSteps(o, 2, 2);
        assertEquals(-0.1 * b1, x[0], 1e-15);
        assertEquals(-0.1 * (b1 + b2), x[1], 1e-14);
        assertEquals(b2, o.state("buf")[0], 1e-14);
        assertEquals(java.util.List.of("v", "buf"), o.stateNames());
    }

    @Test
    void rmspropOptionsThatAddStateWaitForAReset() {
        RmsProp o = new RmsProp();
        double[] x = {1};
        o.step(x, new double[]{1});
        double[] v = o.state("v");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.centered(true));
        assertTrue(e.getMessage().contains("centered") && e.getMessage().contains("reset()"), e.getMessage());
        assertEquals("off", o.getChoice("centered"), "rolled back");
        assertEquals(java.util.List.of("v"), o.stateNames());
        assertArrayEquals(v, o.state("v"));
        o.momentum(0); // no new state: allowed
        o.reset();
        o.centered(true).momentum(0.9);
        assertEquals(java.util.List.of("v", "g_avg", "buf"), o.stateNames());
        o.step(x, new double[]{1});
        assertEquals(0.1, o.state("g_avg")[0], 1e-15);
    }

    @Test
    void rmspropCenteredAndMomentumTogetherMatchTheirFormulas() {
        // ρ = 0.5, ε = 0, η = 1, μ = 0.5, g = 1 then 3.
        // t=1: v = 0.5, ḡ = 0.5, w = 0.25, ratio = 1/0.5 = 2, b = 2, x = −2.
        // t=2: v = 0.25 + 4.5 = 4.75, ḡ = 0.25 + 1.5 = 1.75, w = 4.75 − 3.0625 = 1.6875,
        //      ratio = 3/√1.6875, b = 1 + ratio, x = −2 − b.
        double[] x = twoSteps(new RmsProp().centered(true).momentum(0.5).lr(1).rho(0.5).eps(0), 1, 3);
        assertEquals(-2, x[0], 1e-15);
        assertEquals(-2 - (1 + 3 / Math.sqrt(1.6875)), x[1], 1e-14);
    }
}
