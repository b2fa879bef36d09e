package adalab.run;

import adalab.objectives.DiagonalQuadratic;
import adalab.objectives.Objective;
import adalab.optim.AdaDelta;
import adalab.optim.Adam;
import adalab.optim.AmsGrad;
import adalab.optim.RAdam;
import adalab.optim.Schedules;
import adalab.optim.Sgd;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The run record's learning rate and per-step scalars, and the refusal of a non-finite loss. */
class RunRecordTest {

    private final Objective bowl = new DiagonalQuadratic(2); // x², ∇ = 2x

    /**
     * A 1-D objective whose gradient is prescribed per oracle call (independent of x) and whose
     * loss is spoiled on call number badStep (the run's step number when nothing is skipped).
     */
    private static final class Scripted implements Objective {
        private final double[] grads;  // g at call c is grads[min(c, len) − 1]
        private final long badStep;
        private long calls;
        private final double badLoss;
        Scripted(double[] grads, long badStep, double badLoss) {
            this.grads = grads;
            this.badStep = badStep;
            this.badLoss = badLoss;
        }
        @Override public String name() { return "scripted"; }
        @Override public int dimension() { return 1; }
        @Override public double value(double[] x) { return x[0] * x[0]; }
        @Override public void gradient(double[] x, double[] g) { g[0] = 2 * x[0]; }
        @Override public double evaluate(double[] x, double[] g, long step) {
            calls++;
            g[0] = grads[(int) Math.min(calls, grads.length) - 1];
            return calls == badStep ? badLoss : value(x);
        }
    }

    // ------------------------------------------------------------------ learning rate

    @Test
    void recordsTheScheduledRateOfEachRecordedStep() {
        Sgd o = new Sgd().lr(0.1);
        o.schedule(Schedules.cosine(10, 0.01));
        Trajectory t = Run.of(o, bowl).from(1).steps(12).record(Recording.every(1)).go();
        double[] lr = t.lr();
        assertEquals(13, lr.length);
        assertTrue(Double.isNaN(lr[0]), "no step led to the start");
        for (int s = 1; s <= 12; s++) {
            // cosine by hand: 0.01 + 0.09 (1 + cos(π (s−1)/9))/2 up to T = 10, the floor after
            double want = s >= 10 ? 0.01 : 0.01 + 0.09 * (1 + Math.cos(Math.PI * (s - 1) / 9.0)) / 2;
            assertEquals(want, lr[s], 1e-15, "step " + s);
        }
        // and the rate really was applied: x_s = Π (1 − 2η_k) from x₀ = 1
        double x = 1;
        for (int s = 1; s <= 12; s++) x *= 1 - 2 * lr[s];
        assertEquals(x, t.lastParams()[0], 1e-15);
    }

    @Test
    void rateOnRecordedRowsOnlyAndOffOrAbsent() {
        Trajectory t = Run.of(new Sgd().lr(0.25), bowl).from(1).steps(7)
                .record(Recording.every(3)).go();
        assertArrayEquals(new long[]{0, 3, 6, 7}, t.steps());
        double[] lr = t.lr();
        assertTrue(Double.isNaN(lr[0]));
        assertArrayEquals(new double[]{0.25, 0.25, 0.25}, java.util.Arrays.copyOfRange(lr, 1, 4), 0.0);
        assertNull(Run.of(new Sgd(), bowl).from(1).steps(3).record(Recording.every(1).lr(false)).go().lr());
        assertNull(Run.of(new AdaDelta(), bowl).from(1).steps(3).go().lr(), "AdaDelta has no learning rate");
        assertTrue(Run.of(new Sgd(), bowl).from(1).steps(3).go().scalarNames().isEmpty(), "scalars are off by default");
    }

    // ------------------------------------------------------------------ per-step scalars

    @Test
    void radamTracesRhoAndRectificationFirstRectifiedStepIsFive() {
        double b2 = 0.999;
        RAdam o = new RAdam().lr(0.01);
        Trajectory t = Run.of(o, bowl).from(1).steps(8).record(Recording.every(1).scalars(true)).go();
        assertEquals(java.util.List.of("rho", "r", "rectified"), java.util.List.copyOf(t.scalarNames()));
        double[] rho = t.scalar("rho"), r = t.scalar("r"), rect = t.scalar("rectified");
        double rhoInf = 2 / (1 - b2) - 1; // 1999
        assertEquals(1999, rhoInf, 1e-9);
        int firstRectified = -1;
        for (int s = 1; s <= 8; s++) {
            double bt = Math.pow(b2, s);
            double want = rhoInf - 2 * s * bt / (1 - bt);
            assertEquals(want, rho[s], 1e-9, "rho at t = " + s);
            boolean rectified = want > 4;
            assertEquals(rectified ? 1.0 : 0.0, rect[s], "branch at t = " + s);
            if (rectified && firstRectified < 0) firstRectified = s;
            double wantR = rectified ? Math.sqrt((want - 4) * (want - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * want)) : 0;
            assertEquals(wantR, r[s], 1e-12, "r at t = " + s);
        }
        assertEquals(5, firstRectified);
        assertEquals(4.996, rho[5], 1e-3);   // claims.md §4: ρ₅ ≈ 4.996
        assertEquals(0.0173, r[5], 1e-4);    // r₅ ≈ 0.0173
        assertTrue(Double.isNaN(rho[0]));
        // threshold 5: the first rectified step is 6
        double[] rect5 = Run.of(new RAdam().threshold(5), bowl).from(1).steps(8)
                .record(Recording.every(1).scalars(true)).go().scalar("rectified");
        assertArrayEquals(new double[]{0, 0, 0, 0, 0, 1, 1, 1}, java.util.Arrays.copyOfRange(rect5, 1, 9), 0.0);
    }

