package adalab.optim;

import adalab.optim.Hyperparameter.Range;

/**
 * AdaGrad (docs 000, 001, 002, 004):
 * <pre>
 *   G ← G + g²
 *   θ ← θ − η g / √(G + ε)        eps_placement=inside  (the formula of docs 000/004, the default)
 *   θ ← θ − η g / (√G + ε)        eps_placement=outside (doc 004's pseudo-code, PyTorch)
 * </pre>
 * ε = 1e-8 (doc 004). The documents give no learning rate; 0.01 is used (PyTorch's default).
 * With ε = 0 an element with G = 0 (all its gradients zero, or too small to square) takes no
 * step: the 0/0 is not written into θ (as in {@link Adam}).
 */
public class AdaGrad extends Optimizer {
    final Hyperparameter lr = number("lr", 0.01, Range.positive());
    final Hyperparameter eps = number("eps", 1e-8, Range.nonNegative());
    final Hyperparameter epsPlacement = choice("eps_placement", "inside", "inside", "outside");

    double eta, epsilon;
    boolean inside;

    public AdaGrad() { super("adagrad", new String[]{"G"}, 0); }

    public AdaGrad lr(double x) { set("lr", x); return this; }
    public AdaGrad eps(double x) { set("eps", x); return this; }
    public AdaGrad epsInside(boolean inside) { set("eps_placement", inside ? "inside" : "outside"); return this; }

    @Override
    protected void prepare(long t) {
        eta = lrAt(t);
        epsilon = eps.value();
        inside = epsPlacement.selected().equals("inside");
    }

    // two loops: see Optimizer.SHORT
    @Override
    protected void update(double[] p, double[] g, double[][] st, int from, int to) {
        final double[] acc = st[0];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, acc);
        else for (int i = from; i < to; i++) at(i, p, g, acc);
    }

    private void at(int i, double[] p, double[] g, double[] acc) {
        double gj = g[i];
        double a = acc[i] + gj * gj;
        acc[i] = a;
        double denom = inside ? Math.sqrt(a + epsilon) : Math.sqrt(a) + epsilon;
        // denom = 0 only for ε = 0 and G = 0 (g zero or too small to square): no step. Branch-free so
        // the loop vectorizes: keep is exactly 1 for any denom > 0 (even subnormal), 0 for denom = 0,
        // and gj/denom·1 is bit-equal to gj/denom (a zero θ may only change its sign).
        double keep = Math.min(denom * 0x1p1023 * 0x1p1023, 1.0);
        p[i] -= eta * (gj / Math.max(denom, Double.MIN_VALUE) * keep);
    }

    @Override
    protected void update(float[] p, float[] g, float[][] st, int from, int to) {
        final float[] acc = st[0];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, acc);
        else for (int i = from; i < to; i++) at(i, p, g, acc);
    }

    private void at(int i, float[] p, float[] g, float[] acc) {
        float gj = g[i];
        float a = acc[i] + gj * gj;
        acc[i] = a;
        float denom = inside ? (float) Math.sqrt(a + (float) epsilon) : (float) Math.sqrt(a) + (float) epsilon;
        float keep = Math.min(denom * 0x1p127f * 0x1p127f, 1f);
        p[i] -= (float) eta * (gj / Math.max(denom, Float.MIN_VALUE) * keep);
    }

    /** η/√(G + ε) (or η/(√G + ε)) per parameter, as applied to g at the last step. */
    @Override
    public double[] effectiveRates() {
        double[] acc = state("G");
        if (acc == null || step() == 0) return null;
        prepare(step()); // the last step's scalars, also after restore()
        for (int i = 0; i < acc.length; i++) {
            acc[i] = eta / (inside ? Math.sqrt(acc[i] + epsilon) : Math.sqrt(acc[i]) + epsilon);
        }
        return acc;
    }

    @Override
    public ElementRule rule() { return new AdaGradRule(this); }
}
