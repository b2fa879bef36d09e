package adalab.optim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static adalab.optim.OptimizerContractTest.X0;
import static adalab.optim.OptimizerContractTest.assertSameState;
import static adalab.optim.OptimizerContractTest.grad;
import static adalab.optim.OptimizerContractTest.toFloat;
import static org.junit.jupiter.api.Assertions.*;

/** The INDArray path of every optimizer. All ND4J use is in this class: its start-up costs ~3 s. */
class OptimizerContractNd4jTest {

    static List<String> names() { return Optimizers.names(); }

    static final int STEPS = 20;

    static double[] start(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = X0[i % X0.length] * (1 + 1e-4 * i);
        return x;
    }

    /** Steps double[] and an INDArray DOUBLE side by side; the gradient is the same double[] for both. */
    static void doublePathsBitEqual(String name, int n) {
        Optimizer a = Optimizers.create(name), b = Optimizers.create(name);
        double[] x = start(n);
        INDArray xn = Nd4j.createFromArray(x.clone());
        assertEquals(DataType.DOUBLE, xn.dataType());
        for (int k = 0; k < STEPS; k++) {
            double[] g = grad(a, x);
            a.step(x, g);
            double[] gn = grad(b, xn.toDoubleVector());
            assertArrayEquals(g, gn, 0);
            b.step(xn, Nd4j.createFromArray(gn));
            assertArrayEquals(x, xn.toDoubleVector(), 0, name + " step " + (k + 1));
        }
        assertSameState(a.snapshot(), b.snapshot());
    }

    static void floatPathsBitEqual(String name, int n) {
        Optimizer a = Optimizers.create(name), b = Optimizers.create(name);
        float[] x = toFloat(start(n));
        INDArray xn = Nd4j.createFromArray(x.clone());
        assertEquals(DataType.FLOAT, xn.dataType());
        for (int k = 0; k < STEPS; k++) {
            float[] g = grad(a, x);
            a.step(x, g);
            float[] gn = grad(b, xn.toFloatVector());
            b.step(xn, Nd4j.createFromArray(gn));
            assertArrayEquals(x, xn.toFloatVector(), 0, name + " step " + (k + 1));
        }
        assertSameState(a.snapshot(), b.snapshot());
    }

    @ParameterizedTest
    @MethodSource("names")
    void indArrayPathsAreBitEqualToArrays(String name) {
        doublePathsBitEqual(name, 3);
        floatPathsBitEqual(name, 3);
    }

    @ParameterizedTest
    @MethodSource("names")
    void arraysLargerThanOneChunkAgree(String name) {
        int n = 3 * NdArrays.CHUNK + 5;
        doublePathsBitEqual(name, n);
        floatPathsBitEqual(name, n);
    }

    /**
     * INDArray steps keep the state in chunks, plain steps and state()/snapshot() in flat arrays;
     * alternating them, on an array split across threads, must not change a bit.
     */
    @ParameterizedTest
    @MethodSource("names")
    void mixingIndArrayAndPlainStepsOnOneOptimizerChangesNothing(String name) {
        int n = 2 * Parallel.THRESHOLD + 7;
        Optimizer a = Optimizers.create(name), b = Optimizers.create(name);
        float[] x = toFloat(start(n));
        INDArray xn = Nd4j.createFromArray(x.clone());
        String first = a.stateNames().isEmpty() ? null : a.stateNames().get(0);
        for (int k = 0; k < 9; k++) {
            float[] g = grad(a, x);
            a.step(x, g);
            if (k % 3 == 2) { // a plain step in between
                float[] y = xn.toFloatVector();
                b.step(y, g.clone());
                xn.assign(Nd4j.createFromArray(y));
            } else {
                b.step(xn, Nd4j.createFromArray(g.clone()));
            }
            if (k % 4 == 1 && first != null) assertArrayEquals(a.state(first), b.state(first), 0, name + " step " + (k + 1));
            assertArrayEquals(x, xn.toFloatVector(), 0, name + " step " + (k + 1));
        }
        assertSameState(a.snapshot(), b.snapshot());
        float[] g = grad(a, x);
        a.step(x, g);
        b.step(xn, Nd4j.createFromArray(g.clone()));
        Optimizer c = b.copy(); // its state taken from the chunks
        g = grad(a, x);
        a.step(x, g);
        c.step(xn, Nd4j.createFromArray(g.clone()));
        assertArrayEquals(x, xn.toFloatVector(), 0, name + " after copy()");
    }

