package adalab.objectives;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class QuadraticTest {

    /** Eigenvalues of a symmetric 2×2 matrix from its trace and determinant. */
    static double[] eig2(double[][] a) {
        double tr = a[0][0] + a[1][1], det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
        double disc = Math.sqrt(Math.max(0, tr * tr / 4 - det));
        return new double[]{tr / 2 - disc, tr / 2 + disc};
    }

    @Test
    void rotatedQuadraticKeepsItsEigenvaluesForEveryAngle() {
        for (double deg : new double[]{0, 15, 30, 45, 60, 90, 135, -20, 200}) {
            RotatedQuadratic q = new RotatedQuadratic(0.2, 4, deg);
            double[] e = eig2(q.matrix());
            assertEquals(0.2, e[0], 1e-12, "angle " + deg);
            assertEquals(4, e[1], 1e-12, "angle " + deg);
            // λ1's axis (cos φ, sin φ) is an eigenvector: A·u = 0.2·u.
            double[] u = q.axis();
            double[][] a = q.matrix();
            assertEquals(0.2 * u[0], a[0][0] * u[0] + a[0][1] * u[1], 1e-12);
            assertEquals(0.2 * u[1], a[1][0] * u[0] + a[1][1] * u[1], 1e-12);
        }
    }

    @Test
    void rotatedByZeroIsTheDiagonalQuadratic() {
        RotatedQuadratic q = new RotatedQuadratic(0.2, 4, 0);
        DiagonalQuadratic d = new DiagonalQuadratic(0.2, 4);
        double[] x = {-5, -2};
        assertEquals(d.value(x), q.value(x), 1e-12);
        // d2l's 0.1x₁² + 2x₂² at (−5, −2): 2.5 + 8 = 10.5
        assertEquals(10.5, q.value(x), 1e-12);
    }

    @Test
    void d2lsRotatedExampleIsNotARotation() {
        // 0.1(x₁+x₂)² + 2(x₁−x₂)² = ½xᵀAx with A = [[4.2, −3.8], [−3.8, 4.2]] (by expanding).
        double[][] a = {{4.2, -3.8}, {-3.8, 4.2}};
        Quadratic d2l = new Quadratic(a);
        double[] x = {0.7, -1.3};
        double s = x[0] + x[1], t = x[0] - x[1];
        assertEquals(0.1 * s * s + 2 * t * t, d2l.value(x), 1e-12);
        double[] e = eig2(a);
        assertEquals(0.4, e[0], 1e-12);
        assertEquals(8, e[1], 1e-12);
        double[] r = eig2(new RotatedQuadratic(0.2, 4, 45).matrix());
        assertEquals(0.2, r[0], 1e-12);
        assertEquals(4, r[1], 1e-12);
    }

    @Test
    void generalQuadraticMinimiserIsAInverseB() {
        // A = [[2,1],[1,3]], b = (1, −2): by Cramer, det 5, x = ((1·3 − 1·(−2))/5, (2·(−2) − 1·1)/5) = (1, −1).
        Quadratic q = new Quadratic(new double[][]{{2, 1}, {1, 3}}, new double[]{1, -2});
        assertTrue(q.positiveDefinite());
        double[] m = q.minimizer().orElseThrow();
        assertEquals(1, m[0], 1e-12);
        assertEquals(-1, m[1], 1e-12);
        // f(m) = −½ bᵀA⁻¹b = −½(1·1 + (−2)(−1)) = −1.5
        assertEquals(-1.5, q.value(m), 1e-12);
    }

    @Test
    void indefiniteQuadraticHasNoMinimiser() {
        Quadratic q = new Quadratic(new double[][]{{1, 2}, {2, -1}});
        assertFalse(q.positiveDefinite());
        assertTrue(q.minimizer().isEmpty());
        assertTrue(new Quadratic(new double[][]{{1, 0}, {0, 0}}).minimizer().isEmpty(), "semi-definite");
    }
}
