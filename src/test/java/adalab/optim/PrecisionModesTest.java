package adalab.optim;

import adalab.objectives.DiagonalQuadratic;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every optimizer and variant in every precision mode through RuleStepper. */
class PrecisionModesTest {

    @Test
    void everyVariantRunsInEveryModeAndKeepsValuesOfItsFormats() {
        DiagonalQuadratic f = new DiagonalQuadratic(1, 30);
        int runs = 0, faults = 0;
        for (RuleEquivalenceTest.Variant variant : RuleEquivalenceTest.variants()) {
            for (PrecisionMode mode : PrecisionMode.values()) {
                Optimizer o = variant.make();
                RuleStepper s = RuleStepper.of(o, mode);
                double[] x = {1.5, -0.7};
                try {
                    for (int k = 0; k < 20; k++) s.step(x, f);
                } catch (ArithmeticFaultException e) {
                    faults++;
                    assertTrue(e.getMessage().contains("step " + e.step()) && e.operation() != null, e.getMessage());
                }
                runs++;
                String what = variant + " in " + mode;
                for (double v : x) {
                    assertTrue(Double.isFinite(v) && mode.update().holds(v), what + ": θ = " + v);
                }
                for (String k : o.stateNames()) {
                    double[] st = o.state(k);
                    if (st == null) continue;
                    for (double v : st) assertTrue(Double.isFinite(v) && mode.moments().holds(v), what + ": " + k + " = " + v);
                }
            }
        }
        assertEquals(RuleEquivalenceTest.variants().size() * 8, runs);
        assertTrue(faults < runs / 4, "faults: " + faults + " of " + runs);
    }

    @Test
    void aFaultLeavesTheStateAsItWasOrIsCountedAsASkip() {
        // Adam in fp16, g = 1e-4: v underflows to 0 and ε = 1e-8 rounds to 0, so η·m̂/(√v̂ + ε) is x/0.
        Optimizer o = new Adam();
        double[] x = {0.5};
        ArithmeticFaultException e = assertThrows(ArithmeticFaultException.class,
                () -> RuleStepper.of(o, PrecisionMode.FP16).step(x, new double[]{1e-4}));
        assertEquals(1, e.step());
        assertEquals(0, e.element());
        assertTrue(e.operation().contains("/ 0.0"), e.operation());
        assertEquals(0, o.step());
        assertEquals(-1, o.size(), "no state was allocated for the refused first step");
        assertArrayEquals(new double[]{0.5}, x);
        o.onNonFinite("skip");
        assertTrue(!RuleStepper.of(o, PrecisionMode.FP16).step(x, new double[]{1e-4}));
        assertEquals(1, o.skippedSteps());
        assertEquals(0, o.step());
        // The same gradient in bf16, whose exponent range keeps g² = 1e-8: the step is taken.
        assertTrue(RuleStepper.of(new Adam(), PrecisionMode.BF16).step(x, new double[]{1e-4}));
    }

    @Test
    void badInputNamesWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuleStepper.of(new Adam(), "fp8"));
        assertTrue(e.getMessage().contains("bf16-moments"), e.getMessage());
        RuleStepper s = RuleStepper.of(new Sgd(), PrecisionMode.FP16);
        e = assertThrows(IllegalArgumentException.class, () -> s.step(new double[2], new double[3]));
        assertTrue(e.getMessage().contains("params has 2 elements but grad has 3"), e.getMessage());
        double[] x = {1};
        assertThrows(NonFiniteGradientException.class, () -> s.step(x, new double[]{Double.NaN}));
        ArithmeticFaultException big = assertThrows(ArithmeticFaultException.class, () -> s.step(x, new double[]{1e5}));
        assertTrue(big.operation().contains("65504"), big.operation());
        if (x[0] != 1) fail("x changed after refused steps: " + x[0]);
    }
}
