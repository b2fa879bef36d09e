package adalab.objectives;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class LinearRegressionTest {

    @Test
    void leastSquaresMatchesCramerOnATinyDataSet() {
        // Rows (1,0),(0,1),(1,1),(1,2), y = 1,2,2,4. XᵀX = [[3,3],[3,6]], Xᵀy = (7, 12).
        // det = 18 − 9 = 9, w = ((7·6 − 3·12)/9, (3·12 − 3·7)/9) = (6/9, 15/9) = (2/3, 5/3).
        double[][] x = {{1, 0}, {0, 1}, {1, 1}, {1, 2}};
        double[] y = {1, 2, 2, 4};
        LinearRegression f = LinearRegression.fromData(x, y, 1);
        double[] w = f.minimizer().orElseThrow();
        assertEquals(2.0 / 3, w[0], 1e-12);
        assertEquals(5.0 / 3, w[1], 1e-12);
        // residuals at w: 1−2/3, 2−5/3, 2−7/3, 4−4 = 1/3, 1/3, −1/3, 0 → ½·mean(r²) = ½·(3/9)/4 = 1/24
        assertEquals(1.0 / 24, f.value(w), 1e-12);
    }

    @Test
    void singularDataHaveNoUniqueMinimiser() {
        double[][] x = {{1, 2}, {2, 4}, {3, 6}};
        assertTrue(LinearRegression.fromData(x, new double[]{1, 2, 3}, 1).minimizer().isEmpty());
    }

    @Test
    void fullDataLossIsHalfTheMeanSquaredError() {
        LinearRegression f = new LinearRegression(30, 3, 0.5, 42);
        double[][] x = f.features();
        double[] y = f.targets(), w = {0.3, -1, 2};
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double r = x[i][0] * w[0] + x[i][1] * w[1] + x[i][2] * w[2] - y[i];
            s += r * r;
        }
        assertEquals(0.5 * s / 30, f.value(w), 1e-12);
    }

    @Test
    void noiselessDataRecoverTheTrueWeights() {
        LinearRegression f = new LinearRegression(50, new double[]{2, -1, 0.5}, 0, 5);
        assertArrayEquals(new double[]{2, -1, 0.5}, f.minimizer().orElseThrow(), 1e-10);
        assertEquals(0, f.value(new double[]{2, -1, 0.5}), 1e-20);
    }

    @Test
    void sameSeedSameData() {
        assertArrayEquals(new LinearRegression(10, 2, 0.1, 9).targets(), new LinearRegression(10, 2, 0.1, 9).targets());
        assertFalse(Arrays.equals(new LinearRegression(10, 2, 0.1, 9).targets(), new LinearRegression(10, 2, 0.1, 10).targets()));
    }

    @Test
    void stochasticGradientsAreDeterministicPerStepAndDifferAcrossSteps() {
        for (Sampling s : new Sampling[]{Sampling.single(), Sampling.minibatch(4), Sampling.minibatch(4).withReplacement()}) {
            LinearRegression f = new LinearRegression(40, 3, 0.3, 7).withSampling(s);
            LinearRegression again = new LinearRegression(40, 3, 0.3, 7).withSampling(s);
            double[] w = {0.1, 0.2, 0.3};
            double[] g1 = new double[3], g2 = new double[3], g3 = new double[3], g4 = new double[3];
            double l1 = f.evaluate(w, g1, 5);
            f.evaluate(w, g3, 6);
            double l2 = f.evaluate(w, g2, 5);       // same step again, after another step
            again.evaluate(w, g4, 5);               // a fresh instance
            assertArrayEquals(g1, g2, 0, s.toString());
            assertEquals(l1, l2, 0);
            assertArrayEquals(g1, g4, 0, s.toString());
            assertFalse(Arrays.equals(g1, g3), s + ": steps 5 and 6 gave the same gradient");
        }
    }

    @Test
    void withoutReplacementBatchesHaveNoRepeatsAndAnEpochCoversTheData() {
        LinearRegression f = new LinearRegression(40, 2, 0.1, 3).withSampling(Sampling.minibatch(8));
        Set<Integer> epoch = new HashSet<>();
        for (long t = 1; t <= 5; t++) {
            int[] b = f.batch(t);
            assertEquals(8, b.length);
            Set<Integer> inBatch = new HashSet<>();
            for (int i : b) assertTrue(inBatch.add(i), "repeat " + i + " in batch " + t);
            epoch.addAll(inBatch);
        }
        assertEquals(40, epoch.size(), "5 batches of 8 cover all 40 examples once");
        // the next epoch is another order
        assertFalse(Arrays.equals(f.batch(1), f.batch(6)));
        // n not divisible by B: still no repeats, remainder dropped
        LinearRegression g = new LinearRegression(10, 2, 0.1, 3).withSampling(Sampling.minibatch(3));
        for (long t = 1; t <= 20; t++) assertEquals(3, Arrays.stream(g.batch(t)).distinct().count());
    }

    @Test
    void meanOfSingleSampleGradientsOverAnEpochIsTheFullGradient() {
        int n = 37;
        LinearRegression f = new LinearRegression(n, 3, 0.4, 8).withSampling(Sampling.single());
        double[] w = {0.5, -0.25, 1}, g = new double[3], sum = new double[3], full = new double[3];
        for (long t = n + 1; t <= 2L * n; t++) {      // the second epoch
            f.evaluate(w, g, t);
            for (int j = 0; j < 3; j++) sum[j] += g[j] / n;
        }
        f.gradient(w, full);
        assertArrayEquals(full, sum, 1e-12);
    }

    @Test
    void minibatchGradientsAverageToTheFullGradient() {
        LinearRegression f = new LinearRegression(200, 2, 0.5, 12).withSampling(Sampling.minibatch(5).withReplacement());
        double[] w = {1, -1}, g = new double[2], mean = new double[2], full = new double[2];
        int steps = 4000;
        double spread = 0;
        for (long t = 1; t <= steps; t++) {
            f.evaluate(w, g, t);
            for (int j = 0; j < 2; j++) mean[j] += g[j] / steps;
        }
        f.gradient(w, full);
        for (int j = 0; j < 2; j++) {
            spread = Math.max(spread, Math.abs(full[j]));
            assertEquals(full[j], mean[j], 0.05 * Math.max(1, Math.abs(full[j])), "component " + j);
        }
        assertTrue(spread > 0.1, "the full gradient is not trivially zero");
    }

    @Test
    void threadsSharingOneObjectiveSeeTheSameBatches() throws Exception {
        LinearRegression f = new LinearRegression(64, 2, 0.1, 4).withSampling(Sampling.minibatch(4));
        double[] w = {0.5, 0.5};
        double[][] expected = new double[200][2];
        for (int t = 1; t <= 200; t++) f.evaluate(w, expected[t - 1], t);
        java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.List<java.util.concurrent.Future<double[][]>> fs = new java.util.ArrayList<>();
            for (int k = 0; k < 2; k++) {
                fs.add(ex.submit(() -> {
                    double[][] got = new double[200][2];
                    for (int t = 1; t <= 200; t++) f.evaluate(w, got[t - 1], t);
                    return got;
                }));
            }
            for (java.util.concurrent.Future<double[][]> r : fs) assertArrayEquals(expected, r.get());
        } finally {
            ex.shutdown();
        }
    }

    @Test
    void batchLargerThanDataIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearRegression(5, 2, 0.1, 1).withSampling(Sampling.minibatch(6)));
        assertTrue(e.getMessage().contains("6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sampling.minibatch(0));
        assertThrows(IllegalArgumentException.class, () -> new LinearRegression(0, 2, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LinearRegression(5, 2, -1, 1));
    }
}
