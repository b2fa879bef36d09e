package adalab.numerics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Expected values by hand: σ(ln 3) = 3/4, so p(1−p) = 3/16; σ(0) = 1/2, p(1−p) = 1/4. */
class FisherTest {

    static final double LN3 = Math.log(3);

    @Test
    void interceptOnlyFisherIsPTimesOneMinusP() {
        var bf = Fisher.binaryFeatures(1.0);
        assertEquals(0.1875, bf.fisher(new double[]{LN3})[0][0], 1e-15);
        assertEquals(0.25, bf.fisher(new double[]{0})[0][0], 1e-15);
    }

    @Test
    void twoFeaturesFisherMatrixByPatterns() {
        // x = (1,0) w.p. ½ with p = ½; x = (1,1) w.p. ½ with p = ¾.
        var bf = Fisher.binaryFeatures(1.0, 0.5);
        double[][] f = bf.fisher(new double[]{0, LN3});
        assertEquals(0.5 * 0.25 + 0.5 * 0.1875, f[0][0], 1e-15);
        assertEquals(0.5 * 0.1875, f[0][1], 1e-15);
        assertEquals(0.5 * 0.1875, f[1][0], 1e-15);
        assertEquals(0.5 * 0.1875, f[1][1], 1e-15);
        assertEquals(2, bf.patterns().length);
        assertEquals(1.0, bf.probabilities()[0] + bf.probabilities()[1], 1e-15);
    }

    @Test
    void expectedEmpiricalEqualsFisherWhenLabelsComeFromTheModel() {
        var bf = Fisher.binaryFeatures(1.0, 0.3, 0.8);
        double[] w = {-0.5, 1.2, 0.7};
        double[][] f = bf.fisher(w);
        double[][] e = bf.expectedEmpirical(w, x -> 1 / (1 + Math.exp(-(x[0] * w[0] + x[1] * w[1] + x[2] * w[2]))));
        for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) assertEquals(f[a][b], e[a][b], 1e-15);
    }

    @Test
    void misspecifiedLabelsInflateTheEmpiricalFisher() {
        // p = ¾ but q = ½: E(p−y)² = q(1−q) + (p−q)² = 1/4 + 1/16 = 5/16, against p(1−p) = 3/16.
        var bf = Fisher.binaryFeatures(1.0);
        double[] w = {LN3};
        assertEquals(0.3125, bf.expectedEmpirical(w, x -> 0.5)[0][0], 1e-15);
        // (p−y)² is 1/16 or 9/16 with probability ½ each: standard deviation 1/4.
        assertEquals(0.25, bf.sampleSd(w, x -> 0.5)[0], 1e-15);
        // Model's own labels: 1/16 w.p. ¾, 9/16 w.p. ¼: mean 3/16, E[·²] = 21/256, variance 12/256.
        assertEquals(Math.sqrt(12.0 / 256), bf.sampleSd(w, x -> 0.75)[0], 1e-15);
    }

    @Test
    void empiricalFisherFromPerSampleGradients() {
        double[][] m = Fisher.empirical(new double[][]{{1, 2}, {3, -1}});
        assertArrayEquals(new double[]{5, -0.5}, m[0], 1e-15);
        assertArrayEquals(new double[]{-0.5, 2.5}, m[1], 1e-15);
        assertArrayEquals(new double[]{5, 2.5}, Fisher.diagonal(m), 1e-15);
    }

    @Test
    void badInputIsRefusedWithTheValueInTheMessage() {
        var e1 = assertThrows(IllegalArgumentException.class, () -> Fisher.binaryFeatures(1.0, 0.0));
        assertTrue(e1.getMessage().contains("f1 = 0.0") && e1.getMessage().contains("(0, 1]"), e1.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fisher.binaryFeatures(1.5));
        var bf = Fisher.binaryFeatures(1.0, 0.5);
        var e2 = assertThrows(IllegalArgumentException.class, () -> bf.fisher(new double[]{1}));
        assertTrue(e2.getMessage().contains("1 elements") && e2.getMessage().contains("need 2"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bf.fisher(new double[]{0, Double.NaN}));
        var e3 = assertThrows(IllegalArgumentException.class, () -> bf.expectedEmpirical(new double[]{0, 0}, x -> 1.2));
        assertTrue(e3.getMessage().contains("1.2") && e3.getMessage().contains("[0, 1]"), e3.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fisher.empirical(new double[][]{{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> Fisher.empirical(new double[][]{{1, Double.NaN}}));
        assertThrows(IllegalArgumentException.class, () -> Fisher.empirical(new double[0][]));
    }
}
