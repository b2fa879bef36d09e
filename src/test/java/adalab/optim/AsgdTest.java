package adalab.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class AsgdTest {

    @Test
    void defaults() {
        Asgd o = new Asgd();
        assertEquals("asgd", o.name());
        assertEquals(0.99, o.get("alpha"));
        assertEquals(1000, o.get("avg_start"));
        assertEquals(0.01, o.get("lr"));
        assertEquals(java.util.List.of("avg"), o.stateNames());
        assertNull(o.average());
        assertInstanceOf(Asgd.class, Optimizers.create("asgd"));
    }

    @Test
    void fourStepsByHand() {
        // η = 0.1, α = 0.5, avg_start = 3, g = 1 each step, x0 = 1
        Asgd o = new Asgd().lr(0.1).alpha(0.5).avgStart(3);
        double[] x = {1}, g = {1};
        o.step(x, g);   // t=1 < 3: x = 0.9, avg = x = 0.9
        assertEquals(0.9, x[0], 1e-15);
        assertEquals(x[0], o.average()[0], 0);
        o.step(x, g);   // t=2 < 3: x = 0.8, avg = 0.8
        assertEquals(x[0], o.average()[0], 0);
        o.step(x, g);   // t=3 ≥ 3: x = 0.7, avg = 0.5·0.8 + 0.5·0.7 = 0.75
        assertEquals(0.7, x[0], 1e-15);
        assertEquals(0.75, o.average()[0], 1e-15);
        o.step(x, g);   // t=4: x = 0.6, avg = 0.5·0.75 + 0.5·0.6 = 0.675
        assertEquals(0.6, x[0], 1e-15);
        assertEquals(0.675, o.average()[0], 1e-15);
    }

    @Test
    void averagingFromTheFirstStepStartsFromTheInitialParameters() {
        // doc 004: avg is initialised to params, so with avg_start = 1:
        // x1 = 1 − 0.1 = 0.9; avg1 = 0.5·x0 + 0.5·x1 = 0.5 + 0.45 = 0.95
        Asgd o = new Asgd().lr(0.1).alpha(0.5).avgStart(1);
        double[] x = {1};
        o.step(x, new double[]{1});
        assertEquals(0.95, o.average()[0], 1e-15);
    }

    @Test
    void fiftyStepsSwitchAtAvgStartAndMatchReference() {
        double a1 = 1, a2 = 10, eta = 0.05, alpha = 0.8;
        int start = 10;
        Asgd o = new Asgd().lr(eta).alpha(alpha).avgStart(start);
        double[] x = {1.5, -0.7};
        double rx = 1.5, ry = -0.7, ax = rx, ay = ry;
        for (int t = 1; t <= 50; t++) {
            o.step(x, (p, g, k) -> { g[0] = a1 * p[0]; g[1] = a2 * p[1]; return Double.NaN; });
            rx = rx - eta * a1 * rx;
            ry = ry - eta * a2 * ry;
            if (t >= start) {
                ax = alpha * ax + (1 - alpha) * rx;
                ay = alpha * ay + (1 - alpha) * ry;
            } else {
                ax = rx;
                ay = ry;
            }
            double[] avg = o.average();
            SgdTest.assertRel(rx, x[0], 1e-12);
            SgdTest.assertRel(ry, x[1], 1e-12);
            SgdTest.assertRel(ax, avg[0], 1e-12);
            SgdTest.assertRel(ay, avg[1], 1e-12);
            if (t < start) assertArrayEquals(x, avg, 0, "avg follows θ before avg_start");
            else assertNotEquals(x[0], avg[0], "avg lags θ from avg_start on");
        }
    }

    @Test
    void floatKernelUsesFloatArithmetic() {
        Asgd o = new Asgd().lr(0.1).alpha(0.75).avgStart(1);
        float[] x = {2f};
        o.step(x, new float[]{0.3f});
        float x1 = 2f - 0.1f * 0.3f;
        assertEquals(x1, x[0]);
        assertEquals(0.75f * 2f + 0.25f * x1, (float) o.average()[0]);
    }

    @Test
    void validation() {
        Asgd o = new Asgd();
        for (double bad : new double[]{0, 1.5, -3, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.set("avg_start", bad));
            assertTrue(e.getMessage().contains("avg_start") && e.getMessage().contains("integer"), e.getMessage());
            assertEquals(1000, o.get("avg_start"));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.alpha(1));
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
        assertEquals(0.99, o.get("alpha"));
    }
}
