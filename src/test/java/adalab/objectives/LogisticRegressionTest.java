package adalab.objectives;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class LogisticRegressionTest {

    @Test
    void lossIsTheMeanLogLossAndStableForHugeWeights() {
        LogisticRegression f = new LogisticRegression(50, new double[]{0.9, 0.5}, new double[]{1, -1}, 4, Sampling.full());
        double[][] x = f.features();
        double[] y = f.labels(), w = {0.3, -0.7};
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double z = x[i][0] * w[0] + x[i][1] * w[1];
            double p = 1 / (1 + Math.exp(-z));
            s += -(y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p));
        }
        assertEquals(s / y.length, f.value(w), 1e-12);
        // z = ±1000: naive log(1+e^z) overflows; the loss must stay finite (≈ |z| per wrong example).
        double v = f.value(new double[]{1000, 1000});
        assertTrue(Double.isFinite(v) && v > 0, "value " + v);
        double[] g = new double[2];
        f.gradient(new double[]{-1000, 1000}, g);
        assertTrue(Double.isFinite(g[0]) && Double.isFinite(g[1]));
        assertEquals(1000, LogisticRegression.logLoss(1000, 0), 1e-9);
        assertEquals(0, LogisticRegression.logLoss(1000, 1), 1e-9);
        assertEquals(Math.log(2), LogisticRegression.logLoss(0, 1), 1e-15);
    }

    @Test
    void featureFrequenciesAreAsAsked() {
        LogisticRegression f = new LogisticRegression(20000, new double[]{0.8, 0.02}, 1);
        double[] obs = f.observedFrequencies();
        // binomial standard errors: √(0.8·0.2/20000) ≈ 0.0028, √(0.02·0.98/20000) ≈ 0.001
        assertEquals(0.8, obs[0], 0.012);
        assertEquals(0.02, obs[1], 0.004);
        for (double[] row : f.features()) for (double v : row) assertTrue(v == 0 || v == 1);
    }

    @Test
    void anAbsentFeatureGetsNoGradient() {
        LogisticRegression f = new LogisticRegression(100, new double[]{0.5, 0.05}, new double[]{1, 1}, 2, Sampling.single());
        double[] w = {0.1, 0.1}, g = new double[2];
        int absent = 0;
        for (long t = 1; t <= 100; t++) {
            int i = f.batch(t)[0];
            f.evaluate(w, g, t);
            if (f.activeFeatures(i).length == 0 || Arrays.stream(f.activeFeatures(i)).noneMatch(j -> j == 1)) {
                assertEquals(0, g[1]);
                absent++;
            } else {
                assertNotEquals(0, g[1]);
            }
        }
        assertTrue(absent > 50, "the rare feature is absent most of the time");
    }

    @Test
    void stochasticModesAreDeterministicAndAverageToTheFullGradient() {
        LogisticRegression f = new LogisticRegression(60, new double[]{0.7, 0.3, 0.1}, new double[]{1, -2, 3}, 9, Sampling.single());
        double[] w = {0.2, 0.1, -0.3}, g = new double[3], h = new double[3], sum = new double[3], full = new double[3];
        f.evaluate(w, g, 3);
        f.evaluate(w, h, 3);
        assertArrayEquals(g, h, 0);
        for (long t = 1; t <= 60; t++) {
            f.evaluate(w, g, t);
            for (int j = 0; j < 3; j++) sum[j] += g[j] / 60;
        }
        f.gradient(w, full);
        assertArrayEquals(full, sum, 1e-12);
        LogisticRegression b = f.withSampling(Sampling.minibatch(6));
        double[] a1 = new double[3], a2 = new double[3];
        b.evaluate(w, a1, 1);
        b.evaluate(w, a2, 2);
        assertFalse(Arrays.equals(a1, a2));
    }

    @Test
    void validation() {
        assertThrows(IllegalArgumentException.class, () -> new LogisticRegression(10, new double[]{0.5, 0}, 1));
        assertThrows(IllegalArgumentException.class, () -> new LogisticRegression(10, new double[]{1.5}, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new LogisticRegression(10, new double[]{0.5}, new double[]{1, 2}, 1, Sampling.full()));
    }
}
