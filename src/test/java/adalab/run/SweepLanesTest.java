package adalab.run;

import adalab.objectives.Beale;
import adalab.objectives.Objective;
import adalab.objectives.Rosenbrock;
import adalab.optim.Adam;
import adalab.optim.BiasCorrections;
import adalab.optim.Optimizer;
import adalab.optim.Optimizers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The sweep's lane kernels ({@link SweepKernels}) against plain sequential runs ({@link Run}
 * through {@link Optimizer#step}, the general path), cell by cell, bit for bit.
 */
class SweepLanesTest {

    private static long bits(double x) { return Double.doubleToLongBits(x); }

    /**
     * Run's result for one cell: final x, steps taken, whether a non-finite gradient stopped it,
     * whether it diverged (stopped, or a non-finite final loss), first step at or below tol.
     */
    private record Ref(double[] x, long taken, boolean stopped, boolean diverged, long toTol) { }

    private static Ref reference(Optimizer o, Objective f, double[] x0, long steps, double tol) {
        Trajectory t = Run.of(o, f).from(x0).steps(steps).go();
        double[] ls = t.losses(); // row s = after step s, row 0 the start
        long want = -1;
        for (int s = 0; s < ls.length && !Double.isNaN(tol); s++) {
            if (ls[s] <= tol) {
                want = s;
                break;
            }
        }
        boolean stopped = t.stopReason() != null;
        return new Ref(t.lastParams(), t.stepsTaken(), stopped, stopped || !Double.isFinite(f.value(t.lastParams())), want);
    }

    private static void assertSameCell(Ref want, Sweep.Cell c) {
        assertSameCell(want, c.x(), c.stepsTaken(), c.stepsToTolerance(), c.toString());
        assertEquals(want.diverged, c.diverged(), c + ": diverged");
    }

    private static void assertSameCell(Ref want, double[] x, long taken, long toTol, String what) {
        assertEquals(bits(want.x[0]), bits(x[0]), what + ": x0 " + want.x[0] + " vs " + x[0]);
        assertEquals(bits(want.x[1]), bits(x[1]), what + ": x1 " + want.x[1] + " vs " + x[1]);
        assertEquals(want.taken, taken, what + ": steps taken");
        assertEquals(want.toTol, toTol, what + ": steps to tolerance");
    }

    @Test
    void sweepCellsEqualRunsBitForBitIncludingEdges() {
        Rosenbrock f = new Rosenbrock();
        double tol = 1e-3;
        long steps = 700;
        // lr 1e103 overflows the gradient at step 2 (diverged, stopped); lr 1e80 overflows only the
        // loss (b·x⁴ > 1e308 while 4b·x³ is finite: Run goes on by default); eps 0 with beta2 0;
        // beta1 0 (no momentum); weight decay on and off; a start on the minimum (tolerance at step 0,
        // a zero gradient with eps 0: 0/0 taken as no step).
        Sweep s = Sweep.of("adam").over("lr", 1e-3, 0.05, 0.9, 1e80, 1e103).over("beta1", 0, 0.9)
                .over("beta2", 0, 0.99, 0.999999).over("eps", 0, 1e-8, 0.5).over("weight_decay", 0, 0.25)
                .on(f).steps(steps).tolerance(tol).threads(2);
        List<Sweep.Cell> two = s.run().cells();
        List<Sweep.Cell> one = s.threads(1).run().cells();
        assertEquals(180, two.size());
        int stopped = 0, reached = 0;
        for (int i = 0; i < two.size(); i++) {
            Sweep.Cell c = two.get(i);
            Optimizer o = Optimizers.create("adam");
            c.params().forEach(o::set);
            Ref r = reference(o, f, f.start(), steps, tol);
            assertSameCell(r, c);
            assertEquals(bits(f.value(r.x)), bits(c.finalLoss()), c.toString());
            Sweep.Cell d = one.get(i);
            assertArrayEquals(c.x(), d.x(), 0.0);
            assertEquals(bits(c.finalLoss()), bits(d.finalLoss()));
            assertEquals(c.stepsTaken(), d.stepsTaken());
            assertEquals(c.stepsToTolerance(), d.stepsToTolerance());
            if (r.stopped) stopped++;
            if (r.toTol > 0) reached++;
        }
        assertTrue(stopped >= 36, "lr 1e103 stops each of its 36 cells: " + stopped);
        assertTrue(reached > 0, "some cells reach the tolerance");
    }

    @Test
    void aStartOnTheMinimumAndJitteredSeeds() {
        Rosenbrock f = new Rosenbrock(1.5, 7);
        double tol = 1e-9;
        Sweep s = Sweep.of("adam").over("lr", 1e-2, 0.2).over("eps", 0, 1e-8).on(f).from(1.5, 2.25).steps(300).tolerance(tol);
        for (Sweep.Cell c : s.threads(2).run().cells()) {
            Optimizer o = Optimizers.create("adam");
            c.params().forEach(o::set);
            Ref r = reference(o, f, new double[]{1.5, 2.25}, 300, tol);
            assertEquals(0, c.stepsToTolerance());
            assertSameCell(r, c);
            assertArrayEquals(new double[]{1.5, 2.25}, c.x(), 0.0, "a zero gradient moves nothing, also with eps 0");
        }
        List<Sweep.Cell> cells = Sweep.of("adam").over("lr", 3e-3, 0.1).on(f).seeds(4, 5, 6).jitter(0.4).steps(400)
                .threads(2).run().cells();
        for (Sweep.Cell c : cells) {
            Optimizer o = Optimizers.create("adam");
            c.params().forEach(o::set);
            java.util.Random rnd = new java.util.Random(c.seed());
            double[] x0 = {-1.2 + 0.4 * rnd.nextGaussian(), 1 + 0.4 * rnd.nextGaussian()};
            assertSameCell(reference(o, f, x0, 400, Double.NaN), c);
        }
    }

    /** ε inside the root and bias correction off cannot be swept (numeric axes only): the lanes directly. */
    @Test
    void lanesWithEpsInsideAndBiasCorrectionOff() {
        Rosenbrock f = new Rosenbrock();
        long steps = 500;
        double tol = 0.05;
        double[] lrs = {1e-3, 0.02, 0.7, 1e80, 1e103};
        double[] eps = {0, 1e-8, 0.3};
        int stopped = 0;
        for (boolean inside : new boolean[]{true, false}) {
            for (boolean corrected : new boolean[]{true, false}) {
                SweepKernels.AdamRosenbrock lanes = new SweepKernels.AdamRosenbrock(1, 100, inside, lrs.length * eps.length);
                List<Optimizer> opts = new ArrayList<>();
                for (double lr : lrs) {
                    for (double e : eps) {
                        Adam o = new Adam().lr(lr).eps(e).beta2(0.95).epsInside(inside).biasCorrection(corrected);
                        double[] t1 = new double[(int) steps], t2 = new double[(int) steps];
                        if (corrected) {
                            BiasCorrections.oneMinusPow(0.9, t1);
                            BiasCorrections.oneMinusPow(0.95, t2);
                        } else {
                            Arrays.fill(t1, 1);
                            Arrays.fill(t2, 1);
                        }
                        lanes.add(f.start(), o, t1, t2, -1);
                        opts.add(o);
                    }
                }
                assertTrue(lanes.run(steps, tol, () -> false));
                assertEquals(0, lanes.size(), "every lane retired");
                for (int k = 0; k < opts.size(); k++) {
                    Optimizer o = opts.get(k).copy();
                    o.reset();
                    Ref r = reference(o, f, f.start(), steps, tol);
                    String what = opts.get(k) + " inside=" + inside + " corrected=" + corrected;
                    assertSameCell(r, new double[]{lanes.rx0[k], lanes.rx1[k]}, lanes.taken[k], lanes.toTol[k], what);
                    assertEquals(r.stopped, lanes.stopped[k], what + ": stopped by a non-finite gradient");
                    if (lanes.stopped[k]) stopped++;
                }
            }
        }
        assertTrue(stopped >= 12, "lr 1e103 stops its 3 cells in each of the 4 configurations: " + stopped);
    }

    @Test
    void onlyWhatTheLanesReproduceTakesThem() {
        assertNotNull(SweepKernels.rosenbrock(new Rosenbrock()));
        assertArrayEquals(new double[]{-0.5, 3}, SweepKernels.rosenbrock(new Rosenbrock(-0.5, 3)), 0.0);
        assertNull(SweepKernels.rosenbrock(new Beale()));
        assertTrue(SweepKernels.lanesAdam(new Adam()));
        assertFalse(SweepKernels.lanesAdam(Optimizers.create("adamw")), "AdamW extends Adam but steps differently");
        assertFalse(SweepKernels.lanesAdam(new Adam().schedule((t, lr) -> lr / t)));
    }

    /** β₁ and β₂ swept finely: groups of two cells, run together in mixed blocks (a 1 − βᵗ gather per lane). */
    @Test
    void smallBetaGroupsShareMixedBlocks() {
        Rosenbrock f = new Rosenbrock();
        Sweep.Result r = Sweep.of("adam").over("beta2", 0.5, 0.9, 0.99, 0.999).over("beta1", 0, 0.5, 0.9).over("lr", 0.01, 0.1)
                .on(f).steps(400).tolerance(0.5).threads(2).run();
        assertEquals(24, r.cells().size());
        for (Sweep.Cell c : r.cells()) {
            Optimizer o = Optimizers.create("adam");
            c.params().forEach(o::set);
            assertSameCell(reference(o, f, f.start(), 400, 0.5), c);
        }
    }

    /** A mixed sweep (lanes and the general path in the same blocks) still equals Run everywhere. */
    @Test
    void mixedSweepEqualsRuns() {
        Objective rosen = new Rosenbrock(), beale = new Beale();
        Sweep.Result r = Sweep.of("sgd", "adam", "adamw").over("lr", 1e-3, 0.01).on(rosen, beale).steps(250).threads(3).run();
        assertEquals(12, r.cells().size());
        for (Sweep.Cell c : r.cells()) {
            Objective f = c.objective().equals(rosen.name()) ? rosen : beale;
            Optimizer o = Optimizers.create(c.optimizer());
            c.params().forEach(o::set);
            assertSameCell(reference(o, f, f.start(), 250, Double.NaN), c);
        }
    }
}
