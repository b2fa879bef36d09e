package adalab.run;

import adalab.objectives.DiagonalQuadratic;
import adalab.optim.Adam;
import adalab.optim.Asgd;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** ASGD's averaged iterate, its answer, reaches Run's trajectories and Sweep's cells. */
class AveragedIterateTest {

    /** ½x² from x₀ = 1, η = 0.1, α = 0.5, averaging from step 1: x_t = 0.9ᵗ; θ̄₁ = αx₀ + (1−α)x₁, then θ̄ ← αθ̄ + (1−α)x_t. */
    private static double handAverage(int steps) {
        double x = 1, avg = 1;
        for (int t = 1; t <= steps; t++) {
            x = x - 0.1 * x;
            avg = 0.5 * avg + 0.5 * x;
        }
        return avg;
    }

    @Test
    void aRunReportsTheAverageBesideTheLastIterate() {
        Asgd o = new Asgd().lr(0.1).alpha(0.5).avgStart(1);
        assertTrue(o.averagesIterates());
        assertNull(o.averagedIterate(), "no step yet");
        Trajectory t = Run.of(o, new DiagonalQuadratic(1)).from(1).steps(5).go();
        assertEquals(handAverage(5), t.lastAverage()[0], 1e-15);
        assertEquals(Math.pow(0.9, 5), t.lastParams()[0], 1e-15);
        Trajectory a = Run.of(new Adam(), new DiagonalQuadratic(1)).from(1).steps(5).go();
        assertFalse(new Adam().averagesIterates());
        assertNull(a.lastAverage(), "Adam has no averaged iterate");
    }

    @Test
    void sweepCellsCarryTheAverage() {
        Sweep.Result r = Sweep.of("asgd", "adam").over("lr", 0.1).on(new DiagonalQuadratic(1)).from(1).steps(5).run();
        // ASGD's defaults α = 0.99, avg_start = 1000: before avg_start θ̄ is θ itself
        Sweep.Cell asgd = r.cells().get(0), adam = r.cells().get(1);
        assertEquals("asgd", asgd.optimizer());
        assertArrayEquals(asgd.x(), asgd.average(), 0.0);
        assertNull(adam.average());
    }

    @Test
    void theArithmeticMeanIsTheMeanOfTheIterates() {
        // ½x² from 1, η = 0.1: θ_i = 0.9^i, so the mean of θ_k … θ_t is a geometric sum over t − k + 1
        for (int k : new int[]{1, 4}) {
            Asgd o = new Asgd().lr(0.1).avgStart(k).average("arithmetic");
            Trajectory t = Run.of(o, new DiagonalQuadratic(1)).from(1).steps(12).go();
            double sum = 0;
            for (int i = k; i <= 12; i++) sum += Math.pow(0.9, i);
            assertEquals(sum / (12 - k + 1), t.lastAverage()[0], 1e-15, "avg_start = " + k);
        }
    }
}
