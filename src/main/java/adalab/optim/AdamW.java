package adalab.optim;

/**
 * AdamW, Adam with decoupled weight decay (doc 004 §7, doc 000), t starting at 1:
 * <pre>
 *   m ← β₁m + (1−β₁)g        v ← β₂v + (1−β₂)g²          (g alone: no λθ in the moments)
 *   m̂ = m/(1−β₁ᵗ)            v̂ = v/(1−β₂ᵗ)
 *   θ ← θ − η m̂/(√v̂ + ε) − ηλθ_old                       (θ_old: θ before this step)
 * </pre>
 * The decay ηλθ does not pass through the adaptive denominator, so every parameter feels the
 * same decay rate; with Adam's coupled L2 ({@link Adam#weightDecay}) it is ηλ/(√v̂ + ε).
 * {@code weight_decay} λ defaults to 0.01 (doc 004); {@code eps_placement} and
 * {@code bias_correction} act as in {@link Adam}.
 *
 * <p>On doc 000's formula and its editor's note: the original text wrote
 * θ ← θ − (Adam_update_step + αλθ), the note "corrects" it to θ ← θ − η(Adam_update_step + λθ).
 * If Adam_update_step includes the step size α = η the original already is this rule; if it
 * excludes it, the corrected form is. Both equal doc 004's rule above, and PyTorch's AdamW
 * (θ ← θ(1 − ηλ) − η m̂/(√v̂ + ε)) is the same rule too. What does differ is Loshchilov &amp;
 * Hutter's paper, where the decay is multiplied by the schedule multiplier η_t only, not by the
 * base rate α: θ ← θ − η_t(α m̂/(√v̂ + ε) + λθ). Here, as in doc 004 and PyTorch, the decay
 * scales with the (scheduled) learning rate, so a λ from the paper must be divided by α.
 */
public class AdamW extends Adam {

    public AdamW() {
        super("adamw");
        set("weight_decay", 0.01);
    }

    @Override public AdamW lr(double x) { super.lr(x); return this; }
    @Override public AdamW beta1(double x) { super.beta1(x); return this; }
    @Override public AdamW beta2(double x) { super.beta2(x); return this; }
    @Override public AdamW eps(double x) { super.eps(x); return this; }
    /** Decoupled decay: θ loses ηλθ per step, outside the adaptive denominator. */
    @Override public AdamW weightDecay(double x) { super.weightDecay(x); return this; }
    @Override public AdamW epsInside(boolean inside) { super.epsInside(inside); return this; }
    @Override public AdamW biasCorrection(boolean on) { super.biasCorrection(on); return this; }

    // two loops: see Optimizer.SHORT
    @Override
    protected void update(double[] p, double[] g, double[][] st, int from, int to) {
        final double[] m = st[0], v = st[1];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, m, v);
        else for (int i = from; i < to; i++) at(i, p, g, m, v);
    }

    private void at(int i, double[] p, double[] g, double[] m, double[] v) {
        double gj = g[i];
        double mj = b1 * m[i] + (1 - b1) * gj;
        double vj = b2 * v[i] + (1 - b2) * gj * gj;
        m[i] = mj;
        v[i] = vj;
        double mHat = mj / c1, vHat = vj / c2;
        double denom = inside ? Math.sqrt(vHat + epsilon) : Math.sqrt(vHat) + epsilon;
        double old = p[i];
        // ε = 0 and v̂ = 0 (so m̂ = 0): 0, not 0/0 = NaN; bit-equal otherwise, and branch-free
        double adam = eta * mHat / Math.max(denom, Double.MIN_VALUE);
        p[i] = old - adam - eta * lambda * old;
    }

    @Override
    protected void update(float[] p, float[] g, float[][] st, int from, int to) {
        final float[] m = st[0], v = st[1];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, m, v);
        else for (int i = from; i < to; i++) at(i, p, g, m, v);
    }

    private void at(int i, float[] p, float[] g, float[] m, float[] v) {
        float gj = g[i];
        float mj = (float) b1 * m[i] + (float) (1 - b1) * gj;
        float vj = (float) b2 * v[i] + (float) (1 - b2) * gj * gj;
        m[i] = mj;
        v[i] = vj;
        float mHat = mj / (float) c1, vHat = vj / (float) c2;
        float denom = inside ? (float) Math.sqrt(vHat + (float) epsilon) : (float) Math.sqrt(vHat) + (float) epsilon;
        float old = p[i];
        float adam = (float) eta * mHat / Math.max(denom, Float.MIN_VALUE);
        p[i] = old - adam - (float) eta * (float) lambda * old;
    }

    @Override
    public ElementRule rule() { return new AdamWRule(this); }
}
