package adalab.objectives;

import java.util.Arrays;
import java.util.Random;

/**
 * Wilson et al. (2017, "The Marginal Value of Adaptive Gradient Methods in Machine Learning", §3.3):
 * binary least squares on linearly separable data with more features than examples. Labels yᵢ = +1
 * with probability p (> ½), else −1. Example i has feature 0 equal to yᵢ, features 1 and 2 equal to 1,
 * and a block of five features of its own (block i: features 3 + 5i … 7 + 5i): its first feature is 1
 * when yᵢ = +1, all five are 1 when yᵢ = −1; every other feature is 0. The loss is ½·mean((xᵢ·w − yᵢ)²)
 * over the training examples.
 *
 * <p>Held-out examples are drawn the same way, each with a block of its own that no training example
 * shares. Those blocks are left out of the model (dimension 3 + 5·nTrain): no training gradient ever
 * touches them, so any method started at w = 0 keeps a weight of 0 there, and they add nothing to a
 * held-out prediction.
 */
public final class SeparableLeastSquares extends DataObjective implements HeldOut {

    private final double[] y, testY;
    private final double p;
    private final int nTrain;

    public SeparableLeastSquares(int nTrain, int nTest, double p, long seed) {
        this(nTrain, nTest, p, seed, Sampling.full());
    }

    public SeparableLeastSquares(int nTrain, int nTest, double p, long seed, Sampling sampling) {
        super(checkArguments(nTrain, nTest, p), seed, sampling);
        Random r = new Random(seed);
        this.y = draw(r, nTrain, p);
        this.testY = draw(r, nTest, p);
        this.p = p;
        this.nTrain = nTrain;
    }

    private SeparableLeastSquares(SeparableLeastSquares o, Sampling s) {
        super(o.nTrain, o.seed(), s);
        this.y = o.y;
        this.testY = o.testY;
        this.p = o.p;
        this.nTrain = o.nTrain;
    }

    /** The same data with another sampling (e.g. Sampling.single() for SGD). */
    public SeparableLeastSquares withSampling(Sampling s) { return new SeparableLeastSquares(this, s); }

    private static int checkArguments(int nTrain, int nTest, double p) {
        if (nTrain < 1) throw new IllegalArgumentException("separable nTrain = " + nTrain + ": allowed an integer >= 1");
        if (nTest < 1) throw new IllegalArgumentException("separable nTest = " + nTest + ": allowed an integer >= 1");
        if (!(p > 0.5 && p < 1)) throw new IllegalArgumentException("separable p = " + p + ": allowed (0.5, 1), the positive class the larger");
        return nTrain;
    }

    private static double[] draw(Random r, int n, double p) {
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) labels[i] = r.nextDouble() < p ? 1 : -1;
        return labels;
    }

    /** Example i's score x·w: y w₀ + w₁ + w₂ + the weights of its own block (none for a held-out example). */
    private double score(double label, int block, double[] w) {
        double s = label * w[0] + w[1] + w[2];
        if (block < 0) return s;
        int first = 3 + 5 * block, ones = label > 0 ? 1 : 5;
        for (int k = 0; k < ones; k++) s += w[first + k];
        return s;
    }

    // ---------------------------------------------------------------- data for notebooks

    @Override public int examples() { return nTrain; }

    /** The probability of the positive class. */
    public double p() { return p; }

    /** Training labels ±1 (a copy). */
    public double[] labels() { return y.clone(); }

    /** Held-out labels ±1 (a copy). */
    public double[] testLabels() { return testY.clone(); }

    /** The dense training matrix, nTrain rows of 3 + 5·nTrain. */
    public double[][] features() {
        double[][] x = new double[nTrain][dimension()];
        for (int i = 0; i < nTrain; i++) x[i] = row(y[i], i);
        return x;
    }

    /** The dense held-out matrix in the model's coordinates (their own blocks left out, see the class comment). */
    public double[][] testFeatures() {
        double[][] x = new double[testY.length][];
        for (int i = 0; i < testY.length; i++) x[i] = row(testY[i], -1);
        return x;
    }

    private double[] row(double label, int block) {
        double[] x = new double[dimension()];
        x[0] = label;
        x[1] = 1;
        x[2] = 1;
        if (block >= 0) Arrays.fill(x, 3 + 5 * block, 3 + 5 * block + (label > 0 ? 1 : 5), 1);
        return x;
    }

    /** Fraction of training examples with sign(x·w) ≠ y (a score of exactly 0 counts as wrong). */
    public double trainError(double[] w) {
        Specs.checkLength(w, dimension(), "x");
        int wrong = 0;
        for (int i = 0; i < nTrain; i++) if (!(score(y[i], i, w) * y[i] > 0)) wrong++;
        return (double) wrong / nTrain;
    }

    /** Fraction of held-out examples with sign(x·w) ≠ y (a score of exactly 0 counts as wrong). */
    public double heldOutError(double[] w) {
        Specs.checkLength(w, dimension(), "x");
        int wrong = 0;
        for (double label : testY) if (!(score(label, -1, w) * label > 0)) wrong++;
        return (double) wrong / testY.length;
    }

    /** The held-out error for every row of a run's parameters. */
    public double[] heldOutErrors(double[][] rows) {
        if (rows == null) throw new IllegalArgumentException("rows is null: record the run's parameters (Recording.params(true))");
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) out[k] = heldOutError(rows[k]);
        return out;
    }

    @Override
    public double heldOutLoss(double[] w) {
        Specs.checkLength(w, dimension(), "x");
        double s = 0;
        for (double label : testY) {
            double r = score(label, -1, w) - label;
            s += 0.5 * r * r;
        }
        return s / testY.length;
    }

    @Override public int heldOutExamples() { return testY.length; }

    // ---------------------------------------------------------------- Objective

    @Override
    public String name() { return "separable(n=" + nTrain + ",p=" + Specs.fmt(p) + "," + sampling() + ")"; }

    @Override public int dimension() { return 3 + 5 * nTrain; }

    @Override
    protected double exampleLoss(int i, double[] w) {
        double r = score(y[i], i, w) - y[i];
        return 0.5 * r * r;
    }

    @Override
    protected double accumulate(int i, double[] w, double[] grad) {
        double r = score(y[i], i, w) - y[i];
        grad[0] += r * y[i];
        grad[1] += r;
        grad[2] += r;
        int first = 3 + 5 * i, ones = y[i] > 0 ? 1 : 5;
        for (int k = 0; k < ones; k++) grad[first + k] += r;
        return 0.5 * r * r;
    }
}
