package adalab.optim;

import adalab.optim.Hyperparameter.Range;

/**
 * RMSProp (docs 000, 002, 004):
 * <pre>
 *   v ← ρ v + (1−ρ) g²
 *   θ ← θ − η g / √(v + ε)        eps_placement=inside  (the formula of docs 002/004, the default)
 *   θ ← θ − η g / (√v + ε)        eps_placement=outside (doc 004's pseudo-code, PyTorch)
 * </pre>
 * η = 1e-3, ρ = 0.9, ε = 1e-8 (doc 004). With ε = 0 an element with v = 0 takes no step: the
 * 0/0 is not written into θ (as in {@link Adam}).
 */
public class RmsProp extends Optimizer {
    final Hyperparameter lr = number("lr", 1e-3, Range.positive());
    final Hyperparameter rho = number("rho", 0.9, Range.unitHalfOpen());
    final Hyperparameter eps = number("eps", 1e-8, Range.nonNegative());
    final Hyperparameter epsPlacement = choice("eps_placement", "inside", "inside", "outside");

    double eta, r, epsilon;
    boolean inside;

    public RmsProp() { super("rmsprop", new String[]{"v"}, 0); }

    public RmsProp lr(double x) { set("lr", x); return this; }
    public RmsProp rho(double x) { set("rho", x); return this; }
    public RmsProp eps(double x) { set("eps", x); return this; }
    public RmsProp epsInside(boolean inside) { set("eps_placement", inside ? "inside" : "outside"); return this; }

    @Override
    protected void prepare(long t) {
        eta = lrAt(t);
        r = rho.value();
        epsilon = eps.value();
        inside = epsPlacement.selected().equals("inside");
    }

    @Override
    protected void update(double[] p, double[] g, int pg, int s, int len) {
        final double[] v = ds[0];
        final double eta = this.eta, r = this.r, a = 1 - this.r, eps = this.epsilon;
        final boolean inside = this.inside;
        for (int j = 0; j < len; j++) {
            double gj = g[pg + j];
            double vj = r * v[s + j] + a * gj * gj;
            v[s + j] = vj;
            double denom = inside ? Math.sqrt(vj + eps) : Math.sqrt(vj) + eps;
            if (denom > 0) p[pg + j] -= eta * (gj / denom); // denom = 0 only for ε = 0 and v = 0: no step
        }
    }

    @Override
    protected void update(float[] p, float[] g, int pg, int s, int len) {
        final float[] v = fs[0];
        final float eta = (float) this.eta, r = (float) this.r, a = (float) (1 - this.r), eps = (float) this.epsilon;
        final boolean inside = this.inside;
        for (int j = 0; j < len; j++) {
            float gj = g[pg + j];
            float vj = r * v[s + j] + a * gj * gj;
            v[s + j] = vj;
            float denom = inside ? (float) Math.sqrt(vj + eps) : (float) Math.sqrt(vj) + eps;
            if (denom > 0) p[pg + j] -= eta * (gj / denom);
        }
    }

    /** η/√(v + ε) (or η/(√v + ε)) per parameter, as applied to g at the last step. */
    @Override
    public double[] effectiveRates() {
        double[] v = state("v");
        if (v == null || step() == 0) return null;
        prepare(step()); // the last step's scalars, also after restore()
        for (int i = 0; i < v.length; i++) {
            v[i] = eta / (inside ? Math.sqrt(v[i] + epsilon) : Math.sqrt(v[i]) + epsilon);
        }
        return v;
    }
}
