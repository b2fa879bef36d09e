package adalab.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The finiteness scan (sums of g·0 over four streams) finds exactly the first NaN or infinity, wherever it is. */
class FiniteScanTest {

    private static int reference(double[] g, int from, int to) {
        for (int i = from; i < to; i++) if (Double.isNaN(g[i]) || Double.isInfinite(g[i])) return i;
        return -1;
    }

    private static double[] shifted(double[] g) {
        double[] s = new double[g.length + 3];
        java.util.Arrays.fill(s, 0, 3, Double.NaN);
        System.arraycopy(g, 0, s, 3, g.length);
        return s;
    }

    private static float[] shifted(float[] g) {
        float[] s = new float[g.length + 3];
        java.util.Arrays.fill(s, 0, 3, Float.NaN);
        System.arraycopy(g, 0, s, 3, g.length);
        return s;
    }

    @Test
    void findsTheFirstBadElementWhereverItIs() {
        int n = 3 * 1024 + 13;
        int q = n / 8 * 2; // the scan reads four quarters of this length side by side, then the rest
        int[] at = {0, 1, 7, 8, 1023, 1024, 1025, 2047, 3 * 1024, n - 1, q - 1, q, q + 1, 2 * q, 3 * q - 1, 4 * q - 1, 4 * q};
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        java.util.Random r = new java.util.Random(5);
        for (int k : at) {
            for (double b : bad) {
                double[] g = new double[n];
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    g[i] = i % 3 == 0 ? -0.0 : r.nextGaussian() * 1e300; // huge finite values and -0: the sums stay finite/zero
                    f[i] = (float) (r.nextGaussian() * 1e37);
                }
                g[k] = b;
                f[k] = (float) b;
                for (int[] range : new int[][]{{0, n}, {k, n}, {Math.max(0, k - 5), Math.min(n, k + 1)}, {0, k}}) {
                    double[] gf = new double[n];
                    for (int i = 0; i < n; i++) gf[i] = f[i];
                    assertEquals(reference(g, range[0], range[1]), Finiteness.firstNonFinite(g, range[0], range[1]), "double, bad at " + k);
                    assertEquals(reference(gf, range[0], range[1]), Finiteness.firstNonFinite(f, range[0], range[1]), "float, bad at " + k);
                    // NdArrays' scan of ND4J memory in place, at an offset whose elements before it are NaN (never read)
                    assertEquals(reference(g, range[0], range[1]),
                            NdArrays.firstNonFinite(java.nio.DoubleBuffer.wrap(shifted(g)), 3, range[0], range[1]), "double buffer, bad at " + k);
                    assertEquals(reference(gf, range[0], range[1]),
                            NdArrays.firstNonFinite(java.nio.FloatBuffer.wrap(shifted(f)), 3, range[0], range[1]), "float buffer, bad at " + k);
                }
            }
        }
        assertEquals(-1, Finiteness.firstNonFinite(new double[]{Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE}, 0, 3));
        assertEquals(-1, Finiteness.firstNonFinite(new float[]{Float.MAX_VALUE, -Float.MAX_VALUE, -0f}, 0, 3));
        float[] two = {1, Float.NaN, Float.POSITIVE_INFINITY};
        assertEquals(1, Finiteness.firstNonFinite(two, 0, 3));
        assertEquals(2, Finiteness.firstNonFinite(two, 2, 3));
    }
}
