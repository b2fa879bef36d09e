package adalab.optim;

/**
 * Nesterov accelerated gradient as doc 004 writes it, the gradient taken at the look-ahead point:
 * <pre>
 *   g ← ∇J(θ − γ v)
 *   v ← γ v + η g
 *   θ ← θ − v
 * </pre>
 * {@link #step(double[], GradientOracle)} asks the oracle at θ − γv (once per step). With
 * {@link #step(double[], double[])} the caller supplies g and it is understood as taken at the
 * look-ahead point; {@link #gradientPoint(double[], double[])} tells where that is. Passing a
 * gradient taken at θ instead turns this into plain {@link Momentum}.
 *
 * <p>The update rule and the defaults are Momentum's; only the point of the gradient differs.
 */
public class Nag extends Momentum {

    public Nag() { super("nag"); }

    @Override
    public Nag lr(double x) { super.lr(x); return this; }
    @Override
    public Nag gamma(double x) { super.gamma(x); return this; }

    @Override
    public boolean usesLookahead() { return true; }

    /** out = x − γ v (v = 0 before the first step, so the first gradient is taken at x). */
    @Override
    protected void lookahead(double[] x, double[] out) {
        final double gam = gamma.value();
        if (ds != null) {
            final double[] v = ds[0];
            for (int i = 0; i < x.length; i++) out[i] = x[i] - gam * v[i];
        } else if (fs != null) {
            final float[] v = fs[0];
            for (int i = 0; i < x.length; i++) out[i] = x[i] - gam * v[i];
        } else {
            System.arraycopy(x, 0, out, 0, x.length);
        }
    }

    @Override
    public ElementRule rule() { return new MomentumRule(this, true); }
}
