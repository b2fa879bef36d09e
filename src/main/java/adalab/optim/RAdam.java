package adalab.optim;

import adalab.optim.Hyperparameter.Range;

/**
 * RAdam, rectified Adam (004_f1842b88dabc8703.txt §8), t starting at 1. Moments and m̂ as Adam;
 * <pre>
 *   ρ∞ = 2/(1−β₂) − 1          ρ_t = ρ∞ − 2tβ₂ᵗ/(1−β₂ᵗ)
 *   if ρ_t &gt; threshold:  r_t = √((ρ_t−4)(ρ_t−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρ_t)),   θ ← θ − η r_t m̂/(√v̂ + ε)
 *   else, by fallback:
 *     momentum (default; doc 004's steps and pseudo-code)   θ ← θ − η m̂
 *     adam     (doc 004's summary formula: r_t = 1)         θ ← θ − η m̂/(√v̂ + ε)
 *     none     (no update; the moments are still updated)
 * </pre>
 * {@code threshold} is 4 by default (doc 004's steps and the paper); 5 is the other common
 * choice (doc 004's summary formula, PyTorch). With β₂ = 0.999 the first rectified step is
 * t = 5 for threshold 4 (ρ₅ ≈ 4.996, r₅ ≈ 0.0173) and t = 6 for threshold 5.
 * {@code eps_placement=inside} puts ε under the square root as in {@link Adam}.
 *
 * <p>{@code form=pytorch} is torch.optim.RAdam: threshold 5, the momentum fallback, and ε added
 * to √v before the bias correction, θ ← θ − η r_t m̂ √(1−β₂ᵗ)/(√v + ε). Its threshold, fallback
 * and ε placement are the form's, so setting any of the three away from its default with
 * form=pytorch is refused rather than ignored.
 */
public class RAdam extends AdaptiveMoments<RAdam> implements StepScalars {
    final Hyperparameter threshold = number("threshold", 4, Range.atLeast(4));
    final Hyperparameter fallback = choice("fallback", "momentum", "momentum", "adam", "none");
    final Hyperparameter form = choice("form", "doc004", "doc004", "pytorch");

    // Per-step scalars, set by prepare(). torchScale = η r_t √(1−β₂ᵗ) for form=pytorch.
    double eta, b1, b2, epsilon, c1, c2, rhoT, r, torchScale;
    boolean inside, adaptive, momentumOnly, torch;

    public RAdam() { super("radam", new String[]{"m", "v"}, 0); }

    /** The ρ_t above which the rectified adaptive step is used: 4 (default) or e.g. 5. */
    public RAdam threshold(double x) { set("threshold", x); return this; }
    /** What the steps with ρ_t at or below the threshold do: "momentum", "adam" or "none". */
    public RAdam fallback(String f) { set("fallback", f); return this; }
    /** "doc004" (the default) or "pytorch" (torch.optim.RAdam). */
    public RAdam form(String f) { set("form", f); return this; }

    /** PyTorch's threshold: ρ_t &gt; 5 takes the rectified step. */
    static final double TORCH_THRESHOLD = 5;

    @Override
    protected void checkConsistency() {
        if (!form.selected().equals("pytorch")) return;
        if (threshold.value() != 4 || !fallback.selected().equals("momentum") || !epsPlacement.selected().equals("outside")) {
            throw new IllegalArgumentException("radam form=pytorch fixes threshold (5), fallback (momentum) and "
                    + "eps_placement (outside, before the bias correction) as torch.optim.RAdam does: leave them at "
                    + "their defaults (threshold = " + threshold.value() + ", fallback = " + fallback.selected()
                    + ", eps_placement = " + epsPlacement.selected() + " now), or use form=doc004");
        }
    }

    /** The ρ_t above which a step is rectified: 5 for form=pytorch, else the threshold. */
    private double thresholdInForce() {
        return form.selected().equals("pytorch") ? TORCH_THRESHOLD : threshold.value();
    }

    // ---------------------------------------------------------------- formulas, for notebooks

    /** ρ∞ = 2/(1−β₂) − 1, the maximum length of the approximated simple moving average. */
    public static double rhoInfinity(double beta2) {
        checkBeta2(beta2);
        return 2 / (1 - beta2) - 1;
    }

    /** ρ_t = ρ∞ − 2tβ₂ᵗ/(1−β₂ᵗ), for t ≥ 1. */
    public static double rho(long t, double beta2) {
        checkBeta2(beta2);
        if (t < 1) throw new IllegalArgumentException("t = " + t + " is out of range: allowed an integer >= 1");
        double bt = Math.pow(beta2, t);
        return rhoInfinity(beta2) - 2 * t * bt / (1 - bt);
    }

