package adalab.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The per-step caches: memoised bias corrections and hyperparameters read once per change. */
class StepOverheadTest {

    @Test
    void oneMinusPowIsMathPowBitForBit() {
        double[] betas = {0, 0.5, 0.9, 0.95, 0.99, 0.999, 0.9999, 1 - 1e-7};
        long[] far = {300, 350, 400, 37_000, 37_500, 40_000, (1 << 18) - 1, 1 << 18, (1 << 18) + 1, 1_000_003, 123_456_789L};
        for (double b : betas) {
            OneMinusPow p = OneMinusPow.of(b);
            for (long t = 1; t <= 3000; t++) {
                assertEquals(1 - Math.pow(b, t), p.at(t), 0.0, "beta " + b + " t " + t);
            }
            for (long t : far) assertEquals(1 - Math.pow(b, t), p.at(t), 0.0, "beta " + b + " t " + t);
        }
    }

    @Test
    void saturatedTablesStayExact() {
        // β = 0.9 rounds 1 − βᵗ to 1 near t = 350: walk through and beyond with a fresh table order
        OneMinusPow p = OneMinusPow.of(0.8);
        assertEquals(1 - Math.pow(0.8, 5000), p.at(5000), 0.0);
        for (long t = 1; t <= 600; t++) assertEquals(1 - Math.pow(0.8, t), p.at(t), 0.0, "t " + t);
        assertEquals(1.0, p.at(1L << 40), 0.0);
    }

    @Test
    void changedHyperparametersTakeEffectOnTheNextStep() {
        Adam a = new Adam().lr(0.1);
        double[] x = {1.0}, g = {0.5};
        a.step(x, g.clone());
        // step 1: m̂ = g, v̂ = g², so θ moves by lr·g/(|g| + ε)
        double x1 = 1.0 - 0.1 * 0.5 / (Math.sqrt(0.25) + 1e-8);
        assertEquals(x1, x[0], 1e-15);
        a.lr(0.2).beta1(0.5).biasCorrection(false);
        a.step(x, new double[]{0.5});
        // step 2, no bias correction: m = 0.5·(0.1·0.5)·… computed plainly in float64
        double m1 = 0.1 * 0.5, v1 = 0.001 * 0.25;        // after step 1 with β1 0.9, β2 0.999
        double m2 = 0.5 * m1 + 0.5 * 0.5, v2 = 0.999 * v1 + 0.001 * 0.25;
        double x2 = x1 - 0.2 * m2 / (Math.sqrt(v2) + 1e-8);
        assertEquals(x2, x[0], 1e-15);
        Adam c = (Adam) a.copy();
        assertEquals(0.2, c.get("lr"));
        assertEquals("off", c.getChoice("bias_correction"));
    }

    @Test
    void aRefusedSetDoesNotLeaveAStaleCache() {
        Adam a = new Adam().lr(0.1);
        assertThrows(IllegalArgumentException.class, () -> a.set("beta1", 1.5));
        double[] x = {1.0};
        a.step(x, new double[]{0.5});
        assertEquals(1.0 - 0.1 * 0.5 / (0.5 + 1e-8), x[0], 1e-15);
    }
}
