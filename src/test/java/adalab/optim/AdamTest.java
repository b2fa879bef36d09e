package adalab.optim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AdamTest {
    // f = ½(x² + 10y²) from (1.5, −0.8): gradient (x, 10y).
    static final double[] A = {1, 10};
    static final double[] X0 = {1.5, -0.8};

    static double[] run(Optimizer o, int steps) {
        double[] x = X0.clone(), g = new double[2];
        for (int k = 0; k < steps; k++) {
            for (int i = 0; i < 2; i++) g[i] = A[i] * x[i];
            o.step(x, g);
        }
        return x;
    }

    static void assertRel(double[] expected, double[] actual, double rel) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            double tol = rel * Math.abs(expected[i]);
            assertEquals(expected[i], actual[i], tol, "element " + i);
        }
    }

    /** Plain float64 Adam from the formula (docs 003/004), written independently of Adam.java. */
    static double[] reference(double lr, double b1, double b2, double eps, boolean inside, boolean corrected,
                              double lambda, int steps) {
        double[] x = X0.clone(), m = new double[2], v = new double[2];
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < 2; i++) {
                double g = A[i] * x[i] + lambda * x[i]; // coupled L2: g + λθ
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = corrected ? m[i] / (1 - Math.pow(b1, t)) : m[i];
                double vHat = corrected ? v[i] / (1 - Math.pow(b2, t)) : v[i];
                x[i] -= lr * mHat / (inside ? Math.sqrt(vHat + eps) : Math.sqrt(vHat) + eps);
            }
        }
        return x;
    }

    @Test
    void defaults() {
        Adam o = new Adam();
        assertEquals("adam", o.name());
        assertEquals(1e-3, o.get("lr"));
        assertEquals(0.9, o.get("beta1"));
        assertEquals(0.999, o.get("beta2"));
        assertEquals(1e-8, o.get("eps"));
        assertEquals(0, o.get("weight_decay"));
        assertEquals("outside", o.getChoice("eps_placement"));
        assertEquals("on", o.getChoice("bias_correction"));
        assertEquals(List.of("m", "v"), o.stateNames());
        assertInstanceOf(Adam.class, Optimizers.create("adam"));
    }

    @Test
    void doc003FirstMomentExample() {
        // doc 003: β₁ = 0.8, m₀ = 0, g = 20, −5, 8
        Adam o = new Adam().beta1(0.8);
        double[] x = {0};
        o.step(x, new double[]{20});
        assertEquals(4.0, o.state("m")[0], 1e-15);   // 0.2·20 = 4
        o.step(x, new double[]{-5});
        assertEquals(2.2, o.state("m")[0], 1e-15);   // 0.8·4 + 0.2·(−5) = 3.2 − 1 = 2.2
        o.step(x, new double[]{8});
        assertEquals(3.36, o.state("m")[0], 1e-15);  // 0.8·2.2 + 0.2·8 = 1.76 + 1.6 = 3.36 (> 0 though g₂ < 0)
    }

    @Test
    void doc003SecondMomentExample() {
        // doc 003: β₂ = 0.95, v₀ = 0, g = 0.5, −0.3, 0.8
        Adam o = new Adam().beta2(0.95);
        double[] x = {0};
        o.step(x, new double[]{0.5});
        assertEquals(0.0125, o.state("v")[0], 1e-16);      // 0.05·0.25
        o.step(x, new double[]{-0.3});
        assertEquals(0.016375, o.state("v")[0], 1e-16);    // 0.95·0.0125 + 0.05·0.09 = 0.011875 + 0.0045
        o.step(x, new double[]{0.8});
        assertEquals(0.04755625, o.state("v")[0], 1e-16);  // 0.95·0.016375 + 0.05·0.64 = 0.01555625 + 0.032
    }

    @Test
    void twoStepsByHand() {
        Adam o = new Adam().lr(0.1);
        double[] x = {1};
        // t=1, g=2: m = 0.1·2 = 0.2, v = 0.001·4 = 0.004, m̂ = 0.2/0.1 = 2, v̂ = 0.004/0.001 = 4
        //           x = 1 − 0.1·2/(2 + 1e-8)
        o.step(x, new double[]{2});
        double x1 = 1 - 0.1 * 2 / (2 + 1e-8);
        assertEquals(x1, x[0], 1e-15);
        assertEquals(0.9000000005, x[0], 1e-12);
        // t=2, g=−1: m = 0.9·0.2 − 0.1 = 0.08, v = 0.999·0.004 + 0.001·1 = 0.004996
        //           m̂ = 0.08/(1 − 0.81) = 0.08/0.19, v̂ = 0.004996/(1 − 0.998001) = 0.004996/0.001999
        o.step(x, new double[]{-1});
        assertEquals(0.08, o.state("m")[0], 1e-16);
        assertEquals(0.004996, o.state("v")[0], 1e-17);
        double x2 = x1 - 0.1 * (0.08 / 0.19) / (Math.sqrt(0.004996 / 0.001999) + 1e-8);
        assertEquals(x2, x[0], 1e-15);
        assertEquals(0.873366, x[0], 1e-6); // 0.4210526/1.5809 = 0.26634 → 0.9 − 0.026634
        // effective rate η/(√v̂ + ε) at the last step
        assertEquals(0.1 / (Math.sqrt(0.004996 / 0.001999) + 1e-8), o.effectiveRates()[0], 1e-15);
    }

    @Test
    void firstStepWithoutBiasCorrectionIsAbout3Point16TimesLarger() {
        // doc 003: ε = 0, t = 1: m = (1−β₁)g, v = (1−β₂)g². Uncorrected |Δθ| = η(1−β₁)|g|/(√(1−β₂)|g|)
        // = η(1−β₁)/√(1−β₂) for any g ≠ 0; corrected m̂ = g, v̂ = g² and |Δθ| = η.
        double eta = 0.01;
        for (double g : new double[]{3.7, -0.002, 1e5}) {
            Adam off = new Adam().lr(eta).eps(0).biasCorrection(false);
            Adam on = new Adam().lr(eta).eps(0);
            double[] xOff = {0}, xOn = {0};
            off.step(xOff, new double[]{g});
            on.step(xOn, new double[]{g});
            assertEquals(eta * 0.1 / Math.sqrt(0.001), Math.abs(xOff[0]), 1e-15);
            assertEquals(eta, Math.abs(xOn[0]), 1e-17);
            assertEquals(3.16227766, xOff[0] / xOn[0], 1e-8); // 0.1/√0.001 = √10
            assertEquals(-Math.signum(g), Math.signum(xOn[0]));
        }
    }

    @Test
    void scaleInvarianceIsExactForPowersOfTwoWithEpsZero() {
        // doc 003: loss·c scales m by c and v by c²; for c = 2¹⁰ every product, square root and
        // division is exact, so m̂/√v̂ and the path are bit-identical.
        Adam o1 = new Adam().lr(0.05).eps(0), o2 = new Adam().lr(0.05).eps(0);
        double c = 1024;
        double[] x1 = X0.clone(), x2 = X0.clone();
        for (int t = 0; t < 200; t++) {
            o1.step(x1, new double[]{A[0] * x1[0], A[1] * x1[1]});
            o2.step(x2, new double[]{c * A[0] * x2[0], c * A[1] * x2[1]});
            assertArrayEquals(x1, x2, 0);
        }
        // but with the default ε the paths differ (ε does not scale): the identity is not trivially true
        Adam e1 = new Adam().lr(0.05).eps(1e-3), e2 = new Adam().lr(0.05).eps(1e-3);
        double[] y1 = X0.clone(), y2 = X0.clone();
        for (int t = 0; t < 20; t++) {
            e1.step(y1, new double[]{A[0] * y1[0], A[1] * y1[1]});
            e2.step(y2, new double[]{c * A[0] * y2[0], c * A[1] * y2[1]});
        }
        assertNotEquals(y1[0], y2[0]);
    }

    @Test
    void zeroGradientWithEpsZeroIsNoStepNotNaN() {
        Adam o = new Adam().lr(0.1).eps(0);
        double[] x = {1, 2};
        o.step(x, new double[]{0, 1});
        assertEquals(1, x[0]);                 // m̂ = v̂ = 0: 0/0 taken as no step
        assertEquals(2 - 0.1, x[1], 1e-15);    // m̂/√v̂ = 1
        float[] xf = {1f, 2f};
        new Adam().lr(0.1).eps(0).step(xf, new float[]{0f, 1f});
        assertEquals(1f, xf[0]);
    }

    @Test
    void hundredStepsMatchReferenceInEveryVariant() {
        double lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        assertRel(reference(lr, b1, b2, eps, false, true, 0, 100), run(new Adam().lr(lr), 100), 1e-12);
        assertRel(reference(lr, b1, b2, eps, true, true, 0, 100), run(new Adam().lr(lr).epsInside(true), 100), 1e-12);
        // a large ε makes the placement matter
        assertRel(reference(lr, b1, b2, 0.1, true, true, 0, 100), run(new Adam().lr(lr).eps(0.1).epsInside(true), 100), 1e-12);
        assertRel(reference(lr, b1, b2, 0.1, false, true, 0, 100), run(new Adam().lr(lr).eps(0.1), 100), 1e-12);
        assertRel(reference(lr, b1, b2, eps, false, false, 0, 100), run(new Adam().lr(lr).biasCorrection(false), 100), 1e-12);
        assertRel(reference(lr, b1, b2, eps, false, true, 0.5, 100), run(new Adam().lr(lr).weightDecay(0.5), 100), 1e-12);
        assertRel(reference(0.01, 0.8, 0.95, eps, false, true, 0, 100),
                run(new Adam().lr(0.01).beta1(0.8).beta2(0.95), 100), 1e-12);
        // the variants really differ from each other
        assertNotEquals(run(new Adam().lr(lr).eps(0.1), 100)[0], run(new Adam().lr(lr).eps(0.1).epsInside(true), 100)[0]);
    }

    @Test
    void coupledDecayIsDividedByTheAdaptiveDenominator() {
        // g = 0, θ = 2, λ = 0.5: g' = λθ = 1, so the first step is η·1/(1 + ε) ≈ η, not ηλθ = η.
        // Second step with g' = λθ₁: the decay felt is scaled by 1/(√v̂ + ε), unlike AdamW's.
        Adam o = new Adam().lr(0.1).weightDecay(0.5);
        double[] x = {2};
        o.step(x, new double[]{0});
        assertEquals(2 - 0.1 / (1 + 1e-8), x[0], 1e-15);
    }

    @Test
    void floatKernelUsesFloatArithmetic() {
        Adam o = new Adam().lr(0.1f);
        float[] x = {1f};
        o.step(x, new float[]{0.5f});
        float m = 0.1f * 0.5f, v = (float) (1 - 0.999) * 0.5f * 0.5f;
        float mHat = m / 0.1f, vHat = v / (float) (1 - 0.999);
        float expected = 1f - (float) 0.1 * mHat / ((float) Math.sqrt(vHat) + 1e-8f);
        assertEquals(expected, x[0]);
    }
}