    @Test
    void amsgradRecordsVmaxAsStateAndItsBiasCorrections() {
        double b1 = 0.9, b2 = 0.99;
        double[] g = {10, 0.1, 0.1, 0.1, 20, 0.1};
        AmsGrad o = new AmsGrad().beta1(b1).beta2(b2);
        Trajectory t = Run.of(o, new Scripted(g, -1, 0)).from(0.5).steps(6)
                .record(Recording.every(1).state(true).scalars(true)).go();
        assertTrue(t.stateNames().contains("vmax"));
        double[] vmax = t.state("vmax", 0), v = t.state("v", 0), c1 = t.scalar("c1"), c2 = t.scalar("c2");
        double vv = 0, w = 0;
        for (int s = 1; s <= 6; s++) {
            vv = b2 * vv + (1 - b2) * g[s - 1] * g[s - 1];
            w = Math.max(w, vv);
            assertEquals(vv, v[s], 1e-12, "v at t = " + s);
            assertEquals(w, vmax[s], 1e-12, "vmax at t = " + s);
            assertEquals(1 - Math.pow(b1, s), c1[s], 1e-15);
            assertEquals(1 - Math.pow(b2, s), c2[s], 1e-15);
        }
        assertTrue(vmax[4] > v[4], "vmax keeps the step-1 peak while v decays");
    }

    // ------------------------------------------------------------------ non-finite loss

    private static double[] adamParamsAfter(int steps) {
        Adam a = new Adam().lr(0.1);
        return Run.of(a, new Scripted(new double[]{1, -2, 3, 0.5, 2, 1}, -1, 0)).from(1).steps(steps).go().lastParams();
    }

    @Test
    void aNonFiniteLossStopsTheRunBeforeItsStepWithStateUntouched() {
        for (double bad : new double[]{Double.NaN, Double.POSITIVE_INFINITY}) {
            Adam a = new Adam().lr(0.1);
            Objective f = new Scripted(new double[]{1, -2, 3, 0.5, 2, 1}, 5, bad);
            Trajectory t = Run.of(a, f).from(1).steps(10).checkLoss(true).go();
            assertFalse(t.completed());
            assertTrue(t.stopReason().contains("loss is " + bad + " at step 5"), t.stopReason());
            assertEquals(4, t.stepsTaken());
            assertEquals(4, a.step(), "the optimizer took steps 1-4 only");
            assertArrayEquals(adamParamsAfter(4), t.lastParams(), 0.0);
            // the state is that of a clean 4-step run
            Adam clean = new Adam().lr(0.1);
            Run.of(clean, new Scripted(new double[]{1, -2, 3, 0.5, 2, 1}, -1, 0)).from(1).steps(4).go();
            assertArrayEquals(clean.state("m"), a.state("m"), 0.0);
            assertArrayEquals(clean.state("v"), a.state("v"), 0.0);

            Adam b = new Adam().lr(0.1);
            Objective f2 = new Scripted(new double[]{1, -2, 3, 0.5, 2, 1}, 5, bad);
            NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                    () -> Run.of(b, f2).from(1).steps(10).checkLoss(true).failOnNonFinite().go());
            assertEquals(5, e.step());
            assertEquals(Double.doubleToLongBits(bad), Double.doubleToLongBits(e.value()));
            assertEquals(4, b.step());
            assertArrayEquals(clean.state("v"), b.state("v"), 0.0);
        }
    }

    @Test
    void skipPolicySkipsAndCountsANonFiniteLossStep() {
        Sgd o = new Sgd().lr(0.1);
        o.onNonFinite("skip");
        double[] g = {1, 1, 1, 1, 1, 1};
        Trajectory t = Run.of(o, new Scripted(g, 3, Double.NaN)).from(1).steps(6).checkLoss(true).go();
        assertTrue(t.completed(), String.valueOf(t.stopReason()));
        assertEquals(1, o.skippedSteps());
        assertEquals(5, o.step(), "six run steps, one skipped");
        assertEquals(1 - 5 * 0.1, t.lastParams()[0], 1e-15);
        assertTrue(Double.isNaN(t.lr()[3]), "the skipped step applied no rate");
        assertEquals(0.1, t.lr()[4], 0.0);
    }

    @Test
    void withoutTheCheckANonFiniteLossIsOnlyRecorded() {
        Trajectory t = Run.of(new Sgd().lr(0.1), new Scripted(new double[]{1}, 3, Double.NaN)).from(1).steps(6).go();
        assertTrue(t.completed());
        assertTrue(Double.isNaN(t.sampleLosses()[3]));
    }

    @Test
    void adamRecordsItsBiasCorrections() {
        var bowl = new adalab.objectives.DiagonalQuadratic(1, 2);
        Trajectory on = Run.of(new adalab.optim.Adam(), bowl).from(1, 1).steps(5).record(Recording.every(1).scalars(true)).go();
        double[] c1 = on.scalar("c1"), c2 = on.scalar("c2");
        assertEquals(0.1, c1[1], 1e-15);                  // 1 − 0.9
        assertEquals(1 - 0.9 * 0.9 * 0.9, c1[3], 1e-15);
        assertEquals(1 - 0.999 * 0.999, c2[2], 1e-15);
        Trajectory off = Run.of(new adalab.optim.Adam().biasCorrection(false), bowl).from(1, 1).steps(3)
                .record(Recording.every(1).scalars(true)).go();
        assertEquals(1.0, off.scalar("c1")[3]);
        assertEquals(1.0, off.scalar("c2")[2]);
    }
}
