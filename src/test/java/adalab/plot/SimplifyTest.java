package adalab.plot;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SimplifyTest {

    @Test
    void collinearPointsCollapseToTheEnds() {
        double[] x = {0, 1, 2, 3, 4}, y = {0, 2, 4, 6, 8};
        double[][] s = Simplify.lines(x, y, 1, 1, 1e-9);
        assertArrayEquals(new double[]{0, 4}, s[0]);
        assertArrayEquals(new double[]{0, 8}, s[1]);
    }

    @Test
    void aPointFurtherThanTheToleranceStays() {
        // (2, 0.5) is 0.5 from the line y = 0; in units of the y span 2 that is 0.25. Once it is kept,
        // (1, 0) lies 0.25·1 / √(2² + 0.25²) ≈ 0.124 from the chord (0,0)–(2,0.25): dropped at 0.2.
        double[] x = {0, 1, 2, 3, 4}, y = {0, 0, 0.5, 0, 0};
        assertArrayEquals(new double[]{0, 2, 4}, Simplify.lines(x, y, 1, 2, 0.2)[0]);
        assertArrayEquals(new double[]{0, 1, 2, 3, 4}, Simplify.lines(x, y, 1, 2, 0.1)[0]);
        assertArrayEquals(new double[]{0, 4}, Simplify.lines(x, y, 1, 2, 0.3)[0]);
    }

    @Test
    void gapsAreKeptAndSplitTheLine() {
        double[] x = {0, 1, 2, 3, 4, 5, 6}, y = {0, 1, 2, Double.NaN, 4, 5, 6};
        double[][] s = Simplify.lines(x, y, 1, 1, 1e-6);
        assertArrayEquals(new double[]{0, 2, 3, 4, 6}, s[0]);
        assertTrue(Double.isNaN(s[1][2]));
    }
}
