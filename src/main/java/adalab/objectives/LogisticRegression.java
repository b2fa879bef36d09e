package adalab.objectives;

import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

/**
 * Logistic regression on sparse binary features: feature j is 1 with probability pⱼ (else 0),
 * labels yᵢ ∈ {0, 1} drawn Bernoulli(σ(xᵢ·w*)) from true weights, all from a seed. The loss is
 * the mean log-loss mean(log(1 + e^{zᵢ}) − yᵢzᵢ), zᵢ = xᵢ·w, computed without overflow;
 * {@link #value} and {@link #gradient} are the full-data ones, {@link #evaluate} uses the
 * step's sample or mini-batch ({@link Sampling}). Used for AdaGrad's sparse-feature and Fisher
 * notebooks: a rare feature's gradient is zero whenever it is absent.
 */
public final class LogisticRegression extends DataObjective {

    private final double[] freq, trueW;
    private final int[][] active;       // indices of the features present in each example
    private final double[] y;

    /** True weights all 1. */
    public LogisticRegression(int n, double[] frequencies, long seed) {
        this(n, frequencies, ones(frequencies == null ? 0 : frequencies.length), seed, Sampling.full());
    }

    public LogisticRegression(int n, double[] frequencies, double[] trueWeights, long seed, Sampling sampling) {
        super(checkArguments(n, frequencies, trueWeights, sampling), seed, sampling);
        int d = frequencies.length;
        Random r = new Random(seed);
        active = new int[n][];
        y = new double[n];
        int[] buf = new int[d];
        for (int i = 0; i < n; i++) {
            int k = 0;
            double z = 0;
            for (int j = 0; j < d; j++) {
                if (r.nextDouble() < frequencies[j]) {
                    buf[k++] = j;
                    z += trueWeights[j];
                }
            }
            active[i] = Arrays.copyOf(buf, k);
            y[i] = r.nextDouble() < sigmoid(z) ? 1 : 0;
        }
        this.freq = frequencies.clone();
        this.trueW = trueWeights.clone();
    }

    /** Checks the generator's arguments before anything is drawn; returns n. */
    private static int checkArguments(int n, double[] frequencies, double[] trueWeights, Sampling sampling) {
        if (n < 1) throw new IllegalArgumentException("logreg n = " + n + ": allowed an integer >= 1");
        if (frequencies == null || frequencies.length < 1) {
            throw new IllegalArgumentException("logreg frequencies: need at least one feature frequency in (0, 1]");
        }
        int d = frequencies.length;
        for (int j = 0; j < d; j++) {
            if (!(frequencies[j] > 0 && frequencies[j] <= 1)) {
                throw new IllegalArgumentException("logreg frequency p" + j + " = " + frequencies[j] + ": allowed (0, 1]");
            }
        }
        if (trueWeights == null || trueWeights.length != d) {
            throw new IllegalArgumentException("logreg true weights has " + (trueWeights == null ? "no" : "" + trueWeights.length)
                    + " elements: need one per feature, " + d);
        }
        for (int j = 0; j < d; j++) Specs.finite("logreg true weight w" + j, trueWeights[j]);
        if (sampling == null) throw new IllegalArgumentException("sampling is null: use Sampling.full(), single() or minibatch(b)");
        return n;
    }

    private LogisticRegression(LogisticRegression o, Sampling s) {
        super(o.y.length, o.seed(), s);
        this.freq = o.freq;
        this.trueW = o.trueW;
        this.active = o.active;
        this.y = o.y;
    }

    /** The same data with another sampling. */
    public LogisticRegression withSampling(Sampling s) { return new LogisticRegression(this, s); }

    private static double[] ones(int d) {
        double[] w = new double[d];
        Arrays.fill(w, 1);
        return w;
    }

    /** σ(z) = 1/(1 + e^{−z}), evaluated without overflow for either sign. */
    public static double sigmoid(double z) {
        if (z >= 0) return 1 / (1 + Math.exp(-z));
        double e = Math.exp(z);
        return e / (1 + e);
    }

    /** log(1 + e^z) − y z, stable for large |z|. */
    static double logLoss(double z, double y) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y * z;
    }

    // ---------------------------------------------------------------- data for notebooks

    @Override public int examples() { return y.length; }

    public double[] frequencies() { return freq.clone(); }

    public double[] trueWeights() { return trueW.clone(); }

    /** The dense 0/1 feature matrix (a copy), n rows of d. */
    public double[][] features() {
        double[][] x = new double[y.length][freq.length];
        for (int i = 0; i < y.length; i++) for (int j : active[i]) x[i][j] = 1;
        return x;
    }

    /** Indices of the features present in example i (a copy). */
    public int[] activeFeatures(int i) { return active[i].clone(); }

    /** Labels 0/1 (a copy). */
    public double[] labels() { return y.clone(); }

    /** How often each feature is present in the data set (empirical frequencies). */
    public double[] observedFrequencies() {
        double[] c = new double[freq.length];
        for (int[] a : active) for (int j : a) c[j]++;
        for (int j = 0; j < c.length; j++) c[j] /= y.length;
        return c;
    }

    /** The model's probability σ(xᵢ·w) for every example. */
    public double[] probabilities(double[] w) {
        Specs.checkLength(w, dimension(), "x");
        double[] p = new double[y.length];
        for (int i = 0; i < y.length; i++) p[i] = sigmoid(z(i, w));
        return p;
    }

    private double z(int i, double[] w) {
        double z = 0;
        for (int j : active[i]) z += w[j];
        return z;
    }

    @Override
    protected double exampleLoss(int i, double[] w) { return logLoss(z(i, w), y[i]); }

    /** Adds example i's log-loss gradient (σ(zᵢ) − yᵢ) xᵢ to grad. */
    @Override
    protected double accumulate(int i, double[] w, double[] grad) {
        double z = z(i, w);
        double r = sigmoid(z) - y[i];
        for (int j : active[i]) grad[j] += r;
        return logLoss(z, y[i]);
    }

    // ---------------------------------------------------------------- Objective

    @Override
    public String name() { return "logreg(n=" + y.length + ",d=" + freq.length + "," + sampling() + ")"; }

    @Override public int dimension() { return freq.length; }

    /** No closed form; separable data have none at all. */
    @Override
    public Optional<double[]> minimizer() { return Optional.empty(); }
}
