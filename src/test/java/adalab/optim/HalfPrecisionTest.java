package adalab.optim;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Optimizers in half precision. Expected values come from hand algebra in fp16 (each constant's
 * half value derived in the comment) or from a reference Adam written with ND4J's own HALF
 * arithmetic, a separate implementation of every operation.
 */
class HalfPrecisionTest {

    // Half values derived by hand: 0.1 = 1.6·2⁻⁴, mantissa 0.6·1024 = 614.4 → 614;
    // 0.001 = 1.024·2⁻¹⁰, mantissa 24.576 → 25; 0.01 = 1.28·2⁻⁷, mantissa 286.72 → 287.
    static final double H_01 = (1 + 614 / 1024.0) / 16;          // 0.0999755859375
    static final double H_0001 = (1 + 25 / 1024.0) / 1024;       // 0.00100040435791015625
    static final double H_001 = (1 + 287 / 1024.0) / 128;        // 0.010002136230469

    @Test
    void handValuesOfTheConstants() {
        assertEquals(H_01, Half.round(0.1), 0);
        assertEquals(H_0001, Half.round(0.001), 0);
        assertEquals(H_001, Half.round(0.01), 0);
    }

    @Test
    void adamAllFp16FirstStepByHand() {
        // θ = 1, g = 0.5, η = 1e-3: m = h(0.1)·0.5 and c₁ = h(1 − 0.9) = h(0.1), so m̂ = 0.5 exactly;
        // v = h(0.001)·0.25 and c₂ = h(0.001), so v̂ = 0.25, √v̂ = 0.5; ε = 1e-8 is 0 in fp16;
        // m̂/√v̂ = 1, the step is h(1e-3) = H_0001, and 1 − H_0001 = 1 − 2.049 ulps (ulp 2⁻¹¹ below 1)
        // rounds to 1 − 2·2⁻¹¹ = 0.9990234375.
        Adam adam = new Adam().lr(1e-3);
        float[] x = {1f};
        HalfPrecision.allFp16(adam).step(x, new float[]{0.5f});
        assertEquals(0.9990234375, x[0], 0);
        assertEquals(H_01 * 0.5, adam.state("m")[0], 0);
        assertEquals(H_0001 * 0.25, adam.state("v")[0], 0);
        assertEquals(1, adam.step());
    }

    @Test
    void sgdAndMomentumAllFp16ByHand() {
        // θ = 1, g = 1, η = 0.01 → step h(0.01) = 0.0100021 = 20.48 ulps of 2⁻¹¹ → θ = 1 − 20·2⁻¹¹
        float[] x = {1f};
        HalfPrecision.allFp16(new Sgd().lr(0.01)).step(x, new float[]{1f});
        assertEquals(1 - 20 * 0x1p-11, x[0], 0);
        // momentum: v = γ·0 + η·g = H_001 on the first step, the same θ
        Momentum mo = new Momentum().lr(0.01);
        float[] y = {1f};
        HalfPrecision.allFp16(mo).step(y, new float[]{1f});
        assertEquals(1 - 20 * 0x1p-11, y[0], 0);
        assertEquals(H_001, mo.state("v")[0], 0);
    }

    // ---------------------------------------------------------------- reference: ND4J HALF

    static INDArray h(float... v) { return Nd4j.createFromArray(v).castTo(DataType.HALF); }

    static INDArray fill(int n, double v) {
        float[] a = new float[n];
        Arrays.fill(a, (float) v); // none of the constants below is near an fp16 tie
        return h(a);
    }

