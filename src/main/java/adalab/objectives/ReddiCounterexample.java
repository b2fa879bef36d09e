package adalab.objectives;

import java.util.Optional;

/**
 * Reddi, Kale &amp; Kumar (2018), "On the Convergence of Adam and Beyond": the online problem
 * f_t(x) = Cx when t mod 3 = 1 and −x otherwise, on x ∈ [−1, 1], C &gt; 2. Over a period the sum
 * is (C − 2)x, so the best fixed point is −1; with β₁ = 0, β₂ = 1/(1 + C²) and αₜ = α/√t Adam
 * drifts to +1 while AMSGrad finds −1. The function seen at step t is chosen by t (not by x,
 * a common porting bug). Keep x in the domain with {@link #project} (or a box-constrained run).
 */
public final class ReddiCounterexample implements Objective {

    private final double c;

    public ReddiCounterexample() { this(3); }

    public ReddiCounterexample(double c) {
        if (!(c > 2) || Double.isInfinite(c)) throw new IllegalArgumentException("reddi C = " + c + ": allowed > 2 and finite");
        this.c = c;
    }

    public double c() { return c; }

    /** Domain [−1, 1]. */
    public double lower() { return -1; }

    public double upper() { return 1; }

    /** Clips x to [−1, 1] in place. */
    public void project(double[] x) {
        Specs.checkLength(x, 1, "x");
        x[0] = Math.max(-1, Math.min(1, x[0]));
    }

    /** The gradient of f_t: C when t mod 3 = 1, −1 otherwise (t counted from 1). */
    public double gradientAt(long t) {
        if (t < 1) throw new IllegalArgumentException("step = " + t + ": steps are numbered from 1");
        return t % 3 == 1 ? c : -1;
    }

    @Override public String name() { return "reddi(C=" + Specs.fmt(c) + ")"; }

    @Override public int dimension() { return 1; }

    /** The average loss per step over a period, (C − 2)/3 · x. */
    @Override
    public double value(double[] x) {
        Specs.checkLength(x, 1, "x");
        return (c - 2) / 3 * x[0];
    }

    /** (C − 2)/3: the average gradient; not zero at the constrained minimiser −1. */
    @Override
    public void gradient(double[] x, double[] g) {
        Specs.checkLength(x, 1, "x");
        Specs.checkLength(g, 1, "grad");
        g[0] = (c - 2) / 3;
    }

    /** The t-th function's gradient and value f_t(x). */
    @Override
    public double evaluate(double[] x, double[] g, long t) {
        Specs.checkLength(x, 1, "x");
        Specs.checkLength(g, 1, "grad");
        g[0] = gradientAt(t);
        return g[0] * x[0];
    }

    /** −1: the constrained minimiser (the gradient there is (C − 2)/3, not 0). */
    @Override public Optional<double[]> minimizer() { return Optional.of(new double[]{-1}); }

    @Override public double[] bounds() { return new double[]{-1, 1, -(c - 2) / 3, (c - 2) / 3}; }

    /** x₁ = 1, as in the paper's proof. */
    @Override public double[] start() { return new double[]{1}; }
}