    @ParameterizedTest
    @MethodSource("names")
    void aContiguousViewWithAnOffsetIsUpdatedInItsOwnMemory(String name) {
        Optimizer a = Optimizers.create(name), b = Optimizers.create(name);
        INDArray matrix = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        INDArray row = matrix.getRow(1); // offset 3 into the matrix's buffer
        for (int i = 0; i < 3; i++) row.putScalar(i, X0[i]);
        double[] x = X0.clone();
        for (int k = 0; k < 5; k++) {
            double[] g = grad(a, x);
            a.step(x, g);
            b.step(row, Nd4j.createFromArray(grad(b, row.toDoubleVector())));
        }
        assertArrayEquals(x, matrix.getRow(1).toDoubleVector(), 0);
        assertArrayEquals(new double[3], matrix.getRow(0).toDoubleVector(), 0); // the other row untouched
    }

    @ParameterizedTest
    @MethodSource("names")
    void badArraysAreRefusedWithStateUntouched(String name) {
        Optimizer o = Optimizers.create(name);
        INDArray x = Nd4j.createFromArray(X0.clone());
        for (int k = 0; k < 3; k++) o.step(x, Nd4j.createFromArray(grad(o, x.toDoubleVector())));
        OptimizerState before = o.snapshot();
        double[] xb = x.toDoubleVector();

        // a transposed (non-contiguous) view
        INDArray m = Nd4j.createFromArray(new double[][]{{1, 2, 3}, {4, 5, 6}}).transpose();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create(name).step(m, m.dup()));
        assertTrue(e.getMessage().contains("contiguous"), e.getMessage());
        // INT data
        INDArray ints = Nd4j.createFromArray(1, 2, 3);
        e = assertThrows(IllegalArgumentException.class, () -> o.step(ints, ints));
        assertTrue(e.getMessage().contains("INT"), e.getMessage());
        // mixed types, wrong length, float after double, null, empty
        assertThrows(IllegalArgumentException.class, () -> o.step(x, Nd4j.createFromArray(toFloat(X0))));
        assertThrows(IllegalArgumentException.class, () -> o.step(x, Nd4j.createFromArray(1.0, 2.0)));
        assertThrows(IllegalArgumentException.class,
                () -> o.step(Nd4j.createFromArray(1.0, 2.0, 3.0, 4.0), Nd4j.createFromArray(1.0, 2.0, 3.0, 4.0)));
        INDArray xf = Nd4j.createFromArray(toFloat(X0));
        IllegalArgumentException prec = assertThrows(IllegalArgumentException.class, () -> o.step(xf, xf.dup()));
        assertTrue(prec.getMessage().contains("float"), prec.getMessage());
        assertThrows(IllegalArgumentException.class, () -> o.step(x, (INDArray) null));
        assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create(name).step(Nd4j.create(DataType.DOUBLE, 0), Nd4j.create(DataType.DOUBLE, 0)));
        assertSameState(before, o.snapshot());
        assertArrayEquals(xb, x.toDoubleVector(), 0);

        // a non-finite gradient names its element; nothing changes; skip counts it
        double[] g = grad(o, xb);
        g[1] = Double.NaN;
        NonFiniteGradientException nf = assertThrows(NonFiniteGradientException.class,
                () -> o.step(x, Nd4j.createFromArray(g)));
        assertEquals(1, nf.element());
        assertEquals(4, nf.step());
        assertSameState(before, o.snapshot());
        assertArrayEquals(xb, x.toDoubleVector(), 0);
        o.onNonFinite("skip").step(x, Nd4j.createFromArray(g));
        assertEquals(1, o.skippedSteps());
        assertEquals(3, o.step());
        assertArrayEquals(xb, x.toDoubleVector(), 0);

        // a refused first step leaves no state behind
        Optimizer fresh = Optimizers.create(name);
        float[] bad = {1, Float.POSITIVE_INFINITY, 1};
        assertThrows(NonFiniteGradientException.class,
                () -> fresh.step(Nd4j.createFromArray(toFloat(X0)), Nd4j.createFromArray(bad)));
        assertEquals(-1, fresh.size());
    }

    @Test
    void aLargeFloatRunMatchesTheFloatArrayRunForAdamAlsoAfterSnapshot() {
        // chunk boundaries and snapshot/restore together: restore the INDArray run mid-way
        int n = 2 * NdArrays.CHUNK + 1;
        Optimizer a = new Adam().lr(0.01), b = new Adam().lr(0.01);
        float[] x = toFloat(start(n));
        INDArray xn = Nd4j.createFromArray(x.clone());
        for (int k = 0; k < 5; k++) {
            float[] g = grad(a, x);
            a.step(x, g);
            b.step(xn, Nd4j.createFromArray(g.clone()));
        }
        OptimizerState s = b.snapshot();
        Optimizer c = Optimizers.create("adam");
        c.set("lr", 0.01);
        c.restore(s);
        for (int k = 0; k < 5; k++) {
            float[] g = grad(a, x);
            a.step(x, g);
            c.step(xn, Nd4j.createFromArray(g.clone()));
        }
        assertArrayEquals(x, xn.toFloatVector(), 0);
        assertEquals(10, c.step());
    }
}
