package adalab.optim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static adalab.optim.AdamTest.A;
import static adalab.optim.AdamTest.X0;
import static adalab.optim.AdamTest.assertRel;
import static adalab.optim.AdamTest.run;
import static org.junit.jupiter.api.Assertions.*;

class RAdamTest {

    // Independent copies of doc 004's formulas (not RAdam's helpers).
    static double rhoInf(double b2) { return 2 / (1 - b2) - 1; }

    static double rhoT(int t, double b2) { return rhoInf(b2) - 2 * t * Math.pow(b2, t) / (1 - Math.pow(b2, t)); }

    static double rT(int t, double b2) {
        double r = rhoT(t, b2), ri = rhoInf(b2);
        return Math.sqrt((r - 4) * (r - 2) * ri / ((ri - 4) * (ri - 2) * r));
    }

    /** Doc 004 §8 with the three early-step behaviours. */
    static double[] reference(double lr, double b1, double b2, double eps, boolean inside, double threshold,
                              String fallback, int steps) {
        double[] x = X0.clone(), m = new double[2], v = new double[2];
        for (int t = 1; t <= steps; t++) {
            double rho = rhoT(t, b2);
            for (int i = 0; i < 2; i++) {
                double g = A[i] * x[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                double denom = inside ? Math.sqrt(vHat + eps) : Math.sqrt(vHat) + eps;
                if (rho > threshold) {
                    x[i] -= lr * rT(t, b2) * mHat / denom;
                } else if (fallback.equals("momentum")) {
                    x[i] -= lr * mHat;
                } else if (fallback.equals("adam")) {
                    x[i] -= lr * mHat / denom;
                } // "none": no update
            }
        }
        return x;
    }

    @Test
    void defaults() {
        RAdam o = new RAdam();
        assertEquals("radam", o.name());
        assertEquals(1e-3, o.get("lr"));
        assertEquals(0.9, o.get("beta1"));
        assertEquals(0.999, o.get("beta2"));
        assertEquals(1e-8, o.get("eps"));
        assertEquals(4, o.get("threshold"));
        assertEquals("momentum", o.getChoice("fallback"));
        assertEquals(List.of("m", "v"), o.stateNames());
        assertInstanceOf(RAdam.class, Optimizers.create("radam"));
        assertThrows(IllegalArgumentException.class, () -> o.threshold(3.9));
        assertThrows(IllegalArgumentException.class, () -> o.fallback("sgd"));
        assertThrows(IllegalStateException.class, o::lastRho);
    }

    @Test
    void helpersAgreeWithTheFormula() {
        // ρ∞ = 2/(1 − 0.999) − 1 = 1999;  ρ₁ = ρ∞ − 2β₂/(1−β₂) = 1999 − 1998 = 1 for every β₂
        assertEquals(1999, RAdam.rhoInfinity(0.999), 1e-9);
        assertEquals(1, RAdam.rho(1, 0.999), 1e-10);
        assertEquals(1, RAdam.rho(1, 0.9), 1e-12);
        for (int t = 1; t <= 50; t++) assertEquals(rhoT(t, 0.999), RAdam.rho(t, 0.999), 1e-9);
        // numbers for β₂ = 0.999: ρ₄ ≈ 3.9975 ≤ 4 < ρ₅ ≈ 4.9960 ≤ 5 < ρ₆ ≈ 5.9942
        assertEquals(3.9975, rhoT(4, 0.999), 1e-4);
        assertEquals(4.996, rhoT(5, 0.999), 1e-3);
        assertEquals(5.9942, rhoT(6, 0.999), 1e-4);
        assertEquals(0.0173, rT(5, 0.999), 1e-4);
        assertEquals(0.0258, rT(6, 0.999), 1e-4);
        assertEquals(rT(5, 0.999), RAdam.rectification(5, 0.999), 1e-12);
        assertEquals(rT(6, 0.999), RAdam.rectification(6, 0.999), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RAdam.rectification(4, 0.999));
        assertTrue(e.getMessage().contains("rho_t"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RAdam.rho(0, 0.999));
        assertThrows(IllegalArgumentException.class, () -> RAdam.rhoInfinity(1));
        // r_t → 1 as t → ∞ (ρ_t → ρ∞)
        assertEquals(1, RAdam.rectification(100_000, 0.999), 1e-6);
    }

    @Test
    void firstRectifiedStepIsFiveForThresholdFourAndSixForFive() {
        for (double threshold : new double[]{4, 5}) {
            int first = threshold == 4 ? 5 : 6;
            RAdam o = new RAdam().threshold(threshold);
            double[] x = {1};
            for (int t = 1; t <= 8; t++) {
                o.step(x, new double[]{1});
                assertEquals(rhoT(t, 0.999), o.lastRho(), 1e-9);
                assertEquals(t >= first, o.lastStepRectified(), "threshold " + threshold + " t=" + t);
                assertEquals(t >= first ? rT(t, 0.999) : 0, o.lastRectification(), 1e-12);
            }
        }
    }

    @Test
    void firstStepOfEachFallbackByHand() {
        // t=1, g=2, η=0.1: m̂ = 2, v̂ = 4, ρ₁ = 1 ≤ 4
        double[] x = {1};
        new RAdam().lr(0.1).step(x, new double[]{2});
        assertEquals(1 - 0.1 * 2, x[0], 1e-15);               // momentum: θ − η m̂
        x = new double[]{1};
        new RAdam().lr(0.1).fallback("adam").step(x, new double[]{2});
        assertEquals(1 - 0.1 * 2 / (2 + 1e-8), x[0], 1e-15);  // adam: θ − η m̂/(√v̂ + ε)
        x = new double[]{1};
        RAdam none = new RAdam().lr(0.1).fallback("none");
        none.step(x, new double[]{2});
        assertEquals(1, x[0]);                                  // none: no update ...
        assertEquals(0.2, none.state("m")[0], 1e-16);           // ... but m = 0.1·2
        assertEquals(0.004, none.state("v")[0], 1e-17);         // and v = 0.001·4
        assertEquals(0, none.effectiveRates()[0]);
    }

    @Test
    void fifthStepIsRectifiedByHand() {
        // constant g = 1: m_t = 1 − 0.9ᵗ, v_t = 1 − 0.999ᵗ, so m̂ = v̂ = 1 and the rectified step
        // at t = 5 is η r₅/(1 + ε); the four before are momentum steps η m̂ = η.
        RAdam o = new RAdam().lr(0.1);
        double[] x = {0};
        for (int t = 0; t < 4; t++) o.step(x, new double[]{1});
        assertEquals(-0.4, x[0], 1e-12);
        o.step(x, new double[]{1});
        assertEquals(-0.4 - 0.1 * rT(5, 0.999) / (1 + 1e-8), x[0], 1e-12);
        assertEquals(0.1 * rT(5, 0.999) / (1 + 1e-8), o.effectiveRates()[0], 1e-12);
    }

    @Test
    void hundredStepsMatchReferenceForEveryThresholdAndFallback() {
        double lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        for (double threshold : new double[]{4, 5}) {
            for (String fb : new String[]{"momentum", "adam", "none"}) {
                double[] got = run(new RAdam().lr(lr).threshold(threshold).fallback(fb), 100);
                assertRel(reference(lr, b1, b2, eps, false, threshold, fb, 100), got, 1e-12);
            }
        }
        assertRel(reference(lr, b1, b2, 0.1, true, 4, "adam", 100),
                run(new RAdam().lr(lr).eps(0.1).epsInside(true).fallback("adam"), 100), 1e-12);
        // β₂ = 0.9: ρ∞ = 19, so rectification starts later and r_t moves faster
        assertRel(reference(lr, b1, 0.9, eps, false, 5, "momentum", 100),
                run(new RAdam().lr(lr).beta2(0.9).threshold(5), 100), 1e-12);
    }
}
