package adalab.optim;

import adalab.optim.Hyperparameter.Range;

/**
 * AdaDelta (docs 000, 004), no learning rate:
 * <pre>
 *   Eg  ← ρ Eg + (1−ρ) g²
 *   Δθ  = −√(Edx + ε) / √(Eg + ε) · g        (Edx of the previous step)
 *   Edx ← ρ Edx + (1−ρ) Δθ²
 *   θ   ← θ + Δθ
 * </pre>
 * ρ = 0.95, ε = 1e-6 (doc 004). ε must be &gt; 0: with Edx = 0 at the start, √ε is what gets the
 * method moving; the first step is −√ε/√((1−ρ)g² + ε)·g ≈ √(ε/(1−ρ))·sign(g) for |g| ≫ √ε.
 * There is no "lr" key, so no learning-rate schedule.
 */
public class AdaDelta extends Optimizer {
    final Hyperparameter rho = number("rho", 0.95, Range.unitHalfOpen());
    final Hyperparameter eps = number("eps", 1e-6, Range.positive());

    double r, epsilon;

    public AdaDelta() { super("adadelta", new String[]{"Eg", "Edx"}, 0); }

    public AdaDelta rho(double x) { set("rho", x); return this; }
    public AdaDelta eps(double x) { set("eps", x); return this; }

    @Override
    protected void prepare(long t) {
        r = rho.value();
        epsilon = eps.value();
    }

    // two loops: see Optimizer.SHORT
    @Override
    protected void update(double[] p, double[] g, double[][] st, int from, int to) {
        final double[] eg = st[0], edx = st[1];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, eg, edx);
        else for (int i = from; i < to; i++) at(i, p, g, eg, edx);
    }

    private void at(int i, double[] p, double[] g, double[] eg, double[] edx) {
        double gj = g[i];
        double egj = r * eg[i] + (1 - r) * gj * gj;
        eg[i] = egj;
        double dx = -Math.sqrt(edx[i] + epsilon) / Math.sqrt(egj + epsilon) * gj;
        edx[i] = r * edx[i] + (1 - r) * dx * dx;
        p[i] += dx;
    }

    @Override
    protected void update(float[] p, float[] g, float[][] st, int from, int to) {
        final float[] eg = st[0], edx = st[1];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, eg, edx);
        else for (int i = from; i < to; i++) at(i, p, g, eg, edx);
    }

    private void at(int i, float[] p, float[] g, float[] eg, float[] edx) {
        float gj = g[i];
        float egj = (float) r * eg[i] + (float) (1 - r) * gj * gj;
        eg[i] = egj;
        float dx = -(float) Math.sqrt(edx[i] + (float) epsilon) / (float) Math.sqrt(egj + (float) epsilon) * gj;
        edx[i] = (float) r * edx[i] + (float) (1 - r) * dx * dx;
        p[i] += dx;
    }

    /**
     * √(Edx + ε)/√(Eg + ε) per parameter from the current state: the rate the next step starts
     * from, before that step adds its own g² to Eg. Null before the first step.
     */
    @Override
    public double[] effectiveRates() {
        double[] eg = state("Eg"), edx = state("Edx");
        if (eg == null || step() == 0) return null;
        double e = eps.value();
        for (int i = 0; i < eg.length; i++) eg[i] = Math.sqrt(edx[i] + e) / Math.sqrt(eg[i] + e);
        return eg;
    }

    @Override
    public ElementRule rule() { return new AdaDeltaRule(this); }
}
