package adalab.optim;

import adalab.optim.Hyperparameter.Range;

/**
 * Adam (docs 000, 002, 003, 004), t starting at 1:
 * <pre>
 *   m ← β₁m + (1−β₁)g        v ← β₂v + (1−β₂)g²
 *   m̂ = m/(1−β₁ᵗ)            v̂ = v/(1−β₂ᵗ)
 *   θ ← θ − η m̂/(√v̂ + ε)                 eps_placement=outside (the documents' form, the default)
 *   θ ← θ − η m̂/√(v̂ + ε)                 eps_placement=inside
 * </pre>
 * {@code weight_decay} λ &gt; 0 is coupled L2: g is replaced by g + λθ before the moments, so the
 * decay passes through the adaptive denominator (for decoupled decay use {@link AdamW}).
 * {@code bias_correction=off} drops the 1−βᵗ divisions (for the bias-correction notebook).
 *
 * <p>With ε = 0 an element whose gradients so far were all zero has m̂ = v̂ = 0; the 0/0 is taken
 * as no step (the limit for ε → 0) instead of writing NaN into θ: the denominator is raised to
 * the smallest positive number, which changes nothing else and keeps the loop free of branches
 * (a conditional store there cost 7× on 10 M floats).
 */
public class Adam extends AdaptiveMoments<Adam> implements StepScalars {
    final Hyperparameter weightDecay = number("weight_decay", 0, Range.nonNegative());
    final Hyperparameter biasCorrection = choice("bias_correction", "on", "on", "off");

    // Per-step scalars, set by prepare().
    double eta, b1, b2, epsilon, lambda, c1, c2;
    boolean inside;
    // Hyperparameters as read at hyperparameter version 'seen' (reading them by name, and two
    // Math.pow calls, were most of a 2-D step's cost).
    private int seen = -1;
    private boolean corrected;
    private OneMinusPow pow1, pow2;

    public Adam() { this("adam"); }

    Adam(String name) { super(name, new String[]{"m", "v"}, 0); }

    /** The bias corrections of the last step, c1 = 1 − β₁ᵗ and c2 = 1 − β₂ᵗ (1 when correction is off). */
    @Override
    public java.util.Map<String, Double> stepScalars() {
        return biasCorrections(biasCorrection.selected().equals("on"));
    }

    /** Coupled L2: the gradient becomes g + λθ. */
    public Adam weightDecay(double x) { set("weight_decay", x); return this; }
    public Adam biasCorrection(boolean on) { set("bias_correction", on ? "on" : "off"); return this; }

    @Override
    protected void prepare(long t) {
        eta = lrAt(t);
        if (seen != hyperparameterVersion()) {
            b1 = beta1.value();
            b2 = beta2.value();
            epsilon = eps.value();
            lambda = weightDecay.value();
            inside = epsPlacement.selected().equals("inside");
            corrected = biasCorrection.selected().equals("on");
            pow1 = OneMinusPow.of(b1);
            pow2 = OneMinusPow.of(b2);
            seen = hyperparameterVersion();
        }
        // 1 − βᵗ, the same bits as 1 - Math.pow(β, t)
        c1 = corrected ? pow1.at(t) : 1;
        c2 = corrected ? pow2.at(t) : 1;
    }

    @Override
    protected void update(double[] p, double[] g, double[][] st, int from, int to) {
        final double[] m = st[0], v = st[1];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, m, v);
        else for (int i = from; i < to; i++) at(i, p, g, m, v);
    }

    private void at(int i, double[] p, double[] g, double[] m, double[] v) {
        double gj = g[i] + lambda * p[i];
        double mj = b1 * m[i] + (1 - b1) * gj;
        double vj = b2 * v[i] + (1 - b2) * gj * gj;
        m[i] = mj;
        v[i] = vj;
        double mHat = mj / c1, vHat = vj / c2;
        double denom = inside ? Math.sqrt(vHat + epsilon) : Math.sqrt(vHat) + epsilon;
        // ε = 0 and v̂ = 0 (so m̂ = 0): 0, not 0/0 = NaN; bit-equal otherwise, and branch-free
        p[i] -= eta * mHat / Math.max(denom, Double.MIN_VALUE);
    }

    @Override
    protected void update(float[] p, float[] g, float[][] st, int from, int to) {
        final float[] m = st[0], v = st[1];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, m, v);
        else for (int i = from; i < to; i++) at(i, p, g, m, v);
    }

    private void at(int i, float[] p, float[] g, float[] m, float[] v) {
        float gj = g[i] + (float) lambda * p[i];
        float mj = (float) b1 * m[i] + (float) (1 - b1) * gj;
        float vj = (float) b2 * v[i] + (float) (1 - b2) * gj * gj;
        m[i] = mj;
        v[i] = vj;
        float mHat = mj / (float) c1, vHat = vj / (float) c2;
        float denom = inside ? (float) Math.sqrt(vHat + (float) epsilon) : (float) Math.sqrt(vHat) + (float) epsilon;
        p[i] -= (float) eta * mHat / Math.max(denom, Float.MIN_VALUE);
    }

    /**
     * Whether this optimizer's update is Adam's own rule (AdamW, a subclass, has its own): the
     * capability Sweep's lean lanes look for, instead of the class.
     */
    public final boolean hasAdamRule() { return rule() instanceof AdamRule; }

    @Override
    public ElementRule rule() { return new AdamRule(this); }

    /** η/(√v̂ + ε) (or η/√(v̂ + ε)) per parameter, as applied to m̂ at the last step. */
    @Override
    public double[] effectiveRates() {
        double[] v = state("v");
        if (v == null || step() == 0) return null;
        prepare(step()); // the scalars of the last step, also after restore()
        for (int i = 0; i < v.length; i++) {
            double vHat = v[i] / c2;
            v[i] = eta / (inside ? Math.sqrt(vHat + epsilon) : Math.sqrt(vHat) + epsilon);
        }
        return v;
    }
}
