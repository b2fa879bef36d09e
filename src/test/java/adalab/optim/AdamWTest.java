package adalab.optim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static adalab.optim.AdamTest.A;
import static adalab.optim.AdamTest.X0;
import static adalab.optim.AdamTest.assertRel;
import static adalab.optim.AdamTest.run;
import static org.junit.jupiter.api.Assertions.*;

class AdamWTest {

    /** Plain float64 AdamW from doc 004 §7: moments from g alone, θ ← θ − η m̂/(√v̂+ε) − ηλθ_old. */
    static double[] reference(double lr, double b1, double b2, double eps, boolean inside, boolean corrected,
                              double lambda, int steps) {
        double[] x = X0.clone(), m = new double[2], v = new double[2];
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < 2; i++) {
                double g = A[i] * x[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = corrected ? m[i] / (1 - Math.pow(b1, t)) : m[i];
                double vHat = corrected ? v[i] / (1 - Math.pow(b2, t)) : v[i];
                double adamUpdate = lr * mHat / (inside ? Math.sqrt(vHat + eps) : Math.sqrt(vHat) + eps);
                x[i] = x[i] - adamUpdate - lr * lambda * x[i];
            }
        }
        return x;
    }

    @Test
    void defaults() {
        AdamW o = new AdamW();
        assertEquals("adamw", o.name());
        assertEquals(0.01, o.get("weight_decay")); // doc 004: λ e.g. 0.01
        assertEquals(1e-3, o.get("lr"));
        assertEquals(0.9, o.get("beta1"));
        assertEquals(0.999, o.get("beta2"));
        assertEquals(1e-8, o.get("eps"));
        assertEquals(List.of("m", "v"), o.stateNames());
        assertInstanceOf(AdamW.class, Optimizers.create("adamw"));
        assertThrows(IllegalArgumentException.class, () -> o.weightDecay(-0.1));
        assertEquals(0.01, o.get("weight_decay"));
    }

    @Test
    void twoStepsByHand() {
        AdamW o = new AdamW().lr(0.1).weightDecay(0.5);
        double[] x = {2};
        // t=1, g=1: m̂ = 1, v̂ = 1, Adam step 0.1·1/(1 + 1e-8); decay ηλθ_old = 0.1·0.5·2 = 0.1
        o.step(x, new double[]{1});
        double x1 = 2 - 0.1 / (1 + 1e-8) - 0.1;
        assertEquals(x1, x[0], 1e-15);
        assertEquals(1.800000001, x[0], 1e-12);
        // the moments saw g alone: m = 0.1, v = 0.001
        assertEquals(0.1, o.state("m")[0], 1e-16);
        assertEquals(0.001, o.state("v")[0], 1e-18);
        // t=2, g=3: m = 0.09 + 0.3 = 0.39, v = 0.000999 + 0.009 = 0.009999
        //           m̂ = 0.39/0.19, v̂ = 0.009999/0.001999; decay 0.1·0.5·x1 = 0.05·x1
        o.step(x, new double[]{3});
        double x2 = x1 - 0.1 * (0.39 / 0.19) / (Math.sqrt(0.009999 / 0.001999) + 1e-8) - 0.05 * x1;
        assertEquals(x2, x[0], 1e-15);
        assertEquals(1.6182, x[0], 1e-4); // 1.8 − 0.0918 − 0.09
    }

    @Test
    void withZeroGradientOnlyTheDecayActs() {
        // g = 0 ⇒ m = 0 ⇒ no Adam step; θ_t = (1 − ηλ)ᵗθ₀, the same for every parameter scale.
        AdamW o = new AdamW().lr(0.1).weightDecay(0.2);
        double[] x = {3, -1e-3};
        for (int t = 0; t < 5; t++) o.step(x, new double[]{0, 0});
        assertEquals(3 * Math.pow(0.98, 5), x[0], 1e-14);
        assertEquals(-1e-3 * Math.pow(0.98, 5), x[1], 1e-17);
    }

    @Test
    void decoupledDiffersFromCoupled() {
        // same λ, same data: Adam's L2 goes through the denominator, AdamW's does not
        double[] w = run(new AdamW().lr(0.05).weightDecay(0.5), 30);
        double[] c = run(new Adam().lr(0.05).weightDecay(0.5), 30);
        assertNotEquals(w[0], c[0]);
        // and λ = 0 makes AdamW plain Adam, bit for bit
        assertArrayEquals(run(new Adam().lr(0.05), 30), run(new AdamW().lr(0.05).weightDecay(0), 30), 0);
    }

    @Test
    void hundredStepsMatchReferenceInEveryVariant() {
        double lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        assertRel(reference(lr, b1, b2, eps, false, true, 0.01, 100), run(new AdamW().lr(lr), 100), 1e-12);
        assertRel(reference(lr, b1, b2, eps, false, true, 0.3, 100), run(new AdamW().lr(lr).weightDecay(0.3), 100), 1e-12);
        assertRel(reference(lr, b1, b2, 0.1, true, true, 0.3, 100),
                run(new AdamW().lr(lr).weightDecay(0.3).eps(0.1).epsInside(true), 100), 1e-12);
        assertRel(reference(lr, b1, b2, eps, false, false, 0.3, 100),
                run(new AdamW().lr(lr).weightDecay(0.3).biasCorrection(false), 100), 1e-12);
    }

    @Test
    void scheduleScalesTheDecayToo() {
        // doc 004: the decay is proportional to the current learning rate
        AdamW o = new AdamW().lr(0.1).weightDecay(0.5);
        o.schedule((t, base) -> base / t);
        double[] x = {1};
        o.step(x, new double[]{0});
        o.step(x, new double[]{0});
        assertEquals((1 - 0.05) * (1 - 0.025), x[0], 1e-15); // η₁λ = 0.05, η₂λ = 0.025
    }
}
