package adalab.optim;

import adalab.optim.Hyperparameter.Range;

import java.util.Arrays;

/**
 * Nesterov accelerated gradient as doc 004 writes it, the gradient taken at the look-ahead point:
 * <pre>
 *   g ← ∇J(θ − γ v)
 *   v ← γ v + η g
 *   θ ← θ − v
 * </pre>
 * {@link #step(double[], GradientOracle)} asks the oracle at θ − γv (once per step). With
 * {@link #step(double[], double[])} the caller supplies g and it is understood as taken at the
 * look-ahead point; {@link #gradientPoint(double[], double[])} tells where that is. Passing a
 * gradient taken at θ instead turns this into plain {@link Momentum}.
 *
 * <p>γ ≈ 0.9 as in the documents; they give no learning rate, 0.01 is used.
 */
public class Nag extends Optimizer {
    final Hyperparameter lr = number("lr", 0.01, Range.positive());
    final Hyperparameter gamma = number("gamma", 0.9, Range.unitHalfOpen());

    double eta, gam;

    public Nag() { super("nag", new String[]{"v"}, 0); }

    public Nag lr(double x) { set("lr", x); return this; }
    public Nag gamma(double x) { set("gamma", x); return this; }

    @Override
    public boolean usesLookahead() { return true; }

    /** out = x − γ v (v = 0 before the first step, so the first gradient is taken at x). */
    @Override
    protected void lookahead(double[] x, double[] out) {
        final double gam = gamma.value();
        if (ds != null) {
            final double[] v = ds[0];
            for (int i = 0; i < x.length; i++) out[i] = x[i] - gam * v[i];
        } else if (fs != null) {
            final float[] v = fs[0];
            for (int i = 0; i < x.length; i++) out[i] = x[i] - gam * v[i];
        } else {
            System.arraycopy(x, 0, out, 0, x.length);
        }
    }

    @Override
    protected void prepare(long t) {
        eta = lrAt(t);
        gam = gamma.value();
    }

    @Override
    protected void update(double[] p, double[] g, double[][] st, int from, int to) {
        final double[] v = st[0];
        final double eta = this.eta, gam = this.gam;
        for (int i = from; i < to; i++) {
            double vj = gam * v[i] + eta * g[i];
            v[i] = vj;
            p[i] -= vj;
        }
    }

    @Override
    protected void update(float[] p, float[] g, float[][] st, int from, int to) {
        final float[] v = st[0];
        final float eta = (float) this.eta, gam = (float) this.gam;
        for (int i = from; i < to; i++) {
            float vj = gam * v[i] + eta * g[i];
            v[i] = vj;
            p[i] -= vj;
        }
    }

    /** η for every parameter, the rate that multiplied the gradient at the last step. */
    @Override
    public double[] effectiveRates() {
        if (size() < 0 || step() == 0) return null;
        double[] r = new double[size()];
        Arrays.fill(r, lrAt(step()));
        return r;
    }
}
