package adalab.objectives;

import java.util.Optional;

/**
 * A scale jump: the optimizer sees the wrapped objective's gradient (and loss) multiplied by
 * {@code factor} from step {@code jumpStep} on, e.g. large gradients first and small ones later
 * (doc 001's two-phase run) or the reverse. The minimiser does not move. {@link #value} and
 * {@link #gradient} are the wrapped objective's, unscaled (they have no step); {@link #valueAt}
 * gives the loss in force at a step.
 */
public final class NonStationary implements Objective {

    private final Objective inner;
    private final double factor;
    private final long jump;

    public NonStationary(Objective inner, double factor, long jumpStep) {
        if (inner == null) throw new IllegalArgumentException("nonstationary: the wrapped objective is null");
        Specs.positive("nonstationary factor", factor);
        if (jumpStep < 1) throw new IllegalArgumentException("nonstationary jump step = " + jumpStep + ": allowed an integer >= 1");
        this.inner = inner;
        this.factor = factor;
        this.jump = jumpStep;
    }

    public Objective inner() { return inner; }

    public double factor() { return factor; }

    public long jumpStep() { return jump; }

    /** The multiplier in force at step t: 1 before the jump, {@code factor} from it on. */
    public double scaleAt(long t) { return t >= jump ? factor : 1; }

    /** The loss the optimizer faces at step t. */
    public double valueAt(double[] x, long t) { return scaleAt(t) * inner.value(x); }

    @Override
    public String name() { return inner.name() + " ×" + Specs.fmt(factor) + " from step " + jump; }

    @Override public int dimension() { return inner.dimension(); }

    @Override public double value(double[] x) { return inner.value(x); }

    @Override public void gradient(double[] x, double[] g) { inner.gradient(x, g); }

    @Override
    public double evaluate(double[] x, double[] g, long t) {
        double l = inner.evaluate(x, g, t);
        double s = scaleAt(t);
        if (s != 1) {
            for (int i = 0; i < g.length; i++) g[i] *= s;
            l *= s;
        }
        return l;
    }

    @Override public Optional<double[]> minimizer() { return inner.minimizer(); }

    @Override public double[] bounds() { return inner.bounds(); }

    @Override public double[] start() { return inner.start(); }
}
