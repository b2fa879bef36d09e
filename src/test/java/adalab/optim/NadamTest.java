package adalab.optim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static adalab.optim.AdamTest.A;
import static adalab.optim.AdamTest.X0;
import static adalab.optim.AdamTest.assertRel;
import static adalab.optim.AdamTest.run;
import static org.junit.jupiter.api.Assertions.*;

class NadamTest {

    /** Doc 004 §6 as written: m̂′ = β₁m̂ + (1−β₁)g/(1−β₁ᵗ), θ ← θ − η m̂′/(√v̂ + ε). */
    static double[] referenceDoc004(double lr, double b1, double b2, double eps, boolean inside, int steps) {
        double[] x = X0.clone(), m = new double[2], v = new double[2];
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < 2; i++) {
                double g = A[i] * x[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                double mNesterov = b1 * mHat + (1 - b1) * g / (1 - Math.pow(b1, t));
                x[i] -= lr * mNesterov / (inside ? Math.sqrt(vHat + eps) : Math.sqrt(vHat) + eps);
            }
        }
        return x;
    }

    /**
     * Dozat's schedule as in PyTorch's NAdam: μ_t = β₁(1 − ½·0.96^(tψ)),
     * m̂ = μ_{t+1} m/(1 − Π_{i≤t+1}μ_i) + (1 − μ_t) g/(1 − Π_{i≤t}μ_i), v̂ = v/(1 − β₂ᵗ).
     */
    static double[] referenceDozat(double lr, double b1, double b2, double eps, double psi, int steps) {
        double[] x = X0.clone(), m = new double[2], v = new double[2];
        double product = 1;
        for (int t = 1; t <= steps; t++) {
            double muT = b1 * (1 - 0.5 * Math.pow(0.96, t * psi));
            double muNext = b1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * psi));
            product *= muT;
            for (int i = 0; i < 2; i++) {
                double g = A[i] * x[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = muNext * m[i] / (1 - product * muNext) + (1 - muT) * g / (1 - product);
                double vHat = v[i] / (1 - Math.pow(b2, t));
                x[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        return x;
    }

    @Test
    void defaults() {
        Nadam o = new Nadam();
        assertEquals("nadam", o.name());
        assertEquals(1e-3, o.get("lr"));
        assertEquals(0.9, o.get("beta1"));
        assertEquals(0.999, o.get("beta2"));
        assertEquals(1e-8, o.get("eps"));
        assertEquals("doc004", o.getChoice("form"));
        assertEquals(0.004, o.get("momentum_decay"));
        assertEquals(List.of("m", "v"), o.stateNames());
        assertInstanceOf(Nadam.class, Optimizers.create("nadam"));
    }

    @Test
    void doc004TwoStepsByHand() {
        Nadam o = new Nadam().lr(0.1);
        double[] x = {1};
        // t=1, g=2: m = 0.2, v = 0.004, 1−β₁ = 0.1: m̂ = 2, m̂′ = 0.9·2 + 0.1·2/0.1 = 3.8, v̂ = 4
        o.step(x, new double[]{2});
        double x1 = 1 - 0.1 * 3.8 / (2 + 1e-8);
        assertEquals(x1, x[0], 1e-15);
        assertEquals(0.81, x[0], 1e-8);
        // t=2, g=−1: m = 0.08, 1−β₁² = 0.19, m̂′ = 0.9·0.08/0.19 + 0.1·(−1)/0.19 = −0.028/0.19
        //            v = 0.004996, v̂ = 0.004996/0.001999
        o.step(x, new double[]{-1});
        double x2 = x1 - 0.1 * (-0.028 / 0.19) / (Math.sqrt(0.004996 / 0.001999) + 1e-8);
        assertEquals(x2, x[0], 1e-15);
        assertEquals(0.819322, x[0], 1e-6); // 0.81 + 0.0147368/1.58090
    }

    @Test
    void doc004FormIsAdamWithMtInPlaceOfMtMinus1() {
        // Doc 004's claim: β₁m̂_t + (1−β₁)g_t/(1−β₁ᵗ) = (β₁m_t + (1−β₁)g_t)/(1−β₁ᵗ), i.e. Adam's
        // m̂_t = (β₁m_{t−1} + (1−β₁)g_t)/(1−β₁ᵗ) with m_t in place of m_{t−1}. Check each step of a
        // run: the step taken equals η(β₁m_t + (1−β₁)g_t)/(1−β₁ᵗ)/(√v̂_t + ε), m_t and v_t read
        // from the optimizer's state.
        double lr = 0.02, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        Nadam o = new Nadam().lr(lr);
        double[] x = {0.7, -1.3};
        for (int t = 1; t <= 30; t++) {
            double[] g = {Math.sin(t) + x[0], 3 * x[1]};
            double[] before = x.clone();
            o.step(x, g);
            double[] m = o.state("m"), v = o.state("v");
            for (int i = 0; i < 2; i++) {
                double replaced = (b1 * m[i] + (1 - b1) * g[i]) / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                double expected = before[i] - lr * replaced / (Math.sqrt(vHat) + eps);
                assertEquals(expected, x[i], 1e-12 * Math.abs(expected), "t=" + t + " i=" + i);
            }
        }
    }

    @Test
    void dozatFirstStepByHand() {
        double psi = 0.004;
        // μ₁ = 0.9(1 − ½·0.96^0.004) ≈ 0.45007, μ₂ = 0.9(1 − ½·0.96^0.008) ≈ 0.45015
        double mu1 = 0.9 * (1 - 0.5 * Math.pow(0.96, psi)), mu2 = 0.9 * (1 - 0.5 * Math.pow(0.96, 2 * psi));
        assertEquals(0.45007, mu1, 1e-5);
        Nadam o = new Nadam().lr(0.1).form("dozat");
        double[] x = {1};
        // t=1, g=2: m = 0.2, v̂ = 4; m̂ = μ₂·0.2/(1 − μ₁μ₂) + (1 − μ₁)·2/(1 − μ₁) = μ₂·0.2/(1 − μ₁μ₂) + 2
        o.step(x, new double[]{2});
        double mHat = mu2 * 0.2 / (1 - mu1 * mu2) + 2;
        assertEquals(1 - 0.1 * mHat / (2 + 1e-8), x[0], 1e-15);
        assertEquals(mu1, o.muProduct(), 1e-16);
        o.step(x, new double[]{1});
        o.step(x, new double[]{1});
        double mu3 = 0.9 * (1 - 0.5 * Math.pow(0.96, 3 * psi));
        assertEquals(mu1 * mu2 * mu3, o.muProduct(), 1e-16);
        o.reset();
        assertEquals(1, o.muProduct());
    }

    @Test
    void hundredStepsMatchReferenceInBothForms() {
        double lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        assertRel(referenceDoc004(lr, b1, b2, eps, false, 100), run(new Nadam().lr(lr), 100), 1e-12);
        assertRel(referenceDoc004(lr, b1, b2, 0.1, true, 100), run(new Nadam().lr(lr).eps(0.1).epsInside(true), 100), 1e-12);
        assertRel(referenceDozat(lr, b1, b2, eps, 0.004, 100), run(new Nadam().lr(lr).form("dozat"), 100), 1e-12);
        assertRel(referenceDozat(lr, 0.8, 0.99, eps, 0.5, 100),
                run(new Nadam().lr(lr).beta1(0.8).beta2(0.99).form("dozat").momentumDecay(0.5), 100), 1e-12);
        assertNotEquals(run(new Nadam().lr(lr), 100)[0], run(new Nadam().lr(lr).form("dozat"), 100)[0]);
    }

    @Test
    void dozatProductSurvivesSnapshotAndCopy() {
        Nadam o = new Nadam().lr(0.05).form("dozat");
        double[] x = X0.clone();
        for (int t = 0; t < 7; t++) o.step(x, new double[]{A[0] * x[0], A[1] * x[1]});
        Optimizer c = o.copy();
        double[] y = x.clone();
        for (int t = 0; t < 7; t++) {
            o.step(x, new double[]{A[0] * x[0], A[1] * x[1]});
            c.step(y, new double[]{A[0] * y[0], A[1] * y[1]});
        }
        assertArrayEquals(x, y, 0);
        assertArrayEquals(referenceDozat(0.05, 0.9, 0.999, 1e-8, 0.004, 14), x, 1e-12);
    }

    @Test
    void effectiveRateIsEtaOverDenominator() {
        Nadam o = new Nadam().lr(0.1);
        double[] x = {1};
        o.step(x, new double[]{2});
        assertEquals(0.1 / (2 + 1e-8), o.effectiveRates()[0], 1e-16); // v̂ = 4
    }
}
