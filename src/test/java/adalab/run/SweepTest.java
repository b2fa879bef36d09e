package adalab.run;

import adalab.objectives.Beale;
import adalab.objectives.Objective;
import adalab.objectives.Rosenbrock;
import adalab.optim.Optimizer;
import adalab.optim.Optimizers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class SweepTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    /** The plain sequential loop a sweep cell must equal: a fresh optimizer, Run.go(). */
    private static Trajectory reference(Sweep.Cell c, Objective f, double[] x0, long steps) {
        Optimizer o = Optimizers.create(c.optimizer());
        c.params().forEach(o::set);
        return Run.of(o, f).from(x0).steps(steps).go();
    }

    @Test
    void cellsEqualSequentialRunsBitForBit() {
        Objective rosen = new Rosenbrock(), beale = new Beale();
        double tol = 1e-2;
        Sweep.Result r = Sweep.of("adam", "sgd").over("lr", 1e-3, 3e-2, 0.5).on(rosen, beale)
                .steps(300).tolerance(tol).threads(2).run();
        assertEquals(12, r.total());
        assertEquals(12, r.cells().size());
        assertFalse(r.interrupted());
        int diverged = 0;
        for (Sweep.Cell c : r.cells()) {
            Objective f = c.objective().equals(rosen.name()) ? rosen : beale;
            Trajectory t = reference(c, f, f.start(), 300);
            assertArrayEquals(t.lastParams(), c.x(), 0.0, c.toString());
            double last = f.value(t.lastParams());
            assertEquals(last, c.finalLoss(), 0.0);
            boolean div = t.stopReason() != null || !Double.isFinite(last);
            assertEquals(div, c.diverged(), c.toString());
            if (div) diverged++;
            // steps to tolerance from the recorded losses (row s = after step s)
            double[] ls = t.losses();
            long want = -1;
            for (int s = 0; s < ls.length; s++) {
                if (ls[s] <= tol) { want = s; break; }
            }
            assertEquals(want, c.stepsToTolerance(), c.toString());
        }
        assertTrue(diverged > 0, "sgd with lr 0.5 on rosenbrock overflows: the diverged path is exercised");
        // grid order: optimizer, then lr, then objective
        assertEquals("adam", r.cells().get(0).optimizer());
        assertEquals(1e-3, r.cells().get(0).param("lr"));
        assertEquals("beale", r.cells().get(1).objective());
        assertEquals(3e-2, r.cells().get(2).param("lr"));
        assertEquals("sgd", r.cells().get(6).optimizer());
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Sweep s = Sweep.of("adam", "rmsprop").over("lr", 1e-3, 1e-2, 1e-1).over("eps", 1e-8, 1e-4)
                .on(new Rosenbrock()).seeds(1, 2, 3).jitter(0.3).steps(200);
        List<Sweep.Cell> one = s.threads(1).run().cells(), two = s.threads(2).run().cells(), five = s.threads(5).run().cells();
        assertEquals(36, one.size());
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i).x(), two.get(i).x(), 0.0);
            assertArrayEquals(one.get(i).x(), five.get(i).x(), 0.0);
            assertEquals(Double.doubleToRawLongBits(one.get(i).finalLoss()), Double.doubleToRawLongBits(two.get(i).finalLoss()));
        }
        // the jittered start is the seed's: start + 0.3·N(0, 1), the same for every optimizer
        Sweep.Cell c = one.get(1); // adam, lr 1e-3, eps 1e-8, seed 2
        assertEquals(2, c.seed());
        Random rnd = new Random(2);
        double[] x0 = {-1.2 + 0.3 * rnd.nextGaussian(), 1 + 0.3 * rnd.nextGaussian()};
        assertArrayEquals(reference(c, new Rosenbrock(), x0, 200).lastParams(), c.x(), 0.0);
    }

    @Test
    void anInterruptReturnsTheFinishedCellsMarked() {
        int[] reports = {0};
        Sweep s = Sweep.of("adam").over("lr", 1e-4, 1e-3, 1e-2, 1e-1).over("beta2", 0.9, 0.99, 0.999, 0.9999)
                .on(new Rosenbrock()).seeds(new long[64]).steps(50_000).threads(2)
                .onProgress((done, total) -> {
                    reports[0]++;
                    assertEquals(1024, total);
                    if (done > 0) Thread.currentThread().interrupt(); // what the notebook's stop button does
                });
        Sweep.Result r = s.run();
        assertTrue(r.interrupted());
        assertTrue(Thread.currentThread().isInterrupted(), "the flag is left set, as Run leaves it");
        Thread.interrupted();
        assertTrue(r.cells().size() > 0 && r.cells().size() < r.total(), r.cells().size() + " of " + r.total());
        assertTrue(reports[0] >= 2, "a throttled report, then the final one");
        Sweep.Cell c = r.cells().get(0);
        assertArrayEquals(reference(c, new Rosenbrock(), new Rosenbrock().start(), 50_000).lastParams(), c.x(), 0.0);
        double[][] v = adalab.plot.Plots.heatmap(r, "lr", "beta2") != null ? r.values("lr", "beta2") : null;
        assertTrue(Double.isNaN(v[3][3]), "an unfinished cell is left white");
    }

    @Test
    void heatmapValuesAreMediansOverTheOtherAxes() {
        Sweep.Result r = Sweep.of("adam").over("lr", 1e-3, 1e-2).over("beta1", 0.5, 0.9).over("eps", 1e-8, 1e-3, 1e-1)
                .on(new Rosenbrock()).steps(100).run();
        double[][] v = r.values("lr", "beta1");
        assertEquals(2, v.length);
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < 2; i++) {
                double[] ls = new double[3];
                int k = 0;
                for (Sweep.Cell c : r.cells()) {
                    if (c.param("lr") == new double[]{1e-3, 1e-2}[i] && c.param("beta1") == new double[]{0.5, 0.9}[j]) ls[k++] = c.finalLoss();
                }
                assertEquals(3, k);
                java.util.Arrays.sort(ls);
                assertEquals(ls[1], v[j][i], 0.0);
            }
        }
        assertTrue(r.table().contains("final_loss"));
        assertEquals(13, r.toCsv().split("\n").length);
        assertThrows(IllegalArgumentException.class, () -> r.values("lr", "gamma"));
    }

    @Test
    void badInputNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sweep.of("adam").over("lr", 0.1, -1));
        assertTrue(e.getMessage().contains("lr") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sweep.of("adam").over("gamma", 0.9));
        assertTrue(e.getMessage().contains("gamma"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sweep.of("adamm"));
        assertTrue(e.getMessage().contains("adamm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sweep.of("adam").steps(10).run());
        assertTrue(e.getMessage().contains("objective"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sweep.of("adam").on(new Rosenbrock()).from(1, 2, 3).run());
        assertTrue(e.getMessage().contains("dimension"), e.getMessage());
    }

    @Test
    void bestPicksTheLowestScoreAndValuesTakeAnyMetric() {
        // GD on ½x² from 1: x_t = (1 − η)^t, so η = 1 lands on 0 in one step; η = 2.5 grows as 1.5^t.
        // Momentum η = 0.5, γ = 0.5: x₁ = 0.5, v₁ = 0.5, x₂ = 0.5 − (0.25 + 0.25) = 0, exactly, at step 2.
        Sweep.Result r = Sweep.of("momentum").over("lr", 0.1, 0.5, 1.0, 2.5).over("gamma", 0.0, 0.5)
                .on(new adalab.objectives.DiagonalQuadratic(1)).from(1).steps(10).tolerance(1e-6).threads(1).run();
        Sweep.Cell byLoss = r.best(Sweep.Cell::finalLoss).orElseThrow();
        // Two cells end at exactly 0; the tie goes to the first in grid order (the last axis varies fastest).
        assertEquals(0.0, byLoss.finalLoss());
        assertEquals(0.5, byLoss.param("lr"));
        assertEquals(0.5, byLoss.param("gamma"));
        Sweep.Cell bySteps = r.best(c -> c.stepsToTolerance() >= 0 ? c.stepsToTolerance() : Double.NaN).orElseThrow();
        assertEquals(1, bySteps.stepsToTolerance());
        assertEquals(1.0, bySteps.param("lr"));
        assertEquals(0.0, bySteps.param("gamma"));
        double[][] steps = r.values("lr", "gamma", c -> c.stepsToTolerance());
        assertEquals(1, steps[0][2]);                    // γ = 0 row, η = 1 column
        assertEquals(-1, steps[0][0]);                   // η = 0.1: (0.9)^10 ≈ 0.35 never reaches the tolerance
        assertTrue(r.best(c -> Double.NaN).isEmpty(), "no finite score: no best cell");
        var e = assertThrows(IllegalArgumentException.class, () -> r.best(null));
        assertTrue(e.getMessage().contains("score"), e.getMessage());
    }
}
