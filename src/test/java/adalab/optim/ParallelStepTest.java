package adalab.optim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Arrays above {@link Parallel#THRESHOLD} are split across threads. The rules are elementwise,
 * so a large array must come out bit-equal to the same elements stepped in small pieces by
 * separate optimizers (which run on the calling thread alone): a lost, doubled or shifted
 * range would show up here. Also: a non-finite gradient in the part a worker scans is refused
 * with the first such index and nothing changed.
 */
class ParallelStepTest {

    static List<String> names() { return Optimizers.names(); }

    /** Odd length, so that the parts do not end on a round boundary. */
    static final int N = Parallel.THRESHOLD * 3 + 7;
    /**
     * Uneven pieces, all below the threshold; 63 and 64 straddle {@link Optimizer#SHORT}, so both
     * loops of an update must compute the same rule. The last piece is cut to what is left of N.
     */
    static final int[] PIECES = {1, 17, Optimizer.SHORT - 1, Optimizer.SHORT, 4096, Parallel.THRESHOLD - 1, 5000};

    static double[] start(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = Math.sin(0.001 * i) * 2 + 0.1;
        return x;
    }

    /** A gradient that varies in sign and size along the array and from step to step. */
    static double[] grad(double[] x, int k) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) g[i] = x[i] * (1 + 0.1 * k) - Math.cos(0.37 * i + k);
        return g;
    }

    static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
        return f;
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return d;
    }

    @ParameterizedTest
    @MethodSource("names")
    void aLargeDoubleStepEqualsTheSameElementsSteppedInSmallPieces(String name) {
        Optimizer whole = Optimizers.create(name);
        double[] x = start(N);
        double[] y = x.clone();
        List<Optimizer> parts = new java.util.ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            double[] g = grad(x, k);
            whole.step(x, g);
            int off = 0, piece = 0;
            while (off < N) {
                int len = Math.min(PIECES[piece % PIECES.length], N - off);
                if (k == 1) parts.add(Optimizers.create(name));
                double[] xs = java.util.Arrays.copyOfRange(y, off, off + len);
                parts.get(piece).step(xs, java.util.Arrays.copyOfRange(g, off, off + len));
                System.arraycopy(xs, 0, y, off, len);
                off += len;
                piece++;
            }
            assertArrayEquals(y, x, 0, name + " double, step " + k);
        }
        for (String s : whole.stateNames()) {
            double[] st = whole.state(s);
            int off = 0, piece = 0;
            while (off < N) {
                double[] ps = parts.get(piece).state(s);
                for (int i = 0; i < ps.length; i++) {
                    assertEquals(ps[i], st[off + i], 0, name + " state " + s + " at " + (off + i));
                }
                off += ps.length;
                piece++;
            }
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void aLargeFloatStepEqualsTheSameElementsSteppedInSmallPieces(String name) {
        Optimizer whole = Optimizers.create(name);
        float[] x = toFloat(start(N));
        float[] y = x.clone();
        List<Optimizer> parts = new java.util.ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            float[] g = toFloat(grad(toDouble(x), k));
            whole.step(x, g);
            int off = 0, piece = 0;
            while (off < N) {
                int len = Math.min(PIECES[piece % PIECES.length], N - off);
                if (k == 1) parts.add(Optimizers.create(name));
                float[] xs = java.util.Arrays.copyOfRange(y, off, off + len);
                parts.get(piece).step(xs, java.util.Arrays.copyOfRange(g, off, off + len));
                System.arraycopy(xs, 0, y, off, len);
                off += len;
                piece++;
            }
            assertArrayEquals(y, x, 0, name + " float, step " + k);
        }
    }

    @Test
    void aNonFiniteGradientInTheLastPartIsRefusedWithItsIndexAndNothingChanges() {
        Adam a = new Adam();
        double[] x = start(N);
        a.step(x, grad(x, 1));
        double[] before = x.clone();
        OptimizerState s0 = a.snapshot();
        double[] g = grad(x, 2);
        g[N - 1] = Double.POSITIVE_INFINITY;
        g[N - 2] = Double.NaN;
        NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class, () -> a.step(x, g));
        assertEquals(N - 2, e.element(), "the first non-finite element is reported");
        assertArrayEquals(before, x, 0);
        assertEquals(1, a.step());
        assertArrayEquals((double[]) s0.arrays().get("m"), a.state("m"), 0);
        assertArrayEquals((double[]) s0.arrays().get("v"), a.state("v"), 0);
    }

    @Test
    void theFirstNonFiniteElementIsReportedWhenSeveralPartsHaveOne() {
        RmsProp r = new RmsProp();
        float[] x = toFloat(start(N));
        float[] before = x.clone();
        float[] g = toFloat(grad(start(N), 1));
        g[N - 3] = Float.NaN;
        g[Parallel.THRESHOLD + 3] = Float.NEGATIVE_INFINITY;
        g[5] = Float.NaN;
        NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class, () -> r.step(x, g));
        assertEquals(5, e.element());
        assertArrayEquals(before, x, 0);
        assertEquals(-1, r.size(), "a refused first step allocates no state");

        r.onNonFinite("skip");
        r.step(x, g);
        assertEquals(1, r.skippedSteps());
        assertEquals(0, r.step());
        assertArrayEquals(before, x, 0);
    }
}
