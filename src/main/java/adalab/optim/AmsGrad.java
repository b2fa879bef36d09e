package adalab.optim;

/**
 * AMSGrad (Reddi, Kale &amp; Kumar 2018), t starting at 1: Adam whose denominator never shrinks.
 * <pre>
 *   m ← β₁m + (1−β₁)g        v ← β₂v + (1−β₂)g²        vmax ← max(vmax, v)
 *   form=pytorch (default):  θ ← θ − η m̂/(√(vmax/(1−β₂ᵗ)) + ε),   m̂ = m/(1−β₁ᵗ)
 *   form=reddi:              θ ← θ − η m/(√vmax + ε)              (no bias correction)
 *   form=optax:              v̂max ← max(v̂max, v/(1−β₂ᵗ)),  θ ← θ − η m̂/(√v̂max + ε)
 * </pre>
 * "optax" is optax.amsgrad's order: the maximum is taken over the bias-corrected v̂, so the state
 * "vmax" holds v̂max. The two corrected forms differ while 1 − β₂ᵗ still grows: pytorch's vmax
 * remembers an old uncorrected v, which the growing correction then inflates.
 * "reddi" is the paper's Algorithm 2 with a constant step η and a constant β₁ (the paper's
 * analysis uses α_t = α/√t and a decaying β₁ₜ: give a {@link Schedule} for the former) and ε
 * added as in the other methods. {@code eps_placement=inside} puts ε under the square root.
 * Used by the Adam-trap notebook (doc 003): after a huge gradient vmax keeps the step small.
 */
public class AmsGrad extends AdaptiveMoments<AmsGrad> implements StepScalars {
    final Hyperparameter form = choice("form", "pytorch", "pytorch", "reddi", "optax");

    // Per-step scalars, set by prepare().
    // optax: c2 divides v before the maximum; cw divides the maximum after it (c2 for pytorch, else 1).
    double eta, b1, b2, epsilon, c1, c2, cw;
    boolean inside, optax;

    public AmsGrad() { super("amsgrad", new String[]{"m", "v", "vmax"}, 0); }

    /** "pytorch" (bias-corrected, the default), "reddi" (the paper's, uncorrected) or "optax". */
    public AmsGrad form(String f) { set("form", f); return this; }

    /**
     * The last step's bias corrections "c1" = 1 − β₁ᵗ and "c2" = 1 − β₂ᵗ (both 1 for form reddi);
     * empty before the first step. (vmax itself is state: record it with Recording.state(true).)
     */
    @Override
    public java.util.Map<String, Double> stepScalars() {
        return biasCorrections(!form.selected().equals("reddi"));
    }

    @Override
    protected void prepare(long t) {
        eta = lrAt(t);
        b1 = beta1.value();
        b2 = beta2.value();
        epsilon = eps.value();
        inside = epsPlacement.selected().equals("inside");
        String f = form.selected();
        boolean corrected = !f.equals("reddi");
        c1 = corrected ? 1 - Math.pow(b1, t) : 1;
        c2 = corrected ? 1 - Math.pow(b2, t) : 1;
        optax = f.equals("optax");
        cw = f.equals("pytorch") ? c2 : 1;
    }

    // two loops: see Optimizer.SHORT
    @Override
    protected void update(double[] p, double[] g, double[][] st, int from, int to) {
        final double[] m = st[0], v = st[1], vmax = st[2];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, m, v, vmax);
        else for (int i = from; i < to; i++) at(i, p, g, m, v, vmax);
    }

    private void at(int i, double[] p, double[] g, double[] m, double[] v, double[] vmax) {
        double gj = g[i];
        double mj = b1 * m[i] + (1 - b1) * gj;
        double vj = b2 * v[i] + (1 - b2) * gj * gj;
        double wj = Math.max(vmax[i], optax ? vj / c2 : vj); // a loop-invariant test: no division for the others
        m[i] = mj;
        v[i] = vj;
        vmax[i] = wj;
        double mHat = mj / c1, wHat = wj / cw;
        double denom = inside ? Math.sqrt(wHat + epsilon) : Math.sqrt(wHat) + epsilon;
        // ε = 0 and v̂ = 0 (so m̂ = 0): 0, not 0/0 = NaN; bit-equal otherwise, and branch-free
        p[i] -= eta * mHat / Math.max(denom, Double.MIN_VALUE);
    }

    @Override
    protected void update(float[] p, float[] g, float[][] st, int from, int to) {
        final float[] m = st[0], v = st[1], vmax = st[2];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, m, v, vmax);
        else for (int i = from; i < to; i++) at(i, p, g, m, v, vmax);
    }

    private void at(int i, float[] p, float[] g, float[] m, float[] v, float[] vmax) {
        float gj = g[i];
        float mj = (float) b1 * m[i] + (float) (1 - b1) * gj;
        float vj = (float) b2 * v[i] + (float) (1 - b2) * gj * gj;
        float wj = Math.max(vmax[i], optax ? vj / (float) c2 : vj);
        m[i] = mj;
        v[i] = vj;
        vmax[i] = wj;
        float mHat = mj / (float) c1, wHat = wj / (float) cw;
        float denom = inside ? (float) Math.sqrt(wHat + (float) epsilon) : (float) Math.sqrt(wHat) + (float) epsilon;
        p[i] -= (float) eta * mHat / Math.max(denom, Float.MIN_VALUE);
    }

    /** What multiplied m̂ (forms pytorch, optax) or m (form reddi) at the last step, per parameter. */
    @Override
    public double[] effectiveRates() {
        double[] w = state("vmax");
        if (w == null || step() == 0) return null;
        prepare(step()); // the scalars of the last step, also after restore()
        for (int i = 0; i < w.length; i++) {
            double wHat = w[i] / cw;
            w[i] = eta / (inside ? Math.sqrt(wHat + epsilon) : Math.sqrt(wHat) + epsilon);
        }
        return w;
    }

    @Override
    public ElementRule rule() { return new AmsGradRule(this); }
}
