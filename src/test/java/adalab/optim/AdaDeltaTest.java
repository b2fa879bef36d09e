package adalab.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class AdaDeltaTest {

    @Test
    void defaultsAndNoLearningRate() {
        AdaDelta o = new AdaDelta();
        assertEquals("adadelta", o.name());
        assertEquals(0.95, o.get("rho"));
        assertEquals(1e-6, o.get("eps"));
        assertEquals(java.util.List.of("Eg", "Edx"), o.stateNames());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.get("lr"));
        assertTrue(e.getMessage().contains("lr"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> o.schedule((t, b) -> b));
        assertInstanceOf(AdaDelta.class, Optimizers.create("adadelta"));
    }

    @Test
    void firstStepIsAboutSqrtEpsOverOneMinusRho() {
        // Δθ₁ = −√ε/√((1−ρ)g² + ε)·g; for (1−ρ)g² ≫ ε that is ≈ −√(ε/(1−ρ))·sign(g) = ∓4.4721e-3
        double rho = 0.95, eps = 1e-6, approx = Math.sqrt(eps / (1 - rho));
        assertEquals(4.4721e-3, approx, 1e-7);
        for (double g : new double[]{1e-3, 1, 1e3, -1e3}) {
            AdaDelta o = new AdaDelta();
            double[] x = {0};
            o.step(x, new double[]{g});
            double exact = -Math.sqrt(eps) / Math.sqrt((1 - rho) * g * g + eps) * g;
            SgdTest.assertRel(exact, x[0], 1e-14);
            if (Math.abs(g) >= 1) {
                assertEquals(-Math.signum(g) * approx, x[0], 0.01 * approx);
            } else {
                // |g| = 1e-3: (1−ρ)g² = 5e-8 is small against ε, so the step is ≈ g·1e-3/√1.05e-6 ≈ 9.76e-4,
                // well below √(ε/(1−ρ)): "whatever the gradient" holds only for |g| ≫ √(ε/(1−ρ))
                assertEquals(-9.7590007e-4, x[0], 1e-10);
            }
        }
    }

    @Test
    void twoStepsByHand() {
        // ρ = 0.5, ε = 0.01, g = 1 twice, x0 = 0
        AdaDelta o = new AdaDelta().rho(0.5).eps(0.01);
        double[] x = {0};
        // Eg1 = 0.5; Δθ1 = −√0.01/√0.51 = −0.1/0.7141428 = −0.1400280084; Edx1 = 0.5·0.01/0.51 = 1/102
        o.step(x, new double[]{1});
        assertEquals(-0.140028008402801, x[0], 1e-15);
        assertEquals(1.0 / 102, o.state("Edx")[0], 1e-17);
        // the next step starts from the rate √(1/102 + 0.01)/√(0.5 + 0.01) = 0.1407264/0.7141428 = 0.1970563
        assertEquals(Math.sqrt(1.0 / 102 + 0.01) / Math.sqrt(0.51), o.effectiveRates()[0], 1e-16);
        // Eg2 = 0.25 + 0.5 = 0.75; Δθ2 = −√(1/102 + 0.01)/√0.76 = −0.1407264/0.8717798 = −0.1614243
        o.step(x, new double[]{1});
        assertEquals(0.75, o.state("Eg")[0], 0);
        assertEquals(-0.1400280084 - 0.1614243, x[0], 1e-7);
        assertEquals(-0.140028008402801 - Math.sqrt(1.0 / 102 + 0.01) / Math.sqrt(0.76), x[0], 1e-15);
    }

    @Test
    void fiftyStepsMatchReference() {
        double a1 = 1, a2 = 10, rho = 0.9, eps = 1e-4;
        AdaDelta o = new AdaDelta().rho(rho).eps(eps);
        double[] x = {1.5, -0.7}, r = {1.5, -0.7}, eg = {0, 0}, edx = {0, 0}, a = {a1, a2};
        for (int t = 1; t <= 50; t++) {
            o.step(x, (p, g, k) -> { g[0] = a1 * p[0]; g[1] = a2 * p[1]; return Double.NaN; });
            for (int i = 0; i < 2; i++) {
                double g = a[i] * r[i];
                eg[i] = rho * eg[i] + (1 - rho) * g * g;
                double dx = -Math.sqrt(edx[i] + eps) / Math.sqrt(eg[i] + eps) * g;
                edx[i] = rho * edx[i] + (1 - rho) * dx * dx;
                r[i] += dx;
                SgdTest.assertRel(r[i], x[i], 1e-12);
                SgdTest.assertRel(edx[i], o.state("Edx")[i], 1e-12);
            }
        }
    }

    @Test
    void floatKernelUsesFloatArithmetic() {
        AdaDelta o = new AdaDelta().rho(0.5).eps(0.01);
        float[] x = {0f};
        o.step(x, new float[]{1f});
        float eg = 0.5f * 1f * 1f;
        float dx = -(float) Math.sqrt(0.01f) / (float) Math.sqrt(eg + 0.01f) * 1f;
        assertEquals(dx, x[0]);
    }

    @Test
    void validation() {
        AdaDelta o = new AdaDelta();
        RpropTest.assertRejected(o, "rho", 1);
        RpropTest.assertRejected(o, "rho", Double.NaN);
        RpropTest.assertRejected(o, "eps", 0);
        RpropTest.assertRejected(o, "eps", Double.POSITIVE_INFINITY);
    }
}
