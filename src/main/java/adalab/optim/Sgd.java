package adalab.optim;

import adalab.optim.Hyperparameter.Range;

/**
 * Plain gradient descent (doc 004): {@code θ ← θ − η g}.
 *
 * <p>The same rule is BGD, SGD or mini-batch gradient descent: which one depends only on what
 * the gradient oracle returns (the whole data set, one sample, or a mini-batch).
 *
 * <p>The documents give no default learning rate; 0.01 is used (PyTorch's and Keras' choice).
 */
public class Sgd extends Optimizer {
    final Hyperparameter lr = number("lr", 0.01, Range.positive());

    double eta;

    public Sgd() { super("sgd", new String[0], 0); }

    public Sgd lr(double x) { set("lr", x); return this; }

    @Override
    protected void prepare(long t) {
        eta = lrAt(t);
    }

    // two loops: see Optimizer.SHORT
    @Override
    protected void update(double[] p, double[] g, double[][] st, int from, int to) {
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g);
        else for (int i = from; i < to; i++) at(i, p, g);
    }

    private void at(int i, double[] p, double[] g) {
        p[i] -= eta * g[i];
    }

    @Override
    protected void update(float[] p, float[] g, float[][] st, int from, int to) {
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g);
        else for (int i = from; i < to; i++) at(i, p, g);
    }

    private void at(int i, float[] p, float[] g) {
        p[i] -= (float) eta * g[i];
    }

    /** η for every parameter, as applied at the last step (schedule included). */
    @Override
    public double[] effectiveRates() { return uniformRates(); }

    @Override
    public ElementRule rule() { return new SgdRule(this); }
}
