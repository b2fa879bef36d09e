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
 *
 * <p>torch.optim.RMSprop's two options, both off by default (the documents have neither):
 * <pre>
 *   centered=on:  ḡ ← ρ ḡ + (1−ρ) g,   the denominator uses v − ḡ² (clamped at 0) in place of v
 *   momentum=μ:   b ← μ b + g/denominator,   θ ← θ − η b
 * </pre>
 * They add the state arrays "g_avg" and "buf", so they are set before the first step (or after
 * reset()). ḡ is updated as the other moments are (ρḡ + (1−ρ)g; PyTorch writes it as a lerp).
 */
public class RmsProp extends Optimizer {
    final Hyperparameter lr = number("lr", 1e-3, Range.positive());
    final Hyperparameter rho = number("rho", 0.9, Range.unitHalfOpen());
    final Hyperparameter eps = number("eps", 1e-8, Range.nonNegative());
    final Hyperparameter epsPlacement = choice("eps_placement", "inside", "inside", "outside");
    final Hyperparameter centered = choice("centered", "off", "off", "on");
    final Hyperparameter momentum = number("momentum", 0, Range.unitHalfOpen());

    double eta, r, epsilon, mu;
    boolean inside, isCentered, hasMomentum;

    public RmsProp() { super("rmsprop", new String[]{"v"}, 0); }

    /** torch.optim.RMSprop's centered=True: divide by the root of v − ḡ², an estimate of the variance. */
    public RmsProp centered(boolean on) { set("centered", on ? "on" : "off"); return this; }
    /** torch.optim.RMSprop's momentum: a buffer b ← μb + g/denominator, and θ ← θ − ηb. */
    public RmsProp momentum(double x) { set("momentum", x); return this; }

    /** The state arrays follow the options: v, then g_avg when centered, then buf with momentum. */
    @Override
    protected void checkConsistency() {
        boolean c = centered.selected().equals("on"), b = momentum.value() > 0;
        String[] names = c && b ? new String[]{"v", "g_avg", "buf"} : c ? new String[]{"v", "g_avg"}
                : b ? new String[]{"v", "buf"} : new String[]{"v"};
        stateLayout("centered = " + centered.selected() + ", momentum = " + momentum.value(), names);
    }

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
        isCentered = centered.selected().equals("on");
        mu = momentum.value();
        hasMomentum = mu > 0;
    }

    // two loops: see Optimizer.SHORT
    @Override
    protected void update(double[] p, double[] g, double[][] st, int from, int to) {
        if (isCentered || hasMomentum) {
            RmsPropTorch.update(this, p, g, st, from, to);
            return;
        }
        final double[] v = st[0];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, v);
        else for (int i = from; i < to; i++) at(i, p, g, v);
    }

    private void at(int i, double[] p, double[] g, double[] v) {
        double gj = g[i];
        double vj = r * v[i] + (1 - r) * gj * gj;
        v[i] = vj;
        double denom = inside ? Math.sqrt(vj + epsilon) : Math.sqrt(vj) + epsilon;
        // denom = 0 only for ε = 0 and v = 0 (g zero or too small to square): no step. Branch-free so
        // the loop vectorizes: keep is exactly 1 for any denom > 0 (even subnormal), 0 for denom = 0,
        // and gj/denom·1 is bit-equal to gj/denom (a zero θ may only change its sign).
        double keep = Math.min(denom * 0x1p1023 * 0x1p1023, 1.0);
        p[i] -= eta * (gj / Math.max(denom, Double.MIN_VALUE) * keep);
    }

    @Override
    protected void update(float[] p, float[] g, float[][] st, int from, int to) {
        if (isCentered || hasMomentum) {
            RmsPropTorch.update(this, p, g, st, from, to);
            return;
        }
        final float[] v = st[0];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, v);
        else for (int i = from; i < to; i++) at(i, p, g, v);
    }

    private void at(int i, float[] p, float[] g, float[] v) {
        float gj = g[i];
        float vj = (float) r * v[i] + (float) (1 - r) * gj * gj;
        v[i] = vj;
        float denom = inside ? (float) Math.sqrt(vj + (float) epsilon) : (float) Math.sqrt(vj) + (float) epsilon;
        float keep = Math.min(denom * 0x1p127f * 0x1p127f, 1f);
        p[i] -= (float) eta * (gj / Math.max(denom, Float.MIN_VALUE) * keep);
    }

    /**
     * η/√(v + ε) (or η/(√v + ε)) per parameter, as applied to g at the last step; centered, v − ḡ²
     * in place of v; with momentum, what multiplied the last g on its way into θ through b.
     */
    @Override
    public double[] effectiveRates() {
        double[] v = state("v");
        if (v == null || step() == 0) return null;
        prepare(step()); // the last step's scalars, also after restore()
        double[] a = isCentered ? state("g_avg") : null;
        for (int i = 0; i < v.length; i++) {
            double w = a == null ? v[i] : Math.max(v[i] - a[i] * a[i], 0);
            v[i] = eta / (inside ? Math.sqrt(w + epsilon) : Math.sqrt(w) + epsilon);
        }
        return v;
    }

    @Override
    public ElementRule rule() { return new RmsPropRule(this); }
}
