package adalab.objectives;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The objectives of the generalisation and local-minima notebooks: gradients against central
 * differences, minima against published or hand-derived values, held-out scores against hand counts.
 */
class PracticalObjectivesTest {

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(5);
        Objective[] fs = {new TiltedDoubleWell(0.5), new TiltedDoubleWell(-1.2), new Himmelblau(), new Rastrigin(3), new Rastrigin(2, 4),
                new SeparableLeastSquares(6, 4, 0.7, 3), new SplitRegression(8, 3, 3, new double[]{1, -2, 0.5, 3}, null, 0.2, 9, Sampling.full())};
        for (Objective f : fs) {
            for (int k = 0; k < 5; k++) {
                double[] x = new double[f.dimension()];
                for (int i = 0; i < x.length; i++) x[i] = 1.5 * r.nextGaussian();
                GradientCheckTest.assertGradientMatches(f, x);
            }
        }
    }

    @Test
    void himmelblauHasItsFourPublishedMinimaAndItsMaximum() {
        // Himmelblau (1972); the three irrational minima to the 6 decimals usually quoted.
        double[][] minima = {{3, 2}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};
        Himmelblau f = new Himmelblau();
        double[] g = new double[2];
        assertEquals(0, f.value(minima[0]), 0);
        f.gradient(minima[0], g);
        assertArrayEquals(new double[]{0, 0}, g, 0);
        for (double[] m : minima) {
            assertEquals(0, f.value(m), 1e-9, () -> java.util.Arrays.toString(m));
            f.gradient(m, g);
            assertEquals(0, Math.hypot(g[0], g[1]), 1e-4);
        }
        assertEquals(181.617, f.value(new double[]{-0.270845, -0.923039}), 1e-3);
        // f(0, 0) = 11² + 7² = 170; ∇f(0, 0) = (2·(−7), 2·(−11)) = (−14, −22)
        assertEquals(170, f.value(new double[]{0, 0}), 0);
        f.gradient(new double[]{0, 0}, g);
        assertArrayEquals(new double[]{-14, -22}, g, 0);
    }

    @Test
    void rastriginIsZeroAtTheOriginAndSumOfSquaresAtIntegers() {
        Rastrigin f = new Rastrigin(2);
        assertEquals(0, f.value(new double[]{0, 0}), 0);
        // at integer points cos 2πk = 1, so f = k₁² + k₂²; the gradient there is 2k (the sine vanishes)
        assertEquals(5, f.value(new double[]{1, -2}), 1e-12);
        double[] g = new double[2];
        f.gradient(new double[]{1, -2}, g);
        assertArrayEquals(new double[]{2, -4}, g, 1e-12);
        // at x = ½ the cosine is −1: f = ¼ + 2A per coordinate
        assertEquals(2 * (0.25 + 20), f.value(new double[]{0.5, 0.5}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Rastrigin(0));
    }

    @Test
    void doubleWellCriticalPointsSatisfyVieta() {
        TiltedDoubleWell flat = new TiltedDoubleWell(0);
        assertArrayEquals(new double[]{-1, 0, 1}, flat.criticalPoints(), 1e-12);
        assertEquals(0, flat.value(new double[]{1}), 0);
        assertEquals(1, flat.value(new double[]{0}), 0);
        // 4x³ − 4x + a = 0: roots sum to 0, pairwise products sum to −1, product −a/4
        for (double a : new double[]{0.5, -0.9, 1.5}) {
            double[] c = new TiltedDoubleWell(a).criticalPoints();
            assertEquals(0, c[0] + c[1] + c[2], 1e-12);
            assertEquals(-1, c[0] * c[1] + c[0] * c[2] + c[1] * c[2], 1e-12);
            assertEquals(-a / 4, c[0] * c[1] * c[2], 1e-12);
            assertTrue(c[0] < c[1] && c[1] < c[2]);
        }
        assertEquals(new TiltedDoubleWell(0.5).criticalPoints()[0], new TiltedDoubleWell(0.5).minimizer().orElseThrow()[0], 0);
        assertEquals(new TiltedDoubleWell(-0.5).criticalPoints()[2], new TiltedDoubleWell(-0.5).minimizer().orElseThrow()[0], 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TiltedDoubleWell(1.6));
        assertTrue(e.getMessage().contains("tilt a = 1.6"), e.getMessage());
    }

    @Test
    void separableDataHaveThePapersShape() {
        SeparableLeastSquares f = new SeparableLeastSquares(20, 30, 0.7, 4);
        double[][] x = f.features();
        double[] y = f.labels();
        assertEquals(3 + 5 * 20, f.dimension());
        for (int i = 0; i < 20; i++) {
            assertEquals(y[i], x[i][0]);
            assertEquals(1, x[i][1]);
            assertEquals(1, x[i][2]);
            double ones = 0;
            for (int j = 3; j < x[i].length; j++) {
                if (x[i][j] != 0) {
                    assertEquals(1, x[i][j]);
                    assertEquals(i, (j - 3) / 5, "example " + i + " uses only its own block");
                    ones++;
                }
            }
            assertEquals(y[i] > 0 ? 1 : 5, ones);
        }
        // loss at 0 is ½ (every residual is −y, squared 1)
        assertEquals(0.5, f.value(new double[f.dimension()]), 0);
        assertEquals(0.5, f.heldOutLoss(new double[f.dimension()]), 0);
    }

    @Test
    void heldOutErrorCountsByHand() {
        SeparableLeastSquares f = new SeparableLeastSquares(10, 40, 0.6, 8);
        double[] t = f.testLabels();
        int negatives = 0;
        for (double v : t) if (v < 0) negatives++;
        double[] w = new double[f.dimension()];
        assertEquals(1, f.heldOutError(w), 0, "a score of 0 is wrong for every point");
        w[0] = 1;      // score = y: all right
        assertEquals(0, f.heldOutError(w), 0);
        assertEquals(0, f.trainError(w), 0);
        w[0] = 0;
        w[1] = 1;      // score = 1: says +1 for everyone
        assertEquals(negatives / 40.0, f.heldOutError(w), 0);
        double[][] rows = {new double[f.dimension()], w};
        assertArrayEquals(new double[]{1, negatives / 40.0}, f.heldOutErrors(rows), 0);
        assertThrows(IllegalArgumentException.class, () -> new SeparableLeastSquares(10, 10, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new SeparableLeastSquares(0, 10, 0.7, 1));
    }

    @Test
    void oneExampleSamplingReportsThatExamplesGradient() {
        SeparableLeastSquares f = new SeparableLeastSquares(7, 5, 0.7, 6).withSampling(Sampling.single());
        SplitRegression r = new SplitRegression(6, 2, 2, new double[]{1, 2}, null, 0.3, 4, Sampling.full()).withSampling(Sampling.single());
        for (DataObjective o : new DataObjective[]{f, r}) {
            double[] w = new double[o.dimension()];
            for (int j = 0; j < w.length; j++) w[j] = 0.1 * (j + 1);
            double[] g = new double[w.length], gi = new double[w.length];
            for (long t = 1; t <= 10; t++) {
                o.evaluate(w, g, t);
                int i = o.batch(t)[0];
                o.exampleGradient(i, w, gi);
                assertArrayEquals(gi, g, 1e-15, o.name() + " step " + t);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> f.heldOutLosses(null));
    }

    @Test
    void splitRegressionScoresTheTrueWeightsAsZeroWithoutNoise() {
        double[] wStar = {1, -2, 0.5};
        SplitRegression f = new SplitRegression(5, 7, 9, wStar, new double[]{1, 2, 3}, 0, 2, Sampling.full());
        assertEquals(0, f.value(wStar), 1e-28);
        assertEquals(0, f.validationLoss(wStar), 1e-28);
        assertEquals(0, f.heldOutLoss(wStar), 1e-28);
        // at w = 0 the held-out loss is ½·mean(y²), computed from the test targets
        double[] yt = f.testTargets();
        double s = 0;
        for (double v : yt) s += 0.5 * v * v;
        assertEquals(s / 9, f.heldOutLoss(new double[3]), 1e-12);
        assertEquals(9, f.heldOutExamples());
        assertThrows(IllegalArgumentException.class, () -> new SplitRegression(5, 0, 9, wStar, null, 0, 2, Sampling.full()));
    }

    @Test
    void noisyGradientIsSeededAndHasTheRightMoments() {
        Objective q = new DiagonalQuadratic(1, 1);
        NoisyGradient f = new NoisyGradient(q, 0.5, 11);
        double[] x = {1, -2}, g1 = new double[2], g2 = new double[2];
        f.evaluate(x, g1, 7);
        f.evaluate(x, g2, 7);
        assertArrayEquals(g1, g2, 0, "same (seed, step), same noise");
        f.withSeed(12).evaluate(x, g2, 7);
        assertNotEquals(g1[0], g2[0]);
        // exact gradient (1, −2); over 20000 steps the mean is within 4 standard errors, the variance near σ² = 0.25
        int n = 20000;
        double sum = 0, sq = 0;
        for (int t = 1; t <= n; t++) {
            f.evaluate(x, g1, t);
            double e = g1[0] - 1;
            sum += e;
            sq += e * e;
        }
        assertEquals(0, sum / n, 4 * 0.5 / Math.sqrt(n));
        assertEquals(0.25, sq / n, 4 * 0.25 * Math.sqrt(2.0 / n));
        assertEquals(q.value(x), f.value(x), 0);
        assertThrows(IllegalArgumentException.class, () -> new NoisyGradient(q, -1, 0));
    }
}
