package adalab.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** prepare() computes a step's scalars without side effects; advance() alone moves scalar state. */
class StepScalarStateTest {

    @Test
    void nadamsMuProductMovesOncePerStepAndNotOnPrepare() {
        Nadam o = new Nadam().form("dozat");
        double[] x = {1, -2};
        for (int t = 0; t < 3; t++) o.step(x, new double[]{0.5, 0.25});
        double expected = o.mu(1) * o.mu(2) * o.mu(3); // Π μ_t, by its definition
        assertEquals(expected, o.muProduct(), 1e-15);
        o.prepare(o.step());
        o.prepare(o.step());
        assertEquals(expected, o.muProduct(), 1e-15, "prepare() is free of side effects");
    }

    @Test
    void aScheduleThatFailsLeavesTheMuProductAsItWas() {
        Nadam o = new Nadam().form("dozat");
        o.schedule((t, lr) -> t == 3 ? -1 : lr);
        double[] x = {1};
        o.step(x, new double[]{1});
        o.step(x, new double[]{1});
        double before = o.muProduct();
        assertThrows(IllegalArgumentException.class, () -> o.step(x, new double[]{1}));
        assertEquals(before, o.muProduct(), 0);
        assertEquals(2, o.step());
    }
}
