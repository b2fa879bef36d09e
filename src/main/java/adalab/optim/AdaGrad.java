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

    @Override
    protected void update(double[] p, double[] g, int pg, int s, int len) {
        final double[] acc = ds[0];
        final double eta = this.eta, eps = this.epsilon;
        final boolean inside = this.inside;
        for (int j = 0; j < len; j++) {
            double gj = g[pg + j];
            double a = acc[s + j] + gj * gj;
            acc[s + j] = a;
            double denom = inside ? Math.sqrt(a + eps) : Math.sqrt(a) + eps;
            if (denom > 0) p[pg + j] -= eta * (gj / denom); // denom = 0 only for ε = 0 and G = 0: no step
        }
    }

    @Override
    protected void update(float[] p, float[] g, int pg, int s, int len) {
        final float[] acc = fs[0];
        final float eta = (float) this.eta, eps = (float) this.epsilon;
        final boolean inside = this.inside;
        for (int j = 0; j < len; j++) {
            float gj = g[pg + j];
            float a = acc[s + j] + gj * gj;
            acc[s + j] = a;
            float denom = inside ? (float) Math.sqrt(a + eps) : (float) Math.sqrt(a) + eps;
            if (denom > 0) p[pg + j] -= eta * (gj / denom);
        }
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
}
