package adalab.optim;

import adalab.optim.Hyperparameter.Range;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What every registered optimizer must do, whatever its rule: the precisions agree, state can be
 * snapshot, restored, copied and reset, bad input is refused with the state untouched. ND4J
 * paths are in {@link OptimizerContractNd4jTest} (its start-up costs seconds).
 */
class OptimizerContractTest {

    static List<String> names() { return Optimizers.names(); }

    // f = ½ Σ aᵢxᵢ² on 3 elements; the gradient is taken where the optimizer asks (NAG's look-ahead).
    static final double[] A = {1, 3, 0.5};
    static final double[] X0 = {1.0, -2.0, 0.5};
    static final int STEPS = 20;

    static double[] grad(Optimizer o, double[] x) {
        double[] at = new double[x.length], g = new double[x.length];
        o.gradientPoint(x, at);
        for (int i = 0; i < x.length; i++) g[i] = A[i % A.length] * at[i];
        return g;
    }

    static float[] grad(Optimizer o, float[] x) {
        double[] g = grad(o, toDouble(x));
        float[] f = new float[g.length];
        for (int i = 0; i < g.length; i++) f[i] = (float) g[i];
        return f;
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return d;
    }

    static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
        return f;
    }

    static void run(Optimizer o, double[] x, int steps) {
        for (int k = 0; k < steps; k++) o.step(x, grad(o, x));
    }

    static void run(Optimizer o, float[] x, int steps) {
        for (int k = 0; k < steps; k++) o.step(x, grad(o, x));
    }

    /** Snapshots are equal when every field, array and scalar is bit-equal. */
    static void assertSameState(OptimizerState a, OptimizerState b) {
        assertEquals(a.optimizer(), b.optimizer());
        assertEquals(a.step(), b.step(), "step");
        assertEquals(a.skipped(), b.skipped(), "skipped");
        assertEquals(a.size(), b.size(), "size");
        assertEquals(a.precision(), b.precision(), "precision");
        assertEquals(a.arrays().keySet(), b.arrays().keySet());
        for (Map.Entry<String, Object> e : a.arrays().entrySet()) {
            Object y = b.arrays().get(e.getKey());
            if (e.getValue() instanceof double[] d) assertArrayEquals(d, (double[]) y, 0, e.getKey());
            else assertArrayEquals((float[]) e.getValue(), (float[]) y, 0, e.getKey());
        }
        assertArrayEquals(a.scalars(), b.scalars(), 0, "scalars");
    }

    @ParameterizedTest
    @MethodSource("names")
    void doubleAndFloatAgree(String name) {
        Optimizer d = Optimizers.create(name), f = Optimizers.create(name);
        double[] xd = X0.clone();
        float[] xf = toFloat(X0);
        for (int k = 0; k < STEPS; k++) {
            d.step(xd, grad(d, xd));
            f.step(xf, grad(f, xf));
            for (int i = 0; i < xd.length; i++) {
                assertEquals(xd[i], xf[i], 1e-4 * (1 + Math.abs(xd[i])), name + " step " + (k + 1) + " element " + i);
            }
        }
        assertFalse(Arrays.equals(X0, xd), name + " did not move");
        for (String s : d.stateNames()) {
            double[] sd = d.state(s), sf = f.state(s);
            for (int i = 0; i < sd.length; i++) {
                assertEquals(sd[i], sf[i], 1e-4 * (1 + Math.abs(sd[i])), name + " state " + s + "[" + i + "]");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void snapshotRestoreAndCopyContinueBitIdentically(String name) {
        for (boolean single : new boolean[]{false, true}) {
            Optimizer o = Optimizers.create(name);
            double[] x = X0.clone();
            float[] xf = toFloat(X0);
            if (single) run(o, xf, 10); else run(o, x, 10);
            OptimizerState snap = o.snapshot();
            double[] xAt = x.clone();
            float[] xfAt = xf.clone();
            Optimizer copy = o.copy();
            assertSameState(snap, copy.snapshot());
            assertEquals(o.toString(), copy.toString());
            // the original goes on 10 steps: the reference continuation
            if (single) run(o, xf, 10); else run(o, x, 10);
            OptimizerState end = o.snapshot();

            double[] y = xAt.clone();
            float[] yf = xfAt.clone();
            if (single) run(copy, yf, 10); else run(copy, y, 10);
            assertArrayEquals(x, y, 0, name + " copy");
            assertArrayEquals(xf, yf, 0, name + " copy");
            assertSameState(end, copy.snapshot());

            // restore into a fresh instance
            Optimizer fresh = Optimizers.create(name);
            fresh.restore(snap);
            y = xAt.clone();
            yf = xfAt.clone();
            if (single) run(fresh, yf, 10); else run(fresh, y, 10);
            assertArrayEquals(x, y, 0, name + " restore");
            assertArrayEquals(xf, yf, 0, name + " restore");
            assertSameState(end, fresh.snapshot());

            // restore into the original, after it moved on
            o.restore(snap);
            y = xAt.clone();
            yf = xfAt.clone();
            if (single) run(o, yf, 10); else run(o, y, 10);
            assertArrayEquals(x, y, 0, name + " restore into itself");
            assertArrayEquals(xf, yf, 0, name + " restore into itself");
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void copyKeepsHyperparametersAndTheSnapshotIsNotAliased(String name) {
        Optimizer o = Optimizers.create(name);
        if (o.hyperparameters().stream().anyMatch(h -> h.name().equals("lr"))) o.set("lr", o.get("lr") * 0.5);
        double[] x = X0.clone();
        run(o, x, 3);
        Optimizer c = o.copy();
        for (Hyperparameter h : o.hyperparameters()) {
            if (h.isChoice()) assertEquals(o.getChoice(h.name()), c.getChoice(h.name()));
            else assertEquals(o.get(h.name()), c.get(h.name()));
        }
        OptimizerState snap = o.snapshot();
        run(o, x, 3);
        // the snapshot did not change when the optimizer moved on
        assertEquals(3, snap.step());
        OptimizerState again = Optimizers.create(name).copy().snapshot();
        assertEquals(0, again.step());
        if (!o.stateNames().isEmpty()) {
            double[] s = o.state(o.stateNames().get(0));
            s[0] = 12345; // a copy: writing it does not reach the optimizer
            assertNotEquals(12345, o.state(o.stateNames().get(0))[0]);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void resetStartsOver(String name) {
        Optimizer o = Optimizers.create(name);
        double[] x = X0.clone();
        run(o, x, 7);
        o.reset();
        assertEquals(0, o.step());
        assertEquals(-1, o.size());
        for (String s : o.stateNames()) assertNull(o.state(s));
        assertNull(o.effectiveRates());
        // after reset the run is the same as a fresh optimizer's, and float is allowed again
        double[] y = X0.clone(), z = X0.clone();
        run(o, y, 7);
        run(Optimizers.create(name), z, 7);
        assertArrayEquals(z, y, 0);
        o.reset();
        float[] f = toFloat(X0);
        run(o, f, 2);
        assertEquals(2, o.step());
    }

    @ParameterizedTest
    @MethodSource("names")
    void nonFiniteGradientIsRefusedWithEverythingAsBefore(String name) {
        for (double bad : new double[]{Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            // before the first step: no state appears
            Optimizer o = Optimizers.create(name);
            double[] x = X0.clone();
            NonFiniteGradientException e0 = assertThrows(NonFiniteGradientException.class,
                    () -> o.step(x, new double[]{1, bad, 1}));
            assertEquals(1, e0.step());
            assertEquals(1, e0.element());
            assertEquals(-1, o.size());
            assertArrayEquals(X0, x, 0);

            run(o, x, 3);
            OptimizerState before = o.snapshot();
            double[] xBefore = x.clone();
            double[] g = grad(o, x);
            g[2] = bad;
            NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class, () -> o.step(x, g));
            assertEquals(4, e.step());
            assertEquals(2, e.element());
            assertEquals(bad, e.value());
            assertTrue(e.getMessage().contains("element 2") && e.getMessage().contains("step 4"), e.getMessage());
            assertTrue(e.getMessage().contains(name), e.getMessage());
            assertArrayEquals(xBefore, x, 0);
            assertSameState(before, o.snapshot());

            // float too
            Optimizer of = Optimizers.create(name);
            float[] xf = toFloat(X0);
            run(of, xf, 2);
            OptimizerState fb = of.snapshot();
            float[] gf = grad(of, xf);
            gf[0] = (float) bad;
            NonFiniteGradientException ef = assertThrows(NonFiniteGradientException.class, () -> of.step(xf, gf));
            assertEquals(3, ef.step());
            assertEquals(0, ef.element());
            assertSameState(fb, of.snapshot());

            // skip: nothing moves, the step is counted as skipped, and the run goes on normally
            o.onNonFinite("skip");
            o.step(x, g);
            assertArrayEquals(xBefore, x, 0);
            assertEquals(1, o.skippedSteps());
            assertEquals(3, o.step());
            OptimizerState after = o.snapshot();
            assertEquals(1, after.skipped());
            assertEquals(before.step(), after.step());
            for (String s : before.arrays().keySet()) {
                Object a = before.arrays().get(s), b = after.arrays().get(s);
                if (a instanceof double[] d) assertArrayEquals(d, (double[]) b, 0);
                else assertArrayEquals((float[]) a, (float[]) b, 0);
            }
            o.step(x, grad(o, x));
            assertEquals(4, o.step());
            // a skipped first step leaves no state either
            Optimizer s0 = Optimizers.create(name).onNonFinite("skip");
            s0.step(X0.clone(), new double[]{bad, 0, 0});
            assertEquals(-1, s0.size());
            assertEquals(1, s0.skippedSteps());
            assertEquals(1, s0.snapshot().skipped());
            Optimizer r0 = Optimizers.create(name);
            r0.restore(s0.snapshot());
            assertEquals(1, r0.skippedSteps());
            assertEquals(-1, r0.size());
        }
        assertThrows(IllegalArgumentException.class, () -> Optimizers.create(name).onNonFinite("ignore"));
    }

    @ParameterizedTest
    @MethodSource("names")
    void badArraysAreRefusedWithStateUntouched(String name) {
        Optimizer o = Optimizers.create(name);
        assertThrows(IllegalArgumentException.class, () -> o.step(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> o.step(new float[0], new float[0]));
        assertEquals(-1, o.size());
        IllegalArgumentException pair = assertThrows(IllegalArgumentException.class,
                () -> o.step(new double[3], new double[2]));
        assertTrue(pair.getMessage().contains("3") && pair.getMessage().contains("2"), pair.getMessage());
        assertThrows(IllegalArgumentException.class, () -> o.step(null, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> o.step(new double[1], (double[]) null));
        assertEquals(-1, o.size());

        double[] x = X0.clone();
        run(o, x, 3);
        OptimizerState before = o.snapshot();
        double[] xb = x.clone();
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> o.step(new double[]{1, 2, 3, 4}, new double[]{1, 2, 3, 4}));
        assertTrue(len.getMessage().contains("4") && len.getMessage().contains("3"), len.getMessage());
        assertThrows(IllegalArgumentException.class, () -> o.step(x, new double[]{1, 2}));
        IllegalArgumentException prec = assertThrows(IllegalArgumentException.class,
                () -> o.step(toFloat(x), toFloat(x)));
        assertTrue(prec.getMessage().contains("float") && prec.getMessage().contains("double"), prec.getMessage());
        assertThrows(IllegalArgumentException.class, () -> o.step(new double[4], (p, g, k) -> 0));
        assertThrows(IllegalArgumentException.class, () -> o.gradientPoint(new double[4], new double[4]));
        assertSameState(before, o.snapshot());
        assertArrayEquals(xb, x, 0);

        // a snapshot of another optimizer kind is refused
        String other = names().stream().filter(n -> !n.equals(name)).findFirst().orElseThrow();
        Optimizer p = Optimizers.create(other);
        run(p, X0.clone(), 2);
        assertThrows(IllegalArgumentException.class, () -> o.restore(p.snapshot()));
        assertSameState(before, o.snapshot());
    }

    @org.junit.jupiter.api.Test
    void copySetsJointlyConstrainedValuesInAnyOrder() {
        // Rprop requires delta_min <= delta_max; copying delta_min = 60, delta_max = 100 must not
        // check delta_min against the default delta_max (50) on the way.
        org.junit.jupiter.api.Assumptions.assumeTrue(names().contains("rprop"));
        Optimizer o = Optimizers.create("rprop").set("delta_max", 100).set("delta_min", 60);
        Optimizer c = o.copy();
        assertEquals(60, c.get("delta_min"));
        assertEquals(100, c.get("delta_max"));
        assertThrows(IllegalArgumentException.class, () -> o.set("delta_min", 200));
        assertEquals(60, o.get("delta_min"));
    }

    /** Values outside a range: below its low end, above its high end, not an integer. */
    static List<Double> outside(Range r) {
        List<Double> out = new ArrayList<>();
        if (Double.isFinite(r.lo())) out.add(r.loClosed() ? r.lo() - 1 : r.lo());
        if (Double.isFinite(r.hi())) out.add(r.hiClosed() ? r.hi() + 1 : r.hi());
        if (r.integer()) out.add(Math.max(r.lo(), 0) + 0.5);
        return out;
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyHyperparameterRefusesBadValuesAndKeepsItsOwn(String name) {
        Optimizer o = Optimizers.create(name);
        for (Hyperparameter h : o.hyperparameters()) {
            String key = h.name();
            if (h.isChoice()) {
                String was = o.getChoice(key);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.set(key, "no-such-choice"));
                assertTrue(e.getMessage().contains(key), e.getMessage());
                for (String c : h.choices()) assertTrue(e.getMessage().contains(c), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> o.set(key, 1.0));
                assertEquals(was, o.getChoice(key));
                for (String c : h.choices()) o.set(key, c); // every listed choice is accepted
                o.set(key, was);
                continue;
            }
            double was = o.get(key);
            assertTrue(h.range().contains(was), name + "." + key + " default " + was + " outside its own range");
            List<Double> bad = new ArrayList<>(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
            List<Double> out = outside(h.range());
            assertFalse(out.isEmpty(), name + "." + key + " has no out-of-range value: " + h.range().describe());
            bad.addAll(out);
            for (double v : bad) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.set(key, v),
                        name + "." + key + " = " + v);
                assertTrue(e.getMessage().contains(key), e.getMessage());
                assertTrue(e.getMessage().contains(h.range().describe()) || e.getMessage().contains("allowed"), e.getMessage());
                assertEquals(Double.doubleToLongBits(was), Double.doubleToLongBits(o.get(key)), name + "." + key);
                // the same through text, as the CLI sets it
                assertThrows(IllegalArgumentException.class, () -> o.set(key, Double.toString(v)));
                assertEquals(Double.doubleToLongBits(was), Double.doubleToLongBits(o.get(key)));
            }
            assertThrows(IllegalArgumentException.class, () -> o.set(key, "abc"));
            o.set(key, was); // the current value itself is fine
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> o.set("no_such_key", 1.0));
        assertTrue(unknown.getMessage().contains("no_such_key"), unknown.getMessage());
        for (Hyperparameter h : o.hyperparameters()) {
            assertTrue(unknown.getMessage().contains(h.name()), unknown.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> o.set("no_such_key", "1"));
        IllegalArgumentException st = assertThrows(IllegalArgumentException.class, () -> o.state("no_such_state"));
        for (String s : o.stateNames()) assertTrue(st.getMessage().contains(s), st.getMessage());
    }
}
