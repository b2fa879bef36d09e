package adalab.optim;

import adalab.objectives.DiagonalQuadratic;
import adalab.objectives.Rosenbrock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterGroupsTest {

    @Test
    void eachGroupStepsWithItsOwnRate() {
        // ½(x² + 100y²) from (−3, 2): SGD with η_x = 0.5, η_y = 0.005 halves each coordinate per step.
        var groups = new ParameterGroups().add(1, new Sgd().lr(0.5)).add(1, new Sgd().lr(0.005));
        double[] x = {-3, 2};
        groups.step(x, new DiagonalQuadratic(1, 100));
        assertArrayEquals(new double[]{-1.5, 1.0}, x, 0);
        groups.step(x, new DiagonalQuadratic(1, 100));
        assertArrayEquals(new double[]{-0.75, 0.5}, x, 0);
        assertEquals(2, groups.step());
    }

    @Test
    void equalSettingsInEveryGroupGiveTheWholeVectorOptimizerBitForBit() {
        double[][] streams = new double[50][5];
        var r = new java.util.Random(4);
        for (double[] g : streams) for (int i = 0; i < g.length; i++) g[i] = r.nextGaussian();
        for (String name : new String[]{"adam", "rmsprop", "adagrad", "momentum", "rprop", "amsgrad", "radam"}) {
            Optimizer whole = Optimizers.create(name);
            var groups = new ParameterGroups().add(2, Optimizers.create(name)).add(3, Optimizers.create(name));
            double[] a = new double[5], b = new double[5];
            for (double[] g : streams) {
                whole.step(a, g.clone());
                groups.step(b, g.clone());
            }
            assertArrayEquals(a, b, 0, name);
        }
    }

    @Test
    void nagGetsItsLookAheadGradientThroughTheOracle() {
        var f = new Rosenbrock();
        Optimizer whole = new Nag().lr(1e-3);
        var groups = new ParameterGroups().add(1, new Nag().lr(1e-3)).add(1, new Nag().lr(1e-3));
        double[] a = {-1.2, 1}, b = {-1.2, 1};
        for (int t = 0; t < 200; t++) {
            whole.step(a, f);
            groups.step(b, f);
        }
        assertArrayEquals(a, b, 0);
        assertThrows(IllegalArgumentException.class, () -> groups.step(new double[2], new double[2]));
    }

    @Test
    void aNonFiniteGradientMovesNoGroup() {
        var first = new Adam();
        var groups = new ParameterGroups().add(1, first).add(1, new Adam());
        double[] x = {1, 1};
        groups.step(x, new double[]{0.5, 0.5});
        double[] before = x.clone();
        var m = first.state("m");
        var e = assertThrows(NonFiniteGradientException.class, () -> groups.step(x, new double[]{0.5, Double.NaN}));
        assertEquals(1, e.element());
        assertArrayEquals(before, x, 0);
        assertArrayEquals(m, first.state("m"), 0);
        assertEquals(1, groups.step());
    }

    @Test
    void badInputIsRefusedByName() {
        assertMessage("group size = 0 is out of range", () -> new ParameterGroups().add(0, new Sgd()));
        assertMessage("group optimizer is null", () -> new ParameterGroups().add(1, null));
        var shared = new Sgd();
        assertMessage("this sgd already steps another group", () -> new ParameterGroups().add(1, shared).add(1, shared));
        var groups = new ParameterGroups().add(2, new Sgd());
        assertMessage("params has 3 elements but the groups cover 2", () -> groups.step(new double[3], new double[3]));
        assertMessage("grad is null", () -> groups.step(new double[2], (double[]) null));
        assertMessage("group 1 is out of range: allowed 0 to 0", () -> groups.optimizer(1));
        assertThrows(IllegalStateException.class, () -> new ParameterGroups().step(new double[1], new double[1]));
    }

    private static void assertMessage(String start, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
