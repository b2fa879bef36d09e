package adalab.numerics;

import adalab.objectives.LogisticRegression;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Fisher information of logistic regression, p = σ(x·w), y ~ Bernoulli, for the Fisher-view notebook.
 * <ul>
 * <li>{@link #empirical}: the empirical Fisher (1/n) Σ gᵢgᵢᵀ from per-sample gradients.</li>
 * <li>{@link BinaryFeatures}: exact expectations over independent 0/1 features (feature j present with
 *     probability fⱼ; fⱼ = 1 is an intercept), by enumerating every feature pattern: the true Fisher
 *     E[p(1−p)xxᵀ], the expected empirical Fisher when labels really come from q(x), and the spread of
 *     one sample's (p−y)²xⱼ², which sets how far an n-sample empirical Fisher may stray.</li>
 * </ul>
 */
public final class Fisher {

    private Fisher() {}

    /** (1/n) Σᵢ gᵢ gᵢᵀ over the rows of grads (n per-sample gradients of length d). */
    public static double[][] empirical(double[][] grads) {
        if (grads == null || grads.length == 0) {
            throw new IllegalArgumentException("per-sample gradients: " + (grads == null ? "null" : "0 rows") + ", need at least one");
        }
        int n = grads.length, d = grads[0].length;
        double[][] m = new double[d][d];
        for (int i = 0; i < n; i++) {
            double[] g = grads[i];
            if (g == null || g.length != d) {
                throw new IllegalArgumentException("per-sample gradient " + i + " has " + (g == null ? "no" : "" + g.length)
                        + " elements: need " + d + " like row 0");
            }
            for (int a = 0; a < d; a++) {
                if (!Double.isFinite(g[a])) throw new IllegalArgumentException("per-sample gradient " + i + "[" + a + "] = " + g[a] + ": must be finite");
                for (int b = 0; b < d; b++) m[a][b] += g[a] * g[b];
            }
        }
        for (double[] row : m) for (int b = 0; b < d; b++) row[b] /= n;
        return m;
    }

    /** The diagonal of a square matrix (a copy). */
    public static double[] diagonal(double[][] m) {
        double[] d = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            if (m[i].length != m.length) throw new IllegalArgumentException("matrix row " + i + " has " + m[i].length + " elements: need " + m.length + " (square)");
            d[i] = m[i][i];
        }
        return d;
    }

    /** Independent binary features with the given presence probabilities. */
    public static BinaryFeatures binaryFeatures(double... frequencies) { return new BinaryFeatures(frequencies); }

    /** The joint distribution of independent 0/1 features, enumerated pattern by pattern. */
    public static final class BinaryFeatures {
        /** Patterns grow as 2^k in the k features with f < 1: keep it small and exact. */
        public static final int MAX_VARYING = 20;

        private final double[] freq;
        private final double[][] x;    // every pattern of positive probability
        private final double[] prob;

        private BinaryFeatures(double[] frequencies) {
            if (frequencies == null || frequencies.length == 0) {
                throw new IllegalArgumentException("feature frequencies: need at least one, each in (0, 1]");
            }
            int d = frequencies.length, varying = 0;
            for (int j = 0; j < d; j++) {
                double f = frequencies[j];
                if (!(f > 0 && f <= 1)) throw new IllegalArgumentException("feature frequency f" + j + " = " + f + ": allowed (0, 1]");
                if (f < 1) varying++;
            }
            if (varying > MAX_VARYING) {
                throw new IllegalArgumentException("features with frequency < 1: " + varying + ", allowed at most " + MAX_VARYING);
            }
            freq = frequencies.clone();
            List<double[]> xs = new ArrayList<>();
            List<Double> ps = new ArrayList<>();
            for (int mask = 0; mask < (1 << varying); mask++) {
                double[] row = new double[d];
                double p = 1;
                int bit = 0;
                for (int j = 0; j < d; j++) {
                    if (freq[j] == 1) { row[j] = 1; continue; }
                    boolean on = ((mask >> bit++) & 1) == 1;
                    row[j] = on ? 1 : 0;
                    p *= on ? freq[j] : 1 - freq[j];
                }
                xs.add(row);
                ps.add(p);
            }
            x = xs.toArray(new double[0][]);
            prob = ps.stream().mapToDouble(Double::doubleValue).toArray();
        }

        public int dimension() { return freq.length; }

        /** Every feature pattern (copies), in the order of {@link #probabilities()}. */
        public double[][] patterns() {
            double[][] c = new double[x.length][];
            for (int i = 0; i < x.length; i++) c[i] = x[i].clone();
            return c;
        }

        public double[] probabilities() { return prob.clone(); }

        /** The true Fisher at w: E_x[p(1−p) x xᵀ], labels from the model itself. */
        public double[][] fisher(double[] w) {
            check(w);
            return weighted(w, (p, q) -> p * (1 - p), null);
        }

        /**
         * E_x E_{y~q(x)}[(p−y)² x xᵀ]: what the empirical Fisher estimates when the labels come from q,
         * since E[(p−y)²] = q(1−q) + (p−q)². With q = σ(x·w) it is the Fisher itself.
         */
        public double[][] expectedEmpirical(double[] w, ToDoubleFunction<double[]> q) {
            check(w);
            if (q == null) throw new IllegalArgumentException("label probability q(x) is null");
            return weighted(w, (p, qq) -> qq * (1 - qq) + (p - qq) * (p - qq), q);
        }

        /**
         * Standard deviation of one sample's diagonal term (p−y)²xⱼ² (x drawn, y ~ q(x)), using
         * E[(p−y)⁴] = q(1−p)⁴ + (1−q)p⁴: an n-sample empirical Fisher's diagonal has standard error sd/√n.
         */
        public double[] sampleSd(double[] w, ToDoubleFunction<double[]> q) {
            check(w);
            if (q == null) throw new IllegalArgumentException("label probability q(x) is null");
            int d = freq.length;
            double[] m2 = new double[d], m4 = new double[d];
            for (int i = 0; i < x.length; i++) {
                double p = LogisticRegression.sigmoid(dot(x[i], w)), qq = label(q, i);
                double e2 = qq * (1 - qq) + (p - qq) * (p - qq);
                double e4 = qq * Math.pow(1 - p, 4) + (1 - qq) * Math.pow(p, 4);
                for (int j = 0; j < d; j++) {
                    double xj2 = x[i][j] * x[i][j];
                    m2[j] += prob[i] * e2 * xj2;
                    m4[j] += prob[i] * e4 * xj2 * xj2;
                }
            }
            double[] sd = new double[d];
            for (int j = 0; j < d; j++) sd[j] = Math.sqrt(Math.max(0, m4[j] - m2[j] * m2[j]));
            return sd;
        }

        private interface Weight { double of(double p, double q); }

        private double[][] weighted(double[] w, Weight weight, ToDoubleFunction<double[]> q) {
            int d = freq.length;
            double[][] m = new double[d][d];
            for (int i = 0; i < x.length; i++) {
                double p = LogisticRegression.sigmoid(dot(x[i], w));
                double c = prob[i] * weight.of(p, q == null ? p : label(q, i));
                for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) m[a][b] += c * x[i][a] * x[i][b];
            }
            return m;
        }

        private double label(ToDoubleFunction<double[]> q, int i) {
            double v = q.applyAsDouble(x[i].clone());
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("label probability q(x) = " + v + " at pattern " + java.util.Arrays.toString(x[i]) + ": allowed [0, 1]");
            }
            return v;
        }

        private void check(double[] w) {
            if (w == null || w.length != freq.length) {
                throw new IllegalArgumentException("weights w has " + (w == null ? "no" : "" + w.length) + " elements: need " + freq.length);
            }
            for (int j = 0; j < w.length; j++) {
                if (!Double.isFinite(w[j])) throw new IllegalArgumentException("weight w" + j + " = " + w[j] + ": must be finite");
            }
        }

        private static double dot(double[] a, double[] b) {
            double s = 0;
            for (int j = 0; j < a.length; j++) s += a[j] * b[j];
            return s;
        }
    }
}
