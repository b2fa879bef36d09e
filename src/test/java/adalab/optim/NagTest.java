package adalab.optim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class NagTest {

    @Test
    void defaults() {
        Nag o = new Nag();
        assertEquals("nag", o.name());
        assertEquals(0.9, o.get("gamma"));
        assertEquals(0.01, o.get("lr"));
        assertTrue(o.usesLookahead());
        assertInstanceOf(Nag.class, Optimizers.create("nag"));
    }

    @Test
    void threeStepsByHandWithLookahead() {
        // f = ½x², ∇f = x; γ = 0.5, η = 0.1, x0 = 1
        Nag o = new Nag().lr(0.1).gamma(0.5);
        double[] x = {1};
        List<Double> asked = new ArrayList<>();
        GradientOracle f = (p, g, t) -> { asked.add(p[0]); g[0] = p[0]; return 0.5 * p[0] * p[0]; };
        // step 1: look-ahead 1 − 0.5·0 = 1; g = 1; v = 0.1; x = 0.9
        o.step(x, f);
        assertEquals(0.9, x[0], 1e-15);
        // step 2: look-ahead 0.9 − 0.05 = 0.85; g = 0.85; v = 0.05 + 0.085 = 0.135; x = 0.765
        o.step(x, f);
        assertEquals(0.765, x[0], 1e-15);
        // step 3: look-ahead 0.765 − 0.0675 = 0.6975; v = 0.0675 + 0.06975 = 0.13725; x = 0.62775
        o.step(x, f);
        assertEquals(0.62775, x[0], 1e-15);
        assertEquals(0.13725, o.state("v")[0], 1e-15);
        assertEquals(3, asked.size());
        assertEquals(1.0, asked.get(0), 0);
        assertEquals(0.85, asked.get(1), 1e-15);
        assertEquals(0.6975, asked.get(2), 1e-15);
    }

    @Test
    void oracleIsCalledOnceAtTheLookaheadPointAndPathMatchesReference() {
        double a1 = 1, a2 = 10, eta = 0.02, gamma = 0.9;
        Nag o = new Nag().lr(eta).gamma(gamma);
        double[] x = {1.5, -0.7};
        List<double[]> asked = new ArrayList<>();
        List<Long> steps = new ArrayList<>();
        GradientOracle f = (p, g, t) -> {
            asked.add(p.clone());
            steps.add(t);
            g[0] = a1 * p[0];
            g[1] = a2 * p[1];
            return Double.NaN;
        };
        // reference: look = θ − γv; v ← γv + η∇f(look); θ ← θ − v
        double rx = 1.5, ry = -0.7, vx = 0, vy = 0;
        for (int t = 1; t <= 50; t++) {
            double lx = rx - gamma * vx, ly = ry - gamma * vy;
            o.step(x, f);
            assertEquals(t, asked.size(), "one oracle call per step");
            assertEquals(t, steps.get(t - 1));
            SgdTest.assertRel(lx, asked.get(t - 1)[0], 1e-12);
            SgdTest.assertRel(ly, asked.get(t - 1)[1], 1e-12);
            vx = gamma * vx + eta * (a1 * lx);
            vy = gamma * vy + eta * (a2 * ly);
            rx -= vx;
            ry -= vy;
            SgdTest.assertRel(rx, x[0], 1e-12);
            SgdTest.assertRel(ry, x[1], 1e-12);
        }
    }

    @Test
    void gradientPointTellsWhereToTakeTheGradient() {
        Nag o = new Nag().lr(0.1).gamma(0.5);
        double[] x = {2, -4}, at = new double[2];
        o.gradientPoint(x, at);                 // no state yet: x itself
        assertArrayEquals(x, at, 0);
        o.step(x, new double[]{1, -2});         // v = (0.1, −0.2); x = (1.9, −3.8)
        o.gradientPoint(x, at);                 // x − 0.5 v = (1.85, −3.7)
        assertArrayEquals(new double[]{1.85, -3.7}, at, 1e-15);
    }

    @Test
    void explicitGradientsAtTheLookaheadGiveTheOraclePath() {
        Nag a = new Nag().lr(0.03), b = new Nag().lr(0.03);
        double[] xa = {1, 1}, xb = {1, 1}, at = new double[2], g = new double[2];
        GradientOracle f = (p, gr, t) -> { gr[0] = 4 * p[0]; gr[1] = p[1]; return Double.NaN; };
        for (int t = 0; t < 30; t++) {
            a.step(xa, f);
            b.gradientPoint(xb, at);
            f.evaluate(at, g, t + 1);
            b.step(xb, g);
        }
        assertArrayEquals(xa, xb, 0);
    }

    @Test
    void floatStateLookahead() {
        Nag o = new Nag().lr(0.5f).gamma(0.5);
        float[] x = {1f};
        o.step(x, new float[]{1f});             // v = 0.5; x = 0.5
        double[] at = new double[1];
        o.gradientPoint(new double[]{x[0]}, at); // 0.5 − 0.5·0.5 = 0.25
        assertEquals(0.25, at[0], 0);
    }

    @Test
    void validation() {
        Nag o = new Nag();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.gamma(1));
        assertTrue(e.getMessage().contains("gamma"), e.getMessage());
        assertEquals(0.9, o.get("gamma"));
        e = assertThrows(IllegalArgumentException.class, () -> o.lr(Double.NaN));
        assertTrue(e.getMessage().contains("lr"), e.getMessage());
        assertEquals(0.01, o.get("lr"));
    }
}