    @Test
    void adamAllFp16MatchesNd4jHalfArithmetic() {
        int n = 4, steps = 6;
        float[] x0 = {1f, -0.75f, 2.5f, 0.3f};
        float[][] grads = new float[steps][n];
        java.util.Random rnd = new java.util.Random(3);
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) grads[t][i] = (float) ((rnd.nextDouble() - 0.5) * Math.pow(10, -1 + i)); // 0.05 … 50
        }
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-3; // ε representable (≈ 1e-3), so no x/0
        // ours
        Adam adam = new Adam().lr(lr).eps(eps);
        float[] x = x0.clone();
        HalfPrecision hp = HalfPrecision.allFp16(adam);
        // reference: the same rule, each operation an ND4J HALF op
        INDArray p = h(x0), m = Nd4j.zeros(DataType.HALF, n), v = Nd4j.zeros(DataType.HALF, n);
        for (int t = 1; t <= steps; t++) {
            hp.step(x, grads[t - 1]);
            INDArray g = h(grads[t - 1]);
            m = fill(n, b1).mul(m).add(fill(n, 1 - b1).mul(g));
            v = fill(n, b2).mul(v).add(fill(n, 1 - b2).mul(g.mul(g)));
            INDArray mHat = m.div(fill(n, 1 - Math.pow(b1, t)));
            INDArray vHat = v.div(fill(n, 1 - Math.pow(b2, t)));
            INDArray den = Transforms.sqrt(vHat, true).add(fill(n, eps));
            p = p.sub(fill(n, lr).mul(mHat.div(den)));
            for (int i = 0; i < n; i++) {
                assertEquals(p.getFloat(i), x[i], 0, "θ[" + i + "] at step " + t);
                assertEquals(m.getFloat(i), (float) adam.state("m")[i], 0, "m[" + i + "] at step " + t);
                assertEquals(v.getFloat(i), (float) adam.state("v")[i], 0, "v[" + i + "] at step " + t);
            }
        }
        assertTrue(x[0] != x0[0], "the parameters moved");
    }

    // ---------------------------------------------------------------- doc 000's account and the modes

    @Test
    void smallGradientInTheThreeModes() {
        float g = 1e-4f, gh = Half.round(g); // 1.00016594e-4, a normal fp16
        double eta = 1e-3, eps = 1e-8;
        // FP16_GRADIENTS: g² = 1.0003e-8 in float32, nothing lost: |Δ| = η·g/(g + ε) ≈ η
        Adam a = new Adam().lr(eta).eps(eps);
        float[] x = {0f};
        HalfPrecision.fp16Gradients(a).step(x, new float[]{g});
        assertEquals(eta * gh / (gh + eps), -x[0], 1e-6 * eta);
        assertTrue(a.state("v")[0] > 0);
        // FP16_MOMENTS: m = h(h(0.1)·g) = 168·2⁻²⁴ (9.9992e-6 / 2⁻²⁴ = 167.76), v = h(h(0.001)·h(g²)) = 0,
        // so the float32 denominator is exactly ε and |Δ| = η·(m/(1 − 0.9))/ε ≈ 10.01: doc 000's account
        Adam b = new Adam().lr(eta).eps(eps);
        float[] y = {0f};
        HalfPrecision.fp16Moments(b).step(y, new float[]{g});
        double m = 168 * 0x1p-24;
        assertEquals(m, b.state("m")[0], 0);
        assertEquals(0, b.state("v")[0], 0);
        double expected = eta * (m / (float) (1 - 0.9)) / (float) eps;
        assertEquals(expected, -y[0], 1e-6 * expected);
        assertTrue(-y[0] > 10, "a step of " + -y[0] + " where η = 1e-3");
        // ALL_FP16: ε = 1e-8 is 0, so m̂/(√0 + 0) is x/0: reported, nothing changed
        Adam c = new Adam().lr(eta).eps(eps);
        float[] z = {0.5f};
        HalfOverflowException e = assertThrows(HalfOverflowException.class,
                () -> HalfPrecision.allFp16(c).step(z, new float[]{g}));
        assertEquals(1, e.step());
        assertEquals(0, e.element());
        assertEquals(Double.POSITIVE_INFINITY, e.value());
        assertTrue(e.getMessage().contains("division by zero") && e.getMessage().contains("is 0 in fp16"), e.getMessage());
        // the rule's division (η·m̂)/(√v̂ + ε): η·m̂ = 2·2⁻²⁴ (see largerEpsilon…) over 0
        assertTrue(e.getMessage().contains("1.1920928955078125E-7 / 0.0 = Infinity"), e.getMessage());
        assertEquals(0.5f, z[0]);
        assertEquals(0, c.step());
        assertEquals(-1, c.size());
        // a zero gradient: m̂ = 0 over √0 + 0, which the rule takes as no step (the ε → 0 limit, as
        // in float64), not as a fault
        Adam d = new Adam();
        float[] one = {1f};
        HalfPrecision.allFp16(d).step(one, new float[]{0f});
        assertEquals(1f, one[0]);
        assertEquals(1, d.step());
    }

    @Test
    void largerEpsilonKeepsAllFp16Finite() {
        for (double eps : new double[]{1e-6, 1e-4}) {
            Adam a = new Adam().lr(1e-3).eps(eps);
            float[] x = {0f};
            HalfPrecision hp = HalfPrecision.allFp16(a);
            for (int t = 0; t < 20; t++) hp.step(x, new float[]{1e-4f});
            assertTrue(Float.isFinite(x[0]) && x[0] < 0, "ε = " + eps + ": θ = " + x[0]);
            assertEquals(0, a.state("v")[0], 0, "v is still lost");
        }
        // The first step exactly, in multiples of 2⁻²⁴ (fp16's subnormal spacing) where it matters:
        // g = fp16(1e-4) = 1678·2⁻²⁴; m = fp16(fp16(0.1)·g) = 168·2⁻²⁴; c₁ = fp16(0.1) = 0.0999755859375;
        // m̂ = fp16(m/c₁) = 1680·2⁻²⁴; η = fp16(1e-3) = 1049·2⁻²⁰; η·m̂ = 1.68·2⁻²⁴ → 2·2⁻²⁴ (subnormal);
        // v = fp16((1−β₂)g)·g → 0, so the step is fp16(2·2⁻²⁴ / fp16(ε)):
        //   ε = 1e-6: fp16(ε) = 17·2⁻²⁴, 2/17 = 0.1176… → 1928·2⁻¹⁴ (spacing 2⁻¹⁴ in [1/16, 1/8))
        //   ε = 1e-4: fp16(ε) = 1678·2⁻²⁴, 2/1678 = 0.0011919… → 1250·2⁻²⁰ (spacing 2⁻²⁰ in [2⁻¹⁰, 2⁻⁹))
        // Not η·m̂/ε ≈ 0.0999 and 0.001: η·m̂ is subnormal in fp16 and rounds up by 19 %.
        double[][] cases = {{1e-6, 1928 * 0x1p-14}, {1e-4, 1250 * 0x1p-20}};
        for (double[] c : cases) {
            float[] x = {0f};
            HalfPrecision.allFp16(new Adam().lr(1e-3).eps(c[0])).step(x, new float[]{1e-4f});
            assertEquals(-c[1], x[0], 0, "ε = " + c[0]);
        }
    }

    @Test
    void overflowIsReportedWithStateUntouched() {
        Adam a = new Adam().lr(1e-3).eps(1e-3);
        float[] x = {1f, 2f};
        HalfPrecision hp = HalfPrecision.allFp16(a);
        hp.step(x, new float[]{3f, 4f});
        OptimizerState before = a.snapshot();
        float[] xBefore = x.clone();
        // The rule computes (1−β₂)g·g left to right (as the fused loops do): (1−β₂) = fp16(0.001) =
        // 1049·2⁻²⁰, times 30000 is 30.01 → 30.015625 (a multiple of 2⁻⁶), times 30000 is 900469 > 65504.
        // (g = 300 no longer overflows: (0.001·300)·300 = 90.)
        HalfOverflowException e = assertThrows(HalfOverflowException.class, () -> hp.step(x, new float[]{1f, 30000f}));
        assertEquals(2, e.step());
        assertEquals(1, e.element());
        assertTrue(e.getMessage().contains("30.015625 × 30000.0 = Infinity: past the largest fp16, 65504.0"), e.getMessage());
        assertTrue(e.getMessage().contains("step 2, element 1"), e.getMessage());
        assertArrayEquals(xBefore, x);
        assertEquals(1, a.step());
        assertArrayEquals((float[]) before.arrays().get("m"), (float[]) a.snapshot().arrays().get("m"));
        assertArrayEquals((float[]) before.arrays().get("v"), (float[]) a.snapshot().arrays().get("v"));
        // a gradient past 65504 is refused the same way, in every mode
        HalfOverflowException big = assertThrows(HalfOverflowException.class,
                () -> HalfPrecision.fp16Gradients(new Adam()).step(new float[]{0f}, new float[]{1e5f}));
        assertTrue(big.getMessage().contains("gradient 100000.0 rounds to Infinity"), big.getMessage());
        // a gradient that is already NaN is the usual refusal
        assertThrows(NonFiniteGradientException.class, () -> hp.step(x, new float[]{Float.NaN, 1f}));
        assertArrayEquals(xBefore, x);
    }

    @Test
    void skipPolicyCountsAndSkips() {
        Adam a = new Adam().lr(1e-3);
        a.onNonFinite("skip");
        float[] x = {1f};
        HalfPrecision hp = HalfPrecision.allFp16(a);
        hp.step(x, new float[]{1e-4f}); // x/0 in fp16: skipped
        assertEquals(1, a.skippedSteps());
        assertEquals(0, a.step());
        assertEquals(-1, a.size());
        assertEquals(1f, x[0]);
        hp.step(x, new float[]{0.5f}); // a good step goes through
        assertEquals(1, a.step());
        assertEquals(0.9990234375, x[0], 0);
        hp.step(x, new float[]{30000f}); // (1−β₂)g·g overflows: skipped
        assertEquals(2, a.skippedSteps());
        assertEquals(1, a.step());
        assertEquals(0.9990234375, x[0], 0);
    }

    // ---------------------------------------------------------------- storage

    @Test
    void ndHalfArraysStepInPlace() {
        // Optimizer.step on HALF arrays dispatches to the all-fp16 rule
        Adam a = new Adam().lr(1e-3);
        INDArray x = h(1f, 1f), g = h(0.5f, -0.5f);
        a.step(x, g);
        assertEquals(DataType.HALF, x.dataType());
        assertEquals(0.9990234375, x.getFloat(0), 0);
        assertEquals(1.0009765625, x.getFloat(1), 0); // 1 + 1.0004e-3 = 1 + 1.02 ulps (2⁻¹⁰ above 1) → 1 + 2⁻¹⁰
        // the same on short[] bit patterns
        Adam b = new Adam().lr(1e-3);
        short[] xs = Half.fromFloats(new float[]{1f, 1f});
        HalfPrecision.allFp16(b).step(xs, Half.fromFloats(new float[]{0.5f, -0.5f}));
        assertEquals(0.9990234375, Half.toFloat(xs[0]), 0);
        assertEquals(1.0009765625, Half.toFloat(xs[1]), 0);
        // FP16_GRADIENTS on FLOAT params keeps them float32 (master weights)
        Adam c = new Adam().lr(1e-3);
        INDArray xf = Nd4j.createFromArray(1f);
        HalfPrecision.fp16Gradients(c).step(xf, h(0.5f));
        assertEquals(DataType.FLOAT, xf.dataType());
        assertEquals(1 - 1e-3, xf.getFloat(0), 1e-7);
        // and with HALF params rounds them back to fp16
        Adam d = new Adam().lr(1e-3);
        INDArray xh = h(1f);
        HalfPrecision.fp16Gradients(d).step(xh, h(0.5f));
        assertEquals(0.9990234375, xh.getFloat(0), 0); // 1 − 1e-3 = 1 − 2.05 ulps → 1 − 2⁻¹⁰
    }

    @Test
    void badInput() {
        Adam a = new Adam();
        HalfPrecision hp = HalfPrecision.allFp16(a);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hp.step(new float[2], new float[3]));
        assertTrue(e.getMessage().contains("params has 2 elements but grad has 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> hp.step((float[]) null, new float[1]));
        assertThrows(IllegalArgumentException.class, () -> hp.step(new float[0], new float[0]));
        IllegalArgumentException dt = assertThrows(IllegalArgumentException.class,
                () -> hp.step(Nd4j.createFromArray(1.0), Nd4j.createFromArray(1.0)));
        assertTrue(dt.getMessage().contains("DOUBLE") && dt.getMessage().contains("HALF or FLOAT"), dt.getMessage());
        INDArray mat = Nd4j.create(DataType.HALF, 3, 3);
        IllegalArgumentException view = assertThrows(IllegalArgumentException.class,
                () -> hp.step(mat.getColumn(1), Nd4j.create(DataType.HALF, 3)));
        assertTrue(view.getMessage().contains("non-contiguous"), view.getMessage());
        // every optimizer has its rule in every mode now (it used to be six)
        float[] y = {1f};
        HalfPrecision.allFp16(new Nadam()).step(y, new float[]{0.5f});
        assertTrue(y[0] < 1f && Half.isHalf(y[0]), "nadam in all fp16: θ = " + y[0]);
        assertEquals(-1, a.size());
        // FP16_GRADIENTS takes any optimizer
        Nadam n = new Nadam();
        HalfPrecision.fp16Gradients(n).step(new float[]{1f}, new float[]{0.5f});
        assertEquals(1, n.step());
    }

    @Test
    void rmspropAndAdagradAllFp16ByHand() {
        // RMSProp, ρ = 0.9, ε = 1e-8 → 0 (inside the root): v = h(0.1)·g² with g = 0.5, g² = 0.25;
        // v = H_01/4; √v = h(√(0.0249939)) = h(0.158095) ; step = η·g/√v.
        RmsProp r = new RmsProp().lr(0.01);
        float[] x = {1f};
        HalfPrecision.allFp16(r).step(x, new float[]{0.5f});
        double v = H_01 / 4;
        assertEquals(v, r.state("v")[0], 0);
        double root = Half.round(Math.sqrt(v));              // √ rounded once (exact fp16 √)
        double u = Half.round(0.5 / root);                   // g/√v
        double expected = Half.round(1 - Half.round(H_001 * u));
        assertEquals(expected, x[0], 0);
        assertEquals(1 - 0.01 / Math.sqrt(0.1), x[0], 2e-3); // ≈ the exact rule, to fp16's resolution
        // AdaGrad's first step is η·g/|g| = η
        AdaGrad ag = new AdaGrad().lr(0.01);
        float[] y = {1f};
        HalfPrecision.allFp16(ag).step(y, new float[]{0.5f});
        assertEquals(1 - 20 * 0x1p-11, y[0], 0);
    }

    @Test
    void adamwDecayIsLostAtThetaOneInFp16() {
        // ηλ = h(h(1e-3)·h(0.01)) = h(1.00063e-5) = 168·2⁻²⁴ ≈ 1.0014e-5, far below half an ulp of θ ≈ 1
        // (2⁻¹² ≈ 2.4e-4): the decay rounds away and AdamW's first step equals Adam's, 1 → 1 − 2⁻¹⁰.
        AdamW w = new AdamW().lr(1e-3).weightDecay(0.01);
        float[] x = {1f};
        HalfPrecision.allFp16(w).step(x, new float[]{0.5f});
        assertEquals(0.9990234375, x[0], 0);
        // with λ = 10 the decay ηλθ = h(h(1e-3)·10)·θ ≈ 0.01·θ is 20 ulps: kept
        AdamW big = new AdamW().lr(1e-3).weightDecay(10);
        float[] y = {1f};
        HalfPrecision.allFp16(big).step(y, new float[]{0.5f});
        double etaLam = Half.round(H_0001 * 10);          // 0.0100040 → its fp16 value
        assertEquals(Half.round(0.9990234375 - etaLam), y[0], 0);
    }

    @Test
    void everyOptimizersRuleStaysOnTheHalfGrid() {
        for (String name : Optimizers.names()) { // all 13: each runs its one rule in fp16
            for (HalfPrecision.Mode mode : new HalfPrecision.Mode[]{HalfPrecision.Mode.FP16_MOMENTS, HalfPrecision.Mode.ALL_FP16}) {
                Optimizer o = Optimizers.create(name);
                if (o.hyperparameters().stream().anyMatch(h -> h.name().equals("eps"))) o.set("eps", 1e-3);
                HalfPrecision hp = HalfPrecision.of(o, mode);
                float[] x = {1f, -2f, 0.3f};
                for (int t = 0; t < 10; t++) hp.step(x, new float[]{0.5f * x[0], 0.1f * x[1], 3f * x[2]});
                assertEquals(10, o.step(), name + " " + mode);
                for (String st : o.stateNames()) {
                    for (double v : o.state(st)) assertTrue(Half.isHalf((float) v) && Double.isFinite(v), name + " " + mode + " " + st + " = " + v);
                }
                for (float v : x) {
                    assertTrue(Float.isFinite(v), name + " " + mode);
                    if (mode == HalfPrecision.Mode.ALL_FP16) assertTrue(Half.isHalf(v), name + ": θ = " + v + " is not an fp16");
                }
                assertTrue(Math.abs(x[2]) < 0.3f, name + " " + mode + " moved towards 0: " + x[2]);
            }
        }
    }

    @Test
    void parameterOverflowInTheUpdateIsReported() {
        // fp16 moments, fp16 storage of θ: θ = 65504 (the largest fp16), g = −1e-4, η = 1e-2:
        // v is lost, the float32 step is η·m̂/ε ≈ +100 and 65604 rounds to ∞ in fp16
        Adam a = new Adam().lr(1e-2);
        short[] x = {Half.fromFloat(65504f)};
        HalfOverflowException e = assertThrows(HalfOverflowException.class,
                () -> HalfPrecision.fp16Moments(a).step(x, new short[]{Half.fromFloat(-1e-4f)}));
        assertTrue(e.getMessage().contains("the fp32 update gives θ = 6560") && e.getMessage().contains("Infinity in fp16"), e.getMessage());
        assertEquals(65504f, Half.toFloat(x[0]));
        assertEquals(-1, a.size());
        assertTrue(e.getMessage().startsWith("adam (fp16 moments): step 1, element 0"), e.getMessage());
    }
}
