package adalab.objectives;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ObjectivesSpecTest {

    @Test
    void everyDocumentedFormBuilds() {
        assertEquals(3, Objectives.fromSpec("quadratic:1,10,100").dimension());
        assertEquals(0.5 * (1 * 4 + 10 * 9), Objectives.fromSpec("quadratic:1,10").value(new double[]{2, 3}), 1e-12);
        assertInstanceOf(RotatedQuadratic.class, Objectives.fromSpec("rotated:0.2,4,45"));
        Objective m = Objectives.fromSpec("matrix:2,1;1,3|1,-2");
        assertArrayEquals(new double[]{1, -1}, m.minimizer().orElseThrow(), 1e-12);
        assertInstanceOf(Rosenbrock.class, Objectives.fromSpec("rosenbrock"));
        assertArrayEquals(new double[]{2, 4}, Objectives.fromSpec("Rosenbrock:2,5").minimizer().orElseThrow(), 0);
        assertInstanceOf(Beale.class, Objectives.fromSpec(" beale "));
        assertInstanceOf(Saddle.class, Objectives.fromSpec("saddle"));
        LinearRegression l = (LinearRegression) Objectives.fromSpec("linreg:100,3,7");
        assertEquals(Sampling.Mode.FULL, l.sampling().mode());
        assertEquals(100, l.examples());
        LinearRegression lb = (LinearRegression) Objectives.fromSpec("linreg:100,3,7,8,noise=0,replace");
        assertEquals(8, lb.sampling().batchSize());
        assertTrue(lb.sampling().replacement());
        assertEquals(0, lb.noise());
        assertEquals(Sampling.Mode.SINGLE, ((LinearRegression) Objectives.fromSpec("linreg:10,2,1,1")).sampling().mode());
        LogisticRegression g = (LogisticRegression) Objectives.fromSpec("logreg:500,3,0.8/0.02,1,w=2/-1");
        assertArrayEquals(new double[]{0.8, 0.02}, g.frequencies(), 0);
        assertArrayEquals(new double[]{2, -1}, g.trueWeights(), 0);
        assertEquals(Sampling.Mode.SINGLE, g.sampling().mode());
        assertEquals(0.2, ((Doc003Trap) Objectives.fromSpec("trap:0.2,50,2")).delta());
        assertEquals(0.1, ((Doc003Trap) Objectives.fromSpec("trap")).delta());
        assertEquals(5, ((ReddiCounterexample) Objectives.fromSpec("reddi:5")).c());
        assertEquals(3, ((ReddiCounterexample) Objectives.fromSpec("reddi")).c());
        NonStationary j = (NonStationary) Objectives.fromSpec("jump:0.1,50:quadratic:1,10");
        assertEquals(50, j.jumpStep());
        assertInstanceOf(DiagonalQuadratic.class, j.inner());
        Reparameterized r = (Reparameterized) Objectives.fromSpec("reparam:1,0.1:rotated:1,10,30");
        assertArrayEquals(new double[]{1, 0.1}, r.scales(), 0);
    }

    @Test
    void badSpecsNameTheBadPartAndListTheForms() {
        String[][] cases = {
                {"", "empty"},
                {"banana", "'banana'"},
                {"quadratic:1,x", "'x'"},
                {"quadratic:1,-2", "-2"},
                {"quadratic", "at least 1"},
                {"rotated:1,2", "3"},
                {"rosenbrock:1", "two"},
                {"saddle:3", "no numbers"},
                {"linreg:10,2", "n,d,seed"},
                {"linreg:10,2,1,20", "20"},
                {"linreg:10,2,1,fast", "fast"},
                {"logreg:10,1,0.5/1.5", "1.5"},
                {"reddi:1", "C = 1"},
                {"jump:2,5", "second ':'"},
                {"reparam:1:rosenbrock", "2"},
                {"matrix:1,2;3,1", "symmetric"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Objectives.fromSpec(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
            assertTrue(e.getMessage().contains("Accepted specs:"), c[0]);
            assertTrue(e.getMessage().contains("rosenbrock"), c[0]);
        }
        assertThrows(IllegalArgumentException.class, () -> Objectives.fromSpec(null));
    }

    @Test
    void practicalSpecsBuildTheirObjectives() {
        TiltedDoubleWell w = assertInstanceOf(TiltedDoubleWell.class, Objectives.fromSpec("doublewell:0.5"));
        assertEquals(0.5, w.tilt());
        assertInstanceOf(Himmelblau.class, Objectives.fromSpec("himmelblau"));
        Rastrigin r = assertInstanceOf(Rastrigin.class, Objectives.fromSpec("rastrigin:3"));
        assertEquals(3, r.dimension());
        assertEquals(10, r.amplitude());
        assertEquals(2, assertInstanceOf(Rastrigin.class, Objectives.fromSpec("rastrigin:2,2")).amplitude());
        for (String[] c : new String[][]{{"doublewell:2", "tilt a = 2"}, {"doublewell", "doublewell"}, {"himmelblau:1", "himmelblau"},
                {"rastrigin:0", "rastrigin dimension = 0"}, {"rastrigin:1.5", "rastrigin d"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Objectives.fromSpec(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void helpListsEveryKind() {
        String h = Objectives.specHelp();
        for (String k : new String[]{"quadratic:", "rotated:", "matrix:", "rosenbrock", "beale", "saddle", "linreg:",
                "logreg:", "trap", "reddi", "jump:", "reparam:", "doublewell:", "himmelblau", "rastrigin:"}) {
            assertTrue(h.contains(k), k);
        }
        assertTrue(h.lines().count() > 10);
    }
}
