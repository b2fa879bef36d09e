package adalab.run;

import adalab.objectives.DiagonalQuadratic;
import adalab.objectives.Doc003Trap;
import adalab.objectives.Objective;
import adalab.objectives.ReddiCounterexample;
import adalab.optim.Adam;
import adalab.optim.NonFiniteGradientException;
import adalab.optim.Sgd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RunTest {

    // f(x) = ½·2x² = x², ∇ = 2x; SGD with lr 0.1 gives x_s = 0.8^s exactly (up to rounding).
    private final Objective bowl = new DiagonalQuadratic(2);

    /** x² whose oracle calls a hook after computing the gradient (to interrupt or spoil it). */
    private static final class Hooked implements Objective {
        interface Hook { void after(double[] x, double[] g, long step); }
        private final Objective f = new DiagonalQuadratic(2);
        private final Hook hook;
        Hooked(Hook hook) { this.hook = hook; }
        @Override public String name() { return "hooked"; }
        @Override public int dimension() { return 1; }
        @Override public double value(double[] x) { return f.value(x); }
        @Override public void gradient(double[] x, double[] g) { f.gradient(x, g); }
        @Override public double evaluate(double[] x, double[] g, long step) {
            double l = f.evaluate(x, g, step);
            hook.after(x, g, step);
            return l;
        }
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void recordsEveryKthStepPlusStartAndEnd() {
        Trajectory t = Run.of(new Sgd().lr(0.1), bowl).from(1).steps(10).record(Recording.every(3)).go();
        assertArrayEquals(new long[]{0, 3, 6, 9, 10}, t.steps());
        assertArrayEquals(new double[]{0, 3, 6, 9, 10}, t.stepsAsDouble());
        assertEquals(5, t.size());
        assertEquals(1, t.dimension());
        double[] x = t.param(0);
        double[] loss = t.losses();
        double[] sample = t.sampleLosses();
        for (int k = 0; k < 5; k++) {
            long s = t.steps()[k];
            assertEquals(Math.pow(0.8, s), x[k], 1e-14, "x at step " + s);
            assertEquals(Math.pow(0.8, 2 * s), loss[k], 1e-14, "exact loss at step " + s);
            if (k > 0) assertEquals(Math.pow(0.8, 2 * (s - 1)), sample[k], 1e-14, "oracle loss before step " + s);
        }
        assertTrue(Double.isNaN(sample[0]));
        assertEquals(Math.pow(0.8, 10), t.lastParams()[0], 1e-14);
        assertEquals(Math.pow(0.8, 20), t.finalLoss(), 1e-14);
        assertTrue(t.completed());
        assertFalse(t.interrupted());
        assertNull(t.stopReason());
        assertEquals(10, t.stepsTaken());
        assertEquals("sgd lr=0.1", t.label());
        assertNull(t.gradient(1), "gradients are off by default");
        assertNull(t.rate(0));
        assertTrue(t.stateNames().isEmpty());
    }

    @Test
    void flagsChooseTheSeries() {
        Trajectory t = Run.of(new Sgd().lr(0.1), bowl).from(1).steps(4)
                .record(Recording.every(1).params(false).loss(false).gradient(true).rates(true)).go();
        assertNull(t.params());
        assertNull(t.param(0));
        assertEquals(Math.pow(0.8, 4), t.lastParams()[0], 1e-14, "last parameters are always kept");
        for (double l : t.losses()) assertTrue(Double.isNaN(l));
        assertNull(t.gradient(0), "no gradient led to the start");
        for (int k = 1; k <= 4; k++) assertEquals(2 * Math.pow(0.8, k - 1), t.gradient(k)[0], 1e-14);
        double[] r = t.rate(0);
        assertTrue(Double.isNaN(r[0]));
        for (int k = 1; k <= 4; k++) assertEquals(0.1, r[k], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> t.gradient(5));
        assertThrows(IllegalArgumentException.class, () -> t.param(1));
    }

    @Test
    void optimizerStateIsRecordedPerRow() {
        // Adam, β₁ = 0.9, β₂ = 0.999, on x² from 1: g₁ = 2, so m₁ = 0.1·2 = 0.2 and v₁ = 0.001·4 = 0.004.
        Trajectory t = Run.of(new Adam().lr(0.01), bowl).from(1).steps(3).record(Recording.all()).go();
        assertEquals(List.of("m", "v"), new ArrayList<>(t.stateNames()));
        double[] m = t.state("m", 0), v = t.state("v", 0);
        assertTrue(Double.isNaN(m[0]), "no state before the first step");
        assertEquals(0.2, m[1], 1e-15);
        assertEquals(0.004, v[1], 1e-15);
        // m₂ = 0.9·0.2 + 0.1·g₂, g₂ = 2·x₁ (the recorded gradient of row 2)
        assertEquals(0.9 * 0.2 + 0.1 * t.gradient(2)[0], m[2], 1e-15);
        assertNull(t.state("G", 0));
        // the first Adam step is lr·g/(|g| + ε) ≈ lr
        assertEquals(1 - 0.01, t.param(0)[1], 1e-9);
    }

    @Test
    void interruptReturnsThePartialTrajectory() {
        for (long every : new long[]{1, 4}) {
            Objective interrupting = new Hooked((x, g, step) -> {
                if (step == 5) Thread.currentThread().interrupt();
            });
            Trajectory t = Run.of(new Sgd().lr(0.1), interrupting).from(1).steps(1000)
                    .record(Recording.every(every)).go();
            assertTrue(Thread.interrupted(), "the interrupt flag is left set for the caller");
            assertTrue(t.interrupted());
            assertFalse(t.completed());
            assertEquals(5, t.stepsTaken());
            assertEquals(Math.pow(0.8, 5), t.lastParams()[0], 1e-14);
            long[] expect = every == 1 ? new long[]{0, 1, 2, 3, 4, 5} : new long[]{0, 4, 5};
            assertArrayEquals(expect, t.steps());
            assertTrue(t.stopReason().contains("interrupted"), t.stopReason());
        }
    }

    @Test
    void nonFiniteGradientStopsTheRunWithItsReason() {
        Objective bad = new Hooked((x, g, step) -> {
            if (step == 3) g[0] = Double.NaN;
        });
        Trajectory t = Run.of(new Sgd().lr(0.1), bad).from(1).steps(10).record(Recording.every(5).gradient(true)).go();
        assertFalse(t.completed());
        assertFalse(t.interrupted());
        assertEquals(2, t.stepsTaken());
        assertArrayEquals(new long[]{0, 2}, t.steps());
        assertNull(t.gradient(1), "the refused gradient is not recorded as step 2's");
        assertNotNull(t.stopReason());
        assertEquals(0.64, t.lastParams()[0], 1e-14);
        assertThrows(NonFiniteGradientException.class,
                () -> Run.of(new Sgd().lr(0.1), bad).from(1).steps(10).failOnNonFinite().go());
    }

    @Test
    void validatesItsInputs() {
        Run r = Run.of(new Sgd(), bowl);
        assertThrows(IllegalArgumentException.class, () -> r.steps(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.from(1, 2));
        assertTrue(e.getMessage().contains("2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.from(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> r.from(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Recording.every(0));
        assertThrows(IllegalArgumentException.class, () -> Run.of(null, bowl));
        assertThrows(IllegalArgumentException.class, () -> r.box(1, 1));
        assertThrows(IllegalArgumentException.class, () -> r.box(0, 1).from(2).go());
        Trajectory zero = Run.of(new Sgd(), bowl).from(3).steps(0).go();
        assertEquals(1, zero.size());
        assertEquals(9, zero.finalLoss(), 0);
    }

    @Test
    void defaultsToTheObjectivesStartAndResetsTheOptimizer() {
        Sgd sgd = new Sgd().lr(0.1);
        Trajectory a = Run.of(sgd, bowl).steps(5).go();
        Trajectory b = Run.of(sgd, bowl).steps(5).go();
        assertArrayEquals(a.params(), b.params());
        assertArrayEquals(bowl.start(), a.params()[0], 0);
        assertEquals(5, sgd.step());
        Trajectory c = Run.of(sgd, bowl).keepState().steps(5).label("more").go();
        assertEquals(10, sgd.step());
        assertEquals("more", c.label());
    }

    @Test
    void boxKeepsReddisProblemOnItsDomainAndListenersSeeEveryStep() {
        List<Long> seen = new ArrayList<>();
        Trajectory t = Run.of(new Sgd().lr(0.5), new ReddiCounterexample(3)).steps(30).box(-1, 1)
                .onStep((s, x, loss) -> seen.add(s)).go();
        for (double x : t.param(0)) assertTrue(x >= -1 && x <= 1, "x = " + x);
        // SGD with lr 0.5 from 1: step 1 (g = 3) → −0.5 clipped? 1 − 1.5 = −0.5; then +0.5 twice → 0.5; ...
        assertEquals(-0.5, t.param(0)[1], 1e-15);
        assertEquals(0, t.param(0)[2], 1e-15);
        assertEquals(0.5, t.param(0)[3], 1e-15);
        assertEquals(30, seen.size());
        assertEquals(30L, seen.get(29));
    }

    @Test
    void adamFallsIntoDoc003sTrap() {
        // δ = 0.1, inner slope 1000, outer 1, start 0.05, lr 0.2: the first step is ≈ lr and crosses the
        // optimum to ≈ −0.15 (outside δ). Then m ≈ 0.9ᵏ·100 stays positive for ~40 steps while the
        // gradient (−1) points back, and v̂ ≈ 10⁶/k keeps steps small: x keeps moving away.
        Trajectory t = Run.of(new Adam().lr(0.2), new Doc003Trap()).steps(30).record(Recording.all()).go();
        double[] x = t.param(0);
        assertEquals(-0.15, x[1], 1e-9);
        for (int k = 2; k <= 30; k++) assertTrue(x[k] < x[k - 1], "step " + k + " moves further from 0");
        assertTrue(t.state("m", 0)[30] > 0, "momentum still points the wrong way");
    }
}