    /**
     * r_t = √((ρ_t−4)(ρ_t−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρ_t)). Defined for ρ_t &gt; 4 only (below it the
     * root is of a negative number, or r_t would be 0); throws otherwise, naming ρ_t.
     */
    public static double rectification(long t, double beta2) {
        double rt = rho(t, beta2), ri = rhoInfinity(beta2);
        if (!(rt > 4)) {
            throw new IllegalArgumentException("rectification at t = " + t + " with beta2 = " + beta2
                    + ": rho_t = " + rt + " but r_t is defined only for rho_t > 4");
        }
        return Math.sqrt((rt - 4) * (rt - 2) * ri / ((ri - 4) * (ri - 2) * rt));
    }

    private static void checkBeta2(double beta2) {
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 = " + beta2 + " is out of range: allowed [0, 1)");
        }
    }

    // ---------------------------------------------------------------- the last step

    /** ρ_t of the last step taken. */
    public double lastRho() {
        requireStep();
        return rho(step(), beta2.value());
    }

    /** Whether the last step used the rectified adaptive update (ρ_t &gt; threshold). */
    public boolean lastStepRectified() {
        requireStep();
        return lastRho() > thresholdInForce();
    }

    /**
     * The factor r_t that multiplied the adaptive step η m̂/(√v̂ + ε) at the last step: r_t when
     * rectified, 1 for the "adam" fallback, 0 when the adaptive term was off ("momentum", "none").
     */
    public double lastRectification() {
        requireStep();
        if (lastStepRectified()) return rectification(step(), beta2.value());
        return fallback.selected().equals("adam") ? 1 : 0;
    }

    /**
     * The last step's "rho" (ρ_t), "r" (as {@link #lastRectification()}) and "rectified" (1 when
     * the rectified adaptive update was used, 0 for the fallback); empty before the first step.
     */
    @Override
    public java.util.Map<String, Double> stepScalars() {
        if (step() == 0) return java.util.Map.of();
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("rho", lastRho());
        m.put("r", lastRectification());
        m.put("rectified", lastStepRectified() ? 1.0 : 0.0);
        return m;
    }

    private void requireStep() {
        if (step() == 0) throw new IllegalStateException("radam has taken no step yet");
    }

    // ---------------------------------------------------------------- the step

    @Override
    protected void prepare(long t) {
        eta = lrAt(t);
        b1 = beta1.value();
        b2 = beta2.value();
        epsilon = eps.value();
        inside = epsPlacement.selected().equals("inside");
        c1 = 1 - Math.pow(b1, t);
        c2 = 1 - Math.pow(b2, t);
        rhoT = rho(t, b2);
        torch = form.selected().equals("pytorch");
        String fb = fallback.selected();
        if (rhoT > thresholdInForce()) {
            adaptive = true;
            r = rectification(t, b2);
        } else {
            adaptive = fb.equals("adam");
            r = 1;
        }
        momentumOnly = !adaptive && fb.equals("momentum");
        torchScale = eta * r * Math.sqrt(c2);
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
        double mHat = mj / c1;
        if (adaptive && torch) {
            p[i] -= torchScale * mHat / Math.max(Math.sqrt(vj) + epsilon, Double.MIN_VALUE);
        } else if (adaptive) {
            double vHat = vj / c2;
            double denom = inside ? Math.sqrt(vHat + epsilon) : Math.sqrt(vHat) + epsilon;
            // ε = 0 and v̂ = 0 (so m̂ = 0): 0, not 0/0 = NaN; bit-equal otherwise, and branch-free
            p[i] -= eta * r * mHat / Math.max(denom, Double.MIN_VALUE);
        } else if (momentumOnly) {
            p[i] -= eta * mHat;
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
        float mHat = mj / (float) c1;
        if (adaptive && torch) {
            p[i] -= (float) torchScale * mHat / Math.max((float) Math.sqrt(vj) + (float) epsilon, Float.MIN_VALUE);
        } else if (adaptive) {
            float vHat = vj / (float) c2;
            float denom = inside ? (float) Math.sqrt(vHat + (float) epsilon) : (float) Math.sqrt(vHat) + (float) epsilon;
            p[i] -= (float) eta * (float) r * mHat / Math.max(denom, Float.MIN_VALUE);
        } else if (momentumOnly) {
            p[i] -= (float) eta * mHat;
        }
    }

    /**
     * What multiplied m̂ at the last step, per parameter: η r_t/(√v̂ + ε) for an adaptive step
     * (η r_t √(1−β₂ᵗ)/(√v + ε) in form pytorch), η for a momentum-only step, 0 for the "none" fallback.
     */
    @Override
    public double[] effectiveRates() {
        double[] v = state("v");
        if (v == null || step() == 0) return null;
        prepare(step()); // the scalars of the last step, also after restore()
        for (int i = 0; i < v.length; i++) {
            if (adaptive && torch) {
                v[i] = torchScale / (Math.sqrt(v[i]) + epsilon);
            } else if (adaptive) {
                double vHat = v[i] / c2;
                v[i] = eta * r / (inside ? Math.sqrt(vHat + epsilon) : Math.sqrt(vHat) + epsilon);
            } else {
                v[i] = momentumOnly ? eta : 0;
            }
        }
        return v;
    }

    @Override
    public ElementRule rule() { return new RAdamRule(this); }
}
