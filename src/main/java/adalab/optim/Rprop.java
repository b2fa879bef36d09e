package adalab.optim;

import adalab.optim.Hyperparameter.Range;

/**
 * Resilient backpropagation: a per-parameter step size Δ that only the signs of the gradient
 * steer. A full-batch method. Per element, with p = sign(g_prev)·sign(g):
 * <pre>
 *   p &gt; 0:  Δ ← min(η⁺Δ, Δmax);  θ ← θ − sign(g)Δ;  g_prev ← g
 *   p &lt; 0:  Δ ← max(η⁻Δ, Δmin);  then by variant:
 *             doc004  no step;                               g_prev ← 0
 *             rprop-  θ ← θ − sign(g)Δ (with the new Δ);      g_prev ← g
 *             rprop+  θ ← θ − prev_update (undo last step);   g_prev ← 0
 *   p = 0:  θ ← θ − sign(g)Δ;  g_prev ← g                     (Δ kept; sign(0) = 0)
 * </pre>
 * {@code variant=doc004} (the default) is doc 004's pseudo-code exactly. Doc 004 calls it Rprop+,
 * but it neither steps nor backtracks on a sign change: that is Igel &amp; Hüsken's iRprop⁻.
 * {@code rprop-} is Riedmiller's Rprop without weight backtracking; {@code rprop+} is Riedmiller
 * &amp; Braun (1993) with weight backtracking. State "prev_update" holds the change the last step
 * made to each parameter (kept by every variant, used by rprop+).
 *
 * <p>The sign product is formed from signs, not from g_prev·g, so that tiny gradients whose
 * product would underflow to 0 are still compared correctly; the path is then exactly
 * invariant under scaling the loss by any c &gt; 0 that keeps the gradients finite and nonzero.
 *
 * <p>Defaults: η⁺ = 1.2, η⁻ = 0.5 (doc 004). The documents give no Δ₀, Δmin, Δmax: Δ₀ = 0.1 is
 * chosen here (the original paper's value; PyTorch starts at its lr, 0.01), Δmin = 1e-6 and
 * Δmax = 50 are PyTorch's bounds. delta_min ≤ delta_max is enforced; delta0 is used as given
 * for the first steps even outside [delta_min, delta_max] (the first clamp pulls Δ in). Δ is
 * filled with delta0 when the state is allocated (first step or after reset()): changing
 * delta0 later takes effect on the next reset.
 */
public class Rprop extends Optimizer {
    final Hyperparameter etaPlus = number("eta_plus", 1.2, Range.above(1));
    final Hyperparameter etaMinus = number("eta_minus", 0.5, Range.unitOpen());
    final Hyperparameter delta0 = number("delta0", 0.1, Range.positive());
    final Hyperparameter deltaMin = number("delta_min", 1e-6, Range.nonNegative());
    final Hyperparameter deltaMax = number("delta_max", 50, Range.positive());
    final Hyperparameter variant = choice("variant", "doc004", "doc004", "rprop-", "rprop+");

    static final int DOC004 = 0, MINUS = 1, PLUS = 2;

    double up, down, dMin, dMax;
    int mode;

    public Rprop() { super("rprop", new String[]{"delta", "g_prev", "prev_update"}, 0); }

    public Rprop etaPlus(double x) { set("eta_plus", x); return this; }
    public Rprop etaMinus(double x) { set("eta_minus", x); return this; }
    public Rprop delta0(double x) { set("delta0", x); return this; }
    public Rprop deltaMin(double x) { set("delta_min", x); return this; }
    public Rprop deltaMax(double x) { set("delta_max", x); return this; }
    /** "doc004" (iRprop⁻, the default), "rprop-" or "rprop+". */
    public Rprop variant(String name) { set("variant", name); return this; }

    @Override
    protected void checkConsistency() {
        double lo = deltaMin.value(), hi = deltaMax.value();
        if (lo > hi) {
            throw new IllegalArgumentException("delta_min = " + lo + " is greater than delta_max = " + hi
                    + ": allowed delta_min <= delta_max");
        }
    }

    @Override
    protected void initState() {
        double d0 = delta0.value();
        if (ds != null) java.util.Arrays.fill(ds[0], d0);
        else java.util.Arrays.fill(fs[0], (float) d0);
    }

    @Override
    protected void prepare(long t) {
        up = etaPlus.value();
        down = etaMinus.value();
        dMin = deltaMin.value();
        dMax = deltaMax.value();
        mode = switch (variant.selected()) {
            case "rprop-" -> MINUS;
            case "rprop+" -> PLUS;
            default -> DOC004;
        };
    }

    // two loops: see Optimizer.SHORT
    @Override
    protected void update(double[] p, double[] g, double[][] st, int from, int to) {
        final double[] delta = st[0], gPrev = st[1], prevUpdate = st[2];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, delta, gPrev, prevUpdate);
        else for (int i = from; i < to; i++) at(i, p, g, delta, gPrev, prevUpdate);
    }

    private void at(int i, double[] p, double[] g, double[] delta, double[] gPrev, double[] prevUpdate) {
        double gj = g[i];
        double sg = Math.signum(gj);
        double sp = sg * Math.signum(gPrev[i]);
        double d = delta[i];
        double u, keep;
        if (sp > 0) {
            d = Math.min(up * d, dMax);
            u = -sg * d;
            keep = gj;
        } else if (sp < 0) {
            d = Math.max(down * d, dMin);
            if (mode == MINUS) {
                u = -sg * d;
                keep = gj;
            } else {
                u = mode == PLUS ? -prevUpdate[i] : 0;
                keep = 0;
            }
        } else {
            u = -sg * d;
            keep = gj;
        }
        delta[i] = d;
        gPrev[i] = keep;
        prevUpdate[i] = u;
        p[i] += u;
    }

    @Override
    protected void update(float[] p, float[] g, float[][] st, int from, int to) {
        final float[] delta = st[0], gPrev = st[1], prevUpdate = st[2];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, delta, gPrev, prevUpdate);
        else for (int i = from; i < to; i++) at(i, p, g, delta, gPrev, prevUpdate);
    }

    private void at(int i, float[] p, float[] g, float[] delta, float[] gPrev, float[] prevUpdate) {
        float gj = g[i];
        float sg = Math.signum(gj);
        float sp = sg * Math.signum(gPrev[i]);
        float d = delta[i];
        float u, keep;
        if (sp > 0) {
            d = Math.min((float) up * d, (float) dMax);
            u = -sg * d;
            keep = gj;
        } else if (sp < 0) {
            d = Math.max((float) down * d, (float) dMin);
            if (mode == MINUS) {
                u = -sg * d;
                keep = gj;
            } else {
                u = mode == PLUS ? -prevUpdate[i] : 0;
                keep = 0;
            }
        } else {
            u = -sg * d;
            keep = gj;
        }
        delta[i] = d;
        gPrev[i] = keep;
        prevUpdate[i] = u;
        p[i] += u;
    }

    /**
     * The step sizes Δ after the last step. Rprop's Δ multiplies sign(g), not g: it is a step
     * length in the units of θ, not a rate.
     */
    @Override
    public double[] effectiveRates() {
        return step() == 0 ? null : state("delta");
    }

    @Override
    public ElementRule rule() { return new RpropRule(this); }
}
