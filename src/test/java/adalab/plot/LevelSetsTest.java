package adalab.plot;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LevelSetsTest {

    // Grid [-2, 2] with 81 points per axis: spacing h = 0.05.
    static final int N = 81;
    static final double H = 4.0 / (N - 1);

    /**
     * Along a grid edge f is a quadratic in the edge coordinate with second derivative f''; the
     * crossing is where the linear interpolant of the end values equals c, and linear interpolation
     * of a quadratic errs by at most |f''| h² / 8. So |f(p) − c| ≤ max|f''| h² / 8 at every point.
     */
    @Test
    void ellipseLevelLinesLieOnTheEllipseAndAreClosed() {
        double[] cs = {0.1, 0.5, 1.0};
        for (double c : cs) {
            List<Polyline> lines = LevelSets.of((x, y) -> 0.5 * (x * x + 4 * y * y), -2, 2, -2, 2).grid(N).at(c).lines();
            assertEquals(1, lines.size(), "one closed ellipse for c = " + c);
            Polyline p = lines.get(0);
            assertTrue(p.closed(), "closed for c = " + c);
            assertEquals(c, p.level());
            assertEquals(p.x(0), p.x(p.size() - 1));
            assertEquals(p.y(0), p.y(p.size() - 1));
            assertTrue(p.size() > 20, "enough points: " + p.size());
            double tol = 4 * H * H / 8 + 1e-12;        // f_yy = 4 on vertical edges, f_xx = 1 on horizontal ones
            for (int i = 0; i < p.size(); i++) {
                double f = 0.5 * (p.x(i) * p.x(i) + 4 * p.y(i) * p.y(i));
                assertEquals(c, f, tol, "point " + i + " of level " + c);
            }
            // Semi-axes a = √(2c), b = √(c/2): area π·a·b = πc. The polygon differs from the ellipse by
            // its chords (sagitta ≤ κ·ℓ²/8 with ℓ ≤ √2·h and curvature κ ≤ a/b²) and by the vertex
            // error (a shift ≤ tol / |∇f|, |∇f| ≥ a on this ellipse), each over the perimeter P.
            double a = Math.sqrt(2 * c), b = Math.sqrt(c / 2);
            double areaTol = perimeter(p) * ((a / (b * b)) * 2 * H * H / 8 + tol / a);
            assertEquals(Math.PI * c, Math.abs(p.area()), areaTol, "area for c = " + c);
        }
    }

    @Test
    void circleLevelLinesHaveTheRightRadius() {
        for (double c : new double[]{0.2, 1.0, 1.8}) {
            List<Polyline> lines = LevelSets.of((x, y) -> 0.5 * (x * x + y * y), -2, 2, -2, 2).grid(N).at(c).lines();
            assertEquals(1, lines.size());
            Polyline p = lines.get(0);
            assertTrue(p.closed());
            double r = Math.sqrt(2 * c);
            double maxGap = 0;
            for (int i = 0; i < p.size(); i++) {
                double f = 0.5 * (p.x(i) * p.x(i) + p.y(i) * p.y(i));
                assertEquals(c, f, H * H / 8 + 1e-12);
                if (i > 0) maxGap = Math.max(maxGap, Math.hypot(p.x(i) - p.x(i - 1), p.y(i) - p.y(i - 1)));
            }
            assertTrue(maxGap <= Math.sqrt(2) * H + 1e-12, "consecutive points at most a cell diagonal apart: " + maxGap);
            // Chords of a circle: sagitta ≤ (1/r)·(√2·h)²/8; vertex shift ≤ (h²/8)/r.
            assertEquals(Math.PI * r * r, Math.abs(p.area()), perimeter(p) * (2 * H * H / (8 * r) + H * H / (8 * r)));
        }
    }

    @Test
    void aCircleLargerThanTheWindowGivesFourOpenArcsEndingOnTheBorder() {
        // r = √6 ≈ 2.449, between 2 and 2√2: inside the square only where |x|, |y| ≥ √2, four arcs across the corners.
        List<Polyline> lines = LevelSets.of((x, y) -> 0.5 * (x * x + y * y), -2, 2, -2, 2).grid(N).at(3.0).lines();
        assertEquals(4, lines.size());
        for (Polyline p : lines) {
            assertFalse(p.closed());
            for (int end : new int[]{0, p.size() - 1}) {
                double bx = Math.abs(p.x(end)), by = Math.abs(p.y(end));
                assertEquals(2.0, Math.max(bx, by), 1e-12, "an open line ends on the border");
            }
        }
    }

    @Test
    void saddleCellIsResolvedByTheCentreValue() {
        double[] xs = {0, 1}, ys = {0, 1};
        // z[j][i]: bottom-left 1, bottom-right 0, top-right 1, top-left 0; centre average 0.5.
        double[][] z = {{1, 0}, {0, 1}};
        // Level 0.5: centre counts as above, so the two high corners connect through the middle and
        // the segments cut off the low corners (1,0) and (0,1). Crossings: z = 1 − t on the bottom
        // and left edges, z = t on the right and top edges.
        List<Polyline> at05 = LevelSets.trace(xs, ys, z, 0.5);
        assertEquals(2, at05.size());
        assertTrue(hasSegment(at05, 0.5, 0, 1, 0.5), "cuts off corner (1, 0)");
        assertTrue(hasSegment(at05, 0.5, 1, 0, 0.5), "cuts off corner (0, 1)");
        // Level 0.6: centre 0.5 is below, so the high corners (0,0) and (1,1) are cut off instead.
        List<Polyline> at06 = LevelSets.trace(xs, ys, z, 0.6);
        assertEquals(2, at06.size());
        assertTrue(hasSegment(at06, 0.4, 0, 0, 0.4), "cuts off corner (0, 0)");
        assertTrue(hasSegment(at06, 1, 0.6, 0.6, 1), "cuts off corner (1, 1)");
    }

    private static boolean hasSegment(List<Polyline> lines, double ax, double ay, double bx, double by) {
        for (Polyline p : lines) {
            if (p.size() != 2) continue;
            boolean fwd = near(p.x(0), ax) && near(p.y(0), ay) && near(p.x(1), bx) && near(p.y(1), by);
            boolean back = near(p.x(0), bx) && near(p.y(0), by) && near(p.x(1), ax) && near(p.y(1), ay);
            if (fwd || back) return true;
        }
        return false;
    }

    private static double perimeter(Polyline p) {
        double s = 0;
        for (int i = 1; i < p.size(); i++) s += Math.hypot(p.x(i) - p.x(i - 1), p.y(i) - p.y(i - 1));
        return s;
    }

    private static boolean near(double a, double b) { return Math.abs(a - b) < 1e-12; }

    @Test
    void logLevelsAreGeometricAboveTheMinimum() {
        // Values 0..100: the 90 % quantile is 90, the 1 % quantile is 1, so three levels are 1, √90, 90.
        double[][] z = new double[1][101];
        for (int i = 0; i <= 100; i++) z[0][i] = i;
        double[] lv = LevelSets.logLevels(z, 3, 0.9);
        assertArrayEquals(new double[]{1, Math.sqrt(90), 90}, lv, 1e-12);
        // Shifted by −7 the spacing is the same above the new minimum.
        for (int i = 0; i <= 100; i++) z[0][i] = i - 7;
        assertArrayEquals(new double[]{-6, Math.sqrt(90) - 7, 83}, LevelSets.logLevels(z, 3, 0.9), 1e-12);
    }

    @Test
    void defaultLevelsAreLogSpaced() {
        double[] lv = LevelSets.of((x, y) -> 0.5 * (x * x + y * y), -2, 2, -2, 2).count(6).levels();
        assertEquals(6, lv.length);
        double ratio = lv[1] / lv[0];   // the minimum 0 is on the grid
        assertTrue(ratio > 1);
        for (int k = 1; k < lv.length; k++) assertEquals(ratio, lv[k] / lv[k - 1], 1e-9);
    }

    @Test
    void nonFiniteValuesStopTheLinesWithoutSpreading() {
        List<Polyline> lines = LevelSets.of((x, y) -> x > 0.3 ? Double.NaN : 0.5 * (x * x + y * y), -2, 2, -2, 2)
                .grid(N).at(1.0).lines();
        assertFalse(lines.isEmpty());
        for (Polyline p : lines) {
            assertFalse(p.closed(), "the circle is cut where f is NaN");
            for (int i = 0; i < p.size(); i++) {
                assertTrue(Double.isFinite(p.x(i)) && Double.isFinite(p.y(i)));
                assertTrue(p.x(i) <= 0.3 + 1e-12);
            }
        }
    }

    @Test
    void badArgumentsNameTheParameter() {
        LevelSets ls = LevelSets.of((x, y) -> x, -1, 1, -1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ls.grid(2));
        assertTrue(e.getMessage().contains("grid") && e.getMessage().contains("2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LevelSets.of((x, y) -> x, 1, 1, -1, 1));
        assertTrue(e.getMessage().contains("xmin"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ls.quantile(0));
        assertTrue(e.getMessage().contains("quantile"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ls.at(Double.NaN));
        assertTrue(e.getMessage().contains("levels"), e.getMessage());
    }
}
