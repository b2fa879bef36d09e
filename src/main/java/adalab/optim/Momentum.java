package adalab.optim;

import adalab.optim.Hyperparameter.Range;

/**
 * Momentum in the documents' convention (doc 004), the learning rate inside the buffer:
 * <pre>
 *   v ← γ v + η g
 *   θ ← θ − v
 * </pre>
 * γ = 0 is plain gradient descent. The documents give γ ≈ 0.9 and no learning rate; 0.01 is used.
 * (PyTorch keeps η outside: v ← γv + g, θ ← θ − ηv; the paths agree while η is constant.)
 */
public class Momentum extends Optimizer {
    final Hyperparameter lr = number("lr", 0.01, Range.positive());
    final Hyperparameter gamma = number("gamma", 0.9, Range.unitHalfOpen());

    double eta, gam;

    public Momentum() { this("momentum"); }

    Momentum(String name) { super(name, new String[]{"v"}, 0); }

    public Momentum lr(double x) { set("lr", x); return this; }
    public Momentum gamma(double x) { set("gamma", x); return this; }

    @Override
    protected void prepare(long t) {
        eta = lrAt(t);
        gam = gamma.value();
    }

    // two loops: see Optimizer.SHORT
    @Override
    protected void update(double[] p, double[] g, double[][] st, int from, int to) {
        final double[] v = st[0];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, v);
        else for (int i = from; i < to; i++) at(i, p, g, v);
    }

    private void at(int i, double[] p, double[] g, double[] v) {
        double vj = gam * v[i] + eta * g[i];
        v[i] = vj;
        p[i] -= vj;
    }

    @Override
    protected void update(float[] p, float[] g, float[][] st, int from, int to) {
        final float[] v = st[0];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, v);
        else for (int i = from; i < to; i++) at(i, p, g, v);
    }

    private void at(int i, float[] p, float[] g, float[] v) {
        float vj = (float) gam * v[i] + (float) eta * g[i];
        v[i] = vj;
        p[i] -= vj;
    }

    /** η for every parameter, the rate that multiplied the gradient at the last step. */
    @Override
    public double[] effectiveRates() { return uniformRates(); }

    @Override
    public ElementRule rule() { return new MomentumRule(this, false); }
}
