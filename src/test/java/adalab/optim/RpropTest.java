package adalab.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RpropTest {

    static final String[] VARIANTS = {"doc004", "rprop-", "rprop+"};
    static final double[] SIGNS = {+1, +1, -1, +1, +1};

    @Test
    void defaults() {
        Rprop o = new Rprop();
        assertEquals("rprop", o.name());
        assertEquals(1.2, o.get("eta_plus"));
        assertEquals(0.5, o.get("eta_minus"));
        assertEquals(0.1, o.get("delta0"));
        assertEquals(1e-6, o.get("delta_min"));
        assertEquals(50, o.get("delta_max"));
        assertEquals("doc004", o.getChoice("variant"));
        assertEquals(java.util.List.of("delta", "g_prev", "prev_update"), o.stateNames());
        assertInstanceOf(Rprop.class, Optimizers.create("rprop"));
        assertThrows(IllegalArgumentException.class, () -> o.schedule((t, b) -> b));
    }

    /** Runs the gradient signs SIGNS (magnitude 1, then 1e3, to show magnitudes do not matter) from x = 0. */
    static double[][] run(String variant) {
        Rprop o = new Rprop().variant(variant);
        double[] x = {0};
        double[][] out = new double[SIGNS.length][];
        for (int t = 0; t < SIGNS.length; t++) {
            o.step(x, new double[]{SIGNS[t] * (t % 2 == 0 ? 1 : 1e3)});
            out[t] = new double[]{x[0], o.state("delta")[0], o.state("g_prev")[0]};
        }
        return out;
    }

    @Test
    void doc004ByHand() {
        double[][] r = run("doc004");
        // t1 p=0: x = −0.1, Δ = 0.1, g_prev = 1
        assertRow(r[0], -0.1, 0.1, 1);
        // t2 p>0: Δ = 0.12, x = −0.22, g_prev = 1e3
        assertRow(r[1], -0.22, 0.12, 1e3);
        // t3 p<0: Δ = 0.06, no step, g_prev = 0
        assertRow(r[2], -0.22, 0.06, 0);
        // t4 p=0: x = −0.22 − 0.06 = −0.28, Δ kept, g_prev = 1e3
        assertRow(r[3], -0.28, 0.06, 1e3);
        // t5 p>0: Δ = 0.072, x = −0.352
        assertRow(r[4], -0.352, 0.072, 1);
    }

    @Test
    void rpropMinusByHand() {
        double[][] r = run("rprop-");
        assertRow(r[0], -0.1, 0.1, 1);
        assertRow(r[1], -0.22, 0.12, 1e3);
        // t3 p<0: Δ = 0.06 and step with it against the new sign: x = −0.22 + 0.06 = −0.16, g_prev = −1
        assertRow(r[2], -0.16, 0.06, -1);
        // t4 p<0 again: Δ = 0.03, x = −0.16 − 0.03 = −0.19, g_prev = 1e3
        assertRow(r[3], -0.19, 0.03, 1e3);
        // t5 p>0: Δ = 0.036, x = −0.226
        assertRow(r[4], -0.226, 0.036, 1);
    }

    @Test
    void rpropPlusByHand() {
        double[][] r = run("rprop+");
        assertRow(r[0], -0.1, 0.1, 1);
        assertRow(r[1], -0.22, 0.12, 1e3);
        // t3 p<0: Δ = 0.06, undo the last update (−0.12): x = −0.22 + 0.12 = −0.1, g_prev = 0
        assertRow(r[2], -0.1, 0.06, 0);
        // t4 p=0: x = −0.1 − 0.06 = −0.16
        assertRow(r[3], -0.16, 0.06, 1e3);
        // t5 p>0: Δ = 0.072, x = −0.232
        assertRow(r[4], -0.232, 0.072, 1);
    }

    static void assertRow(double[] row, double x, double delta, double gPrev) {
        assertEquals(x, row[0], 1e-15, "x");
        assertEquals(delta, row[1], 1e-15, "delta");
        assertEquals(gPrev, row[2], 0, "g_prev");
    }

    @Test
    void zeroGradientMeansNoMove() {
        Rprop o = new Rprop();
        double[] x = {1, 2};
        o.step(x, new double[]{0, 5});   // sign(0) = 0
        assertEquals(1, x[0], 0);
        assertEquals(2 - 0.1, x[1], 0);
    }

    /** Plain float64 Rprop from the rules, for f = c·½(a1 x² + a2 y²). */
    static double[][] reference(String variant, double c, int steps) {
        double a1 = 1, a2 = 10, up = 1.2, down = 0.5, dMin = 1e-6, dMax = 50;
        double[] th = {3, -2}, a = {a1, a2}, delta = {0.1, 0.1}, gp = {0, 0}, last = {0, 0};
        double[][] path = new double[steps][];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < 2; i++) {
                double g = c * a[i] * th[i];
                double p = Math.signum(gp[i]) * Math.signum(g);
                if (p > 0) {
                    delta[i] = Math.min(delta[i] * up, dMax);
                    last[i] = -Math.signum(g) * delta[i];
                    th[i] += last[i];
                    gp[i] = g;
                } else if (p < 0) {
                    delta[i] = Math.max(delta[i] * down, dMin);
                    if (variant.equals("rprop-")) {
                        last[i] = -Math.signum(g) * delta[i];
                        th[i] += last[i];
                        gp[i] = g;
                    } else if (variant.equals("rprop+")) {
                        th[i] -= last[i];
                        last[i] = -last[i];
                        gp[i] = 0;
                    } else {
                        last[i] = 0;
                        gp[i] = 0;
                    }
                } else {
                    last[i] = -Math.signum(g) * delta[i];
                    th[i] += last[i];
                    gp[i] = g;
                }
            }
            path[t] = th.clone();
        }
        return path;
    }

    static double[][] runQuadratic(String variant, double c, int steps) {
        Rprop o = new Rprop().variant(variant);
        double[] x = {3, -2};
        double[][] path = new double[steps][];
        for (int t = 0; t < steps; t++) {
            o.step(x, (p, g, k) -> { g[0] = c * (1 * p[0]); g[1] = c * (10 * p[1]); return Double.NaN; });
            path[t] = x.clone();
        }
        return path;
    }

    @Test
    void fiftyStepsMatchReferenceForEachVariant() {
        for (String v : VARIANTS) {
            double[][] ref = reference(v, 1, 50), got = runQuadratic(v, 1, 50);
            for (int t = 0; t < 50; t++) {
                for (int i = 0; i < 2; i++) {
                    double e = ref[t][i], a = got[t][i];
                    assertTrue(Math.abs(e - a) <= 1e-12 * Math.abs(e), v + " step " + (t + 1) + ": " + e + " vs " + a);
                }
            }
        }
        // the variants really differ on this run
        assertNotEquals(runQuadratic("doc004", 1, 50)[49][0], runQuadratic("rprop-", 1, 50)[49][0]);
        assertNotEquals(runQuadratic("doc004", 1, 50)[49][0], runQuadratic("rprop+", 1, 50)[49][0]);
    }

    @Test
    void pathIsIdenticalWhenTheLossIsScaled() {
        for (String v : VARIANTS) {
            double[][] base = runQuadratic(v, 1, 60);
            for (double c : new double[]{0x1p-20, 0x1p20}) {
                double[][] scaled = runQuadratic(v, c, 60);
                for (int t = 0; t < 60; t++) assertArrayEquals(base[t], scaled[t], 0, v + " c=" + c + " step " + (t + 1));
            }
        }
    }

    @Test
    void deltaClampsAtDeltaMax() {
        // constant sign: Δ = 0.1 (p=0 at t1), then ·1.2 each step until it hits 0.5
        Rprop o = new Rprop().deltaMax(0.5);
        double[] x = {0};
        double expected = 0.1;
        for (int t = 1; t <= 20; t++) {
            o.step(x, new double[]{-1});
            if (t > 1) expected = Math.min(expected * 1.2, 0.5);
            assertEquals(expected, o.state("delta")[0], 1e-15);
        }
        assertEquals(0.5, o.state("delta")[0], 0);
        assertEquals(0.5, o.effectiveRates()[0], 0);
    }

    @Test
    void deltaClampsAtDeltaMin() {
        for (String v : VARIANTS) {
            // alternating signs: Δ halves on every sign change (every step for rprop-, every other
            // step for the others, whose g_prev is zeroed) and stops at delta_min = 0.01
            Rprop o = new Rprop().variant(v).deltaMin(0.01);
            double[] x = {0};
            for (int t = 1; t <= 30; t++) o.step(x, new double[]{t % 2 == 0 ? 1 : -1});
            assertEquals(0.01, o.state("delta")[0], 0, v);
        }
    }

    @Test
    void floatKernelUsesFloatArithmetic() {
        Rprop o = new Rprop().delta0(0.1);
        float[] x = {1f};
        o.step(x, new float[]{2f});   // p=0: x = 1 − 0.1f
        o.step(x, new float[]{3f});   // p>0: Δ = 1.2f·0.1f; x −= Δ
        float d2 = 1.2f * 0.1f;
        assertEquals(1f - 0.1f - d2, x[0]);
        assertEquals(d2, (float) o.state("delta")[0]);
    }

    @Test
    void validationNamesTheKeyAndKeepsTheValue() {
        Rprop o = new Rprop();
        assertRejected(o, "eta_minus", 1);
        assertRejected(o, "eta_minus", 0);
        assertRejected(o, "eta_plus", 1);
        assertRejected(o, "delta0", 0);
        assertRejected(o, "delta_max", Double.NaN);
        assertRejected(o, "delta_min", -1);
        // delta_min > delta_max, from either side
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.deltaMin(100));
        assertTrue(e.getMessage().contains("delta_min") && e.getMessage().contains("delta_max"), e.getMessage());
        assertEquals(1e-6, o.get("delta_min"));
        e = assertThrows(IllegalArgumentException.class, () -> o.deltaMax(1e-7));
        assertTrue(e.getMessage().contains("delta_max"), e.getMessage());
        assertEquals(50, o.get("delta_max"));
        e = assertThrows(IllegalArgumentException.class, () -> o.variant("irprop"));
        assertTrue(e.getMessage().contains("variant") && e.getMessage().contains("rprop+"), e.getMessage());
        assertEquals("doc004", o.getChoice("variant"));
    }

    static void assertRejected(Optimizer o, String key, double bad) {
        double before = o.get(key);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.set(key, bad));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertEquals(before, o.get(key));
    }

    @Test
    void copyKeepsBoundsThatDifferFromTheDefaultsInBothDirections() {
        // delta_min = 100 is only valid after delta_max = 200; copy() must still reproduce the pair
        Rprop o = new Rprop().deltaMax(200).deltaMin(100).delta0(150).variant("rprop+");
        double[] x = {1};
        o.step(x, new double[]{1});
        Optimizer c = o.copy();
        assertEquals(100, c.get("delta_min"));
        assertEquals(200, c.get("delta_max"));
        assertEquals("rprop+", c.getChoice("variant"));
        double[] xc = x.clone();
        o.step(x, new double[]{1});
        c.step(xc, new double[]{1});
        assertArrayEquals(x, xc, 0);
        // the copy still checks its own later settings
        assertThrows(IllegalArgumentException.class, () -> c.set("delta_min", 300));
    }
}
