package adalab.optim;

import adalab.optim.Hyperparameter.Range;

/**
 * Nadam, Adam with a Nesterov look-ahead in the momentum, t starting at 1. Moments as Adam:
 * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², v̂ = v/(1−β₂ᵗ). Then θ ← θ − η m̂′/(√v̂ + ε)
 * (or η m̂′/√(v̂ + ε) with {@code eps_placement=inside}), where m̂′ depends on {@code form}:
 * <pre>
 *   doc004 (default):  m̂′ = β₁ m̂ + (1−β₁) g/(1−β₁ᵗ),   m̂ = m/(1−β₁ᵗ)   (004_f1842b88dabc8703.txt §6)
 *   dozat:             μ_t = β₁(1 − ½·0.96^(tψ)),   ψ = momentum_decay
 *                      m̂′ = μ_{t+1} m/(1 − Π_{i≤t+1} μ_i) + (1−μ_t) g/(1 − Π_{i≤t} μ_i)
 * </pre>
 * "dozat" is Dozat (2016) with the momentum schedule as PyTorch's {@code NAdam} writes it; the
 * product of the μ's is kept as scalar state, so snapshots and copies continue it exactly.
 * {@code momentum_decay} only affects "dozat".
 *
 * <p>Doc 004 says its form is Adam with m_{t−1} replaced by m_t in m̂. That holds exactly:
 * β₁m_t/(1−β₁ᵗ) + (1−β₁)g_t/(1−β₁ᵗ) = (β₁m_t + (1−β₁)g_t)/(1−β₁ᵗ), which is Adam's
 * m̂_t = (β₁m_{t−1} + (1−β₁)g_t)/(1−β₁ᵗ) with m_t in place of m_{t−1}. It is not quite
 * Dozat's form with a constant μ = β₁: there the look-ahead term β₁m_t is bias-corrected with
 * 1−β₁^{t+1}, the gradient term with 1−β₁ᵗ.
 */
public class Nadam extends AdaptiveMoments<Nadam> {
    final Hyperparameter form = choice("form", "doc004", "doc004", "dozat");
    final Hyperparameter momentumDecay = number("momentum_decay", 0.004, Range.nonNegative());

    // Per-step scalars, set by prepare(): m̂′ = cm·m + cg·g.
    double eta, b1, b2, epsilon, cm, cg, c1, c2;
    boolean inside, dozat;

    public Nadam() { super("nadam", new String[]{"m", "v"}, 1); }

    /** "doc004" (the default) or "dozat". */
    public Nadam form(String f) { set("form", f); return this; }
    /** ψ of Dozat's schedule μ_t = β₁(1 − ½·0.96^(tψ)); PyTorch's default 0.004. */
    public Nadam momentumDecay(double x) { set("momentum_decay", x); return this; }

    /** Dozat's μ_t for the current β₁ and ψ. */
    public double mu(long t) {
        return beta1.value() * (1 - 0.5 * Math.pow(0.96, t * momentumDecay.value()));
    }

    /** Π μ_i over the steps taken so far (1 before the first step); used by form "dozat" only. */
    public double muProduct() { return scalars()[0]; }

    @Override
    protected void resetScalars() { scalars()[0] = 1; }

    /** Form "dozat": the μ product takes this step's μ_t. */
    @Override
    protected void advance(long t) {
        if (form.selected().equals("dozat")) scalars()[0] *= mu(t);
    }

    @Override
    protected void prepare(long t) {
        eta = lrAt(t); // first: it may throw, and nothing may change before it does
        b1 = beta1.value();
        b2 = beta2.value();
        epsilon = eps.value();
        inside = epsPlacement.selected().equals("inside");
        c2 = 1 - Math.pow(b2, t);
        if (form.selected().equals("dozat")) {
            double muT = mu(t), muNext = mu(t + 1);
            double prod = scalars()[0]; // Π μ_i up to t, advanced by advance(t)
            // torch.optim.NAdam's two coefficients, applied as two separate updates like torch does
            cm = (-eta * muNext) / (1 - prod * muNext);
            cg = (-eta * (1 - muT)) / (1 - prod);
            dozat = true;
        } else {
            c1 = 1 - Math.pow(b1, t);
            dozat = false;
        }
    }

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
        double vHat = vj / c2;
        double denom = inside ? Math.sqrt(vHat + epsilon) : Math.sqrt(vHat) + epsilon;
        // ε = 0 and v̂ = 0 (so m̂ = 0): 0, not 0/0 = NaN; bit-equal otherwise, and branch-free
        denom = Math.max(denom, Double.MIN_VALUE);
        if (dozat) {
            double pj = p[i] + cg * (gj / denom);
            p[i] = pj + cm * (mj / denom);
        } else {
            // doc 004's order of operations: m̂′ = β₁·(m/c₁) + (1−β₁)·g/c₁
            double mHatPrime = b1 * (mj / c1) + (1 - b1) * gj / c1;
            p[i] -= eta * mHatPrime / denom;
        }
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
        float vHat = vj / (float) c2;
        float denom = inside ? (float) Math.sqrt(vHat + (float) epsilon) : (float) Math.sqrt(vHat) + (float) epsilon;
        denom = Math.max(denom, Float.MIN_VALUE);
        if (dozat) {
            float pj = p[i] + (float) cg * (gj / denom);
            p[i] = pj + (float) cm * (mj / denom);
        } else {
            float mHatPrime = (float) b1 * (mj / (float) c1) + (float) (1 - b1) * gj / (float) c1;
            p[i] -= (float) eta * mHatPrime / denom;
        }
    }

    /** η/(√v̂ + ε) (or η/√(v̂ + ε)) per parameter: what multiplied m̂′ at the last step. */
    @Override
    public double[] effectiveRates() {
        double[] v = state("v");
        if (v == null || step() == 0) return null;
        long t = step();
        double eta = lrAt(t), c2 = 1 - Math.pow(beta2.value(), t), e = eps.value();
        boolean in = epsPlacement.selected().equals("inside");
        for (int i = 0; i < v.length; i++) {
            double vHat = v[i] / c2;
            v[i] = eta / (in ? Math.sqrt(vHat + e) : Math.sqrt(vHat) + e);
        }
        return v;
    }

    @Override
    public ElementRule rule() { return new NadamRule(this); }
}
